import { ResolvedEnvironment } from '../config/model';
import { durationSeconds } from '../observability/settings';
import { workQueues } from '../sharing/environment';
import { inUnits, toAmounts } from '../sharing/resources';
import { DayInputs, cachedDay, simulateDay } from './day-cache';
import { SimulationTrace, QueueTrace } from './engine';
import { DAY_SECONDS } from './jobs';
import { WorkloadProfile, WorkloadScenario } from './profile';
import { simulationSetup } from './setup';

/** The seed the environment pages and validation use; `npm run simulate -- --seed N` tries others. */
export const DEFAULT_SEED = 1;

/** One queue's day. */
export interface QueueOutcome {
  /** Queue name. */
  readonly queue: string;
  /** Jobs submitted to it over the day. */
  readonly jobs: number;
  /** Waiting from submission to start, seconds: median. */
  readonly waitP50: number;
  /** 95th percentile (nearest rank). */
  readonly waitP95: number;
  /** Longest. */
  readonly waitMax: number;
  /** Jobs still waiting two days after the day ended. */
  readonly notStarted: number;
  /** Mean cores held over the day, and as a fraction of the cluster's cores. */
  readonly meanCores: number;
  /** Mean cores as a fraction of the cluster's. */
  readonly utilization: number;
  /** Jobs evicted from the queue by reclaim and by preemption, and the core-hours of runs they lost. */
  readonly reclaimed: number;
  /** Jobs evicted by preemption. */
  readonly preempted: number;
  /** Core-hours of runs lost to evictions. */
  readonly lostCoreHours: number;
}

/** One workload class's waits over the day. */
export interface ClassOutcome {
  /** Class name. */
  readonly name: string;
  /** Its queue. */
  readonly queue: string;
  /** Jobs submitted. */
  readonly jobs: number;
  /** Wait from submission to start, seconds: median, 95th percentile, longest. */
  readonly waitP50: number;
  readonly waitP95: number;
  readonly waitMax: number;
}

/** Each class's waits, in the scenario's class order. */
export function classOutcomes(outcome: SimulationOutcome, scenario: WorkloadScenario): ClassOutcome[] {
  return scenario.classes.map((c) => {
    const trace = outcome.trace.queues.find((q) => q.queue === c.queue);
    const waits = (trace?.waits ?? []).filter((_, i) => trace!.classes[i] === c.name).sort((a, b) => a - b);
    return { name: c.name, queue: c.queue, jobs: waits.length, waitP50: quantile(waits, 0.5), waitP95: quantile(waits, 0.95), waitMax: waits.length ? waits[waits.length - 1] : 0 };
  });
}

/** Whether a scheduling SLA held: its queues' p95 wait against its target. */
export interface SlaVerdict {
  /** The SLA's name (`observability.schedulingSlas[].name`). */
  readonly sla: string;
  /** The queues it covers. */
  readonly queues: readonly string[];
  /** Target p95, seconds. */
  readonly target: number;
  /** Simulated p95 over the SLA's queues' jobs, seconds; undefined without jobs. */
  readonly p95?: number;
  /** `met` when the simulated p95 is within the target; `no load` when its queues had no jobs. */
  readonly verdict: 'met' | 'miss' | 'no load';
}

/** A simulated day of an environment under a scenario. */
export interface SimulationOutcome {
  /** Environment name. */
  readonly environment: string;
  /** Scenario name. */
  readonly scenario: string;
  /** The seed of the day's random draws. */
  readonly seed: number;
  /** Each work queue's day, in the environment's order. */
  readonly queues: readonly QueueOutcome[];
  /** A verdict per `observability.schedulingSlas` entry. */
  readonly verdicts: readonly SlaVerdict[];
  /** The raw trace (waits, samples, counts). */
  readonly trace: SimulationTrace;
}

/** The `q` quantile (0..1) of sorted values, nearest rank; 0 for none. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

function outcome(trace: QueueTrace, clusterCores: number): QueueOutcome {
  const sorted = [...trace.waits].sort((a, b) => a - b);
  const meanCores = trace.coreSeconds / DAY_SECONDS;
  return {
    queue: trace.queue,
    jobs: sorted.length,
    waitP50: quantile(sorted, 0.5),
    waitP95: quantile(sorted, 0.95),
    waitMax: sorted.length ? sorted[sorted.length - 1] : 0,
    notStarted: trace.notStarted,
    meanCores,
    utilization: clusterCores > 0 ? meanCores / clusterCores : 0,
    reclaimed: trace.reclaimed,
    preempted: trace.preempted,
    lostCoreHours: trace.lostCoreSeconds / 3600,
  };
}

/** The scenario of a profile by name; the first (declared) one by default. An unknown name throws, listing the known. */
export function findScenario(environment: string, profile: WorkloadProfile, name?: string): WorkloadScenario {
  const scenario = name === undefined ? profile.scenarios[0] : profile.scenarios.find((s) => s.name === name);
  if (!scenario) throw new Error(`${environment}: unknown scenario "${name}"; known scenarios: ${profile.scenarios.map((s) => s.name).join(', ')}`);
  return scenario;
}

/** What the day of `scenario` on a (valid) environment is a function of. */
export function dayInputs(env: ResolvedEnvironment, scenario: WorkloadScenario, seed = DEFAULT_SEED): DayInputs {
  return { setup: simulationSetup(env), scenario, seed };
}

/**
 * Simulates a day of `scenario` on a (valid) environment and judges its scheduling SLAs. `cached`: the day
 * may come from an earlier run with the same inputs and code (`day-cache.ts`; synthesis does this).
 */
export function simulateScenario(env: ResolvedEnvironment, scenario: WorkloadScenario, seed = DEFAULT_SEED, options: { readonly cached?: boolean } = {}): SimulationOutcome {
  const inputs = dayInputs(env, scenario, seed);
  const trace = options.cached ? cachedDay(inputs, () => simulateDay(inputs)) : simulateDay(inputs);
  const clusterCores = inUnits('cpu', toAmounts(env.capacity).cpu);
  const working = new Set(workQueues(env).map((q) => q.name));
  const byQueue = new Map(trace.queues.map((q) => [q.queue, q] as const));
  const verdicts = env.observability.schedulingSlas.map((sla): SlaVerdict => {
    const waits = sla.queues.flatMap((name) => byQueue.get(name)?.waits ?? []).sort((a, b) => a - b);
    const target = durationSeconds(sla.p95)!;
    if (waits.length === 0) return { sla: sla.name, queues: sla.queues, target, verdict: 'no load' };
    const p95 = quantile(waits, 0.95);
    return { sla: sla.name, queues: sla.queues, target, p95, verdict: p95 <= target ? 'met' : 'miss' };
  });
  return {
    environment: env.name,
    scenario: scenario.name,
    seed,
    queues: trace.queues.filter((q) => working.has(q.queue)).map((q) => outcome(q, clusterCores)),
    verdicts,
    trace,
  };
}

/** A duration for tables: `0s`, `45s`, `3m12s`, `2h05m`. */
export function formatWait(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
