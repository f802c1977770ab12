import { persisted } from '../cache/persistent';

/**
 * The volcano-scheduler configuration as a typed model (Volcano 1.15.1), and its YAML rendering for
 * the chart's `custom.scheduler_config_override`.
 *
 * Volcano ignores a configuration with an unknown action and only logs unknown plugins, keeping the
 * previous configuration: names are therefore closed unions here, and `scheduler-validate.ts` checks
 * what the types cannot (a configuration written as untyped data, duplicates, fit to the queues).
 */

/** Every action registered in volcano-scheduler 1.15.1. `elect` and `reserve` are gone. */
export const SCHEDULER_ACTIONS = ['enqueue', 'allocate', 'backfill', 'preempt', 'reclaim', 'gangpreempt', 'gangreclaim', 'shuffle'] as const;
export type SchedulerAction = (typeof SCHEDULER_ACTIONS)[number];

/** Every plugin registered in volcano-scheduler 1.15.1. Note `numa-aware` (not `numaaware`). */
export const SCHEDULER_PLUGINS = [
  'drf', 'gang', 'deviceshare', 'predicates', 'priority', 'nodeorder', 'conformance', 'binpack', 'resource-strategy-fit',
  'tdm', 'overcommit', 'sla', 'task-topology', 'numa-aware', 'cdp', 'rescheduling', 'usage', 'pdb', 'nodegroup',
  'network-topology-aware', 'proportion', 'capacity', 'extender', 'resourcequota',
] as const;
export type SchedulerPluginName = (typeof SCHEDULER_PLUGINS)[number];

/** A scalar plugin or action argument. */
export type ArgumentValue = string | number | boolean;

/**
 * Per-plugin switches of the scheduler framework. Unset switches are on, except `enableHierarchy`
 * and `EnabledClusterOrder`, which are off unless set. Spelled as Volcano spells them (`enabledVictim`, not `enableVictim`).
 */
export interface PluginSwitches {
  /** Hierarchical mode: `capacity` reads `spec.parent`; `drf` reads the hierarchy annotations. */
  readonly enableHierarchy?: boolean;
  /** Whether the plugin may pick preemption victims; the chart turns it off for `gang` and `drf`. */
  readonly enablePreemptable?: boolean;
  /** Whether the plugin may pick reclaim victims. */
  readonly enableReclaimable?: boolean;
  readonly enableJobOrder?: boolean;
  readonly enableJobReady?: boolean;
  readonly enableJobPipelined?: boolean;
  readonly enableTaskOrder?: boolean;
  readonly enablePreemptive?: boolean;
  readonly enableQueueOrder?: boolean;
  readonly enablePredicate?: boolean;
  readonly enableBestNode?: boolean;
  readonly enableNodeOrder?: boolean;
  readonly enableJobEnqueued?: boolean;
  readonly enabledVictim?: boolean;
  readonly enableJobStarving?: boolean;
  readonly enabledOverused?: boolean;
  readonly enabledAllocatable?: boolean;
  /** Cluster ordering (multi-cluster); spelled with a capital E, and off unless set. */
  readonly EnabledClusterOrder?: boolean;
  readonly enableTargetJob?: boolean;
  readonly enableReservedNodes?: boolean;
  readonly enabledHyperNodeOrder?: boolean;
  readonly enabledSubJobReady?: boolean;
  readonly enabledSubJobPipelined?: boolean;
  readonly enabledSubJobOrder?: boolean;
  readonly enabledHyperNodeGradient?: boolean;
}

/** Every switch of {@link PluginSwitches}; the record type makes the compiler insist on each one. */
const SWITCHES: Readonly<Record<keyof PluginSwitches, true>> = {
  enableHierarchy: true, enablePreemptable: true, enableReclaimable: true, enableJobOrder: true, enableJobReady: true,
  enableJobPipelined: true, enableTaskOrder: true, enablePreemptive: true, enableQueueOrder: true, enablePredicate: true,
  enableBestNode: true, enableNodeOrder: true, enableJobEnqueued: true, enabledVictim: true, enableJobStarving: true,
  enabledOverused: true, enabledAllocatable: true, EnabledClusterOrder: true, enableTargetJob: true, enableReservedNodes: true,
  enabledHyperNodeOrder: true, enabledSubJobReady: true, enabledSubJobPipelined: true, enabledSubJobOrder: true,
  enabledHyperNodeGradient: true,
};

/** The switch names the scheduler framework reads from a plugin entry (`PluginOption` in volcano-scheduler 1.15.1). */
export const PLUGIN_SWITCHES: readonly (keyof PluginSwitches)[] = Object.keys(SWITCHES) as (keyof PluginSwitches)[];

/** Typed arguments of the plugins this project configures; other plugins take free scalar arguments. */
export interface KnownPluginArguments {
  /** Jobs waiting longer than `sla-waiting-time` (a Go duration such as `2m`) are ordered first and force-enqueued. */
  readonly sla: { readonly 'sla-waiting-time'?: string };
  /** Enqueue admits jobs up to `overcommit-factor` x the cluster (at least 1.0; Volcano's default 1.2). */
  readonly overcommit: { readonly 'overcommit-factor'?: number };
  /** Packs pods onto busy nodes; weights are integers, `binpack.resources` lists extra resources. */
  readonly binpack: {
    readonly 'binpack.weight'?: number;
    readonly 'binpack.cpu'?: number;
    readonly 'binpack.memory'?: number;
    readonly 'binpack.resources'?: string;
    readonly [resourceWeight: `binpack.resources.${string}`]: number;
  };
  /** `ancestorReclaimLevel`: how far up the queue tree reclaim checks deserved (0 = no restriction). */
  readonly capacity: { readonly ancestorReclaimLevel?: number; readonly 'capacity.DynamicResourceAllocationEnable'?: boolean };
  /** `weight` of the NUMA score (integer, default 1). */
  readonly 'numa-aware': { readonly weight?: number };
  /** GPU modes: sharing and number are exclusive, and vGPU excludes both. */
  readonly deviceshare: {
    readonly 'deviceshare.GPUSharingEnable'?: boolean;
    readonly 'deviceshare.GPUNumberEnable'?: boolean;
    readonly 'deviceshare.VGPUEnable'?: boolean;
    readonly 'deviceshare.NodeLockEnable'?: boolean;
    readonly 'deviceshare.SchedulePolicy'?: 'binpack' | 'spread';
    readonly 'deviceshare.ScheduleWeight'?: number;
  };
  /** Integer weights of the node scores. */
  readonly nodeorder: { readonly [weight: `${string}.weight`]: number };
  /** Switches of the individual predicates, e.g. `predicate.CacheEnable`. */
  readonly predicates: { readonly [key: `predicate.${string}` | `volumebinding.${string}`]: ArgumentValue };
}

/** The arguments a plugin takes. */
export type PluginArguments<N extends SchedulerPluginName> = N extends keyof KnownPluginArguments
  ? KnownPluginArguments[N]
  : Readonly<Record<string, ArgumentValue>>;

/** One plugin of a tier: its name, switches, and typed arguments. */
export type SchedulerPlugin = {
  [N in SchedulerPluginName]: PluginSwitches & { readonly name: N; readonly arguments?: PluginArguments<N> };
}[SchedulerPluginName];

/** A tier: plugins whose votes are combined; an earlier tier decides before a later one. */
export interface SchedulerTier {
  readonly plugins: readonly SchedulerPlugin[];
}

/** Arguments of one action (`configurations` in the scheduler file). */
export interface ActionConfiguration {
  readonly name: SchedulerAction;
  readonly arguments: Readonly<Record<string, ArgumentValue>>;
}

/** A whole scheduler configuration. */
export interface SchedulerConfiguration {
  /** Actions run in this order every scheduling cycle. */
  readonly actions: readonly SchedulerAction[];
  /** Plugin tiers, in order. */
  readonly tiers: readonly SchedulerTier[];
  /** Per-action arguments. */
  readonly configurations?: readonly ActionConfiguration[];
}

/** The plugin names of a configuration, in tier order. */
export function pluginNames(configuration: SchedulerConfiguration): string[] {
  return configuration.tiers.flatMap((tier) => tier.plugins.map((plugin) => plugin.name));
}

/**
 * The configuration as the scheduler reads it: `actions` as one comma-separated string, then the tiers
 * with each plugin's name first, its switches, then its arguments (each group in a stable order).
 */
export function renderSchedulerConfiguration(configuration: SchedulerConfiguration): string {
  const document: Record<string, unknown> = {
    actions: configuration.actions.join(', '),
    tiers: configuration.tiers.map((tier) => ({ plugins: tier.plugins.map(renderPlugin) })),
  };
  if (configuration.configurations?.length) {
    document.configurations = configuration.configurations.map((c) => ({ name: c.name, arguments: sortedCopy(c.arguments) }));
  }
  // Kept between runs by the document's JSON text, as manifests' YAML is (lib/synth/render.ts yamlDocuments):
  // every rendering of an environment writes it, and it seldom changes. The yaml library (about 50 ms to
  // load) is loaded only to write it: validation, which every command runs first, reaches this module.
  const write = () => (require('yaml') as typeof import('yaml')).stringify(document, { lineWidth: 0 });
  return persisted('scheduler-yaml', JSON.stringify(document), write, KEEP_SCHEDULER_YAML);
}

/** Scheduler configurations' YAML kept between runs: every environment's across many edits. */
const KEEP_SCHEDULER_YAML = 64;

function renderPlugin(plugin: SchedulerPlugin): Record<string, unknown> {
  const { name, arguments: args, ...switches } = plugin;
  const rendered: Record<string, unknown> = { name, ...sortedCopy(switches as Record<string, unknown>) };
  if (args && Object.keys(args).length > 0) rendered.arguments = sortedCopy(args as Record<string, unknown>);
  return rendered;
}

function sortedCopy(map: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.keys(map).sort().filter((k) => map[k] !== undefined).map((k) => [k, map[k]]));
}
