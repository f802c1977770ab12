import { PrometheusRuleSpecGroups } from '../../imports/monitoring.coreos.com';
import { prepareEnvironment, prepareEnvironments, ResolvedEnvironment } from '../../lib/config';
import { AlertRule } from '../../lib/observability/alert-rules';
import { JOB_RECORDED } from '../../lib/observability/job-recording-rules';
import { RECORDED } from '../../lib/observability/recording-rules';
import { alertRuleGroups, recordingRuleGroups } from '../../lib/observability/rule-groups';
import { DEFAULT_ALERT_THRESHOLDS, durationSeconds } from '../../lib/observability/settings';
import { ENVIRONMENTS } from '../../stacks/environments';
import { gpuLab } from '../../stacks/environments/gpu-lab';
import { gpuLabAlerts } from '../../stacks/environments/gpu-lab-alerts';
import { testEachAlert } from './promtool';
import { QUIET_SCENARIOS, QuietScenario } from './quiet-scenarios';
import { jobSeries, perMinute } from './series';

const envs = prepareEnvironments(ENVIRONMENTS);
const JOB = 'queue, job_namespace, job_name';

const alertsOf = (env: ResolvedEnvironment) => alertRuleGroups(env).flatMap((g) => g.rules as AlertRule[]);

/** A promtool test that the alert stays silent at every minute of the scenario. */
function quietTest(name: string, alert: string, scenario: QuietScenario) {
  return {
    name,
    interval: '1m',
    input_series: scenario.series,
    alert_rule_test: Array.from({ length: scenario.minutes }, (_, m) => ({ eval_time: `${m}m`, alertname: alert, exp_alerts: [] })),
  };
}

function scenariosOf(rule: AlertRule, env: ResolvedEnvironment): QuietScenario[] {
  const scenarios = QUIET_SCENARIOS[rule.alert];
  if (!scenarios) throw new Error(`alert ${rule.alert} has no busy-but-healthy scenario in test/observability/quiet-scenarios.ts`);
  return scenarios(rule, env);
}

/** Every rule group of an environment: recording groups first, as promtool must evaluate them. */
const allGroups = (env: ResolvedEnvironment) => [...recordingRuleGroups(env), ...alertRuleGroups(env)];

/** Groups with `replace` swapped in for the alert rules it names (same alert, other expression), plus extra recording groups first. */
function mutated(env: ResolvedEnvironment, replace: (rule: AlertRule) => AlertRule, extraRecording: PrometheusRuleSpecGroups[] = [], recording = recordingRuleGroups(env)) {
  const alerts = alertRuleGroups(env).map((g) => ({ ...g, rules: (g.rules as AlertRule[]).map(replace) }));
  return [...extraRecording, ...recording, ...alerts];
}

/** Names of the promtool tests that failed. */
const failedTests = (output: string) => [...new Set([...output.matchAll(/name: (.+),\n/g)].map((m) => m[1]))];

describe.each(envs.map((env) => [env.name, env] as const))('noise budget, environment %s', (_name, env) => {
  test('every alert stays silent through each of its busy-but-healthy scenarios (`promtool test rules`)', () => {
    const tested = new Set<string>();
    const result = testEachAlert(allGroups(env), (rule, i) => {
      const tests = scenariosOf(rule, env).map((scenario) => quietTest(`${rule.alert}#${i}${rule.labels.sla ? ` (SLA ${rule.labels.sla})` : ''}: ${scenario.name}`, rule.alert, scenario));
      if (tests.length > 0) tested.add(rule.alert);
      return tests;
    });
    expect(tested).toEqual(new Set(alertsOf(env).map((r) => r.alert)));
    if (result.status !== 0) throw new Error(`promtool test rules failed for ${env.name}:\n${result.output}`);
  });

  // The pre-issue-12 rule: p95 of volcano_e2e_job_scheduling_duration over the jobs with any placement in the last
  // hour. Volcano sets that gauge to the job's whole age on every re-placement (actions/allocate/allocate.go).
  test.each(alertsOf(env).filter((r) => r.alert === 'VolcanoJobSchedulingLatencyHigh').map((r) => [r.labels.sla, r] as const))(
    'mutation check: the silent scenarios of SLA %s catch the old latency expression (every one of them fires)',
    (sla, rule) => {
      const old = 'queue:volcano_e2e_job_scheduling_duration_milliseconds:p95';
      const oldRecording = {
        name: 'old-latency',
        rules: [{
          record: old,
          expr: `quantile by (queue) (0.95, max by (${JOB}) (volcano_e2e_job_scheduling_duration) and on (${JOB}) (time() - max by (${JOB}) (volcano_e2e_job_scheduling_last_time) < 3600))`,
        }],
      };
      const spec = env.observability.schedulingSlas.find((s) => s.name === sla)!;
      const oldExpr = `${old}{queue=~"${spec.queues.join('|')}"} > ${durationSeconds(spec.p95)! * 1000}`;
      const isMutated = (r: AlertRule) => r.alert === rule.alert && r.labels.sla === sla;
      const groups = mutated(env, (r) => (isMutated(r) ? { ...r, expr: oldExpr } : r), [oldRecording]);
      const tests = scenariosOf(rule, env).map((s) => quietTest(`${sla}: ${s.name}`, rule.alert, s));
      const result = testEachAlert(groups, (r) => (isMutated(r) ? tests : []));
      expect(result.status).not.toBe(0);
      expect(new Set(failedTests(result.output))).toEqual(new Set(tests.map((t) => t.name)));
    },
  );

  test('mutation check: the starvation scenario bound by another resource catches the old starvation expression (guarantee unmet while anything waits)', () => {
    const rule = alertsOf(env).find((r) => r.alert === 'VolcanoQueueStarved')!;
    const oldExpr =
      `(${RECORDED.queueGuarantee} unless on (queue, resource) (${RECORDED.queueAllocated} >= on (queue, resource) ${RECORDED.queueGuarantee}))` +
      ` and on (queue) (${RECORDED.podGroupsWaiting} > 0)`;
    const bound = scenariosOf(rule, env).find((s) => s.name.startsWith('bound by'))!;
    const result = testEachAlert(mutated(env, (r) => (r.alert === rule.alert ? { ...r, expr: oldExpr } : r)), (r) => (r.alert === rule.alert ? [quietTest('bound', rule.alert, bound)] : []));
    expect(result.status).not.toBe(0);
    expect(failedTests(result.output)).toEqual(['bound']);
  });

  test('mutation check: without the first-placement memory, the rolling-restart scenario makes VolcanoJobWaitingTooLong fire', () => {
    const rule = alertsOf(env).find((r) => r.alert === 'VolcanoJobWaitingTooLong')!;
    const restart = scenariosOf(rule, env).find((s) => s.name.startsWith('scheduler rolling restart'))!;
    const forgetful = recordingRuleGroups(env).map((g) => ({
      ...g,
      rules: g.rules.map((r) => (r.record === JOB_RECORDED.oldestUnplacedJobAge
        ? { ...r, expr: `max by (queue) (time() - (max by (${JOB}) (volcano_e2e_job_scheduling_start_time) unless on (${JOB}) volcano_e2e_job_scheduling_last_time))` }
        : r)),
    }));
    const result = testEachAlert(mutated(env, (r) => r, [], forgetful), (r) => (r.alert === rule.alert ? [quietTest('restart', rule.alert, restart)] : []));
    expect(result.status).not.toBe(0);
    expect(failedTests(result.output)).toEqual(['restart']);
  });
});

test('gpu-lab\'s review: a saturated lab where nothing finishes for hours is silent with its thresholds, and fires with the default ones', () => {
  const length = 240;
  const queue = 'lab-vision';
  // Long GPU jobs placed at the start hold the lab; a job submitted at 10m waits; nothing else is placed.
  const series = [
    ...[0, 1, 2].flatMap((i) => jobSeries({ name: `training-${i}`, queue, createdAt: 0, placements: [1] }, length)),
    ...jobSeries({ name: 'next', queue, createdAt: 10, placements: [] }, length),
    perMinute(`volcano_queue_pod_group_pending_count{queue_name="${queue}"}`, length, () => 0),
    perMinute(`volcano_queue_pod_group_inqueue_count{queue_name="${queue}"}`, length, () => 1),
  ];
  const scenario = { name: 'saturated lab', minutes: length, series };
  const reviewed = envs.find((e) => e.name === 'gpu-lab')!;
  const waitingTest = (name: string) => (r: AlertRule) => (r.alert === 'VolcanoJobWaitingTooLong' ? [quietTest(name, r.alert, scenario)] : []);
  expect(testEachAlert(allGroups(reviewed), waitingTest('reviewed')).status).toBe(0);
  const defaults = prepareEnvironment({
    ...gpuLab,
    observability: { ...gpuLab.observability, alerts: { ...gpuLabAlerts, jobWaiting: { ...DEFAULT_ALERT_THRESHOLDS.jobWaiting, reason: 'the default' } } },
  });
  const result = testEachAlert(allGroups(defaults), waitingTest('default'));
  expect(result.status).not.toBe(0);
  expect(failedTests(result.output)).toEqual(['default']);
});
