import { InputSeries } from './alert-fixtures';

/**
 * Input series written out minute by minute, for scenarios where values change at chosen minutes.
 * `value(minute)` undefined means no sample (the series does not exist then). A series that disappears
 * gets a staleness marker, as Prometheus writes when a scraped series or its target goes away.
 */
export function perMinute(series: string, minutes: number, value: (minute: number) => number | undefined): InputSeries {
  let present = false;
  const values = Array.from({ length: minutes }, (_, m) => {
    const v = value(m);
    const wasPresent = present;
    present = v !== undefined;
    if (v !== undefined) return String(v);
    return wasPresent ? 'stale' : '_';
  });
  return { series, values: values.join(' ') };
}

/** A counter growing by `perMinute` every minute from `from` to `to` (exclusive), absent outside. */
export function counter(series: string, minutes: number, increment: (minute: number) => number, from = 0, to = minutes): InputSeries {
  let total = 0;
  return perMinute(series, minutes, (m) => {
    if (m < from || m >= to) return undefined;
    if (m > from) total += increment(m);
    return total;
  });
}

/** One job as the scheduler exports it (pkg/scheduler/metrics: start time, last time, duration). */
export interface SimulatedJob {
  readonly name: string;
  readonly queue: string;
  /** Minute the PodGroup is created (its start_time value is this, in seconds). */
  readonly createdAt: number;
  /** Minutes a task of it is placed (first placement and re-placements). */
  readonly placements: readonly number[];
  /** Scheduler processes, each with the minutes it leads (from inclusive, to exclusive). */
  readonly processes?: ReadonlyArray<{ readonly pod: string; readonly from: number; readonly to: number }>;
  /** Minute the job is deleted; default never. */
  readonly deletedAt?: number;
  /**
   * Minute a Volcano Job restart deletes its PodGroup (killPods); the controller creates it again, under the
   * same name, the minute after, with that minute as its creation. Placements before the restart are gone
   * with the deleted gauges.
   */
  readonly restartedAt?: number;
}

/**
 * The three per-job gauges as Volcano v1.15.1 sets them: start_time = creation (cache/event_handlers.go,
 * set by every leader once it syncs), last_time = now and duration = now - creation in ms at each placement
 * (actions/allocate/allocate.go, backfill/backfill.go); a new leader starts with none of a job's placements.
 */
export function jobSeries(job: SimulatedJob, minutes: number): InputSeries[] {
  const processes = job.processes ?? [{ pod: 'volcano-scheduler-a', from: 0, to: minutes }];
  const end = job.deletedAt ?? minutes;
  return processes.flatMap(({ pod, from, to }) => {
    const labels = `{job_name="${job.name}", queue="${job.queue}", job_namespace="tenant-a", pod="${pod}"}`;
    const restart = job.restartedAt;
    const createdAt = (m: number) => (restart !== undefined && m > restart ? restart + 1 : job.createdAt);
    const alive = (m: number) => m >= from && m < to && m >= job.createdAt && m < end && m !== restart;
    const lastPlacement = (m: number) => job.placements.filter((p) => p >= from && p >= createdAt(m) && p <= m).pop();
    return [
      perMinute(`volcano_e2e_job_scheduling_start_time${labels}`, minutes, (m) => (alive(m) ? createdAt(m) * 60 : undefined)),
      perMinute(`volcano_e2e_job_scheduling_last_time${labels}`, minutes, (m) => {
        const p = lastPlacement(m);
        return alive(m) && p !== undefined ? p * 60 : undefined;
      }),
      perMinute(`volcano_e2e_job_scheduling_duration${labels}`, minutes, (m) => {
        const p = lastPlacement(m);
        return alive(m) && p !== undefined ? (p - createdAt(m)) * 60 * 1000 : undefined;
      }),
    ];
  });
}
