import { ResolvedEnvironment } from '../../lib/config';
import { AlertRule } from '../../lib/observability/alert-rules';
import { durationSeconds } from '../../lib/observability/settings';
import type { QuietScenario } from './quiet-scenarios';
import { SimulatedJob, jobSeries, perMinute } from './series';

const forMinutes = (rule: AlertRule) => durationSeconds(rule.for)! / 60;
const jobs = (count: number, make: (i: number) => SimulatedJob) => Array.from({ length: count }, (_, i) => make(i));

/** Busy, healthy queues of an SLA: what the old latency expression (every placement's duration) paged on. */
export function latencyScenarios(rule: AlertRule, env: ResolvedEnvironment): QuietScenario[] {
  const sla = env.observability.schedulingSlas.find((s) => s.name === rule.labels.sla)!;
  const queue = sla.queues[0];
  const slaMinutes = durationSeconds(sla.p95)! / 60;
  // Long after the first placements, so a job's age is far above the SLA and the first placements are out of the window.
  const later = Math.max(90, Math.ceil(2 * slaMinutes) + 10);
  const length = later + forMinutes(rule) + 15;
  // New work keeps arriving and is placed a minute after submission: enough jobs for a p95, all fast.
  const fresh = jobs(sla.minJobs, (i) => ({ name: `fresh-${i}`, queue, createdAt: later - 1, placements: [later] }));
  const series = (list: SimulatedJob[]) => list.flatMap((job) => jobSeries(job, length));
  const rollingRestart = [{ pod: 'volcano-scheduler-a', from: 0, to: 30 }, { pod: 'volcano-scheduler-b', from: 31, to: length }];
  const slowCount = sla.minJobs - 1;
  return [
    {
      name: 're-placements after evictions: old jobs placed a minute after submission, evicted and placed again much later',
      minutes: length,
      series: series([
        ...jobs(sla.minJobs * 2, (i) => ({ name: `evicted-${i}`, queue, createdAt: 0, placements: [1, later] })),
        ...fresh,
      ]),
    },
    {
      // PodEvicted -> RestartJob: killPods deletes the PodGroup, the controller creates it again under the
      // same name `<job>-<uid>` (pkg/controllers/job/job_controller_actions.go), and it waits longer than
      // the SLA for its re-placement.
      name: 'Volcano Job restarts: jobs placed a minute after submission, their PodGroups re-created by a restart and re-placed later than the SLA',
      minutes: length,
      series: series([
        ...jobs(sla.minJobs * 2, (i) => ({ name: `restarted-${i}`, queue, createdAt: 0, placements: [1, later], restartedAt: later - slaMinutes - 5 })),
        ...fresh,
      ]),
    },
    {
      name: 'long-lived Deployments (one PodGroup per ReplicaSet): pods rescheduled after a scheduler rolling restart with leader election',
      minutes: length,
      series: series([
        ...jobs(sla.minJobs * 2, (i) => ({ name: `podgroup-deployment-${i}`, queue, createdAt: 0, placements: [1, later], processes: rollingRestart })),
        ...fresh,
      ]),
    },
    {
      name: `fewer jobs than the SLA's minimum (${slowCount} of ${sla.minJobs}) waited twice the SLA`,
      minutes: Math.ceil(2 * slaMinutes) + forMinutes(rule) + 15,
      series: jobs(slowCount, (i) => ({ name: `unlucky-${i}`, queue, createdAt: 0, placements: [Math.ceil(2 * slaMinutes)] }))
        .flatMap((job) => jobSeries(job, Math.ceil(2 * slaMinutes) + forMinutes(rule) + 15)),
    },
  ];
}

/** A saturated queue that keeps placing work, and a scheduler restart in a queue where nothing finishes. */
export function waitingScenarios(rule: AlertRule, env: ResolvedEnvironment): QuietScenario[] {
  const queue = env.queues.find((q) => q.enabled)!.name;
  const wait = env.observability.alerts.jobWaiting.waitMinutes;
  const length = wait + forMinutes(rule) + 20;
  const waiting = (count: number) => [
    perMinute(`volcano_queue_pod_group_pending_count{queue_name="${queue}"}`, length, () => count),
    perMinute(`volcano_queue_pod_group_inqueue_count{queue_name="${queue}"}`, length, () => 1),
  ];
  const every = Math.max(10, Math.floor(wait / 6));
  const placedRegularly = jobs(Math.floor(length / every), (i) => ({ name: `placed-${i}`, queue, createdAt: i * every, placements: [i * every + 1] }));
  const restart = [{ pod: 'volcano-scheduler-a', from: 0, to: 10 }, { pod: 'volcano-scheduler-b', from: 11, to: length }];
  return [
    {
      name: 'saturated queue placing work: one big job waits longer than the threshold while others are placed regularly',
      minutes: length,
      series: [
        ...jobSeries({ name: 'big', queue, createdAt: 0, placements: [] }, length),
        ...placedRegularly.flatMap((job) => jobSeries(job, length)),
        ...waiting(3),
      ],
    },
    {
      name: 'scheduler rolling restart with leader election: running jobs placed by the old leader, nothing finishes since, a young job waits',
      minutes: length,
      series: [
        ...jobs(3, (i) => ({ name: `running-${i}`, queue, createdAt: 0, placements: [1], processes: restart })).flatMap((job) => jobSeries(job, length)),
        ...jobSeries({ name: 'young', queue, createdAt: forMinutes(rule) + 20, placements: [], processes: restart }, length),
        ...waiting(0),
      ],
    },
  ];
}
