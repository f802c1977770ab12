import { ResolvedEnvironment } from '../config/model';
import { DASHBOARD_UIDS } from './dashboard-uids';
import { RECORDED } from './recording-rules';
import { alertConditions } from './alert-conditions';
import { label } from './alert-render';
import { COMPONENT_POD_LABELS } from '../volcano/values';
import { AlertSeverity, AlertThresholds, SchedulingSla, durationSeconds, longestSla } from './settings';

export type { OmittedAlert } from './alert-conditions';
export { omittedAlerts } from './alert-conditions';
export type { AlertRule } from './alert-render';
export { renderAlert } from './alert-render';

/** Alert groups, in evaluation order. */
export type AlertGroup = 'control-plane' | 'scheduling' | 'queues' | 'jobs';

/** The label every queue-scoped alert and recording rule names its queue with. */
export const QUEUE_LABEL = 'queue';

/** One alerting rule, before rendering into a PrometheusRule. */
export interface AlertDefinition {
  /** Alert name, starting with `Volcano`; one runbook per name. */
  readonly name: string;
  /** Rule group it is evaluated in. */
  readonly group: AlertGroup;
  /** Routing severity: the alert's default, or the environment's override. */
  readonly severity: AlertSeverity;
  /** PromQL condition. */
  readonly expr: string;
  /** Prometheus `for:` duration. */
  readonly for: string;
  /** Labels the expression's result carries (they locate the problem and appear in `description`). */
  readonly resultLabels: readonly string[];
  /** Static labels besides `severity` (e.g. the SLA name). */
  readonly extraLabels?: Readonly<Record<string, string>>;
  /** The environment setting that tunes the alert's thresholds, duration and severity. */
  readonly settingsKey: string;
  /** Why the environment set that key, when it did. */
  readonly reason?: string;
  /** One line for the pager. */
  readonly summary: string;
  /** What is wrong and where, templated with `{{ $labels.<name> }}` only. */
  readonly description: string;
  /** Dashboard to open; queue-scoped alerts preselect the dashboard's queue variable with their `queue` label. */
  readonly dashboard: { readonly uid: string; readonly byQueue?: boolean };
}

const q = label(QUEUE_LABEL);

/**
 * Every alert of an environment; `omittedAlerts` says which are left out and why. Thresholds, durations
 * and severity overrides come from its observability settings.
 */
export function alertDefinitions(env: ResolvedEnvironment): AlertDefinition[] {
  const o = env.observability;
  const a = o.alerts;
  const ns = env.release.namespace;
  const ops = { uid: DASHBOARD_UIDS.schedulerOperations };
  const opsByQueue = { uid: DASHBOARD_UIDS.schedulerOperations, byQueue: true };
  const queues = { uid: DASHBOARD_UIDS.queues, byQueue: true };
  /** The settings key, reason and (default or overridden) severity of an alert tuned by `observability.alerts.<key>`. */
  const tuned = (key: keyof AlertThresholds, severity: AlertSeverity) => ({
    settingsKey: `observability.alerts.${key}`,
    severity: a[key].severity ?? severity,
    ...(a[key].reason !== undefined ? { reason: a[key].reason } : {}),
    for: a[key].for,
  });
  const down = (name: string, app: string, what: string, impact: string): AlertDefinition => ({
    name,
    group: 'control-plane',
    ...tuned('controlPlaneDown', 'critical'),
    // absent(... == 1): fires both when the target is gone and when every replica fails its scrape; one
    // healthy replica (a rolling restart, a standby) keeps it silent.
    expr: `absent(up{namespace="${ns}", app="${app}"} == 1)`,
    resultLabels: [],
    summary: `No ${what} is being scraped successfully in ${ns}.`,
    description: `Prometheus has no healthy target with app="${app}" in namespace ${ns} for ${a.controlPlaneDown.for}: ${impact}`,
    dashboard: ops,
  });
  const when = alertConditions(env);
  const gangFor = gangUnschedulableFor(a.gangUnschedulable.for, o.schedulingSlas);

  return [
    down('VolcanoSchedulerDown', COMPONENT_POD_LABELS.scheduler.app, 'Volcano scheduler', 'no new Volcano job or PodGroup is being placed.'),
    down('VolcanoControllerDown', COMPONENT_POD_LABELS.controller.app, 'Volcano controller manager', 'Volcano Jobs, queues and PodGroups are not reconciled and queue depth metrics are frozen.'),
    {
      name: 'VolcanoAdmissionWebhookErrors',
      group: 'control-plane',
      ...tuned('admissionWebhookErrors', 'critical'),
      // Only with enough calls to make a ratio: a webhook restarting (every helm upgrade) while idle fails
      // its one or two calls, 100% of them.
      expr:
        `${RECORDED.webhookErrorRatio} > ${a.admissionWebhookErrors.ratio}` +
        ` and on (name) ${RECORDED.webhookRequests} >= ${a.admissionWebhookErrors.minRequests}`,
      resultLabels: ['name'],
      summary: `Volcano admission webhook ${label('name')} is failing.`,
      description:
        `More than ${percent(a.admissionWebhookErrors.ratio)} of the API server's calls to webhook ${label('name')} failed (unreachable or timed out), ` +
        `with at least ${a.admissionWebhookErrors.minRequests} calls in 5 minutes, ` +
        `for ${a.admissionWebhookErrors.for}. With failurePolicy Fail the requests it covers are rejected.`,
      dashboard: ops,
    },
    {
      name: 'VolcanoAdmissionWebhookSlow',
      group: 'control-plane',
      ...tuned('admissionWebhookLatency', 'warning'),
      expr: `${RECORDED.webhookLatencyP99} > ${a.admissionWebhookLatency.p99Seconds}`,
      resultLabels: ['name'],
      summary: `Volcano admission webhook ${label('name')} is slow.`,
      description:
        `The p99 latency of webhook ${label('name')} seen by the API server is above ${a.admissionWebhookLatency.p99Seconds}s ` +
        `for ${a.admissionWebhookLatency.for}; calls time out (and are rejected) at 10s.`,
      dashboard: ops,
    },
    {
      name: 'VolcanoSchedulingCycleSlow',
      group: 'scheduling',
      ...tuned('schedulingCycleLatency', 'warning'),
      expr: `${RECORDED.sessionLatencyP95} > ${a.schedulingCycleLatency.p95Milliseconds}`,
      resultLabels: [],
      summary: 'Volcano scheduling sessions are slow.',
      description:
        `The p95 duration of a scheduling session is above ${a.schedulingCycleLatency.p95Milliseconds}ms for ${a.schedulingCycleLatency.for} ` +
        `in namespace ${ns}: the scheduler falls behind its 1s period and every queue waits longer.`,
      dashboard: ops,
    },
    ...o.schedulingSlas.map((sla): AlertDefinition => ({
      name: 'VolcanoJobSchedulingLatencyHigh',
      group: 'scheduling',
      severity: sla.severity,
      settingsKey: `observability.schedulingSlas[name=${sla.name}]`,
      ...(sla.reason !== undefined ? { reason: sla.reason } : {}),
      // First placements only (see job-recording-rules.ts), and only once enough jobs make a p95.
      expr:
        `${RECORDED.firstPlacementWaitP95}{queue=~"${sla.queues.join('|')}"} > ${durationSeconds(sla.p95)!}` +
        ` and on (queue) ${RECORDED.jobsFirstPlaced} >= ${sla.minJobs}`,
      for: sla.for,
      resultLabels: [QUEUE_LABEL],
      extraLabels: { sla: sla.name },
      summary: `Jobs in queue ${q} miss the ${sla.name} scheduling SLA.`,
      description:
        `The p95 time from submission to first placement of the jobs first placed in queue ${q} during the last hour ` +
        `(at least ${sla.minJobs} of them) is above ${sla.p95} (SLA ${sla.name}) for ${sla.for}.`,
      dashboard: opsByQueue,
    })),
    {
      name: 'VolcanoJobWaitingTooLong',
      group: 'scheduling',
      ...tuned('jobWaiting', 'warning'),
      // A stuck queue: its oldest never-placed job waited the threshold, nothing of it was placed in that
      // time, and it still has waiting PodGroups.
      expr:
        `${RECORDED.oldestUnplacedJobAge} > ${a.jobWaiting.waitMinutes * 60}` +
        ` unless on (queue) (${RECORDED.lastPlacementAge} < ${a.jobWaiting.waitMinutes * 60})` +
        ` and on (queue) (${RECORDED.podGroupsWaiting} > 0)`,
      resultLabels: [QUEUE_LABEL],
      summary: `Queue ${q} places no jobs while its jobs wait.`,
      description:
        `A job in queue ${q} has waited more than ${a.jobWaiting.waitMinutes} minutes without being placed, ` +
        `no job of the queue was placed in that time, and the queue has PodGroups waiting, for ${a.jobWaiting.for}.`,
      dashboard: opsByQueue,
    },
    {
      name: 'VolcanoQueueBacklog',
      group: 'queues',
      ...tuned('queueBacklog', 'warning'),
      expr: `${RECORDED.podGroupsPending} > ${a.queueBacklog.pendingPodGroups}`,
      resultLabels: [QUEUE_LABEL],
      summary: `Queue ${q} has a backlog of pending PodGroups.`,
      description: `More than ${a.queueBacklog.pendingPodGroups} PodGroups in queue ${q} have been pending (not admitted) for ${a.queueBacklog.for}.`,
      dashboard: opsByQueue,
    },
    env.sharingPolicy === 'proportion'
      ? {
          name: 'VolcanoQueueOverused',
          group: 'queues',
          ...tuned('queueOverused', 'info'),
          // Not Volcano's overused gauge: proportion caps a queue's deserved at its request
          // (pkg/scheduler/plugins/proportion/proportion.go:233) and calls it overused when deserved <= allocated
          // (:323), so every queue with nothing pending reads 1. Reclaim takes only from a queue whose allocation
          // exceeds its deserved (:310), which is what this compares, per resource.
          expr: `${RECORDED.queueAllocated} > on (queue, resource) ${RECORDED.queueDeserved}`,
          resultLabels: [QUEUE_LABEL, 'resource'],
          summary: `Queue ${q} holds more ${label('resource')} than its deserved share.`,
          description:
            `Queue ${q} has held more ${label('resource')} than the proportion plugin's deserved share for ${a.queueOverused.for}; ` +
            'reclaim may evict its reclaimable work beyond that share when other queues wait.',
          dashboard: queues,
        }
      : {
          name: 'VolcanoQueueOverused',
          group: 'queues',
          ...tuned('queueOverused', 'info'),
          expr: `${RECORDED.queueOverused} > 0`,
          resultLabels: [QUEUE_LABEL],
          summary: `Queue ${q} uses more than its deserved share.`,
          description: `Queue ${q} has been over its deserved share for ${a.queueOverused.for}; reclaimable work beyond it may be evicted when other queues need resources back.`,
          dashboard: queues,
        },
    ...(when.VolcanoQueueStarved.rendered
      ? [
          {
            name: 'VolcanoQueueStarved',
            group: 'queues',
            ...tuned('queueStarved', 'warning'),
            // Per resource the queue waits for and holds less than its guarantee of; not while it also waits
            // for a guaranteed resource it holds its full guarantee of (a GPU-bound lab below its CPU
            // guarantee waits for GPUs, fairly, not for CPU).
            // PodGroups held Pending wait too, for every resource the queue is short of: a Volcano Job gets its
            // pods only once its PodGroup leaves Pending (pkg/controllers/job/job_controller_actions.go:407,
            // v1.15.1) and proportion's request counts only existing tasks (plugins/proportion/proportion.go:145-155),
            // so a queue whose jobs are never admitted (overcommit's budget spent by others) shows nothing requested.
            expr:
              `((${RECORDED.queueBelowGuarantee} and on (queue, resource) ${RECORDED.queueWaitingFor})` +
              ` or (${RECORDED.queueBelowGuarantee} and on (queue) (${RECORDED.podGroupsPending} > 0)))` +
              ` unless on (queue) ((${RECORDED.queueWaitingFor} and on (queue, resource) ${RECORDED.queueGuarantee}) unless on (queue, resource) ${RECORDED.queueBelowGuarantee})`,
            resultLabels: [QUEUE_LABEL, 'resource'],
            summary: `Queue ${q} is below its ${label('resource')} guarantee while it waits for ${label('resource')}.`,
            description:
              `Queue ${q} holds less ${label('resource')} than its guarantee while its pending tasks request more ${label('resource')} ` +
              `or its PodGroups wait Pending for admission (and it holds its full guarantee of nothing else its tasks wait for), for ${a.queueStarved.for}.`,
            dashboard: queues,
          } satisfies AlertDefinition,
        ]
      : []),
    {
      name: 'VolcanoGangJobUnschedulable',
      group: 'jobs',
      ...tuned('gangUnschedulable', 'warning'),
      for: gangFor,
      // Volcano's gauge names the job (PodGroup) only, without namespace or queue (plugins/gang/gang.go).
      expr: 'max by (job_id) (volcano_unschedule_task_count) > 0',
      resultLabels: ['job_id'],
      summary: `Gang job ${label('job_id')} cannot be scheduled.`,
      description: `The scheduler could not place the minimum member count of job (PodGroup) ${label('job_id')} in any session for ${gangFor}.`,
      dashboard: ops,
    },
    ...(when.VolcanoPreemptionRateHigh.rendered
      ? [
          {
            name: 'VolcanoPreemptionRateHigh',
            group: 'jobs',
            ...tuned('preemptionRate', 'warning'),
            expr: `${RECORDED.preemptionRate} * 60 > ${a.preemptionRate.attemptsPerMinute}`,
            resultLabels: [],
            summary: 'Volcano is preempting often.',
            description: `The scheduler made more than ${a.preemptionRate.attemptsPerMinute} preemption attempts per minute for ${a.preemptionRate.for} in namespace ${ns}.`,
            dashboard: ops,
          } satisfies AlertDefinition,
        ]
      : []),
    {
      name: 'VolcanoJobFailureRateHigh',
      group: 'jobs',
      ...tuned('jobFailureRate', 'warning'),
      expr:
        `${RECORDED.jobsFailed} / ${RECORDED.jobsFinished} > ${a.jobFailureRate.ratio}` +
        ` and on (queue) ${RECORDED.jobsFinished} >= ${a.jobFailureRate.minFinishedJobs}`,
      resultLabels: [QUEUE_LABEL],
      summary: `Many Volcano Jobs of queue ${q} fail.`,
      description:
        `More than ${percent(a.jobFailureRate.ratio)} of the Volcano Jobs of queue ${q} that finished in the last hour failed ` +
        `(at least ${a.jobFailureRate.minFinishedJobs} finished), for ${a.jobFailureRate.for}.`,
      dashboard: queues,
    },
  ];
}

/**
 * The gang alert's `for:`: the configured one, but no shorter than the longest SLA p95. The gang plugin
 * counts missing members for every job not ready in a session, a gang simply waiting its turn included
 * (pkg/scheduler/plugins/gang/gang.go:232-291), and its gauge names no queue, so any SLA may be the one the
 * gang is waiting within.
 */
export function gangUnschedulableFor(configured: string, slas: readonly SchedulingSla[]): string {
  const sla = longestSla(slas);
  const longest = sla === undefined ? 0 : durationSeconds(sla.p95) ?? 0;
  return (durationSeconds(configured) ?? 0) >= longest ? configured : `${Math.ceil(longest / 60)}m`;
}

function percent(ratio: number): string {
  return `${Math.round(ratio * 1000) / 10}%`;
}
