import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { prepareEnvironments, ResolvedEnvironment } from '../../lib/config';
import { AlertRule } from '../../lib/observability/alert-rules';
import { alertRuleGroups, recordingRuleGroups } from '../../lib/observability/rule-groups';
import { plainScrapeConfigs } from '../../lib/observability/metrics-services';
import { durationSeconds } from '../../lib/observability/settings';
import { allObjects } from '../support/render';
import { ENVIRONMENTS } from '../../stacks/environments';
import { ALERT_FIXTURES } from './alert-fixtures';
import { labelUses } from '../../lib/observability/metric-check';
import { withCache } from '../support/cache';
import { expandLabels, groupsForAlert, promtool, testEachAlert, testRules } from './promtool';

const envs = prepareEnvironments(ENVIRONMENTS);

/** A promtool unit test proving the `for:` boundary of one alerting rule. */
function boundaryTest(rule: AlertRule, env: ResolvedEnvironment, index: number) {
  const fixtureFor = ALERT_FIXTURES[rule.alert];
  if (!fixtureFor) throw new Error(`alert ${rule.alert} has no fixture in test/observability/alert-fixtures.ts`);
  const fixture = fixtureFor(rule, env);
  const firesAt = fixture.activeFrom + durationSeconds(rule.for)! / 60;
  const labels = { ...rule.labels, ...fixture.labels };
  const annotations = Object.fromEntries(Object.entries(rule.annotations).map(([k, v]) => [k, expandLabels(v, labels)]));
  return {
    name: `${rule.alert}#${index} (${env.name})`,
    interval: '1m',
    input_series: fixture.series,
    alert_rule_test: [
      { eval_time: `${firesAt - 1}m`, alertname: rule.alert, exp_alerts: [] },
      { eval_time: `${firesAt}m`, alertname: rule.alert, exp_alerts: [{ exp_labels: labels, exp_annotations: annotations }] },
    ],
  };
}

describe.each(envs.map((env) => [env.name, env] as const))('promtool, environment %s', (_name, env) => {
  test('every rendered PrometheusRule passes `promtool check rules`', () => {
    const rules = allObjects().filter((o) => o.environment === env.name && o.object.kind === 'PrometheusRule');
    expect(rules.map((r) => r.object.metadata.name).sort()).toEqual(['volcano-alerts', 'volcano-recording-rules']);
    for (const { object } of rules) {
      const result = promtool((f) => ['check', 'rules', f['rules.yaml']], { 'rules.yaml': object.spec });
      expect({ rule: object.metadata.name, status: result.status, output: result.output }).toEqual(expect.objectContaining({ status: 0 }));
    }
  });

  test('every alert fires exactly at its `for:` boundary with the exact labels and annotations (`promtool test rules`)', () => {
    // Each alert against just the rules it reads (testEachAlert): this also proves that nothing an alert
    // needs to fire is left out of the groups the noise-budget tests give it.
    const tested: string[] = [];
    const result = testEachAlert([...recordingRuleGroups(env), ...alertRuleGroups(env)], (rule, i) => {
      tested.push(rule.alert);
      return [boundaryTest(rule, env, i)];
    });
    expect(tested).toEqual(alertRuleGroups(env).flatMap((g) => (g.rules as AlertRule[]).map((r) => r.alert)));
    if (result.status !== 0) throw new Error(`promtool test rules failed for ${env.name}:\n${result.output}`);
  });

  test('the plain scrape configuration passes `promtool check config`', () => {
    // Debian's promtool is built without Kubernetes service discovery: that one block is swapped for a
    // static target so promtool still checks the job, paths, scheme and every relabeling rule.
    const configs = plainScrapeConfigs(env.release.namespace).map(({ kubernetes_sd_configs: sd, ...rest }) => {
      expect(sd).toEqual([{ role: 'endpoints', namespaces: { names: [env.release.namespace] } }]);
      return { ...rest, static_configs: [{ targets: ['volcano-scheduler-service:8080'] }] };
    });
    const result = promtool((f) => ['check', 'config', f['prometheus.yml']], {
      'prometheus.yml': { global: { scrape_interval: '30s' }, scrape_configs: configs },
    });
    if (result.status !== 0) throw new Error(result.output);
  });
});

test.each(envs.map((env) => [env.name, env] as const))('%s: each alert is tested with every rule recording a series it reads, directly or through other rules, and no other alert', (_name, env) => {
  const groups = [...recordingRuleGroups(env), ...alertRuleGroups(env)];
  const rules = groups.flatMap((g) => g.rules);
  for (const alert of rules.filter((r) => r.alert)) {
    const kept = groupsForAlert(groups, alert).flatMap((g) => g.rules);
    expect(kept.filter((r) => r.alert)).toEqual([alert]);
    const read = new Set(kept.flatMap((r) => labelUses(r.expr).identifiers));
    expect(kept.filter((r) => r.record)).toEqual(rules.filter((r) => r.record && read.has(r.record)));
  }
  // Not vacuous: the first-placement SLA reads a recording rule that reads others.
  const latency = rules.find((r) => r.alert === 'VolcanoJobSchedulingLatencyHigh')!;
  expect(groupsForAlert(groups, latency).flatMap((g) => g.rules).filter((r) => r.record).length).toBeGreaterThan(1);
});

test('the boundary test really detects a wrong `for:` (mutation check)', () => {
  const env = envs[0];
  const rule = alertRuleGroups(env).flatMap((g) => g.rules as AlertRule[]).find((r) => r.alert === 'VolcanoQueueBacklog')!;
  const unitTest = boundaryTest(rule, env, 0);
  const shifted = { ...rule, for: `${durationSeconds(rule.for)! / 60 + 1}m` };
  const result = testRules([...recordingRuleGroups(env), { name: 'mutated', rules: [shifted] }], [unitTest]);
  expect(result.status).not.toBe(0);
});

test('verdicts are kept by promtool\'s version, arguments and files: the same files are not checked twice, a changed file is', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'vp-promtool-count-'));
  const calls = path.join(dir, 'calls');
  const counting = path.join(dir, 'promtool');
  fs.writeFileSync(counting, `#!/bin/sh\necho "$*" >> '${calls}'\nexec promtool "$@"\n`, { mode: 0o755 });
  const saved = process.env.PROMTOOL;
  process.env.PROMTOOL = counting;
  const nonce = `${process.pid}-${Date.now()}`;
  const check = (expr: string) => promtool((f) => ['check', 'rules', f['rules.yaml']], { 'rules.yaml': { groups: [{ name: nonce, rules: [{ record: 'x:y:z', expr }] }] } });
  const checks = () => fs.readFileSync(calls, 'utf8').split('\n').filter((line) => line.startsWith('check'));
  try {
    withCache('on', () => {
      expect(check('vector(1)').status).toBe(0);
      expect(check('vector(1)').status).toBe(0);
      expect(checks()).toEqual(['check rules rules.yaml']);
      const broken = check('vector(1');
      expect(broken.status).not.toBe(0);
      expect(check('vector(1').output).toBe(broken.output);
      expect(checks()).toHaveLength(2);
    });
  } finally {
    if (saved === undefined) delete process.env.PROMTOOL;
    else process.env.PROMTOOL = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a missing promtool fails loudly instead of skipping the checks', () => {
  const saved = process.env.PROMTOOL;
  process.env.PROMTOOL = '/nonexistent/promtool';
  try {
    expect(() => promtool((f) => ['check', 'rules', f['rules.yaml']], { 'rules.yaml': { groups: [] } })).toThrow(
      'promtool is not installed or not on PATH: `npm test` installs it (tools/ensure-promtool.sh), or install the Debian package "prometheus" yourself',
    );
  } finally {
    if (saved === undefined) delete process.env.PROMTOOL;
    else process.env.PROMTOOL = saved;
  }
});
