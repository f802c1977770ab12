import { ResolvedEnvironment } from '../config/model';
import { schedulerConfiguration } from '../volcano/scheduler-derive';
import { PluginSwitches, pluginNames } from '../volcano/scheduler-config';
import { CapacityQueue, capacityShares, hierarchicalCapacityShares } from '../sharing/capacity';
import { SharingMode, modelQueues, sharingMode, workQueues } from '../sharing/environment';
import { ProportionQueue } from '../sharing/proportion';
import { effectiveOvercommitFactor } from '../sharing/overcommit';
import { Amounts, toAmounts } from '../sharing/resources';


/** A queue as the simulation runs it. */
export interface SimulatedQueue {
  /** Queue name. */
  readonly name: string;
  /** Queue order: higher first, and reclaimed from last. */
  readonly priority: number;
  /** Whether what it holds beyond its deserved may be reclaimed. */
  readonly reclaimable: boolean;
  /** Whether it can hold jobs (enabled leaf). */
  readonly accepting: boolean;
  /** The queue and its ancestors (root excluded), itself first: each must admit and hold its jobs. */
  readonly chain: readonly string[];
  /** The model's view of the queue (weight, guarantee, capability, deserved). */
  readonly model: ProportionQueue & CapacityQueue;
}

/** Which of the sharing plugin's functions the scheduler configuration enables (every one unless switched off). */
export interface SharingSwitches {
  /** `enabledAllocatable`: allocate keeps a queue within its share. */
  readonly allocatable: boolean;
  /** `enabledOverused`: allocate skips a queue holding its deserved. */
  readonly overused: boolean;
  /** `enableJobEnqueued`: enqueue keeps admissions within the real capability. */
  readonly enqueueable: boolean;
  /** `enableReclaimable`: the plugin picks reclaim victims (without it, reclaim takes none). */
  readonly reclaimable: boolean;
  /** `enablePreemptive`: the plugin decides whether a queue may reclaim. */
  readonly preemptive: boolean;
}

/** Everything the simulation takes from the environment. */
export interface SimulationSetup {
  /** Environment name, for messages. */
  readonly environment: string;
  /** The declared cluster capacity. */
  readonly total: Amounts;
  /** The sharing plugin and mode the scheduler runs. */
  readonly mode: SharingMode;
  /** Every queue, in the environment's order. */
  readonly queues: readonly SimulatedQueue[];
  /** Under `capacity`, deserved and real capability per queue (they do not depend on load). */
  readonly capacity?: ReadonlyMap<string, { readonly deserved: Amounts; readonly realCapability: Amounts; readonly guarantee: Amounts }>;
  /** Whether the `enqueue` action runs (without it, jobs are admitted as they arrive). */
  readonly enqueue: boolean;
  /** Whether the `reclaim` action runs. */
  readonly reclaim: boolean;
  /** Whether the `preempt` action runs. */
  readonly preempt: boolean;
  /** The overcommit factor when the `overcommit` plugin is enabled. */
  readonly overcommitFactor?: number;
  /** Whether the `sla` plugin admits overdue jobs past their queue's limits. */
  readonly sla: boolean;
  /** The sharing plugin's functions the configuration enables. */
  readonly switches: SharingSwitches;
  /** Priority class name to value and whether it may preempt. */
  readonly priorityClasses: ReadonlyMap<string, { readonly value: number; readonly preempts: boolean }>;
}

/** The simulation's view of an environment: its queues as rendered and the scheduler configuration it runs. */
export function simulationSetup(env: ResolvedEnvironment): SimulationSetup {
  const configuration = schedulerConfiguration(env);
  const plugins = pluginNames(configuration);
  const entries = configuration.tiers.flatMap((t) => t.plugins);
  const overcommit = entries.find((p) => p.name === 'overcommit' && (p as PluginSwitches).enableJobEnqueued !== false);
  const sharing = (entries.find((p) => p.name === env.sharingPolicy) ?? {}) as PluginSwitches;
  const factor = (overcommit?.arguments as Record<string, unknown> | undefined)?.['overcommit-factor'];
  const total = toAmounts(env.capacity);
  const accepting = new Set(workQueues(env).map((q) => q.name));
  const models = modelQueues(env, (q) => (accepting.has(q.name) ? toAmounts({}) : undefined));
  const mode = sharingMode(env);
  const byName = new Map(env.queues.map((q) => [q.name, q] as const));
  const chainOf = (name: string): string[] => {
    const chain = [name];
    for (let parent = byName.get(name)?.parent; parent && parent !== 'root' && !chain.includes(parent); parent = byName.get(parent)?.parent) chain.push(parent);
    return mode === 'capacity-hierarchy' ? chain : [name];
  };
  const capacity =
    mode === 'proportion'
      ? undefined
      : new Map((mode === 'capacity' ? capacityShares(total, models) : hierarchicalCapacityShares(models, Object.keys(total))).map((s) => [s.name, s] as const));
  return {
    environment: env.name,
    total,
    mode,
    queues: env.queues.map((q, i) => ({
      name: q.name,
      priority: q.priority,
      reclaimable: q.reclaimable,
      accepting: accepting.has(q.name),
      chain: chainOf(q.name),
      model: models[i],
    })),
    capacity,
    enqueue: configuration.actions.includes('enqueue'),
    reclaim: configuration.actions.includes('reclaim'),
    preempt: configuration.actions.includes('preempt'),
    switches: {
      allocatable: sharing.enabledAllocatable !== false,
      overused: sharing.enabledOverused !== false,
      enqueueable: sharing.enableJobEnqueued !== false,
      reclaimable: sharing.enableReclaimable !== false,
      preemptive: sharing.enablePreemptive !== false,
    },
    overcommitFactor: overcommit !== undefined ? effectiveOvercommitFactor(typeof factor === 'number' ? factor : undefined) : undefined,
    sla: plugins.includes('sla'),
    priorityClasses: new Map(env.priorityClasses.map((pc) => [pc.name, { value: pc.value, preempts: pc.preemptionPolicy !== 'Never' }] as const)),
  };
}
