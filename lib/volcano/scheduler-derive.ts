import { ResolvedEnvironment, ResolvedQueue } from '../config/model';
import { SchedulerAction, SchedulerConfiguration, SchedulerPlugin, SchedulerTier, pluginNames } from './scheduler-config';

/**
 * The environment's scheduler configuration: the explicit `actions`/`tiers` of `release.scheduler`
 * where given, otherwise derived from the environment so stacks only state intent.
 *
 * The derived form starts from the chart's default configuration and changes only what the
 * environment needs: the sharing plugin its policy names (`capacity` with hierarchy when a queue has a
 * parent), `reclaim` when queues can be reclaimed from, `preempt` and `sla` when asked for, and the
 * GPU plugins the cluster allows.
 */
export function schedulerConfiguration(env: ResolvedEnvironment): SchedulerConfiguration {
  const intent = env.release.scheduler;
  return { actions: intent.actions ?? derivedActions(env), tiers: intent.tiers ?? derivedTiers(env) };
}

/** The plugin names of the environment's scheduler configuration, in tier order. */
export function enabledSchedulerPlugins(env: ResolvedEnvironment): string[] {
  return pluginNames(schedulerConfiguration(env));
}

/** The first queue that accepts work and lends what it borrowed back on demand, if any: then `reclaim` is needed. */
export function reclaimableQueue(env: ResolvedEnvironment): ResolvedQueue | undefined {
  return env.queues.find((q) => q.enabled && q.reclaimable);
}

/** The first queue that names a parent, if any: then the queues form a tree and `capacity` needs `enableHierarchy`. */
export function childQueue(env: ResolvedEnvironment): ResolvedQueue | undefined {
  return env.queues.find((q) => q.parent !== undefined && q.parent !== 'root');
}

function derivedActions(env: ResolvedEnvironment): SchedulerAction[] {
  const preemption = env.release.scheduler.preemption === true;
  // Preempt and reclaim run after allocate (they act on what allocate could not place) and before
  // backfill (which fills what is left with best-effort pods).
  return [
    'enqueue',
    'allocate',
    ...(preemption ? (['preempt'] as const) : []),
    ...(preemption || reclaimableQueue(env) !== undefined ? (['reclaim'] as const) : []),
    'backfill',
  ];
}

function derivedTiers(env: ResolvedEnvironment): SchedulerTier[] {
  const intent = env.release.scheduler;
  const gpu = intent.gpu ?? {};
  // `sla` after `priority` in the same tier: priority orders first, so an overdue job never overtakes
  // work of a higher class. Without a global waiting time only annotated jobs have an SLA: an overdue
  // job is also force-enqueued past its queue's limits, which batch must not be.
  const first: SchedulerPlugin[] = [
    { name: 'priority' },
    { name: 'gang', enablePreemptable: false },
    { name: 'conformance' },
    ...(intent.slaWaitingTime !== undefined
      ? [{ name: 'sla' as const, arguments: { 'sla-waiting-time': intent.slaWaitingTime } }]
      : intent.sla === true ? [{ name: 'sla' as const }] : []),
  ];
  const sharing: SchedulerPlugin =
    env.sharingPolicy === 'capacity'
      ? { name: 'capacity', ...(childQueue(env) !== undefined ? { enableHierarchy: true } : {}) }
      : { name: 'proportion' };
  const second: SchedulerPlugin[] = [
    intent.overcommitFactor !== undefined ? { name: 'overcommit', arguments: { 'overcommit-factor': intent.overcommitFactor } } : { name: 'overcommit' },
    { name: 'drf', enablePreemptable: false },
    { name: 'predicates' },
    sharing,
    ...(gpu.deviceshare ? [deviceshare(gpu.deviceshare)] : []),
    ...(gpu.numaAware ? [{ name: 'numa-aware' as const }] : []),
    { name: 'nodeorder' },
    gpu.binpackGpus ? { name: 'binpack', arguments: { 'binpack.resources': 'nvidia.com/gpu', 'binpack.resources.nvidia.com/gpu': 2 } } : { name: 'binpack' },
  ];
  return [{ plugins: first }, { plugins: second }];
}

function deviceshare(mode: 'gpu-number' | 'gpu-sharing' | 'vgpu'): SchedulerPlugin {
  const key = { 'gpu-number': 'deviceshare.GPUNumberEnable', 'gpu-sharing': 'deviceshare.GPUSharingEnable', vgpu: 'deviceshare.VGPUEnable' } as const;
  return { name: 'deviceshare', arguments: { [key[mode]]: true } };
}
