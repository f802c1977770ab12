import { prepareEnvironments } from '../../lib/config';
import { AlertRule } from '../../lib/observability/alert-rules';
import { JOB_MEMORY_BRIDGE } from '../../lib/observability/job-recording-rules';
import { RECORDED } from '../../lib/observability/recording-rules';
import { alertRuleGroups, recordingRuleGroups } from '../../lib/observability/rule-groups';
import { durationSeconds } from '../../lib/observability/settings';
import { ENVIRONMENTS } from '../../stacks/environments';
import { expandLabels, testRules } from './promtool';
import { perMinute } from './series';

const env = prepareEnvironments(ENVIRONMENTS).find((e) => e.name === 'prod')!;

/** Runs promtool expression tests against the environment's recording rules. */
function expressionTests(tests: unknown[]) {
  return testRules(recordingRuleGroups(env), tests);
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
        { expr: RECORDED.jobsFailed, eval_time: '30m', exp_samples: [{ labels: `${RECORDED.jobsFailed}{queue="batch"}`, value: 2 }] },
        { expr: RECORDED.jobsFailed, eval_time: '100m', exp_samples: [{ labels: `${RECORDED.jobsFailed}{queue="batch"}`, value: 2 }] },
      ],
    },
  ]);
  if (result.status !== 0) throw new Error(result.output);
});

test('per-job counters: a job deleted after it failed (ttlSecondsAfterFinished) still counts for the hour after its failure', () => {
  // Deleting a Volcano Job deletes its series (pkg/controllers/job/job_controller_handler.go:139, v1.15.1).
  const result = expressionTests([
    {
      name: 'jobs failed in the last hour, deleted 10 minutes later',
      interval: '1m',
      input_series: [
        // Job d failed before the hour and is deleted within it; e fails at 70m, f at 75m, and g completes at
        // 72m, each deleted 10 minutes later.
        perMinute('volcano_job_failed_phase_count{job_name="t/d", queue_name="batch"}', 140, (m) => (m < 75 ? 1 : undefined)),
        perMinute('volcano_job_failed_phase_count{job_name="t/e", queue_name="batch"}', 140, (m) => (m >= 70 && m < 80 ? 1 : undefined)),
        perMinute('volcano_job_failed_phase_count{job_name="t/f", queue_name="batch"}', 140, (m) => (m >= 75 && m < 85 ? 1 : undefined)),
        perMinute('volcano_job_completed_phase_count{job_name="t/g", queue_name="batch"}', 140, (m) => (m >= 72 && m < 82 ? 1 : undefined)),
      ],
      promql_expr_test: [
        { expr: RECORDED.jobsFailed, eval_time: '120m', exp_samples: [{ labels: `${RECORDED.jobsFailed}{queue="batch"}`, value: 2 }] },
        { expr: RECORDED.jobsFinished, eval_time: '120m', exp_samples: [{ labels: `${RECORDED.jobsFinished}{queue="batch"}`, value: 3 }] },
        // More than an hour after its failure (at 70m) e no longer counts; f (75m) still does.
        { expr: RECORDED.jobsFailed, eval_time: '131m', exp_samples: [{ labels: `${RECORDED.jobsFailed}{queue="batch"}`, value: 1 }] },
      ],
    },
  ]);
  if (result.status !== 0) throw new Error(result.output);
});

describe('first placements (job-recording-rules.ts, after allocate.go/backfill.go and cache/event_handlers.go)', () => {
  const job = (name: string, pod = 'volcano-scheduler-a') => `{job_name="${name}", queue="interactive", job_namespace="agent-runtime", pod="${pod}"}`;
  const key = (name: string) => `${RECORDED.jobFirstPlacementWait}{job_name="${name}", job_namespace="agent-runtime", queue="interactive"}`;

  test('the wait is creation to first placement; re-placements, restarts and leader changes do not change it', () => {
    const result = expressionTests([{
      name: 'one job, placed, re-placed in the same process, then again by a new leader',
      interval: '1m',
      input_series: [
        // Created at 0, first placed at 2m; re-placed at 90m (an eviction); the leader changes at 100m and
        // the new one re-places it at 120m (its cache sets the start time again, but has no placement yet).
        { series: `volcano_e2e_job_scheduling_start_time${job('a')}`, values: '0x100' },
        { series: `volcano_e2e_job_scheduling_last_time${job('a')}`, values: '_x2 120x88 5400x10' },
        { series: `volcano_e2e_job_scheduling_start_time${job('a', 'volcano-scheduler-b')}`, values: '_x101 0x60' },
        { series: `volcano_e2e_job_scheduling_last_time${job('a', 'volcano-scheduler-b')}`, values: '_x120 7200x40' },
      ],
      promql_expr_test: [
        { expr: RECORDED.jobFirstPlacementWait, eval_time: '5m', exp_samples: [{ labels: key('a'), value: 120 }] },
        { expr: RECORDED.jobFirstPlacementWait, eval_time: '95m', exp_samples: [{ labels: key('a'), value: 120 }] },
        { expr: RECORDED.jobFirstPlacementWait, eval_time: '150m', exp_samples: [{ labels: key('a'), value: 120 }] },
        // Counted in its queue's p95 during the hour after its first placement only.
        { expr: RECORDED.jobsFirstPlaced, eval_time: '30m', exp_samples: [{ labels: `${RECORDED.jobsFirstPlaced}{queue="interactive"}`, value: 1 }] },
        { expr: RECORDED.jobsFirstPlaced, eval_time: '125m', exp_samples: [] },
      ],
    }]);
    if (result.status !== 0) throw new Error(result.output);
  });

  test('a scheduler outage shorter than the memory bridge forgets no placement', () => {
    expect(JOB_MEMORY_BRIDGE).toBe('1h');
    const result = expressionTests([{
      name: 'placed at 1m, scheduler down from 70m to 100m, the job re-placed at 105m',
      interval: '1m',
      input_series: [
        { series: `volcano_e2e_job_scheduling_start_time${job('c')}`, values: '0x70' },
        { series: `volcano_e2e_job_scheduling_last_time${job('c')}`, values: '_x1 60x69' },
        { series: `volcano_e2e_job_scheduling_start_time${job('c', 'volcano-scheduler-b')}`, values: '_x100 0x20' },
        { series: `volcano_e2e_job_scheduling_last_time${job('c', 'volcano-scheduler-b')}`, values: '_x105 6300x15' },
      ],
      promql_expr_test: [
        { expr: RECORDED.jobFirstPlacementWait, eval_time: '110m', exp_samples: [{ labels: key('c'), value: 60 }] },
        { expr: RECORDED.jobsFirstPlaced, eval_time: '110m', exp_samples: [] },
      ],
    }]);
    if (result.status !== 0) throw new Error(result.output);
  });

  test('a PodGroup created again under the same name (a Volcano Job restart) keeps its first placement and creation; one unseen for over two hours is new; a job never placed has no wait', () => {
    const created = (name: string) => `${RECORDED.jobCreated}{job_name="${name}", job_namespace="agent-runtime", queue="interactive"}`;
    const result = expressionTests([{
      name: 'restarted, forgotten and waiting jobs',
      interval: '1m',
      input_series: [
        // Job b: created at 0, placed at 1m; a restart deletes its PodGroup at 21m and the controller creates
        // it again at 30m (1800 s), placed again 5 minutes later: a re-placement, not a first placement.
        { series: `volcano_e2e_job_scheduling_start_time${job('b')}`, values: '0x20 _x9 1800x60' },
        { series: `volcano_e2e_job_scheduling_last_time${job('b')}`, values: '_x1 60x19 _x14 2100x45' },
        // Job d: placed at 1m, gone from 11m to 159m (longer than the memory bridge, twice over), created
        // again at 160m (9600 s) and placed 5 minutes later: forgotten, so a new job.
        { series: `volcano_e2e_job_scheduling_start_time${job('d')}`, values: '0x10 _x149 9600x20' },
        { series: `volcano_e2e_job_scheduling_last_time${job('d')}`, values: '_x1 60x9 _x154 9900x15' },
        { series: `volcano_e2e_job_scheduling_start_time${job('waiting')}`, values: '0x90' },
      ],
      promql_expr_test: [
        { expr: RECORDED.jobFirstPlacementWait, eval_time: '10m', exp_samples: [{ labels: key('b'), value: 60 }, { labels: key('d'), value: 60 }] },
        { expr: RECORDED.jobFirstPlacementWait, eval_time: '40m', exp_samples: [{ labels: key('b'), value: 60 }, { labels: key('d'), value: 60 }] },
        { expr: `${RECORDED.jobCreated}{job_name="b"}`, eval_time: '40m', exp_samples: [{ labels: created('b'), value: 0 }] },
        { expr: `${RECORDED.jobFirstPlacementWait}{job_name="d"}`, eval_time: '170m', exp_samples: [{ labels: key('d'), value: 300 }] },
        { expr: `${RECORDED.oldestUnplacedJobAge}`, eval_time: '40m', exp_samples: [{ labels: `${RECORDED.oldestUnplacedJobAge}{queue="interactive"}`, value: 2400 }] },
      ],
    }]);
    if (result.status !== 0) throw new Error(result.output);
  });
});

describe('VolcanoQueueStarved counts PodGroups held Pending as waiting', () => {
  // A Volcano Job gets its pods only once its PodGroup leaves Pending (pkg/controllers/job/job_controller_actions.go:407,
  // v1.15.1) and proportion requests only for existing tasks (plugins/proportion/proportion.go:145-155): a queue
  // whose jobs are never admitted shows request = allocated.
  test.each(prepareEnvironments(ENVIRONMENTS).map((e) => [e.name, e] as const))('%s: below its guarantee, nothing requested beyond what it holds, PodGroups pending throughout: fires for each resource it is short of', (_name, environment) => {
    const queue = environment.queues.find((q) => q.enabled && q.guarantee?.cpu !== undefined && q.guarantee?.memory !== undefined)!;
    const q = `queue_name="${queue.name}"`;
    const starvedFor = durationSeconds(environment.observability.alerts.queueStarved.for)! / 60;
    const minutes = starvedFor + 5;
    // One core and one byte held (and requested) by its existing tasks: below every guarantee of cpu and memory.
    const series = [
      { series: `volcano_queue_allocated_milli_cpu{${q}}`, values: `1000x${minutes}` },
      { series: `volcano_queue_request_milli_cpu{${q}}`, values: `1000x${minutes}` },
      { series: `volcano_queue_allocated_memory_bytes{${q}}`, values: `1x${minutes}` },
      { series: `volcano_queue_request_memory_bytes{${q}}`, values: `1x${minutes}` },
      ...Object.keys(queue.guarantee!).filter((r) => r !== 'cpu' && r !== 'memory').flatMap((r) => [
        { series: `volcano_queue_allocated_scalar_resources{${q}, resource="${r}"}`, values: `0x${minutes}` },
        { series: `volcano_queue_request_scalar_resources{${q}, resource="${r}"}`, values: `0x${minutes}` },
      ]),
      { series: `volcano_queue_pod_group_pending_count{${q}}`, values: `3x${minutes}` },
    ];
    const rule = alertRuleGroups(environment).flatMap((g) => g.rules).find((r) => r.alert === 'VolcanoQueueStarved') as AlertRule;
    const result = testRules([...recordingRuleGroups(environment), ...alertRuleGroups(environment)], [{
      name: 'jobs never admitted',
      interval: '1m',
      input_series: series,
      alert_rule_test: [
        { eval_time: `${starvedFor - 1}m`, alertname: 'VolcanoQueueStarved', exp_alerts: [] },
        {
          eval_time: `${starvedFor + 2}m`,
          alertname: 'VolcanoQueueStarved',
          exp_alerts: Object.keys(queue.guarantee!).sort().map((resource) => ({
            exp_labels: { ...rule.labels, queue: queue.name, resource },
            exp_annotations: Object.fromEntries(Object.entries(rule.annotations).map(([key, template]) => [key, expandLabels(template, { queue: queue.name, resource })])),
          })),
        },
      ],
    }]);
    if (result.status !== 0) throw new Error(result.output);
  });
});

test('GPUs exported in thousandths: 2 GPUs allocated (2000) against a guarantee of 6 are starved, 6 GPUs (6000) are not', () => {
  const gpuLab = prepareEnvironments(ENVIRONMENTS).find((e) => e.name === 'gpu-lab')!;
  const queue = 'lab-vision';
  expect(gpuLab.queues.find((q) => q.name === queue)!.guarantee).toEqual({ cpu: '32', memory: '128Gi', 'nvidia.com/gpu': '6' });
  const groups = [...recordingRuleGroups(gpuLab), ...alertRuleGroups(gpuLab)];
  const q = `queue_name="${queue}"`;
  const gpu = 'resource="nvidia.com/gpu"';
  const series = (gpusMilli: string) => [
    // Full guarantee of CPU (millicores) and memory; pending tasks ask for 8 GPUs; only the GPUs held differ.
    { series: `volcano_queue_allocated_milli_cpu{${q}}`, values: '32000x50' },
    { series: `volcano_queue_allocated_memory_bytes{${q}}`, values: `${128 * 2 ** 30}x50` },
    { series: `volcano_queue_allocated_scalar_resources{${q}, ${gpu}}`, values: gpusMilli },
    { series: `volcano_queue_request_scalar_resources{${q}, ${gpu}}`, values: '8000x50' },
  ];
  const starvedFor = gpuLab.observability.alerts.queueStarved.for;
  expect(starvedFor).toBe('30m');
  const result = testRules(groups, [
    {
      name: '2 of 6 GPUs',
      interval: '1m',
      input_series: series('2000x50'),
      promql_expr_test: [
        { expr: `${RECORDED.queueAllocated}{queue="${queue}", ${gpu}}`, eval_time: '1m', exp_samples: [{ labels: `${RECORDED.queueAllocated}{queue="${queue}", ${gpu}}`, value: 2 }] },
      ],
      alert_rule_test: [{
        eval_time: '31m',
        alertname: 'VolcanoQueueStarved',
        exp_alerts: [{
          exp_labels: { severity: 'warning', queue, resource: 'nvidia.com/gpu' },
          exp_annotations: {
            summary: 'Queue lab-vision is below its nvidia.com/gpu guarantee while it waits for nvidia.com/gpu.',
            description: 'Queue lab-vision holds less nvidia.com/gpu than its guarantee while its pending tasks request more nvidia.com/gpu or its PodGroups wait Pending for admission (and it holds its full guarantee of nothing else its tasks wait for), for 30m.',
            runbook_url: 'https://git.gpu-lab.example.edu/hpc/volcano-platform/-/blob/main/docs/observability/runbooks/gpu-lab/VolcanoQueueStarved.md',
            dashboard_url: 'https://grafana.gpu-lab.example.edu/d/volcano-queues?var-queue=lab-vision',
          },
        }],
      }],
    },
    {
      name: '6 of 6 GPUs',
      interval: '1m',
      input_series: series('6000x50'),
      alert_rule_test: [{ eval_time: '31m', alertname: 'VolcanoQueueStarved', exp_alerts: [] }],
    },
  ]);
  if (result.status !== 0) throw new Error(result.output);
});

test('VolcanoJobWaitingTooLong stays silent while the queue places other jobs or has nothing waiting', () => {
  const groups = [...recordingRuleGroups(env), ...alertRuleGroups(env)];
  const job = (name: string) => `{job_name="${name}", queue="interactive", job_namespace="agent-runtime"}`;
  const { waitMinutes, for: holdFor } = env.observability.alerts.jobWaiting;
  const late = `${waitMinutes + durationSeconds(holdFor)! / 60 + 10}m`;
  const n = waitMinutes * 2;
  // A job no rule has seen placed (placed before the rules were deployed, by an earlier scheduler process):
  // a start time, no last time.
  const stale = { series: `volcano_e2e_job_scheduling_start_time${job('old')}`, values: `0x${n}` };
  const result = testRules(groups, [
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
  ]);
  if (result.status !== 0) throw new Error(result.output);
});

test('a gang job that partly fits is not placed: it silences no other job of its queue, and its own wait counts from its start', () => {
  const groups = [...recordingRuleGroups(env), ...alertRuleGroups(env)];
  const queue = 'batch';
  const job = (name: string) => `{job_name="${name}", queue="${queue}", job_namespace="tenant-a", pod="volcano-scheduler-a"}`;
  const { waitMinutes, for: holdFor } = env.observability.alerts.jobWaiting;
  const firesAt = waitMinutes + 1 + durationSeconds(holdFor)! / 60;
  const startsAt = firesAt + 10;
  const n = startsAt + 20;
  // allocate sets the last-scheduled time of a gang before the gang decides and then discards the
  // statement (actions/allocate/allocate.go:953-983, :865), so it moves every session while the gang
  // plugin reports the gang's missing members (plugins/gang/gang.go:232-291); at `startsAt` it runs.
  const gang = [
    perMinute(`volcano_e2e_job_scheduling_start_time${job('gang')}`, n, () => 0),
    perMinute(`volcano_e2e_job_scheduling_last_time${job('gang')}`, n, (m) => (m === 0 ? undefined : Math.min(m, startsAt) * 60)),
    perMinute('volcano_unschedule_task_count{job_id="gang", pod="volcano-scheduler-a"}', n, (m) => (m === 0 ? undefined : m < startsAt ? 4 : 0)),
  ];
  const queueSeries = [
    perMinute(`volcano_e2e_job_scheduling_start_time${job('waiting')}`, n, () => 0),
    perMinute(`volcano_queue_pod_group_pending_count{queue_name="${queue}"}`, n, () => 2),
    perMinute(`volcano_queue_pod_group_inqueue_count{queue_name="${queue}"}`, n, () => 0),
  ];
  const wait = (value: number) => [{ labels: `${RECORDED.jobFirstPlacementWait}{job_name="gang", job_namespace="tenant-a", queue="${queue}"}`, value }];
  const result = testRules(groups, [{
    name: 'a gang stuck with part of its members placeable, and a job behind it',
    interval: '1m',
    input_series: [...gang, ...queueSeries],
    promql_expr_test: [
      { expr: `${RECORDED.jobFirstPlacementWait}{job_name="gang"}`, eval_time: `${startsAt - 1}m`, exp_samples: [] },
      { expr: `${RECORDED.jobFirstPlacementWait}{job_name="gang"}`, eval_time: `${startsAt + 5}m`, exp_samples: wait(startsAt * 60) },
    ],
    alert_rule_test: [
      { eval_time: `${firesAt - 1}m`, alertname: 'VolcanoJobWaitingTooLong', exp_alerts: [] },
      {
        eval_time: `${firesAt}m`,
        alertname: 'VolcanoJobWaitingTooLong',
        exp_alerts: [{
          exp_labels: { severity: 'warning', queue },
          exp_annotations: {
            summary: `Queue ${queue} places no jobs while its jobs wait.`,
            description: `A job in queue ${queue} has waited more than ${waitMinutes} minutes without being placed, no job of the queue was placed in that time, and the queue has PodGroups waiting, for ${holdFor}.`,
            runbook_url: `${ALERT_LINKS.runbooks}/prod/VolcanoJobWaitingTooLong.md`,
            dashboard_url: `${ALERT_LINKS.dashboard}?var-queue=${queue}`,
          },
        }],
      },
    ],
  }]);
  if (result.status !== 0) throw new Error(result.output);
});

const ALERT_LINKS = {
  runbooks: 'https://git.agent-platform.internal/platform/volcano-platform/-/blob/main/docs/observability/runbooks',
  dashboard: 'https://grafana.prod.agent-platform.internal/d/volcano-scheduler-operations',
};

test.each([
  ['VolcanoSchedulerDown', 'volcano-scheduler', {
    summary: 'No Volcano scheduler is being scraped successfully in volcano-system.',
    description: 'Prometheus has no healthy target with app="volcano-scheduler" in namespace volcano-system for 5m: no new Volcano job or PodGroup is being placed.',
  }],
  ['VolcanoControllerDown', 'volcano-controller', {
    summary: 'No Volcano controller manager is being scraped successfully in volcano-system.',
    description: 'Prometheus has no healthy target with app="volcano-controller" in namespace volcano-system for 5m: Volcano Jobs, queues and PodGroups are not reconciled and queue depth metrics are frozen.',
  }],
])('%s fires when Prometheus has never discovered a %s target at all (absent), at its `for:` boundary', (alert, app, text) => {
  const groups = [...recordingRuleGroups(env), ...alertRuleGroups(env)];
  const rule = groups.flatMap((g) => g.rules as AlertRule[]).find((r) => r.alert === alert)!;
  expect(rule.expr).toBe(`absent(up{namespace="volcano-system", app="${app}"} == 1)`);
  expect(rule.for).toBe('5m');
  const result = testRules(groups, [{
    name: `no ${app} target`,
    interval: '1m',
    // Other Volcano targets are scraped fine; the component's target does not exist.
    input_series: [{ series: 'up{namespace="volcano-system", app="volcano-admission", pod="volcano-admission-0"}', values: '1x10' }],
    alert_rule_test: [
      { eval_time: '4m', alertname: alert, exp_alerts: [] },
      {
        eval_time: '5m',
        alertname: alert,
        exp_alerts: [{
          exp_labels: { severity: 'critical' },
          exp_annotations: { ...text, runbook_url: `${ALERT_LINKS.runbooks}/prod/${alert}.md`, dashboard_url: ALERT_LINKS.dashboard },
        }],
      },
    ],
  }]);
  if (result.status !== 0) throw new Error(result.output);
});
