import { Quantity } from '../config/quantity';
import { ResolvedEnvironment, ResourceList } from '../config/model';
import { effectiveQueueAmounts } from '../scheduling/queue-amounts';
import { SCALAR_RESOURCE_MILLI } from './metrics';
import { JOB_RECORDED, jobRecordingRules } from './job-recording-rules';

/** A Prometheus recording rule. */
export interface RecordingRule {
  /** Series the rule writes (`level:metric:operations`). */
  readonly record: string;
  /** PromQL expression it records. */
  readonly expr: string;
  /** Static labels of the written series. */
  readonly labels?: Readonly<Record<string, string>>;
}

/**
 * The series our recording rules write; alerts and dashboards refer to them through these constants.
 * Every per-queue series names its queue with the label `queue` (Volcano's queue metrics say `queue_name`,
 * its job metrics `queue`; the rules rename the former), so Alertmanager routes and silences on one label.
 */
export const RECORDED = {
  /** p95 of the scheduling session duration over 5 minutes, ms. */
  sessionLatencyP95: 'volcano:e2e_scheduling_latency_milliseconds:p95_5m',
  ...JOB_RECORDED,
  /** Per queue: PodGroups not yet admitted. */
  podGroupsPending: 'queue:volcano_pod_groups_pending:max',
  /** Per queue: PodGroups waiting (pending or admitted but not running). */
  podGroupsWaiting: 'queue:volcano_pod_groups_waiting:max',
  /**
   * Per queue and resource (`cpu` in cores, `memory` in bytes, others in whole units): allocated. Volcano
   * exports CPU in millicores and other resources in thousandths; the rule divides both by 1000.
   */
  queueAllocated: 'queue:volcano_queue_allocated:max',
  /** Per queue and resource: requested by the queue's tasks, placed or pending (so requested minus allocated is what it waits for). */
  queueRequested: 'queue:volcano_queue_requested:max',
  /** Per queue and resource: how much more its tasks request than it holds (only where that is above 0). */
  queueWaitingFor: 'queue:volcano_queue_waiting_for:max',
  /** Per guaranteed queue and resource: how much it holds less than its guarantee (only where it does). */
  queueBelowGuarantee: 'queue:volcano_queue_below_guarantee:max',
  /** Per queue and resource: deserved as the sharing plugin computes it. */
  queueDeserved: 'queue:volcano_queue_deserved:max',
  /** Per queue: 1 while the sharing plugin finds it over its deserved share, else 0. */
  queueOverused: 'queue:volcano_queue_overused:max',
  /** Per queue and resource: the guarantee declared in the environment (constant). */
  queueGuarantee: 'queue:volcano_queue_guarantee:config',
  /** Per queue and resource: the capability declared in the environment (constant). */
  queueCapability: 'queue:volcano_queue_capability:config',
  /** Preemption attempts per second over 10 minutes. */
  preemptionRate: 'volcano:preemption_attempts:rate10m',
  /** Per queue: Volcano Jobs that reached Failed in the last hour. */
  jobsFailed: 'queue:volcano_jobs_failed:increase1h',
  /** Per queue: Volcano Jobs that reached Completed in the last hour. */
  jobsCompleted: 'queue:volcano_jobs_completed:increase1h',
  /** Per queue: Volcano Jobs that finished (failed or completed) in the last hour, for queues with failures. */
  jobsFinished: 'queue:volcano_jobs_finished:increase1h',
  /** Per Volcano webhook: API server calls to it over the last 5 minutes (the error ratio's sample size). */
  webhookRequests: 'webhook:apiserver_admission_webhook_requests:increase5m',
  /** Per Volcano webhook: share of API server calls that failed to reach or get an answer from it. */
  webhookErrorRatio: 'webhook:apiserver_admission_webhook_errors:ratio_rate5m',
  /** Per Volcano webhook: p99 latency seen by the API server over 5 minutes, seconds. */
  webhookLatencyP99: 'webhook:apiserver_admission_webhook_admission_duration_seconds:p99_5m',
} as const;

/** Matches the names of Volcano's admission webhooks (`validatejob.volcano.sh`, `mutatequeue.volcano.sh`, ...). */
export const VOLCANO_WEBHOOK_MATCHER = 'name=~".+[.]volcano[.]sh"';

/**
 * Increase of a per-job counter over the last hour, per queue. Volcano creates each job's series when the
 * job first reaches the phase, starting at 1, so `increase()` alone would miss every job's first time:
 * series that did not exist an hour ago count in full. Deleting a Job deletes its series
 * (pkg/controllers/job/job_controller_handler.go:139, state/metrics.go:52, v1.15.1), and jobs are deleted
 * minutes after they finish (`ttlSecondsAfterFinished`): each series is read at its last value within the
 * hour (range vectors skip the staleness marker), not at the current instant, where a deleted job is gone.
 */
function perJobIncrease1h(counter: string): string {
  const last = `last_over_time(${counter}[1h])`;
  return `sum by (queue) (${byQueue(`clamp_min(${last} - ${counter} offset 1h, 0) or (${last} unless ${counter} offset 1h)`)})`;
}

/** Copies Volcano's `queue_name` label to `queue`; aggregate `by (queue)` to drop the former. */
export function byQueue(expression: string): string {
  return `label_replace(${expression}, "queue", "$1", "queue_name", "(.*)")`;
}

/** A per-queue Volcano gauge, replicas folded, under the label `queue`. */
function perQueue(metric: string): string {
  return `max by (queue) (${byQueue(metric)})`;
}

/**
 * Queue resource metrics normalized to one series per queue and resource: `cpu` in cores, `memory` in bytes,
 * scalar resources in whole units (Volcano exports them as milli-values, see `SCALAR_RESOURCE_MILLI`), so
 * they compare directly with the guarantees and capabilities declared in the environment.
 */
function perResource(kind: 'allocated' | 'request' | 'deserved'): string {
  return [
    `label_replace(${perQueue(`volcano_queue_${kind}_milli_cpu`)} / 1000, "resource", "cpu", "", "")`,
    `label_replace(${perQueue(`volcano_queue_${kind}_memory_bytes`)}, "resource", "memory", "", "")`,
    `max by (queue, resource) (${byQueue(`volcano_queue_${kind}_scalar_resources`)}) / ${SCALAR_RESOURCE_MILLI}`,
  ].join(' or ');
}

/** Per queue and resource, `wanted` minus allocated where that is above 0; no allocation series counts as none held. */
function shortfall(wanted: string): string {
  const on = 'on (queue, resource)';
  return `(${wanted} - ${on} ${RECORDED.queueAllocated} > 0) or ${on} (${wanted} > 0 unless ${on} ${RECORDED.queueAllocated})`;
}

/**
 * Recording rules shared by alerts and dashboards.
 *
 * @param preemption whether the scheduler runs the preempt action (else the preemption rate is not recorded)
 */
export function sharedRecordingRules(preemption: boolean): RecordingRule[] {
  return [
    { record: RECORDED.sessionLatencyP95, expr: 'histogram_quantile(0.95, sum by (le) (rate(volcano_e2e_scheduling_latency_milliseconds_bucket[5m])))' },
    ...jobRecordingRules(),
    { record: RECORDED.podGroupsPending, expr: perQueue('volcano_queue_pod_group_pending_count') },
    {
      record: RECORDED.podGroupsWaiting,
      expr: `${perQueue('volcano_queue_pod_group_pending_count')} + ${perQueue('volcano_queue_pod_group_inqueue_count')}`,
    },
    { record: RECORDED.queueAllocated, expr: perResource('allocated') },
    { record: RECORDED.queueRequested, expr: perResource('request') },
    { record: RECORDED.queueWaitingFor, expr: shortfall(RECORDED.queueRequested) },
    { record: RECORDED.queueBelowGuarantee, expr: shortfall(RECORDED.queueGuarantee) },
    { record: RECORDED.queueDeserved, expr: perResource('deserved') },
    { record: RECORDED.queueOverused, expr: perQueue('volcano_queue_overused') },
    ...(preemption ? [{ record: RECORDED.preemptionRate, expr: 'sum(rate(volcano_total_preemption_attempts[10m]))' }] : []),
    { record: RECORDED.jobsFailed, expr: perJobIncrease1h('volcano_job_failed_phase_count') },
    { record: RECORDED.jobsCompleted, expr: perJobIncrease1h('volcano_job_completed_phase_count') },
    { record: RECORDED.jobsFinished, expr: `${RECORDED.jobsFailed} + (${RECORDED.jobsCompleted} or ${RECORDED.jobsFailed} * 0)` },
    { record: RECORDED.webhookRequests, expr: `sum by (name) (increase(apiserver_admission_webhook_request_total{${VOLCANO_WEBHOOK_MATCHER}}[5m]))` },
    {
      record: RECORDED.webhookErrorRatio,
      expr:
        `sum by (name) (rate(apiserver_admission_webhook_rejection_count{${VOLCANO_WEBHOOK_MATCHER}, error_type="calling_webhook_error"}[5m]))` +
        ` / sum by (name) (rate(apiserver_admission_webhook_request_total{${VOLCANO_WEBHOOK_MATCHER}}[5m]))`,
    },
    {
      record: RECORDED.webhookLatencyP99,
      expr: `histogram_quantile(0.99, sum by (name, le) (rate(apiserver_admission_webhook_admission_duration_seconds_bucket{${VOLCANO_WEBHOOK_MATCHER}}[5m])))`,
    },
  ];
}

/**
 * The queues' guarantee and capability as declared in the environment, as constant series. Volcano exports
 * neither for `proportion`, yet both are needed: the starvation alert compares allocation with the
 * guarantee, and the queue dashboard draws both next to allocated and deserved.
 */
export function queueConfigRecordingRules(env: Pick<ResolvedEnvironment, 'queues' | 'sharingPolicy'>): RecordingRule[] {
  return env.queues.flatMap((queue) => {
    // What the queue is rendered with (a disabled one: the closing capability, no guarantee) is what it is held to.
    const { guarantee, capability } = effectiveQueueAmounts(queue, env.sharingPolicy);
    return [...constants(RECORDED.queueGuarantee, queue.name, guarantee), ...constants(RECORDED.queueCapability, queue.name, capability)];
  });
}

function constants(record: string, queueName: string, list: ResourceList | undefined): RecordingRule[] {
  return Object.keys(list ?? {}).sort().map((resource) => ({
    record,
    expr: `vector(${resourceNumber(Quantity.parse(list![resource]))})`,
    labels: { queue: queueName, resource },
  }));
}

/** A quantity as the plain number our normalized queue series use (cores, bytes, units). */
export function resourceNumber(quantity: Quantity): string {
  const whole = quantity.nanos / 1_000_000_000n;
  if (whole * 1_000_000_000n === quantity.nanos) return whole.toString();
  return String(Number(quantity.nanos) / 1e9);
}
