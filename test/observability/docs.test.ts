import { prepareEnvironment, prepareEnvironments } from '../../lib/config';
import { prod } from '../../stacks/environments/prod';
import { alertDefinitions, omittedAlerts } from '../../lib/observability/alert-rules';
import { dashboardSpecs } from '../../lib/observability/dashboards';
import { RUNBOOKS } from '../../lib/observability/runbooks';
import { ENVIRONMENTS } from '../../stacks/environments';
import { builtInOutputFiles } from '../support/render';

const envs = prepareEnvironments(ENVIRONMENTS);
const alertNames = [...new Set(envs.flatMap((env) => alertDefinitions(env).map((a) => a.name)))].sort();
const files = new Map(builtInOutputFiles().filter((f) => f.path.startsWith('docs/observability/')).map((f) => [f.path, f.content]));

test('every alert has exactly one runbook, and every runbook an alert', () => {
  expect(Object.keys(RUNBOOKS).sort()).toEqual(alertNames);
});

test.each(alertNames)('runbook of %s: meaning, impact, diagnosis with commands or queries, mitigation', (name) => {
  const runbook = RUNBOOKS[name];
  expect(runbook.meaning.length).toBeGreaterThan(40);
  expect(runbook.impact.length).toBeGreaterThan(40);
  expect(runbook.diagnosis.length).toBeGreaterThanOrEqual(2);
  for (const step of runbook.diagnosis) expect(step.command ?? step.query).toBeTruthy();
  expect(runbook.mitigation.length).toBeGreaterThanOrEqual(1);
  const doc = files.get(`docs/observability/runbooks/${name}.md`)!;
  for (const section of ['## Meaning', '## Impact', '## Diagnosis', '## Mitigation', '## Thresholds']) expect(doc).toContain(section);
});

test('the runbook URLs of every environment lead to the generated runbooks', () => {
  for (const env of envs) expect(env.observability.runbookUrlPattern).toMatch(/\/docs\/observability\/runbooks\/\{alert\}\.md$/);
});

test('the alert catalog lists every alert and the dashboards doc every panel', () => {
  const catalog = files.get('docs/observability/alerts.md')!;
  for (const name of alertNames) expect(catalog).toContain(`## ${name}`);
  const dashboardsDoc = files.get('docs/observability/dashboards.md')!;
  for (const env of envs) {
    for (const dashboard of dashboardSpecs(env)) {
      expect(dashboardsDoc).toContain(`## ${dashboard.title} (uid \`${dashboard.uid}\`)`);
      for (const panel of dashboard.rows.flatMap((r) => r.panels)) expect(dashboardsDoc).toContain(`| ${panel.title} |`);
    }
  }
});

test('an alert left out of an environment is documented with its own reason', () => {
  expect(envs.map((env) => [env.name, omittedAlerts(env)])).toEqual([
    ['dev', [{ name: 'VolcanoPreemptionRateHigh', reason: 'the scheduler does not run the preempt action' }]],
    ['prod', []],
    ['gpu-lab', [{ name: 'VolcanoPreemptionRateHigh', reason: 'the scheduler does not run the preempt action' }]],
  ]);
  const runbook = files.get('docs/observability/runbooks/VolcanoPreemptionRateHigh.md')!;
  expect(runbook).toContain('| dev | not rendered (the scheduler does not run the preempt action) | | |');
  expect(runbook).toContain('| gpu-lab | not rendered (the scheduler does not run the preempt action) | | |');
});

test('each conditional alert has its reason, and the omitted ones are exactly those not rendered', () => {
  const bare = prepareEnvironment({
    ...prod,
    queues: prod.queues.map(({ guarantee: _guarantee, ...queue }) => queue),
    observability: { ...prod.observability, schedulingSlas: [], queuesWithoutSla: ['interactive', 'batch'] },
  });
  expect(omittedAlerts(bare)).toEqual([
    { name: 'VolcanoJobSchedulingLatencyHigh', reason: 'no scheduling SLA' },
    { name: 'VolcanoQueueStarved', reason: 'no enabled queue with a guarantee' },
  ]);
  const rendered = alertDefinitions(bare).map((a) => a.name);
  expect(alertNames.filter((name) => !rendered.includes(name))).toEqual(['VolcanoJobSchedulingLatencyHigh', 'VolcanoQueueStarved']);
});
