import { Quantity, ResolvedEnvironment } from '../../lib/config';
import { AlertRule } from '../../lib/observability/alert-rules';
import { SCALAR_RESOURCE_MILLI } from '../../lib/observability/metrics';
import { resourceNumber } from '../../lib/observability/recording-rules';
import { durationSeconds } from '../../lib/observability/settings';

/** Input series in promtool's expanding notation, e.g. `0+10x30`. */
export interface InputSeries {
  readonly series: string;
  readonly values: string;
}

/** Test input for one alerting rule, and what it must produce. */
export interface AlertFixture {
  readonly series: readonly InputSeries[];
  /** Minute of the first evaluation at which the expression holds. */
  readonly activeFrom: number;
  /** Labels the expression's result carries (besides the rule's own labels). */
  readonly labels: Readonly<Record<string, string>>;
}

/** Enough samples (one a minute) to get past the alert's boundary. */
export const samplesFor = (rule: AlertRule, activeFrom: number) => activeFrom + durationSeconds(rule.for)! / 60 + 5;

/** Histogram buckets with every observation between `threshold` and four times it, so every quantile exceeds it. */
function slowHistogram(metric: string, labels: string, threshold: number, n: number): InputSeries[] {
  const sep = labels ? `${labels}, ` : '';
  return [
    { series: `${metric}_bucket{${sep}le="${threshold}"}`, values: `0x${n}` },
    { series: `${metric}_bucket{${sep}le="${threshold * 4}"}`, values: `0+10x${n}` },
    { series: `${metric}_bucket{${sep}le="+Inf"}`, values: `0+10x${n}` },
  ];
}

const constant = (series: string, value: number | string, n: number): InputSeries => ({ series, values: `${value}x${n}` });

const firstEnabledQueue = (env: ResolvedEnvironment) => env.queues.find((q) => q.enabled)!.name;

/**
 * How to make each alert fire, by alert name. The test fails for an alert without a fixture, so a new
 * alert cannot ship without its unit test.
 */
export const ALERT_FIXTURES: Readonly<Record<string, (rule: AlertRule, env: ResolvedEnvironment) => AlertFixture>> = {
  VolcanoSchedulerDown: (rule, env) => ({
    activeFrom: 0,
    labels: {},
    series: [constant(`up{namespace="${env.release.namespace}", app="volcano-scheduler", pod="volcano-scheduler-0"}`, 0, samplesFor(rule, 0))],
  }),
  VolcanoControllerDown: (rule, env) => ({
    activeFrom: 0,
    labels: {},
    series: [constant(`up{namespace="${env.release.namespace}", app="volcano-controller", pod="volcano-controllers-0"}`, 0, samplesFor(rule, 0))],
  }),
  VolcanoAdmissionWebhookErrors: (rule) => {
    const n = samplesFor(rule, 1);
    const common = 'name="validatejob.volcano.sh", type="validating", operation="CREATE"';
    return {
      activeFrom: 1, // rate() needs two samples
      labels: { name: 'validatejob.volcano.sh' },
      series: [
        // 100 calls a minute, all failing: well above the minimum of calls from the first rate.
        { series: `apiserver_admission_webhook_request_total{${common}, code="0", rejected="true"}`, values: `0+100x${n}` },
        { series: `apiserver_admission_webhook_rejection_count{${common}, error_type="calling_webhook_error", rejection_code="0"}`, values: `0+100x${n}` },
      ],
    };
  },
  VolcanoAdmissionWebhookSlow: (rule, env) => ({
    activeFrom: 1,
    labels: { name: 'validatequeue.volcano.sh' },
    series: slowHistogram(
      'apiserver_admission_webhook_admission_duration_seconds',
      'name="validatequeue.volcano.sh", type="validating", operation="CREATE", rejected="false"',
      env.observability.alerts.admissionWebhookLatency.p99Seconds,
      samplesFor(rule, 1),
    ),
  }),
  VolcanoSchedulingCycleSlow: (rule, env) => ({
    activeFrom: 1,
    labels: {},
    series: slowHistogram('volcano_e2e_scheduling_latency_milliseconds', '', env.observability.alerts.schedulingCycleLatency.p95Milliseconds, samplesFor(rule, 1)),
  }),
  VolcanoJobSchedulingLatencyHigh: (rule, env) => {
    // The SLA's minimum number of jobs, all created at time 0 and first placed together at twice the SLA.
    const sla = env.observability.schedulingSlas.find((s) => s.name === rule.labels.sla)!;
    const queue = sla.queues[0];
    const placedAt = durationSeconds(sla.p95)! * 2;
    const activeFrom = placedAt / 60;
    const n = samplesFor(rule, activeFrom);
    const jobs = Array.from({ length: sla.minJobs }, (_, i) => `{job_name="job-${i}", queue="${queue}", job_namespace="tenant-a"}`);
    return {
      activeFrom,
      labels: { queue },
      series: jobs.flatMap((job) => [
        constant(`volcano_e2e_job_scheduling_start_time${job}`, 0, n),
        { series: `volcano_e2e_job_scheduling_last_time${job}`, values: `_x${activeFrom} ${placedAt}x${n - activeFrom}` },
      ]),
    };
  },
  VolcanoJobWaitingTooLong: (rule, env) => {
    // A queue where no job is ever placed: one job submitted at time 0, never placed, its PodGroup pending.
    const queue = firstEnabledQueue(env);
    const activeFrom = env.observability.alerts.jobWaiting.waitMinutes + 1; // waited strictly longer
    const n = samplesFor(rule, activeFrom);
    return {
      activeFrom,
      labels: { queue },
      series: [
        constant(`volcano_e2e_job_scheduling_start_time{job_name="job-1", queue="${queue}", job_namespace="tenant-a"}`, 0, n),
        constant(`volcano_queue_pod_group_pending_count{queue_name="${queue}"}`, 1, n),
        constant(`volcano_queue_pod_group_inqueue_count{queue_name="${queue}"}`, 0, n),
      ],
    };
  },
  VolcanoQueueBacklog: (rule, env) => {
    const queue = firstEnabledQueue(env);
    return {
      activeFrom: 0,
      labels: { queue },
      series: [constant(`volcano_queue_pod_group_pending_count{queue_name="${queue}"}`, env.observability.alerts.queueBacklog.pendingPodGroups + 1, samplesFor(rule, 0))],
    };
  },
  VolcanoQueueOverused: (rule, env): AlertFixture => {
    const queue = firstEnabledQueue(env);
    const n = samplesFor(rule, 0);
    if (env.sharingPolicy === 'proportion') {
      // 4 cores held against 2 deserved; Volcano's own gauge agrees.
      return {
        activeFrom: 0,
        labels: { queue, resource: 'cpu' },
        series: [
          constant(`volcano_queue_allocated_milli_cpu{queue_name="${queue}"}`, 4000, n),
          constant(`volcano_queue_deserved_milli_cpu{queue_name="${queue}"}`, 2000, n),
          constant(`volcano_queue_overused{queue_name="${queue}"}`, 1, n),
        ],
      };
    }
    return { activeFrom: 0, labels: { queue }, series: [constant(`volcano_queue_overused{queue_name="${queue}"}`, 1, n)] };
  },
  VolcanoQueueStarved: (rule, env) => {
    // A queue that holds its full guarantee of everything but CPU, of which it holds none while its pending
    // tasks request 2 cores.
    const queue = env.queues.find((q) => q.enabled && q.guarantee?.cpu !== undefined)!;
    const n = samplesFor(rule, 0);
    const held = Object.keys(queue.guarantee!).filter((r) => r !== 'cpu').map((resource) => {
      const value = guaranteeNumber(env, queue.name, resource);
      if (resource === 'memory') return constant(`volcano_queue_allocated_memory_bytes{queue_name="${queue.name}"}`, value, n);
      // Volcano exports scalar resources in thousandths of a unit.
      return constant(`volcano_queue_allocated_scalar_resources{queue_name="${queue.name}", resource="${resource}"}`, Number(value) * SCALAR_RESOURCE_MILLI, n);
    });
    return {
      activeFrom: 0,
      labels: { queue: queue.name, resource: 'cpu' },
      series: [
        constant(`volcano_queue_allocated_milli_cpu{queue_name="${queue.name}"}`, 0, n),
        constant(`volcano_queue_request_milli_cpu{queue_name="${queue.name}"}`, 2000, n),
        ...held,
      ],
    };
  },
  VolcanoGangJobUnschedulable: (rule) => ({
    activeFrom: 0,
    labels: { job_id: 'train-llm' },
    series: [constant('volcano_unschedule_task_count{job_id="train-llm"}', 3, samplesFor(rule, 0))],
  }),
  VolcanoPreemptionRateHigh: (rule, env) => ({
    // rate() over 10m divides by the whole window: at 1m, with one step of 20x the threshold, it reads 2x.
    activeFrom: 1,
    labels: {},
    series: [{ series: 'volcano_total_preemption_attempts', values: `0+${env.observability.alerts.preemptionRate.attemptsPerMinute * 20}x${samplesFor(rule, 1)}` }],
  }),
  VolcanoJobFailureRateHigh: (rule, env) => {
    const queue = firstEnabledQueue(env);
    const { minFinishedJobs } = env.observability.alerts.jobFailureRate;
    // Each job's counter appears at 1 when it fails: every one of them counts from the first evaluation.
    const failed = Array.from({ length: minFinishedJobs }, (_, i) =>
      constant(`volcano_job_failed_phase_count{job_name="tenant-a/job-${i}", queue_name="${queue}"}`, 1, samplesFor(rule, 0)));
    return { activeFrom: 0, labels: { queue }, series: failed };
  },
};

/** The guarantee of a queue's resource as our recording rules write it. */
function guaranteeNumber(env: ResolvedEnvironment, queue: string, resource: string): string {
  return resourceNumber(Quantity.parse(env.queues.find((q) => q.name === queue)!.guarantee![resource]));
}
