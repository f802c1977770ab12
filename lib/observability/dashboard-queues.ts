import { SharingPolicy } from '../config/model';
import { DashboardSpec, PanelSpec } from './dashboard-kit';
import { DASHBOARD_UIDS } from './dashboard-uids';
import { RECORDED } from './recording-rules';

/** Volcano's queue metrics name the queue `queue_name`; our recorded series `queue`. */
const Q = 'queue_name=~"$queue"';
const RQ = 'queue=~"$queue"';

/** Allocated, deserved, guarantee and capability of one resource, per queue. */
function resourcePanel(resource: string, unit: string, unitWords: string): PanelSpec {
  const r = `resource="${resource}"`;
  return {
    title: `${resource}: allocated, deserved, guarantee, capability`,
    description:
      `Per queue, in ${unitWords}: what the queue holds (allocated), what its placed and pending tasks ask for (requested), its fair share as the sharing plugin computes it (deserved), ` +
      'and the guarantee and capability declared for this environment. Allocated below both guarantee and requested is starvation of this resource; ' +
      'allocated above deserved is borrowing that may be reclaimed.',
    unit,
    kind: 'timeseries',
    width: 12,
    queries: [
      { expr: `${RECORDED.queueAllocated}{${RQ}, ${r}}`, legend: '{{queue}} allocated' },
      { expr: `${RECORDED.queueRequested}{${RQ}, ${r}}`, legend: '{{queue}} requested' },
      { expr: `${RECORDED.queueDeserved}{${RQ}, ${r}}`, legend: '{{queue}} deserved' },
      { expr: `${RECORDED.queueGuarantee}{${RQ}, ${r}}`, legend: '{{queue}} guarantee' },
      { expr: `${RECORDED.queueCapability}{${RQ}, ${r}}`, legend: '{{queue}} capability' },
    ],
  };
}

/**
 * Which queues are over their deserved share, judged as `VolcanoQueueOverused` judges it. Under proportion
 * Volcano's overused gauge cannot be drawn: proportion caps deserved at the queue's request
 * (pkg/scheduler/plugins/proportion/proportion.go:233, v1.15.1) and reports overused when deserved <= allocated
 * (:323), so it reads 1 for every queue whose demand is met. What reclaim takes back is allocation above
 * deserved, per resource (:310).
 */
function overusedPanel(sharingPolicy: SharingPolicy): PanelSpec {
  const common = { title: 'Overused queues', unit: 'bool', kind: 'timeseries', width: 8 } as const;
  if (sharingPolicy === 'proportion') {
    return {
      ...common,
      description:
        'Per queue and resource, 1 while the queue holds more of the resource than the proportion plugin\'s deserved share (allocated above deserved, ' +
        'as VolcanoQueueOverused judges it); reclaim may take that excess back from its reclaimable work when other queues wait. ' +
        'Volcano\'s own overused gauge is not drawn: under proportion it reads 1 for every queue whose tasks get all they request.',
      queries: [{ expr: `${RECORDED.queueAllocated}{${RQ}} > bool on (queue, resource) ${RECORDED.queueDeserved}{${RQ}}`, legend: '{{queue}} {{resource}}' }],
    };
  }
  return {
    ...common,
    description: 'Per queue, 1 while the capacity plugin reports it over its deserved share (Volcano\'s overused gauge): it then cannot enqueue more and its reclaimable work may be evicted.',
    queries: [{ expr: `max by (queue_name) (volcano_queue_overused{${Q}})`, legend: '{{queue_name}}' }],
  };
}

/**
 * "Volcano Queues": each queue's resources against its share, and how its jobs end.
 *
 * @param extraResources resources besides cpu and memory the environment plans with (e.g. `nvidia.com/gpu`)
 * @param sharingPolicy the environment's sharing plugin, which decides how overuse is judged
 */
export function queuesDashboard(extraResources: readonly string[], sharingPolicy: SharingPolicy): DashboardSpec {
  return {
    uid: DASHBOARD_UIDS.queues,
    title: 'Volcano Queues',
    description:
      'Per queue: allocated resources against deserved share, guarantee and capability; dominant share and overuse; ' +
      'Volcano Job completions and failures. Use it to answer "is this queue getting what it was promised?".',
    queueVariableMetric: 'volcano_queue_pod_group_pending_count',
    rows: [
      {
        title: 'Resources',
        panels: [
          resourcePanel('cpu', 'short', 'cores'),
          resourcePanel('memory', 'bytes', 'bytes'),
          ...[...extraResources].sort().map((resource) => resourcePanel(resource, 'short', 'units')),
        ],
      },
      {
        title: 'Share',
        panels: [
          {
            title: 'Dominant share',
            description: 'Per queue, allocated over deserved for its dominant resource. Above 100% the queue is borrowing.',
            unit: 'percentunit',
            kind: 'timeseries',
            width: 8,
            queries: [{ expr: `max by (queue_name) (volcano_queue_share{${Q}})`, legend: '{{queue_name}}' }],
          },
          overusedPanel(sharingPolicy),
          {
            title: 'CPU requested',
            description: 'Per queue, the CPU its jobs request in cores, whether placed or not: demand to compare with allocated.',
            unit: 'short',
            kind: 'timeseries',
            width: 8,
            queries: [{ expr: `max by (queue_name) (volcano_queue_request_milli_cpu{${Q}}) / 1000`, legend: '{{queue_name}}' }],
          },
        ],
      },
      {
        title: 'Job outcomes',
        panels: [
          {
            title: 'Job completions per hour',
            description: 'Per queue, Volcano Jobs that reached Completed in the last hour.',
            unit: 'short',
            kind: 'timeseries',
            width: 8,
            queries: [{ expr: `${RECORDED.jobsCompleted}{${RQ}}`, legend: '{{queue}}' }],
          },
          {
            title: 'Job failures per hour',
            description: 'Per queue, Volcano Jobs that reached Failed in the last hour.',
            unit: 'short',
            kind: 'timeseries',
            width: 8,
            queries: [{ expr: `${RECORDED.jobsFailed}{${RQ}}`, legend: '{{queue}}' }],
          },
          {
            title: 'Job failure ratio',
            description: 'Per queue, failed over finished Volcano Jobs in the last hour (only queues with failures).',
            unit: 'percentunit',
            kind: 'timeseries',
            width: 8,
            queries: [{ expr: `${RECORDED.jobsFailed}{${RQ}} / ${RECORDED.jobsFinished}{${RQ}}`, legend: '{{queue}}' }],
          },
        ],
      },
    ],
  };
}
