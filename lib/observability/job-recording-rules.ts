/**
 * Recording rules on the scheduler's per-job gauges, which Volcano v1.15.1 sets as follows:
 * - `volcano_e2e_job_scheduling_start_time`: the PodGroup's creation time, Unix seconds, set whenever the
 *   scheduler's cache receives the PodGroup (pkg/scheduler/cache/event_handlers.go, setPodGroup), so also
 *   again by a new leader for every existing job;
 * - `volcano_e2e_job_scheduling_last_time` and `volcano_e2e_job_scheduling_duration`: set on every task
 *   placement, by allocate (pkg/scheduler/actions/allocate/allocate.go, allocateResourcesForTask) and
 *   backfill (pkg/scheduler/actions/backfill/backfill.go), to now and to now minus the job's creation (ms).
 *   A re-placement after an eviction or reclaim, or a new pod of a long-lived Deployment's PodGroup
 *   (one PodGroup per ReplicaSet), therefore reports the job's whole age as its "duration".
 * All three are deleted when the job leaves the cache (pkg/scheduler/metrics/job.go, DeleteJobMetrics),
 * live only in the leader's process, and restart empty with a new leader.
 *
 * So the scheduling latency is taken from each job's *first* placement only: a rule remembers, per job,
 * the earliest placement it has seen, across scheduler restarts and leader changes, for as long as the
 * job exists; the wait is that time minus the creation time.
 */

/** Labels identifying one job in the scheduler's per-job gauges. */
export const JOB = 'queue, job_namespace, job_name';

/** Window of the scheduling-latency SLAs: jobs first placed within it count. */
export const SLA_WINDOW_SECONDS = 3600;

/**
 * How long a job's series may be missing (a scheduler restart, outage or leader change, a Prometheus
 * restart) without the job being forgotten: as long as the SLA window, so a job first placed within the
 * window also counts after it was deleted. Deleted jobs stay in the per-job series for as long.
 */
export const JOB_MEMORY_BRIDGE = '1h';

/** Placements up to this many seconds before the recorded creation still belong to the job (clock skew). */
const CLOCK_SKEW_SECONDS = 60;

/** Per-job and per-queue series about job placement. */
export const JOB_RECORDED = {
  /** Per job: creation time of its PodGroup, Unix seconds (bridged across scheduler restarts). */
  jobCreated: 'job:volcano_job_created:timestamp_seconds',
  /** Per job: the earliest placement of it seen, Unix seconds; remembered while the job exists. */
  jobFirstPlaced: 'job:volcano_job_first_placement:timestamp_seconds',
  /** Per job: seconds from creation to its first placement. */
  jobFirstPlacementWait: 'job:volcano_job_first_placement_wait:seconds',
  /** Per queue: p95 of the first-placement wait of the jobs first placed in the last hour, seconds. */
  firstPlacementWaitP95: 'queue:volcano_job_first_placement_wait_seconds:p95_1h',
  /** Per queue: jobs first placed in the last hour (the p95's sample size). */
  jobsFirstPlaced: 'queue:volcano_jobs_first_placed:count_1h',
  /** Per queue: seconds the oldest job never placed has been waiting. */
  oldestUnplacedJobAge: 'queue:volcano_unplaced_job_age_seconds:max',
  /** Per queue: seconds since the scheduler last placed tasks of any job of the queue. */
  lastPlacementAge: 'queue:volcano_last_placement_age_seconds:min',
} as const;

const R = JOB_RECORDED;
const placedInWindow = `${R.jobFirstPlaced} > time() - ${SLA_WINDOW_SECONDS}`;

/** The rules, in evaluation order (each reads the ones before it, the memory also its own last value). */
export function jobRecordingRules(): Array<{ record: string; expr: string }> {
  return [
    { record: R.jobCreated, expr: `max by (${JOB}) (last_over_time(volcano_e2e_job_scheduling_start_time[${JOB_MEMORY_BRIDGE}]))` },
    {
      record: R.jobFirstPlaced,
      // The remembered time, while the job exists and it belongs to this incarnation of the job (a job
      // deleted and created again under the same name starts afresh); else the placement seen now.
      expr:
        `(last_over_time(${R.jobFirstPlaced}[${JOB_MEMORY_BRIDGE}]) >= on (${JOB}) (${R.jobCreated} - ${CLOCK_SKEW_SECONDS}))` +
        ` or on (${JOB}) min by (${JOB}) (volcano_e2e_job_scheduling_last_time)`,
    },
    { record: R.jobFirstPlacementWait, expr: `clamp_min(${R.jobFirstPlaced} - on (${JOB}) ${R.jobCreated}, 0)` },
    { record: R.firstPlacementWaitP95, expr: `quantile by (queue) (0.95, ${R.jobFirstPlacementWait} and on (${JOB}) (${placedInWindow}))` },
    { record: R.jobsFirstPlaced, expr: `count by (queue) (${R.jobFirstPlacementWait} and on (${JOB}) (${placedInWindow}))` },
    {
      record: R.oldestUnplacedJobAge,
      // In the cache now and never seen placed. The raw start time, not the bridged creation: a job
      // deleted while waiting leaves at once.
      expr: `max by (queue) (time() - (max by (${JOB}) (volcano_e2e_job_scheduling_start_time) unless on (${JOB}) ${R.jobFirstPlaced}))`,
    },
    { record: R.lastPlacementAge, expr: 'time() - max by (queue) (volcano_e2e_job_scheduling_last_time)' },
  ];
}
