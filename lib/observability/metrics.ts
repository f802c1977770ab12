/**
 * The metrics our rules and dashboards may use: the Volcano v1.15.1 metrics we rely on (which component
 * serves them, which scheduler plugin must be on for them to exist), Prometheus' own `up`, and the API
 * server's admission-webhook metrics. Anything else in an expression is an error (see `metric-check.ts`).
 */

/** Prometheus metric type. */
export type MetricType = 'counter' | 'gauge' | 'histogram';

/** Which process exports a metric. */
export type MetricSource = 'volcano-scheduler' | 'volcano-controller' | 'prometheus' | 'kube-apiserver';

/** One metric we know. */
export interface MetricInfo {
  /** Exposed name (for histograms without the `_bucket`/`_sum`/`_count` suffix). */
  readonly name: string;
  /** Prometheus type. */
  readonly type: MetricType;
  /** Which process exports it. */
  readonly source: MetricSource;
  /**
   * Unit of the sample values as exported, e.g. `milliseconds`, `millicores`, `bytes`, or `milli-units` for
   * Volcano's scalar resources (GPUs, ...), which it exports as `quantity.MilliValue()`: 1 GPU reads 1000.
   */
  readonly unit: string;
  /** Its labels (besides target labels such as `namespace`, `pod`, `job`). */
  readonly labels: readonly string[];
  /** The series exist only when one of these scheduler plugins is enabled. */
  readonly requiresOneOfPlugins?: readonly string[];
  /**
   * The series only ever changes when the scheduler runs this action (it may exist, stuck at zero,
   * without it): rules and panels on it are omitted where the action is off.
   */
  readonly requiresAction?: string;
  /** What it measures, in our words. */
  readonly meaning: string;
}

const scheduler = (name: string, type: MetricType, unit: string, labels: string[], meaning: string, requiresOneOfPlugins?: string[]): MetricInfo =>
  ({ name, type, source: 'volcano-scheduler', unit, labels, meaning, ...(requiresOneOfPlugins ? { requiresOneOfPlugins } : {}) });
const controller = (name: string, type: MetricType, unit: string, labels: string[], meaning: string): MetricInfo =>
  ({ name, type, source: 'volcano-controller', unit, labels, meaning });

/** Volcano exports scalar resources (GPUs, ...) as `quantity.MilliValue()`: divide by this for whole units. */
export const SCALAR_RESOURCE_MILLI = 1000;

/** Queue sharing plugins: the only writers of the per-queue resource metrics. */
const QUEUE_SHARING = ['proportion', 'capacity'];

/** Volcano metrics (v1.15.1) the platform uses. Histograms are in milliseconds. */
export const VOLCANO_METRICS: readonly MetricInfo[] = [
  scheduler('volcano_e2e_scheduling_latency_milliseconds', 'histogram', 'milliseconds', [], 'duration of one scheduling session (snapshot, actions, close)'),
  scheduler('volcano_e2e_job_scheduling_latency_milliseconds', 'histogram', 'milliseconds', [], 'per job: PodGroup creation until its last task is placed (buckets end at 2 minutes)'),
  scheduler('volcano_e2e_job_scheduling_duration', 'gauge', 'milliseconds', ['job_name', 'queue', 'job_namespace'], 'per job: at its latest task placement, the time since the job was created, ms; a re-placement reports the job\'s whole age. Kept while the job exists'),
  scheduler('volcano_e2e_job_scheduling_start_time', 'gauge', 'Unix seconds', ['job_name', 'queue', 'job_namespace'], 'per job: its PodGroup\'s creation time (Unix seconds), set when the job enters the scheduler\'s cache (again by every new leader); kept while the job exists, placed or not'),
  scheduler('volcano_e2e_job_scheduling_last_time', 'gauge', 'Unix seconds', ['job_name', 'queue', 'job_namespace'], 'per job: Unix time (seconds) the scheduler last placed tasks of it (first placement or re-placement alike)'),
  scheduler('volcano_action_scheduling_latency_milliseconds', 'histogram', 'milliseconds', ['action'], 'duration of each action (enqueue, allocate, backfill, preempt, reclaim) per session'),
  scheduler('volcano_plugin_scheduling_latency_milliseconds', 'histogram', 'milliseconds', ['plugin', 'OnSession'], 'duration of each plugin\'s session open and close'),
  { ...scheduler('volcano_total_preemption_attempts', 'counter', 'attempts', [], 'preemption attempts of the preempt action'), requiresAction: 'preempt' },
  { ...scheduler('volcano_pod_preemption_victims', 'gauge', 'pods', [], 'victims chosen by the last preemption'), requiresAction: 'preempt' },
  scheduler('volcano_unschedule_task_count', 'gauge', 'tasks', ['job_id'], 'per gang job (PodGroup name): tasks that could not be placed in the last session', ['gang']),
  scheduler('volcano_unschedule_job_count', 'gauge', 'jobs', [], 'gang jobs that could not be placed in the last session', ['gang']),
  scheduler('volcano_queue_allocated_milli_cpu', 'gauge', 'millicores', ['queue_name'], 'CPU allocated to the queue, millicores', QUEUE_SHARING),
  scheduler('volcano_queue_allocated_memory_bytes', 'gauge', 'bytes', ['queue_name'], 'memory allocated to the queue, bytes', QUEUE_SHARING),
  scheduler('volcano_queue_allocated_scalar_resources', 'gauge', 'milli-units', ['queue_name', 'resource'], 'other resources (GPUs, ...) allocated to the queue, in thousandths of a unit (2 GPUs read 2000)', QUEUE_SHARING),
  scheduler('volcano_queue_request_milli_cpu', 'gauge', 'millicores', ['queue_name'], 'CPU requested by the queue\'s placed and pending tasks, millicores', QUEUE_SHARING),
  scheduler('volcano_queue_request_memory_bytes', 'gauge', 'bytes', ['queue_name'], 'memory requested by the queue\'s placed and pending tasks, bytes', QUEUE_SHARING),
  scheduler('volcano_queue_request_scalar_resources', 'gauge', 'milli-units', ['queue_name', 'resource'], 'other resources requested by the queue\'s placed and pending tasks, in thousandths of a unit', QUEUE_SHARING),
  scheduler('volcano_queue_deserved_milli_cpu', 'gauge', 'millicores', ['queue_name'], 'the queue\'s deserved CPU as the plugin computes it, millicores', QUEUE_SHARING),
  scheduler('volcano_queue_deserved_memory_bytes', 'gauge', 'bytes', ['queue_name'], 'the queue\'s deserved memory, bytes', QUEUE_SHARING),
  scheduler('volcano_queue_deserved_scalar_resources', 'gauge', 'milli-units', ['queue_name', 'resource'], 'the queue\'s deserved other resources, in thousandths of a unit', QUEUE_SHARING),
  scheduler('volcano_queue_share', 'gauge', 'ratio', ['queue_name'], 'the queue\'s dominant share: allocated over deserved', QUEUE_SHARING),
  scheduler('volcano_queue_overused', 'gauge', 'boolean', ['queue_name'], '1 while the queue uses more than its deserved share', QUEUE_SHARING),
  controller('volcano_queue_pod_group_pending_count', 'gauge', 'PodGroups', ['queue_name'], 'PodGroups of the queue not yet admitted'),
  controller('volcano_queue_pod_group_inqueue_count', 'gauge', 'PodGroups', ['queue_name'], 'PodGroups admitted to the queue but not running'),
  controller('volcano_queue_pod_group_running_count', 'gauge', 'PodGroups', ['queue_name'], 'PodGroups of the queue running'),
  controller('volcano_job_completed_phase_count', 'counter', 'times', ['job_name', 'queue_name'], 'per Volcano Job: times it reached Completed'),
  controller('volcano_job_failed_phase_count', 'counter', 'times', ['job_name', 'queue_name'], 'per Volcano Job: times it reached Failed'),
];

/** Metrics of other components the platform may use. */
export const EXTERNAL_METRICS: readonly MetricInfo[] = [
  { name: 'up', type: 'gauge', source: 'prometheus', unit: 'boolean', labels: [], meaning: '1 when the last scrape of a target succeeded' },
  {
    name: 'apiserver_admission_webhook_request_total',
    type: 'counter',
    source: 'kube-apiserver',
    unit: 'requests',
    labels: ['name', 'type', 'operation', 'code', 'rejected'],
    meaning: 'calls from the API server to each admission webhook',
  },
  {
    name: 'apiserver_admission_webhook_rejection_count',
    type: 'counter',
    source: 'kube-apiserver',
    unit: 'requests',
    labels: ['name', 'type', 'operation', 'error_type', 'rejection_code'],
    meaning: 'webhook calls that rejected the request, by cause (calling_webhook_error when the webhook could not be reached or timed out)',
  },
  {
    name: 'apiserver_admission_webhook_admission_duration_seconds',
    type: 'histogram',
    source: 'kube-apiserver',
    unit: 'seconds',
    labels: ['name', 'type', 'operation', 'rejected'],
    meaning: 'latency of each admission webhook as seen by the API server, seconds',
  },
];

/**
 * Labels every scraped series carries besides its own: `namespace`, `app`, `service` and `pod` from our
 * scrape configuration (ServiceMonitor or plain), `job` and `instance` from Prometheus.
 */
export const TARGET_LABELS: readonly string[] = ['namespace', 'app', 'service', 'pod', 'job', 'instance'];

/** Metrics Volcano v1.15.1 defines but never updates: referencing them is always an error. */
export const NEVER_EMITTED_METRICS: readonly string[] = [
  'volcano_schedule_attempts_total',
  'volcano_namespace_share',
  'volcano_namespace_weight',
  'volcano_namespace_weighted_share',
];

let seriesNames: ReadonlyMap<string, MetricInfo> | undefined;

/**
 * Every known metric by exposed series name, histograms under each of their `_bucket`, `_sum`, `_count`
 * series. Built once: validation looks names up for every expression of every queue.
 */
export function knownSeriesNames(): ReadonlyMap<string, MetricInfo> {
  if (seriesNames === undefined) {
    const names = new Map<string, MetricInfo>();
    for (const metric of [...VOLCANO_METRICS, ...EXTERNAL_METRICS]) {
      const suffixes = metric.type === 'histogram' ? ['_bucket', '_sum', '_count'] : [''];
      for (const suffix of suffixes) names.set(metric.name + suffix, metric);
    }
    seriesNames = names;
  }
  return seriesNames;
}
