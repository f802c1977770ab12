import { prepareEnvironments } from '../../lib/config';
import { AlertRule } from '../../lib/observability/alert-rules';
import { RECORDED } from '../../lib/observability/recording-rules';
import { alertRuleGroups, recordingRuleGroups } from '../../lib/observability/rules';
import { durationSeconds } from '../../lib/observability/settings';
import { ENVIRONMENTS } from '../../stacks/environments';
import { promtool } from './promtool';

const env = prepareEnvironments(ENVIRONMENTS).find((e) => e.name === 'prod')!;

/** Runs promtool expression tests against the environment's recording rules. */
function expressionTests(tests: unknown[]) {
  const groups = recordingRuleGroups(env);
  return promtool((f) => ['test', 'rules', f['tests.yaml']], {
    'rules.yaml': { groups },
    'tests.yaml': { rule_files: ['rules.yaml'], evaluation_interval: '1m', group_eval_order: groups.map((g) => g.name), tests },
  });
}

test('per-job counters: a job that first fails inside the hour counts in full, one that failed earlier does not count again', () => {
  const result = expressionTests([
    {
      name: 'jobs failed in the last hour',
      interval: '1m',
      input_series: [
        // Job a fails at the start and is kept; job b fails at 90m; job c fails at 10m and again at 95m.
        { series: 'volcano_job_failed_phase_count{job_name="t/a", queue_name="batch"}', values: '1x120' },
        { series: 'volcano_job_failed_phase_count{job_name="t/b", queue_name="batch"}', values: '_x89 1x30' },
        { series: 'volcano_job_failed_phase_count{job_name="t/c", queue_name="batch"}', values: '_x9 1x84 2x25' },
      ],
      promql_expr_test: [
        { expr: RECORDED.jobsFailed, eval_time: '30m', exp_samples: [{ labels: `${RECORDED.jobsFailed}{queue_name="batch"}`, value: 2 }] },
        { expr: RECORDED.jobsFailed, eval_time: '100m', exp_samples: [{ labels: `${RECORDED.jobsFailed}{queue_name="batch"}`, value: 2 }] },
      ],
    },
  ]);
  if (result.status !== 0) throw new Error(result.output);
});

test('scheduling latency p95 counts only jobs placed in the last hour', () => {
  const job = (name: string) => `{job_name="${name}", queue="interactive", job_namespace="agent-runtime"}`;
  const result = expressionTests([
    {
      name: 'old slow job drops out',
      interval: '1m',
      input_series: [
        // A slow job placed at time 0 and a fast one placed again and again.
        { series: `volcano_e2e_job_scheduling_duration${job('slow')}`, values: '600000x150' },
        { series: `volcano_e2e_job_scheduling_last_time${job('slow')}`, values: '0x150' },
        { series: `volcano_e2e_job_scheduling_duration${job('fast')}`, values: '1000x150' },
        { series: `volcano_e2e_job_scheduling_last_time${job('fast')}`, values: '0+60x150' },
      ],
      promql_expr_test: [
        { expr: `${RECORDED.jobSchedulingDurationP95} > 500000`, eval_time: '30m', exp_samples: [{ labels: `${RECORDED.jobSchedulingDurationP95}{queue="interactive"}`, value: 570050 }] },
        { expr: RECORDED.jobSchedulingDurationP95, eval_time: '2h', exp_samples: [{ labels: `${RECORDED.jobSchedulingDurationP95}{queue="interactive"}`, value: 1000 }] },
      ],
    },
  ]);
  if (result.status !== 0) throw new Error(result.output);
});

test('GPUs exported in thousandths: 2 GPUs allocated (2000) against a guarantee of 6 are starved, 6 GPUs (6000) are not', () => {
  const gpuLab = prepareEnvironments(ENVIRONMENTS).find((e) => e.name === 'gpu-lab')!;
  const queue = 'lab-vision';
  expect(gpuLab.queues.find((q) => q.name === queue)!.guarantee).toEqual({ cpu: '32', memory: '128Gi', 'nvidia.com/gpu': '6' });
  const groups = [...recordingRuleGroups(gpuLab), ...alertRuleGroups(gpuLab)];
  const q = `queue_name="${queue}"`;
  const gpu = 'resource="nvidia.com/gpu"';
  const series = (gpusMilli: string) => [
    // Full guarantee of CPU (millicores) and memory, work waiting; only the GPUs differ.
    { series: `volcano_queue_allocated_milli_cpu{${q}}`, values: '32000x30' },
    { series: `volcano_queue_allocated_memory_bytes{${q}}`, values: `${128 * 2 ** 30}x30` },
    { series: `volcano_queue_allocated_scalar_resources{${q}, ${gpu}}`, values: gpusMilli },
    { series: `volcano_queue_pod_group_pending_count{${q}}`, values: '1x30' },
    { series: `volcano_queue_pod_group_inqueue_count{${q}}`, values: '0x30' },
  ];
  const labels = { severity: 'warning', queue_name: queue, resource: 'nvidia.com/gpu' };
  const rule = groups.flatMap((g) => g.rules as AlertRule[]).find((r) => r.alert === 'VolcanoQueueStarved')!;
  const annotations = Object.fromEntries(Object.entries(rule.annotations).map(([k, v]) =>
    [k, v.replace(/\{\{ \$labels\.(\w+) \}\}/g, (_m, name: string) => labels[name as keyof typeof labels])]));
  const starvedFor = gpuLab.observability.alerts.queueStarved.for;
  const at = `${durationSeconds(starvedFor)! / 60 + 1}m`;
  const result = promtool((f) => ['test', 'rules', f['tests.yaml']], {
    'rules.yaml': { groups },
    'tests.yaml': {
      rule_files: ['rules.yaml'],
      evaluation_interval: '1m',
      group_eval_order: groups.map((g) => g.name),
      tests: [
        {
          name: '2 of 6 GPUs',
          interval: '1m',
          input_series: series('2000x30'),
          promql_expr_test: [
            { expr: `${RECORDED.queueAllocated}{${q}, ${gpu}}`, eval_time: '1m', exp_samples: [{ labels: `${RECORDED.queueAllocated}{${q}, ${gpu}}`, value: 2 }] },
          ],
          alert_rule_test: [{
            eval_time: at,
            alertname: 'VolcanoQueueStarved',
            exp_alerts: [{ exp_labels: labels, exp_annotations: annotations }],
          }],
        },
        {
          name: '6 of 6 GPUs',
          interval: '1m',
          input_series: series('6000x30'),
          alert_rule_test: [{ eval_time: at, alertname: 'VolcanoQueueStarved', exp_alerts: [] }],
        },
      ],
    },
  });
  if (result.status !== 0) throw new Error(result.output);
});

test('VolcanoJobWaitingTooLong stays silent while the queue places other jobs or has nothing waiting', () => {
  const groups = [...recordingRuleGroups(env), ...alertRuleGroups(env)];
  const job = (name: string) => `{job_name="${name}", queue="interactive", job_namespace="agent-runtime"}`;
  const { waitMinutes, for: holdFor } = env.observability.alerts.jobWaiting;
  const late = `${waitMinutes + durationSeconds(holdFor)! / 60 + 10}m`;
  const n = waitMinutes * 2;
  // A job placed before a scheduler restart: a start time, no last time in the new process.
  const stale = { series: `volcano_e2e_job_scheduling_start_time${job('old')}`, values: `0x${n}` };
  const result = promtool((f) => ['test', 'rules', f['tests.yaml']], {
    'rules.yaml': { groups },
    'tests.yaml': {
      rule_files: ['rules.yaml'],
      evaluation_interval: '1m',
      group_eval_order: groups.map((g) => g.name),
      tests: [
        {
          name: 'another job of the queue placed every minute',
          interval: '1m',
          input_series: [
            stale,
            { series: `volcano_e2e_job_scheduling_start_time${job('new')}`, values: `0+60x${n}` },
            { series: `volcano_e2e_job_scheduling_last_time${job('new')}`, values: `0+60x${n}` },
            { series: 'volcano_queue_pod_group_pending_count{queue_name="interactive"}', values: `1x${n}` },
            { series: 'volcano_queue_pod_group_inqueue_count{queue_name="interactive"}', values: `0x${n}` },
          ],
          alert_rule_test: [{ eval_time: late, alertname: 'VolcanoJobWaitingTooLong', exp_alerts: [] }],
        },
        {
          name: 'nothing waiting in the queue',
          interval: '1m',
          input_series: [
            stale,
            { series: 'volcano_queue_pod_group_pending_count{queue_name="interactive"}', values: `0x${n}` },
            { series: 'volcano_queue_pod_group_inqueue_count{queue_name="interactive"}', values: `0x${n}` },
          ],
          alert_rule_test: [{ eval_time: late, alertname: 'VolcanoJobWaitingTooLong', exp_alerts: [] }],
        },
      ],
    },
  });
  if (result.status !== 0) throw new Error(result.output);
});

test.each([
  ['VolcanoSchedulerDown', 'volcano-scheduler'],
  ['VolcanoControllerDown', 'volcano-controller'],
])('%s fires when Prometheus has never discovered a %s target at all (absent), at its `for:` boundary', (alert, app) => {
  const groups = [...recordingRuleGroups(env), ...alertRuleGroups(env)];
  const rule = groups.flatMap((g) => g.rules as AlertRule[]).find((r) => r.alert === alert)!;
  expect(rule.expr).toContain(`app="${app}"`);
  const minutes = durationSeconds(rule.for)! / 60;
  const ns = env.release.namespace;
  const result = promtool((f) => ['test', 'rules', f['tests.yaml']], {
    'rules.yaml': { groups },
    'tests.yaml': {
      rule_files: ['rules.yaml'],
      evaluation_interval: '1m',
      group_eval_order: groups.map((g) => g.name),
      tests: [{
        name: `no ${app} target`,
        interval: '1m',
        // Other Volcano targets are scraped fine; the component's target does not exist.
        input_series: [{ series: `up{namespace="${ns}", app="volcano-admission", pod="volcano-admission-0"}`, values: `1x${minutes + 5}` }],
        alert_rule_test: [
          { eval_time: `${minutes - 1}m`, alertname: alert, exp_alerts: [] },
          { eval_time: `${minutes}m`, alertname: alert, exp_alerts: [{ exp_labels: rule.labels, exp_annotations: rule.annotations }] },
        ],
      }],
    },
  });
  if (result.status !== 0) throw new Error(result.output);
});
