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
 * - `volcano_unschedule_task_count{job_id}`: set by the gang plugin at every session close for every job with
 *   tasks, to 0 for a ready job and to its missing members for one that is not
 *   (pkg/scheduler/plugins/gang/gang.go:232-291); `job_id` is the PodGroup's name, as `job_name` above.
 * All of them are deleted when the job leaves the cache (pkg/scheduler/metrics/job.go, DeleteJobMetrics),
 * live only in the leader's process, and restart empty with a new leader.
 *
 * allocate sets the last time before the gang decides (allocate.go:953-983, allocateResourcesForTask) and then
 * discards the statement of a gang that does not fit whole (:865; its dry runs, :496-501), so a gang whose
 * members partly fit "is placed" every session without ever running. A placement therefore counts only
 * while the gang plugin does not report the job's members missing.
 *
 * So the scheduling latency is taken from each job's *first* placement only: a rule remembers, per job,
 * the earliest placement it has seen, across scheduler restarts and leader changes, for as long as the
 * job exists; the wait is that time minus the creation time.
 *
 * A job is its labels: `job_name` is the PodGroup's name and `job_namespace` its namespace (setPodGroup
 * passes the JobInfo's Name and Namespace, which pkg/scheduler/api/job_info.go SetPodGroup copies from the
 * PodGroup). Those names carry their owner's UID: `<job>-<uid>` for a Volcano Job
 * (pkg/controllers/job/job_controller_actions.go:64-66, generateRelatedPodGroupName) and `podgroup-<uid>` for
 * a ReplicaSet or StatefulSet (pkg/controllers/podgroup/pg_controller_handler.go:82, :135). A PodGroup
 * created again under the same name is therefore the same job: a Volcano Job restart (RestartJob, after
 * PodEvicted or a failed pod) deletes its PodGroup in killPods (job_controller_actions.go:265-279) and the
 * controller creates it again with a new creation time. The rules keep the *earliest* creation seen and the
 * first placement across such re-creations, so a restarted job's re-placement is never a late first
 * placement. The cost: a PodGroup named by hand, deleted and created again within the memory bridge, is
 * judged by its first incarnation (forgotten after more than twice the bridge unseen).
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

/** Per-job and per-queue series about job placement. */
export const JOB_RECORDED = {
  /**
   * Per job: the earliest creation time of its PodGroup seen (re-created by restarts under the same name),
   * Unix seconds; remembered while the job was seen within the memory bridge.
   */
  jobCreated: 'job:volcano_job_created:timestamp_seconds',
  /** Per job: the earliest placement of it seen while not short of gang members, Unix seconds; remembered while the job is known. */
  jobFirstPlaced: 'job:volcano_job_first_placement:timestamp_seconds',
  /** Per job: seconds from creation to its first placement. */
  jobFirstPlacementWait: 'job:volcano_job_first_placement_wait:seconds',
  /** Per queue: p95 of the first-placement wait of the jobs first placed in the last hour, seconds. */
  firstPlacementWaitP95: 'queue:volcano_job_first_placement_wait_seconds:p95_1h',
  /** Per queue: jobs first placed in the last hour (the p95's sample size). */
  jobsFirstPlaced: 'queue:volcano_jobs_first_placed:count_1h',
  /** Per queue: seconds the oldest job never placed has been waiting. */
  oldestUnplacedJobAge: 'queue:volcano_unplaced_job_age_seconds:max',
  /** Per queue: seconds since the scheduler last placed tasks of a job of the queue that is not short of gang members. */
  lastPlacementAge: 'queue:volcano_last_placement_age_seconds:min',
} as const;

const R = JOB_RECORDED;
const placedInWindow = `${R.jobFirstPlaced} > time() - ${SLA_WINDOW_SECONDS}`;
/**
 * The last-scheduled time of each job that is not short of gang members: a gang that partly fits is not
 * placed (see above). Matched on the PodGroup name alone, since the gang gauge has no namespace: a same-named
 * unready PodGroup in another namespace holds a job back too. A job the gang plugin has not yet reported on
 * counts, so the rules do not hinge on a series every placement's session writes a moment later.
 */
const runningPlacements =
  'volcano_e2e_job_scheduling_last_time unless on (job_name) label_replace(volcano_unschedule_task_count > 0, "job_name", "$1", "job_id", "(.*)")';
/** Per job: the earliest creation time seen within the memory bridge; none once the job was not seen for that long. */
const seenCreated = `min by (${JOB}) (min_over_time(volcano_e2e_job_scheduling_start_time[${JOB_MEMORY_BRIDGE}]))`;

/** The rules, in evaluation order (each reads the ones before it, the memory also its own last value). */
export function jobRecordingRules(): Array<{ record: string; expr: string }> {
  return [
    {
      record: R.jobCreated,
      // The remembered creation where it is no later than the earliest seen within the bridge, else that
      // one: the minimum of both, for as long as the job was seen within the bridge (not the latest, which
      // a restart's re-created PodGroup moves to the restart).
      expr: `(last_over_time(${R.jobCreated}[${JOB_MEMORY_BRIDGE}]) <= on (${JOB}) ${seenCreated}) or on (${JOB}) ${seenCreated}`,
    },
    {
      record: R.jobFirstPlaced,
      // The remembered time, while the job is known (through restarts too: see above); else the placement seen now.
      expr:
        `(last_over_time(${R.jobFirstPlaced}[${JOB_MEMORY_BRIDGE}]) and on (${JOB}) ${R.jobCreated})` +
        ` or on (${JOB}) min by (${JOB}) (${runningPlacements})`,
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
    // Placements of running jobs only: a gang that partly fits must not make its queue look served.
    { record: R.lastPlacementAge, expr: `time() - max by (queue) (${runningPlacements})` },
  ];
}
