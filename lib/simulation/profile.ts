import { ResourceList } from '../config/model';

/**
 * Workload profiles: what an environment is built to carry, per workload class, as the simulation
 * (`npm run simulate`, the environment pages) replays it. Written in `stacks/workloads/`, attached to an environment as its `workload`.
 */

/** How long a job runs once all of its gang is placed. Durations as `90s`, `2m`, `4h`. */
export type RunTime =
  /** Exponentially distributed around a mean: many short runs, a few long ones. */
  | { readonly mean: string }
  /** Uniform between two bounds. */
  | { readonly min: string; readonly max: string };

/** Pods per gang: a fixed number, or uniform between two bounds (inclusive). */
export type GangSize = number | { readonly min: number; readonly max: number };

/** One class of work: jobs of one shape submitted by one tenant to one queue. */
export interface WorkloadClass {
  /** Class name, a DNS-1123 label, unique in the scenario. */
  readonly name: string;
  /** What the class is, in the requirements' words. */
  readonly description: string;
  /** The tenant (namespace) that submits it; must be allowed to use `queue`. */
  readonly tenant: string;
  /** The Volcano queue it is submitted to. */
  readonly queue: string;
  /** The priority class of its pods; must be allowed for the tenant (and for the queue, where restricted). */
  readonly priorityClass: string;
  /**
   * Job arrivals per hour: one rate for the whole day, or 24 hourly rates (hour 0 first) for a daily
   * curve. Arrivals are a Poisson process at the hour's rate.
   */
  readonly arrivalsPerHour: number | readonly number[];
  /** Pods per job, all needed at once (the PodGroup's minMember). */
  readonly gang: GangSize;
  /** Requests of each pod, e.g. `{ cpu: '1', memory: '512Mi' }`. */
  readonly podRequests: ResourceList;
  /** How long a job runs. */
  readonly runTime: RunTime;
  /**
   * The job's `volcano.sh/sla-waiting-time` annotation, where it carries one: once waiting longer, the
   * `sla` plugin admits it past its queue's limits. Only with the `sla` plugin enabled.
   */
  readonly slaWaitingTime?: string;
}

/** A named load: the day the simulation replays. */
export interface WorkloadScenario {
  /** Scenario name, a DNS-1123 label (`typical`, `peak`, ...). */
  readonly name: string;
  /** What the scenario stands for. */
  readonly description: string;
  /** The workload classes. */
  readonly classes: readonly WorkloadClass[];
}

/** An environment's declared workload (its `workload` field): its scenarios, the first being what the platform is built for. */
export interface WorkloadProfile {
  /** Scenarios; the first is the declared workload the environment page and validation judge. */
  readonly scenarios: readonly WorkloadScenario[];
  /**
   * Refuse the environment when the declared scenario, simulated with the default seed, misses a
   * `observability.schedulingSlas` target. Default false: the page shows the verdicts either way.
   */
  readonly enforceSlas?: boolean;
}
