import { Quantity, ResolvedEnvironment } from '../../lib/config';
import { AlertRule } from '../../lib/observability/alert-rules';
import { SCALAR_RESOURCE_MILLI } from '../../lib/observability/metrics';
import { durationSeconds } from '../../lib/observability/settings';
import { InputSeries } from './alert-fixtures';
import { latencyScenarios, waitingScenarios } from './quiet-scenarios-scheduling';
import { counter, perMinute } from './series';

/** A busy but healthy stretch of time during which an alert must stay silent, at every minute. */
export interface QuietScenario {
  readonly name: string;
  /** Length in minutes; the alert is checked at every one of them. */
  readonly minutes: number;
  readonly series: readonly InputSeries[];
}

const forMinutes = (rule: AlertRule) => durationSeconds(rule.for)! / 60;
const firstEnabledQueue = (env: ResolvedEnvironment) => env.queues.find((q) => q.enabled)!.name;

/** Scrape targets of a component through a rolling restart: each pod's `up` while it exists. */
function rollingRestart(env: ResolvedEnvironment, app: string, rule: AlertRule): QuietScenario[] {
  const ns = env.release.namespace;
  const length = forMinutes(rule) * 6;
  const up = (pod: string, from: number, to: number) => perMinute(`up{namespace="${ns}", app="${app}", pod="${app}-${pod}"}`, length, (m) => (m >= from && m < to ? 1 : undefined));
  // One replica: the new pod comes up a little less than `for` after the old one went.
  const gap = Math.max(1, forMinutes(rule) - 2);
  return [
    { name: 'single replica replaced by a rolling restart', minutes: length, series: [up('a', 0, 10), up('b', 10 + gap, length)] },
    {
      name: 'two replicas with leader election replaced one after the other (the standby serves /metrics too)',
      minutes: length,
      series: [up('a', 0, 10), up('b', 0, 20), up('c', 11, length), up('d', 21, length)],
    },
  ];
}

/** Histogram buckets with `perMinute` observations a minute into each bucket (cumulative), per minute. */
function histogram(metric: string, labels: string, bounds: number[], observations: (minute: number) => number[], minutes: number, from = 0, to = minutes): InputSeries[] {
  const sep = labels ? `${labels}, ` : '';
  return [...bounds.map(String), '+Inf'].map((le, i) =>
    counter(`${metric}_bucket{${sep}le="${le}"}`, minutes, (m) => observations(m).slice(0, i + 1).reduce((a, b) => a + b, 0), from, to));
}

/** Every queue-scoped quantity of a queue's guarantee as Volcano exports it (millicores, bytes, milli-units). */
function exported(resource: string, amount: number): { metric: string; value: number } {
  if (resource === 'cpu') return { metric: 'milli_cpu', value: amount * 1000 };
  if (resource === 'memory') return { metric: 'memory_bytes', value: amount };
  return { metric: 'scalar_resources', value: amount * SCALAR_RESOURCE_MILLI };
}

function queueResource(kind: 'allocated' | 'request', queue: string, resource: string, amount: number, minutes: number): InputSeries {
  const { metric, value } = exported(resource, amount);
  const extra = metric === 'scalar_resources' ? `, resource="${resource}"` : '';
  return perMinute(`volcano_queue_${kind}_${metric}{queue_name="${queue}"${extra}}`, minutes, () => value);
}

function starvationScenarios(rule: AlertRule, env: ResolvedEnvironment): QuietScenario[] {
  const queue = env.queues.find((q) => q.enabled && q.guarantee && Object.keys(q.guarantee).length >= 2)!;
  const guarantee = Object.entries(queue.guarantee!).map(([r, q]) => [r, Number(Quantity.parse(q).nanos) / 1e9] as const);
  const length = forMinutes(rule) * 3;
  // The resource the queue's waiting work is bound by: GPUs where it has a GPU guarantee, else memory.
  const bound = guarantee.find(([r]) => r !== 'cpu' && r !== 'memory')?.[0] ?? 'memory';
  const pending = perMinute(`volcano_queue_pod_group_pending_count{queue_name="${queue.name}"}`, length, () => 2);
  const inqueue = perMinute(`volcano_queue_pod_group_inqueue_count{queue_name="${queue.name}"}`, length, () => 1);
  return [
    {
      name: 'below its guarantee with everything its tasks request placed (its demand is met while other queues are busy)',
      minutes: length,
      series: guarantee.flatMap(([r, g]) => [queueResource('allocated', queue.name, r, g / 2, length), queueResource('request', queue.name, r, g / 2, length)]),
    },
    {
      // Enqueue admits a PodGroup within a session or a few: pending PodGroups are waiting only while they stay.
      name: 'below its guarantee with its demand met, a new PodGroup pending a little less than `for` before it is admitted and its tasks placed',
      minutes: length,
      series: [
        ...guarantee.flatMap(([r, g]) => [
          perMinute(`volcano_queue_allocated_${exported(r, 0).metric}{queue_name="${queue.name}"${r === 'cpu' || r === 'memory' ? '' : `, resource="${r}"`}}`, length, (m) => exported(r, m < forMinutes(rule) ? g / 4 : g / 2).value),
          perMinute(`volcano_queue_request_${exported(r, 0).metric}{queue_name="${queue.name}"${r === 'cpu' || r === 'memory' ? '' : `, resource="${r}"`}}`, length, (m) => exported(r, m < forMinutes(rule) ? g / 4 : g / 2).value),
        ]),
        perMinute(`volcano_queue_pod_group_pending_count{queue_name="${queue.name}"}`, length, (m) => (m >= 2 && m < forMinutes(rule) ? 1 : 0)),
      ],
    },
    {
      name: `bound by ${bound}: below its cpu guarantee, but it holds its full ${bound} guarantee and its waiting tasks need more ${bound}`,
      minutes: length,
      series: [
        ...guarantee.flatMap(([r, g]) => r === 'cpu'
          ? [queueResource('allocated', queue.name, r, g / 2, length), queueResource('request', queue.name, r, g, length)]
          : r === bound
            ? [queueResource('allocated', queue.name, r, g, length), queueResource('request', queue.name, r, g * 2, length)]
            : [queueResource('allocated', queue.name, r, g, length), queueResource('request', queue.name, r, g, length)]),
        pending,
        inqueue,
      ],
    },
  ];
}

/**
 * Busy but healthy scenarios per alert: the noise budget. Every alert of every environment must stay
 * silent through each of them; the test fails for an alert without one.
 */
export const QUIET_SCENARIOS: Readonly<Record<string, (rule: AlertRule, env: ResolvedEnvironment) => QuietScenario[]>> = {
  VolcanoSchedulerDown: (rule, env) => rollingRestart(env, 'volcano-scheduler', rule),
  VolcanoControllerDown: (rule, env) => rollingRestart(env, 'volcano-controller', rule),
  VolcanoAdmissionWebhookErrors: (rule, env) => {
    const length = forMinutes(rule) * 4;
    const common = 'name="validatejob.volcano.sh", type="validating", operation="CREATE"';
    // 200 calls a minute, the threshold's fifth of them failing (clients giving up, pods restarting).
    const failing = Math.max(1, Math.floor(200 * env.observability.alerts.admissionWebhookErrors.ratio / 5));
    // An idle webhook whose pod restarts (a helm upgrade): a call every 10 minutes, and the three calls
    // made while it is down, 3 minutes apart, fail: 100% of its calls for over `for`.
    const duringRestart = (m: number) => m >= 20 && m <= 26 && (m - 20) % 3 === 0;
    const idleLength = 40 + forMinutes(rule) * 2;
    return [
      {
        name: 'busy webhook with a few failed calls',
        minutes: length,
        series: [
          counter(`apiserver_admission_webhook_request_total{${common}, code="200", rejected="false"}`, length, () => 200 - failing),
          counter(`apiserver_admission_webhook_request_total{${common}, code="0", rejected="true"}`, length, () => failing),
          counter(`apiserver_admission_webhook_rejection_count{${common}, error_type="calling_webhook_error", rejection_code="0"}`, length, () => failing),
        ],
      },
      {
        name: 'idle webhook restarting: the few calls made while its pod is down fail',
        minutes: idleLength,
        series: [
          counter(`apiserver_admission_webhook_request_total{${common}, code="200", rejected="false"}`, idleLength, (m) => (m % 10 === 0 && !(m >= 20 && m <= 36) ? 1 : 0)),
          counter(`apiserver_admission_webhook_request_total{${common}, code="0", rejected="true"}`, idleLength, (m) => (duringRestart(m) ? 1 : 0)),
          counter(`apiserver_admission_webhook_rejection_count{${common}, error_type="calling_webhook_error", rejection_code="0"}`, idleLength, (m) => (duringRestart(m) ? 1 : 0)),
        ],
      },
    ];
  },
  VolcanoAdmissionWebhookSlow: (rule, env) => {
    const length = forMinutes(rule) * 4;
    const t = env.observability.alerts.admissionWebhookLatency.p99Seconds;
    return [{
      name: 'busy webhook answering within half the threshold',
      minutes: length,
      series: histogram('apiserver_admission_webhook_admission_duration_seconds', 'name="validatequeue.volcano.sh", type="validating", operation="CREATE", rejected="false"', [t / 4, t / 2, t], () => [150, 50, 0, 0], length),
    }];
  },
  VolcanoSchedulingCycleSlow: (rule, env) => {
    const length = forMinutes(rule) * 4;
    const t = env.observability.alerts.schedulingCycleLatency.p95Milliseconds;
    const metric = 'volcano_e2e_scheduling_latency_milliseconds';
    // 60 sessions a minute, at most half the threshold; the new leader's first three minutes are slow (cold cache).
    const normal = [40, 20, 0, 0];
    return [{
      name: 'busy scheduler, and a leader change whose first sessions are slow',
      minutes: length,
      series: [
        ...histogram(metric, 'pod="volcano-scheduler-a"', [t / 4, t / 2, t], () => normal, length, 0, 20),
        ...histogram(metric, 'pod="volcano-scheduler-b"', [t / 4, t / 2, t], (m) => (m <= 23 ? [0, 0, 0, 60] : normal), length, 21, length),
      ],
    }];
  },
  VolcanoJobSchedulingLatencyHigh: latencyScenarios,
  VolcanoJobWaitingTooLong: waitingScenarios,
  VolcanoQueueBacklog: (rule, env) => {
    const queue = firstEnabledQueue(env);
    const { pendingPodGroups } = env.observability.alerts.queueBacklog;
    const f = forMinutes(rule);
    const length = f * 4;
    return [{
      name: 'saturated queue holding its backlog at the threshold, and a burst above it that drains within `for`',
      minutes: length,
      series: [perMinute(`volcano_queue_pod_group_pending_count{queue_name="${queue}"}`, length, (m) => (m >= f && m < 2 * f - 1 ? pendingPodGroups * 2 : pendingPodGroups))],
    }];
  },
  VolcanoQueueOverused: (rule, env) => {
    const queue = firstEnabledQueue(env);
    const f = forMinutes(rule);
    const length = f * 3;
    const borrowing = (m: number) => m % (f + 5) < f - 1;
    if (env.sharingPolicy === 'proportion') {
      // proportion caps deserved at the queue's request and calls deserved <= allocated overused
      // (plugins/proportion/proportion.go:233, :323): Volcano's gauge reads 1 for a queue fully served.
      const q = `queue_name="${queue}"`;
      const resources = (allocatedCores: (m: number) => number, deservedCores: number) => [
        perMinute(`volcano_queue_allocated_milli_cpu{${q}}`, length, (m) => allocatedCores(m) * 1000),
        perMinute(`volcano_queue_deserved_milli_cpu{${q}}`, length, () => deservedCores * 1000),
        perMinute(`volcano_queue_allocated_memory_bytes{${q}}`, length, () => 32 * 2 ** 30),
        perMinute(`volcano_queue_deserved_memory_bytes{${q}}`, length, () => 32 * 2 ** 30),
      ];
      return [
        {
          name: 'fully served queue: everything its tasks request is placed, deserved capped at that request, Volcano\'s overused gauge at 1',
          minutes: length,
          series: [...resources(() => 8, 8), perMinute(`volcano_queue_overused{${q}}`, length, () => 1)],
        },
        {
          name: 'borrowing idle capacity beyond its deserved share for a little less than `for`, twice',
          minutes: length,
          series: [...resources((m) => (borrowing(m) ? 16 : 8), 8), perMinute(`volcano_queue_overused{${q}}`, length, () => 1)],
        },
      ];
    }
    return [{
      name: 'borrowing idle capacity for a little less than `for`, twice',
      minutes: length,
      series: [perMinute(`volcano_queue_overused{queue_name="${queue}"}`, length, (m) => (borrowing(m) ? 1 : 0))],
    }];
  },
  VolcanoQueueStarved: starvationScenarios,
  VolcanoGangJobUnschedulable: (rule, env) => {
    const f = forMinutes(rule);
    const longestSla = Math.max(0, ...env.observability.schedulingSlas.map((sla) => durationSeconds(sla.p95)! / 60));
    const length = f * 3;
    return [{
      name: 'gangs waiting a little less than `for` for their members, then placed; one deleted while waiting',
      minutes: length,
      series: [
        perMinute('volcano_unschedule_task_count{job_id="train-a"}', length, (m) => (m < f - 1 ? 4 : 0)),
        perMinute('volcano_unschedule_task_count{job_id="train-b"}', length, (m) => (m < f ? (m >= 2 ? 2 : 0) : undefined)),
        perMinute('volcano_unschedule_task_count{job_id="train-c"}', length, () => 0),
      ],
    }, {
      // The gang plugin counts every not-ready job (plugins/gang/gang.go:232-291): a gang waiting its turn
      // within the longest SLA is not stuck.
      name: 'a gang waiting its turn a little less than the longest SLA p95, then placed',
      minutes: length + longestSla,
      series: [perMinute('volcano_unschedule_task_count{job_id="train-d"}', length + longestSla, (m) => (m < longestSla - 1 ? 4 : 0))],
    }];
  },
  VolcanoPreemptionRateHigh: (rule, env) => {
    const length = forMinutes(rule) * 4;
    return [{
      name: 'normal preemption: a third of the threshold, steadily',
      minutes: length,
      series: [counter('volcano_total_preemption_attempts', length, () => Math.floor(env.observability.alerts.preemptionRate.attemptsPerMinute / 3))],
    }];
  },
  VolcanoJobFailureRateHigh: (_rule, env) => {
    const queue = firstEnabledQueue(env);
    const { ratio, minFinishedJobs } = env.observability.alerts.jobFailureRate;
    const length = 90;
    // One job completes every minute; failures at half the threshold ratio.
    const half = ratio / 2;
    const failEvery = Math.ceil(60 / Math.max(1, Math.floor((60 * half) / (1 - half))));
    const job = (phase: string, name: string, at: number) =>
      perMinute(`volcano_job_${phase}_phase_count{job_name="tenant-a/${name}", queue_name="${queue}"}`, length, (m) => (m >= at ? 1 : undefined));
    return [
      {
        name: 'busy queue: a job completes every minute, a few fail',
        minutes: length,
        series: [
          ...Array.from({ length }, (_, i) => job('completed', `done-${i}`, i)),
          ...Array.from({ length: Math.floor(length / failEvery) }, (_, i) => job('failed', `broken-${i}`, i * failEvery + 1)),
        ],
      },
      {
        name: `quiet queue: fewer than ${minFinishedJobs} jobs finished, all failed`,
        minutes: length,
        series: Array.from({ length: minFinishedJobs - 1 }, (_, i) => job('failed', `broken-${i}`, i * 10)),
      },
    ];
  },
};
