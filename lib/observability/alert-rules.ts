import { ResolvedEnvironment } from '../config/model';
import { DASHBOARD_UIDS } from './dashboard-uids';
import { RECORDED } from './recording-rules';
import { runsSchedulerAction } from './scheduler-actions';
import { COMPONENT_POD_LABELS } from '../volcano/values';
import { AlertSeverity, ResolvedObservability, dashboardUrl, durationSeconds, runbookUrl } from './settings';

/** Alert groups, in evaluation order. */
export type AlertGroup = 'control-plane' | 'scheduling' | 'queues' | 'jobs';

/** One alerting rule, before rendering into a PrometheusRule. */
export interface AlertDefinition {
  /** Alert name, starting with `Volcano`; one runbook per name. */
  readonly name: string;
  /** Rule group it is evaluated in. */
  readonly group: AlertGroup;
  /** Routing severity. */
  readonly severity: AlertSeverity;
  /** PromQL condition. */
  readonly expr: string;
  /** Prometheus `for:` duration. */
  readonly for: string;
  /** Labels the expression's result carries (they locate the problem and appear in `description`). */
  readonly resultLabels: readonly string[];
  /** Static labels besides `severity` (e.g. the SLA name). */
  readonly extraLabels?: Readonly<Record<string, string>>;
  /** One line for the pager. */
  readonly summary: string;
  /** What is wrong and where, templated with `{{ $labels.<name> }}` only. */
  readonly description: string;
  /** Dashboard to open, and the queue label to preselect its queue variable with. */
  readonly dashboard: { readonly uid: string; readonly queueLabel?: string };
}

/** A rendered alerting rule: exactly what goes into the PrometheusRule. */
export interface AlertRule {
  /** Alert name. */
  readonly alert: string;
  /** PromQL condition. */
  readonly expr: string;
  /** How long the condition must hold. */
  readonly for: string;
  /** `severity` and static labels. */
  readonly labels: Record<string, string>;
  /** `summary`, `description`, `runbook_url`, `dashboard_url`. */
  readonly annotations: Record<string, string>;
}

/** An alert an environment does not render, and why. */
export interface OmittedAlert {
  /** Alert name. */
  readonly name: string;
  /** Why it is left out, a phrase the generated docs print. */
  readonly reason: string;
}

/** Alerts rendered only under a condition of the environment. */
type ConditionalAlert = 'VolcanoJobSchedulingLatencyHigh' | 'VolcanoQueueStarved' | 'VolcanoPreemptionRateHigh';

/** Whether each conditional alert is rendered, and the reason it is left out otherwise. */
function alertConditions(env: ResolvedEnvironment): Record<ConditionalAlert, { readonly rendered: boolean; readonly reason: string }> {
  return {
    // One rule per SLA: none without SLAs.
    VolcanoJobSchedulingLatencyHigh: { rendered: env.observability.schedulingSlas.length > 0, reason: 'no scheduling SLA' },
    VolcanoQueueStarved: {
      rendered: env.queues.some((q) => q.enabled && q.guarantee && Object.keys(q.guarantee).length > 0),
      reason: 'no enabled queue with a guarantee',
    },
    // Without the preempt action the counter never moves: the alert could never fire.
    VolcanoPreemptionRateHigh: { rendered: runsSchedulerAction(env, 'preempt'), reason: 'the scheduler does not run the preempt action' },
  };
}

/** The alerts {@link alertDefinitions} leaves out of an environment, each with its reason. */
export function omittedAlerts(env: ResolvedEnvironment): OmittedAlert[] {
  return Object.entries(alertConditions(env)).filter(([, c]) => !c.rendered).map(([name, c]) => ({ name, reason: c.reason }));
}

const label = (name: string) => `{{ $labels.${name} }}`;

/**
 * Every alert of an environment; {@link omittedAlerts} says which are left out and why. Thresholds and
 * durations come from its observability settings.
 */
export function alertDefinitions(env: ResolvedEnvironment): AlertDefinition[] {
  const o = env.observability;
  const a = o.alerts;
  const ns = env.release.namespace;
  const ops = { uid: DASHBOARD_UIDS.schedulerOperations };
  const queues = { uid: DASHBOARD_UIDS.queues, queueLabel: 'queue_name' };
  const down = (name: string, app: string, what: string, impact: string): AlertDefinition => ({
    name,
    group: 'control-plane',
    severity: 'critical',
    // absent(... == 1): fires both when the target is gone and when every replica fails its scrape.
    expr: `absent(up{namespace="${ns}", app="${app}"} == 1)`,
    for: a.controlPlaneDown.for,
    resultLabels: [],
    summary: `No ${what} is being scraped successfully in ${ns}.`,
    description: `Prometheus has no healthy target with app="${app}" in namespace ${ns} for ${a.controlPlaneDown.for}: ${impact}`,
    dashboard: ops,
  });
  const when = alertConditions(env);

  return [
    down('VolcanoSchedulerDown', COMPONENT_POD_LABELS.scheduler.app, 'Volcano scheduler', 'no new Volcano job or PodGroup is being placed.'),
    down('VolcanoControllerDown', COMPONENT_POD_LABELS.controller.app, 'Volcano controller manager', 'Volcano Jobs, queues and PodGroups are not reconciled and queue depth metrics are frozen.'),
    {
      name: 'VolcanoAdmissionWebhookErrors',
      group: 'control-plane',
      severity: 'critical',
      expr: `${RECORDED.webhookErrorRatio} > ${a.admissionWebhookErrors.ratio}`,
      for: a.admissionWebhookErrors.for,
      resultLabels: ['name'],
      summary: `Volcano admission webhook ${label('name')} is failing.`,
      description:
        `More than ${percent(a.admissionWebhookErrors.ratio)} of the API server's calls to webhook ${label('name')} failed (unreachable or timed out) ` +
        `for ${a.admissionWebhookErrors.for}. With failurePolicy Fail the requests it covers are rejected.`,
      dashboard: ops,
    },
    {
      name: 'VolcanoAdmissionWebhookSlow',
      group: 'control-plane',
      severity: 'warning',
      expr: `${RECORDED.webhookLatencyP99} > ${a.admissionWebhookLatency.p99Seconds}`,
      for: a.admissionWebhookLatency.for,
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
      severity: 'warning',
      expr: `${RECORDED.sessionLatencyP95} > ${a.schedulingCycleLatency.p95Milliseconds}`,
      for: a.schedulingCycleLatency.for,
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
      expr: `${RECORDED.jobSchedulingDurationP95}{queue=~"${sla.queues.join('|')}"} > ${durationSeconds(sla.p95)! * 1000}`,
      for: sla.for,
      resultLabels: ['queue'],
      extraLabels: { sla: sla.name },
      summary: `Jobs in queue ${label('queue')} miss the ${sla.name} scheduling SLA.`,
      description:
        `The p95 time from submission to running of the jobs placed in queue ${label('queue')} during the last hour ` +
        `is above ${sla.p95} (SLA ${sla.name}) for ${sla.for}.`,
      dashboard: { uid: DASHBOARD_UIDS.schedulerOperations, queueLabel: 'queue' },
    })),
    {
      name: 'VolcanoJobWaitingTooLong',
      group: 'scheduling',
      severity: 'warning',
      // A job placed before a scheduler restart has a start time but no last time in the new process: it only
      // counts while its queue has waiting PodGroups and nothing of the queue was placed within the threshold.
      expr:
        `${RECORDED.oldestUnplacedJobAge} > ${a.jobWaiting.waitMinutes * 60}` +
        ` unless on (queue) (${RECORDED.lastPlacementAge} < ${a.jobWaiting.waitMinutes * 60})` +
        ` and on (queue) label_replace(${RECORDED.podGroupsWaiting} > 0, "queue", "$1", "queue_name", "(.*)")`,
      for: a.jobWaiting.for,
      resultLabels: ['queue'],
      summary: `Queue ${label('queue')} places no jobs while its jobs wait.`,
      description:
        `A job in queue ${label('queue')} has waited more than ${a.jobWaiting.waitMinutes} minutes without being placed, ` +
        `no job of the queue was placed in that time, and the queue has PodGroups waiting, for ${a.jobWaiting.for}.`,
      dashboard: { uid: DASHBOARD_UIDS.schedulerOperations, queueLabel: 'queue' },
    },
    {
      name: 'VolcanoQueueBacklog',
      group: 'queues',
      severity: 'warning',
      expr: `${RECORDED.podGroupsPending} > ${a.queueBacklog.pendingPodGroups}`,
      for: a.queueBacklog.for,
      resultLabels: ['queue_name'],
      summary: `Queue ${label('queue_name')} has a backlog of pending PodGroups.`,
      description: `More than ${a.queueBacklog.pendingPodGroups} PodGroups in queue ${label('queue_name')} have been pending (not admitted) for ${a.queueBacklog.for}.`,
      dashboard: { uid: DASHBOARD_UIDS.schedulerOperations, queueLabel: 'queue_name' },
    },
    {
      name: 'VolcanoQueueOverused',
      group: 'queues',
      severity: 'info',
      expr: 'max by (queue_name) (volcano_queue_overused) > 0',
      for: a.queueOverused.for,
      resultLabels: ['queue_name'],
      summary: `Queue ${label('queue_name')} uses more than its deserved share.`,
      description: `Queue ${label('queue_name')} has been over its deserved share for ${a.queueOverused.for}; reclaimable work beyond it may be evicted when other queues need resources back.`,
      dashboard: queues,
    },
    ...(when.VolcanoQueueStarved.rendered
      ? [
          {
            name: 'VolcanoQueueStarved',
            group: 'queues',
            severity: 'warning',
            // Guarantees not met (including resources with no allocation series yet) while work waits.
            expr:
              `(${RECORDED.queueGuarantee} unless on (queue_name, resource) (${RECORDED.queueAllocated} >= on (queue_name, resource) ${RECORDED.queueGuarantee}))` +
              ` and on (queue_name) (${RECORDED.podGroupsWaiting} > 0)`,
            for: a.queueStarved.for,
            resultLabels: ['queue_name', 'resource'],
            summary: `Queue ${label('queue_name')} is below its guarantee with work waiting.`,
            description:
              `Queue ${label('queue_name')} holds less ${label('resource')} than its guarantee while it has PodGroups waiting, for ${a.queueStarved.for}.`,
            dashboard: queues,
          } satisfies AlertDefinition,
        ]
      : []),
    {
      name: 'VolcanoGangJobUnschedulable',
      group: 'jobs',
      severity: 'warning',
      expr: 'max by (job_id) (volcano_unschedule_task_count) > 0',
      for: a.gangUnschedulable.for,
      resultLabels: ['job_id'],
      summary: `Gang job ${label('job_id')} cannot be scheduled.`,
      description: `The scheduler could not place the minimum member count of job (PodGroup) ${label('job_id')} in any session for ${a.gangUnschedulable.for}.`,
      dashboard: ops,
    },
    ...(when.VolcanoPreemptionRateHigh.rendered
      ? [
          {
            name: 'VolcanoPreemptionRateHigh',
            group: 'jobs',
            severity: 'warning',
            expr: `${RECORDED.preemptionRate} * 60 > ${a.preemptionRate.attemptsPerMinute}`,
            for: a.preemptionRate.for,
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
      severity: 'warning',
      expr:
        `${RECORDED.jobsFailed} / ${RECORDED.jobsFinished} > ${a.jobFailureRate.ratio}` +
        ` and on (queue_name) ${RECORDED.jobsFinished} >= ${a.jobFailureRate.minFinishedJobs}`,
      for: a.jobFailureRate.for,
      resultLabels: ['queue_name'],
      summary: `Many Volcano Jobs of queue ${label('queue_name')} fail.`,
      description:
        `More than ${percent(a.jobFailureRate.ratio)} of the Volcano Jobs of queue ${label('queue_name')} that finished in the last hour failed ` +
        `(at least ${a.jobFailureRate.minFinishedJobs} finished), for ${a.jobFailureRate.for}.`,
      dashboard: queues,
    },
  ];
}

/** The rule as rendered: labels with severity, annotations with runbook and dashboard links. */
export function renderAlert(definition: AlertDefinition, settings: ResolvedObservability): AlertRule {
  const dashboard = dashboardUrl(settings, definition.dashboard.uid);
  const queueLabel = definition.dashboard.queueLabel;
  return {
    alert: definition.name,
    expr: definition.expr,
    for: definition.for,
    labels: { severity: definition.severity, ...(definition.extraLabels ?? {}) },
    annotations: {
      summary: definition.summary,
      description: definition.description,
      runbook_url: runbookUrl(settings, definition.name),
      dashboard_url: queueLabel ? `${dashboard}?var-queue=${label(queueLabel)}` : dashboard,
    },
  };
}

function percent(ratio: number): string {
  return `${Math.round(ratio * 1000) / 10}%`;
}
