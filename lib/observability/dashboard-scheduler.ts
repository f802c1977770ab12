import { DashboardSpec, PanelSpec } from './dashboard-kit';
import { DASHBOARD_UIDS } from './dashboard-uids';
import { RECORDED } from './recording-rules';
import { METRICS_APPS_REGEX } from './metrics-services';

const Q = '{queue_name=~"$queue"}';

const queueDepth = (state: 'pending' | 'inqueue' | 'running', meaning: string): PanelSpec => ({
  title: `${state[0].toUpperCase()}${state.slice(1)} PodGroups per queue`,
  description: `PodGroups ${meaning}, per queue (from the controller manager).`,
  unit: 'short',
  kind: 'timeseries',
  width: 8,
  queries: [{ expr: `max by (queue_name) (volcano_queue_pod_group_${state}_count${Q})`, legend: '{{queue_name}}' }],
});

/** Panels on the preempt action's metrics. */
const preemptionPanels: PanelSpec[] = [
  {
    title: 'Preemption attempts',
    description: 'Preemption attempts per minute over 10 minutes (shown only where the scheduler runs the preempt action).',
    unit: 'cpm',
    kind: 'timeseries',
    width: 6,
    queries: [{ expr: `${RECORDED.preemptionRate} * 60`, legend: 'attempts' }],
  },
  {
    title: 'Preemption victims',
    description: 'Pods chosen as victims by the most recent preemption.',
    unit: 'short',
    kind: 'stat',
    width: 6,
    queries: [{ expr: 'max(volcano_pod_preemption_victims)', legend: 'victims' }],
  },
];

/** p50, p95 and p99 of a histogram over all its series. */
const percentiles = (metric: string, window: string) =>
  [50, 95, 99].map((p) => ({ expr: `histogram_quantile(${p / 100}, sum by (le) (rate(${metric}_bucket[${window}])))`, legend: `p${p}` }));

/**
 * "Volcano Scheduler Operations": is work flowing, how fast, and what blocks it.
 *
 * @param preemption whether the scheduler runs the preempt action; without it the preemption panels are left out
 */
export function schedulerOperationsDashboard(volcanoNamespace: string, preemption: boolean): DashboardSpec {
  return {
    uid: DASHBOARD_UIDS.schedulerOperations,
    title: 'Volcano Scheduler Operations',
    description:
      'Queue depth, time from submission to placement, scheduler latency by action and plugin, preemption and ' +
      'unschedulable gang jobs. Start here when an alert fires or users report jobs waiting.',
    queueVariableMetric: 'volcano_queue_pod_group_pending_count',
    rows: [
      {
        title: 'Queue depth',
        panels: [
          queueDepth('pending', 'not yet admitted to their queue (waiting for enqueue)'),
          queueDepth('inqueue', 'admitted but not running yet (waiting for allocation)'),
          queueDepth('running', 'running'),
        ],
      },
      {
        title: 'Time to placement',
        panels: [
          {
            title: 'Wait for first placement, p95 per queue',
            description: 'Per queue, the 95th percentile, over the jobs first placed in the last hour, of the time from PodGroup creation to the first placement of one of its tasks (re-placements after evictions do not count), and how many jobs that is. Compare with the queue\'s SLA.',
            unit: 's',
            kind: 'timeseries',
            width: 12,
            queries: [
              { expr: `${RECORDED.firstPlacementWaitP95}{queue=~"$queue"}`, legend: '{{queue}} p95' },
              { expr: `${RECORDED.jobsFirstPlaced}{queue=~"$queue"}`, legend: '{{queue}} jobs' },
            ],
          },
          {
            title: 'Job scheduling latency, all queues',
            description: 'Percentiles of the time from PodGroup creation to each task placement, over all placements, re-placements included (Volcano\'s own histogram). The histogram ends at 2 minutes: longer waits show as the top bucket.',
            unit: 'ms',
            kind: 'timeseries',
            width: 12,
            queries: percentiles('volcano_e2e_job_scheduling_latency_milliseconds', '10m'),
          },
        ],
      },
      {
        title: 'Scheduler latency',
        panels: [
          {
            title: 'Scheduling session latency',
            description: 'Percentiles of one scheduling session (snapshot, actions, close). The scheduler starts a session every second; sessions longer than that delay every queue.',
            unit: 'ms',
            kind: 'timeseries',
            width: 8,
            queries: percentiles('volcano_e2e_scheduling_latency_milliseconds', '5m'),
          },
          {
            title: 'Action latency p95',
            description: 'p95 duration of each scheduler action (enqueue, allocate, backfill, preempt, reclaim) per session: shows which step makes sessions slow.',
            unit: 'ms',
            kind: 'timeseries',
            width: 8,
            queries: [{ expr: 'histogram_quantile(0.95, sum by (le, action) (rate(volcano_action_scheduling_latency_milliseconds_bucket[5m])))', legend: '{{action}}' }],
          },
          {
            title: 'Plugin latency p95',
            description: 'p95 duration of each plugin\'s session open and close hooks: a slow plugin slows every session.',
            unit: 'ms',
            kind: 'timeseries',
            width: 8,
            queries: [{ expr: 'histogram_quantile(0.95, sum by (le, plugin, OnSession) (rate(volcano_plugin_scheduling_latency_milliseconds_bucket[5m])))', legend: '{{plugin}} {{OnSession}}' }],
          },
        ],
      },
      {
        title: preemption ? 'Preemption and unschedulable jobs' : 'Unschedulable jobs',
        panels: [
          ...(preemption ? preemptionPanels : []),
          {
            title: 'Gang-unschedulable jobs',
            description: 'Gang jobs whose minimum member count could not be placed in the last session.',
            unit: 'short',
            kind: 'timeseries',
            width: preemption ? 6 : 12,
            queries: [{ expr: 'max(volcano_unschedule_job_count)', legend: 'jobs' }],
          },
          {
            title: 'Unschedulable tasks per job',
            description: 'Per gang job (PodGroup name), the tasks that could not be placed in the last session; only jobs with at least one.',
            unit: 'short',
            kind: 'timeseries',
            width: preemption ? 6 : 12,
            queries: [{ expr: 'max by (job_id) (volcano_unschedule_task_count) > 0', legend: '{{job_id}}' }],
          },
        ],
      },
      {
        title: 'Control plane',
        panels: [
          {
            title: 'Healthy control-plane targets',
            description: `Scraped targets reporting up, per component in namespace ${volcanoNamespace}. Zero means the component is down or not scraped.`,
            unit: 'short',
            kind: 'timeseries',
            width: 8,
            queries: [{ expr: `sum by (app) (up{namespace="${volcanoNamespace}", app=~"${METRICS_APPS_REGEX}"})`, legend: '{{app}}' }],
          },
          {
            title: 'Admission webhook p99 latency',
            description: 'Per Volcano webhook, the p99 latency the API server sees. Calls time out at 10s and are then rejected.',
            unit: 's',
            kind: 'timeseries',
            width: 8,
            queries: [{ expr: RECORDED.webhookLatencyP99, legend: '{{name}}' }],
          },
          {
            title: 'Admission webhook error ratio',
            description: 'Per Volcano webhook, the share of API server calls that could not reach it or got no answer in time.',
            unit: 'percentunit',
            kind: 'timeseries',
            width: 8,
            queries: [{ expr: RECORDED.webhookErrorRatio, legend: '{{name}}' }],
          },
        ],
      },
    ],
  };
}
