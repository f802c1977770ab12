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

function drawRunTime(runTime: RunTime, random: RandomStream): number {
  if ('mean' in runTime) return Math.max(1, random.exponential(durationSeconds(runTime.mean)!));
  return random.uniform(durationSeconds(runTime.min)!, durationSeconds(runTime.max)!);
}

function drawGang(gang: GangSize, random: RandomStream): number {
  return typeof gang === 'number' ? gang : random.integer(gang.min, gang.max);
}

/**
 * The day's jobs for a validated scenario, in arrival order: Poisson arrivals at each hour's rate, gang
 * sizes and run times drawn per job. Deterministic for a seed.
 */
export function generateJobs(scenario: WorkloadScenario, seed: number): SimulatedJob[] {
  const drafts: Omit<SimulatedJob, 'id'>[] = [];
  for (const workloadClass of scenario.classes) {
    const random = RandomStream.for(seed, workloadClass.name);
    const perPod = toAmounts(workloadClass.podRequests);
    hourlyRates(workloadClass.arrivalsPerHour).forEach((rate, hour) => {
      if (!(rate > 0)) return;
      // Poisson arrivals are memoryless: restarting the gaps at each hour keeps the process exact.
      for (let t = hour * 3600 + random.exponential(3600 / rate); t < (hour + 1) * 3600; t += random.exponential(3600 / rate)) {
        const pods = drawGang(workloadClass.gang, random);
        drafts.push({ workloadClass, arrival: t, pods, demand: scale(perPod, pods), runTime: drawRunTime(workloadClass.runTime, random) });
      }
    });
  }
  const order = new Map(scenario.classes.map((c, i) => [c, i] as const));
  drafts.sort((a, b) => a.arrival - b.arrival || order.get(a.workloadClass)! - order.get(b.workloadClass)!);
  return drafts.map((draft, id) => ({ id, ...draft }));
}
