import { durationSeconds } from '../observability/settings';
import { Amounts, scale, toAmounts } from '../sharing/resources';
import { GangSize, RunTime, WorkloadClass, WorkloadScenario } from './profile';
import { RandomStream } from './random';

/** Seconds in the simulated day. */
export const DAY_SECONDS = 24 * 3600;

/** One job of the simulated day: a gang that needs all of its pods at once. */
export interface SimulatedJob {
  /** Index in arrival order (ties broken by class order). */
  readonly id: number;
  /** The class it belongs to. */
  readonly workloadClass: WorkloadClass;
  /** Seconds after midnight it is submitted. */
  readonly arrival: number;
  /** Pods in the gang. */
  readonly pods: number;
  /** What the whole gang requests (its PodGroup's minResources). */
  readonly demand: Amounts;
  /** Seconds it runs once placed. */
  readonly runTime: number;
}

/** The hourly rates of a class: one per hour of the day. */
export function hourlyRates(arrivalsPerHour: number | readonly number[]): readonly number[] {
  return typeof arrivalsPerHour === 'number' ? Array.from({ length: 24 }, () => arrivalsPerHour) : arrivalsPerHour;
}

/** A class's run time in seconds, read from its durations once rather than at every job. */
type RunTimeSeconds = { readonly mean: number } | { readonly min: number; readonly max: number };

function inSeconds(runTime: RunTime): RunTimeSeconds {
  if ('mean' in runTime) return { mean: durationSeconds(runTime.mean)! };
  return { min: durationSeconds(runTime.min)!, max: durationSeconds(runTime.max)! };
}

function drawRunTime(runTime: RunTimeSeconds, random: RandomStream): number {
  if ('mean' in runTime) return Math.max(1, random.exponential(runTime.mean));
  return random.uniform(runTime.min, runTime.max);
}

function drawGang(gang: GangSize, random: RandomStream): number {
  return typeof gang === 'number' ? gang : random.integer(gang.min, gang.max);
}

/**
 * The day's jobs for a validated scenario, in arrival order: Poisson arrivals at each hour's rate, gang
 * sizes and run times drawn per job. Deterministic for a seed.
 */
export function generateJobs(scenario: WorkloadScenario, seed: number): SimulatedJob[] {
  // Each job is made once, numbered when the order is known: a day has thousands of jobs, and copying
  // drafts into numbered jobs doubled what the day allocates before it starts.
  const jobs: { -readonly [K in keyof SimulatedJob]: SimulatedJob[K] }[] = [];
  for (const workloadClass of scenario.classes) {
    const random = RandomStream.for(seed, workloadClass.name);
    const perPod = toAmounts(workloadClass.podRequests);
    const runTime = inSeconds(workloadClass.runTime);
    // Jobs of a class with the same gang size demand the same: they share one (read-only) amount.
    const demands = new Map<number, Amounts>();
    hourlyRates(workloadClass.arrivalsPerHour).forEach((rate, hour) => {
      if (!(rate > 0)) return;
      // Poisson arrivals are memoryless: restarting the gaps at each hour keeps the process exact.
      for (let t = hour * 3600 + random.exponential(3600 / rate); t < (hour + 1) * 3600; t += random.exponential(3600 / rate)) {
        const pods = drawGang(workloadClass.gang, random);
        let demand = demands.get(pods);
        if (demand === undefined) demands.set(pods, (demand = scale(perPod, pods)));
        jobs.push({ id: 0, workloadClass, arrival: t, pods, demand, runTime: drawRunTime(runTime, random) });
      }
    });
  }
  const order = new Map(scenario.classes.map((c, i) => [c, i] as const));
  jobs.sort((a, b) => a.arrival - b.arrival || order.get(a.workloadClass)! - order.get(b.workloadClass)!);
  for (let id = 0; id < jobs.length; id++) jobs[id].id = id;
  return jobs;
}
