import { ResolvedEnvironment } from '../config/model';
import { Problems } from '../config/problems';
import { itemPath } from '../config/schema';
import { closest, suggestion as nameHint } from '../config/suggest';
import { isPlainObject } from '../util';
import { PLUGIN_SWITCHES, SCHEDULER_ACTIONS, SCHEDULER_PLUGINS, SchedulerConfiguration, SchedulerPluginName } from './scheduler-config';
import { childQueue, reclaimableQueue, schedulerConfiguration } from './scheduler-derive';

const PATH = 'release.scheduler';

/** Switches the scheduler framework reads from a plugin entry. */
const SWITCH_NAMES: ReadonlySet<string> = new Set(PLUGIN_SWITCHES);

/** A Go duration with at least one unit, e.g. `90s`, `2m`, `1h30m`. */
const GO_DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;

/**
 * The argument keys volcano-scheduler 1.15.1 reads, per plugin: the keys each plugin's `New` (and the
 * helpers it calls) looks up, read from pkg/scheduler/plugins/<dir>/<plugin>.go at tag v1.15.1. The
 * scheduler never reports a key it does not read, so a misspelt one would change nothing without a word:
 * these are closed lists. An empty list: the plugin reads no arguments at all.
 *
 * Not listed, so their arguments are left unchecked: `tdm` (keys per revocable zone), `task-topology`,
 * `resource-strategy-fit`, `usage`, `rescheduling`, `extender` and `network-topology-aware`. The project
 * configures none of them, and their keys were not established from the source here.
 */
const PLUGIN_ARGUMENTS: Readonly<Partial<Record<SchedulerPluginName, readonly string[]>>> = {
  gang: [],
  priority: [],
  conformance: [],
  drf: [],
  proportion: [],
  cdp: [],
  pdb: [],
  resourcequota: [],
  // sla.go: JobWaitingTime.
  sla: ['sla-waiting-time'],
  // overcommit.go: overCommitFactor.
  overcommit: ['overcommit-factor'],
  // binpack.go calculateWeight; `binpack.resources.<name>` is read only for the names `binpack.resources` lists.
  binpack: ['binpack.weight', 'binpack.cpu', 'binpack.memory', 'binpack.resources'],
  // nodeorder.go calculateWeight.
  nodeorder: [
    'nodeaffinity.weight', 'podaffinity.weight', 'leastrequested.weight', 'balancedresource.weight', 'mostrequested.weight',
    'tainttoleration.weight', 'imagelocality.weight', 'podtopologyspread.weight',
  ],
  // predicates.go New and helper.go (predicate.DynamicResourceAllocationEnable is declared there but not read).
  predicates: [
    'predicate.NodeAffinityEnable', 'predicate.NodePortsEnable', 'predicate.TaintTolerationEnable', 'predicate.PodAffinityEnable',
    'predicate.NodeVolumeLimitsEnable', 'predicate.VolumeZoneEnable', 'predicate.PodTopologySpreadEnable',
    'predicate.VolumeBindingEnable', 'predicate.CacheEnable',
    'volumebinding.bindTimeoutSeconds', 'volumebinding.weight', 'volumebinding.shape', 'dynamicresources.filterTimeoutSeconds',
  ],
  // capacity.go New and parseArguments.
  capacity: ['ancestorReclaimLevel', 'capacity.DynamicResourceAllocationEnable', 'capacity.DRAConsumableCapacityEnable'],
  // numaaware.go: NumaTopoWeight.
  'numa-aware': ['weight'],
  // deviceshare.go enablePredicate and gpuexclusive.go.
  deviceshare: [
    'deviceshare.GPUSharingEnable', 'deviceshare.GPUNumberEnable', 'deviceshare.NodeLockEnable', 'deviceshare.VGPUEnable',
    'deviceshare.AscendMindClusterVNPUEnable', 'deviceshare.AscendHAMiVNPUEnable', 'deviceshare.SchedulePolicy',
    'deviceshare.ScheduleWeight', 'deviceshare.KnownGeometriesCMName', 'deviceshare.KnownGeometriesCMNamespace',
    'deviceshare.GPUExclusiveRules',
  ],
  // nodegroup.go New.
  nodegroup: ['strict', 'enablePreferredOrder'],
};

/** The prefix of binpack's per-resource weights, `binpack.resources.nvidia.com/gpu` (binpack.go BinpackResourcesPrefix). */
const BINPACK_RESOURCE_WEIGHT = 'binpack.resources.';

/** The rules of the `sla` and `overcommit` arguments, set through the intent or in explicit tiers. */
const SLA_WAITING_TIME_RULE = 'must be a positive Go duration such as "2m" or "1h30m"';
const OVERCOMMIT_FACTOR_RULE = 'must be a number of at least 1.0 (Volcano silently uses 1.2 instead)';

/**
 * Checks the environment's scheduler configuration (explicit or derived) for what Volcano would
 * silently ignore or mis-schedule: unknown or repeated names, plugin arguments the plugin never reads,
 * a sharing plugin that contradicts the queues, missing hierarchy, missing preemption or reclaim, no
 * gang scheduling.
 */
export function validateSchedulerSettings(env: ResolvedEnvironment, problems: Problems): void {
  const intent = env.release.scheduler;
  if (intent.slaWaitingTime !== undefined && !isPositiveDuration(intent.slaWaitingTime)) {
    problems.add(`${PATH}.slaWaitingTime`, `"${intent.slaWaitingTime}" ${SLA_WAITING_TIME_RULE}`);
  }
  if (intent.overcommitFactor !== undefined && !isOvercommitFactor(intent.overcommitFactor)) {
    problems.add(`${PATH}.overcommitFactor`, `${intent.overcommitFactor} ${OVERCOMMIT_FACTOR_RULE}`);
  }
  const configuration = schedulerConfiguration(env);
  checkActions(configuration, env, problems);
  checkTiers(configuration, env, problems, intent.tiers !== undefined);
}

function checkActions(configuration: SchedulerConfiguration, env: ResolvedEnvironment, problems: Problems): void {
  // A list (the schema has checked explicit actions; derived ones are built here) whose names may still be wrong.
  const actions: readonly unknown[] = configuration.actions;
  if (actions.length === 0) {
    problems.add(`${PATH}.actions`, 'must list at least one action');
    return;
  }
  const seen = new Map<unknown, string>();
  actions.forEach((action, i) => {
    if (!(SCHEDULER_ACTIONS as readonly unknown[]).includes(action)) {
      problems.add(`${PATH}.actions[${i}]`, `"${action}" is not a volcano-scheduler 1.15.1 action${suggestion(String(action), SCHEDULER_ACTIONS)}`);
    }
    problems.checkUnique(`${PATH}.actions[${i}]`, action, `actions[${i}]`, seen, (first) => `"${action}" is listed twice (also ${first})`);
  });
  const at = (name: string) => actions.indexOf(name);
  if (at('allocate') < 0) problems.add(`${PATH}.actions`, 'must include "allocate": without it no job is ever placed');
  if (at('enqueue') > at('allocate') && at('allocate') >= 0) problems.add(`${PATH}.actions`, '"enqueue" must come before "allocate"');
  if (env.release.scheduler.preemption === true && at('preempt') < 0) {
    problems.add(`${PATH}.actions`, 'must include "preempt": release.scheduler.preemption is on');
  }
  if (at('reclaim') < 0) {
    const reclaimable = reclaimableQueue(env);
    if (env.release.scheduler.preemption === true) problems.add(`${PATH}.actions`, 'must include "reclaim": release.scheduler.preemption is on');
    else if (reclaimable) problems.add(`${PATH}.actions`, `must include "reclaim": queue "${reclaimable.name}" is reclaimable`);
  }
}

function checkTiers(configuration: SchedulerConfiguration, env: ResolvedEnvironment, problems: Problems, explicit: boolean): void {
  // Tiers with a list of plugin entries, each a map (the schema has checked explicit tiers); names and switches may still be wrong.
  const tiers = configuration.tiers;
  if (tiers.length === 0) {
    problems.add(`${PATH}.tiers`, 'must have at least one tier');
    return;
  }
  const seen = new Map<string, string>();
  const sharing: SharingPlugin[] = [];
  tiers.forEach((tier, t) => {
    const plugins = tier.plugins;
    if (plugins.length === 0) problems.add(`${PATH}.tiers[${t}].plugins`, 'must list at least one plugin');
    const names: readonly string[] = plugins.map((p) => p.name);
    plugins.forEach((entry, p) => {
      const path = itemPath(`${PATH}.tiers[${t}].plugins`, p, entry);
      const plugin = entry as unknown as Record<string, unknown>;
      const name = String(plugin.name);
      if (!(SCHEDULER_PLUGINS as readonly string[]).includes(name)) {
        problems.add(`${path}.name`, `"${name}" is not a volcano-scheduler 1.15.1 plugin${suggestion(name, SCHEDULER_PLUGINS)}`);
        return;
      }
      problems.checkUnique(`${path}.name`, name, `tiers[${t}].plugins[${p}]`, seen, (first) => `"${name}" is listed twice (also ${first})`);
      for (const key of Object.keys(plugin)) {
        if (key !== 'name' && key !== 'arguments' && !SWITCH_NAMES.has(key)) {
          const match = closest(key, PLUGIN_SWITCHES);
          problems.add(`${path}.${key}`, `is not a plugin switch of volcano-scheduler 1.15.1${match === undefined ? '' : ` (did you mean "${match}"?)`}`);
        }
      }
      if (name === 'proportion' || name === 'capacity') sharing.push({ name, path, plugin });
      if (name === 'drf' && plugin.enableHierarchy === true && names.includes('proportion')) {
        problems.add(`${path}.enableHierarchy`, '"drf" with hierarchy cannot share a tier with "proportion" (Volcano rejects the configuration)');
      }
      if (explicit) checkArguments(name, plugin.arguments, `${path}.arguments`, problems);
    });
  });
  if (!seen.has('gang')) problems.add(`${PATH}.tiers`, 'must include the "gang" plugin: without it jobs start with fewer than their minimum members');
  checkSharing(sharing, env, problems);
}

/** A `proportion` or `capacity` entry of the tiers, with its path for messages. */
interface SharingPlugin {
  readonly name: string;
  readonly path: string;
  readonly plugin: Record<string, unknown>;
}

/** Exactly one sharing plugin, the one the environment's policy names, with hierarchy when the queues form a tree. */
function checkSharing(sharing: readonly SharingPlugin[], env: ResolvedEnvironment, problems: Problems): void {
  const policy = env.sharingPolicy;
  for (const entry of sharing) {
    if (entry.name !== policy) problems.add(`${entry.path}.name`, `"${entry.name}" contradicts sharingPolicy "${policy}" (use "${policy}")`);
  }
  if (!sharing.some((s) => s.name === policy)) problems.add(`${PATH}.tiers`, `must include the "${policy}" plugin to match sharingPolicy "${policy}"`);
  const capacity = sharing.find((s) => s.name === 'capacity');
  const child = childQueue(env);
  if (capacity && child && capacity.plugin.enableHierarchy !== true) {
    problems.add(`${capacity.path}.enableHierarchy`, `must be true: queue "${child.name}" has parent "${child.parent}"`);
  }
}

/**
 * What {@link checkArguments} finds in every plugin's arguments of `configuration`, explicit or derived, as
 * problem lines of `environment`. Validation checks only the tiers a user wrote (the derived ones carry values
 * checked where they were stated, e.g. `release.scheduler.slaWaitingTime`); the tests hold the derivation to the
 * same rules, so it never writes an argument the scheduler would ignore.
 */
export function pluginArgumentProblems(environment: string, configuration: SchedulerConfiguration): readonly string[] {
  const problems = new Problems(environment);
  configuration.tiers.forEach((tier, t) => tier.plugins.forEach((plugin, p) => {
    checkArguments(plugin.name, plugin.arguments, `${itemPath(`${PATH}.tiers[${t}].plugins`, p, plugin)}.arguments`, problems);
  }));
  return problems.list;
}

function checkArguments(plugin: string, args: unknown, path: string, problems: Problems): void {
  if (args === undefined) return;
  if (!isPlainObject(args)) {
    problems.add(path, 'must be a map of argument name to value');
    return;
  }
  checkArgumentKeys(plugin, args, path, problems);
  const wholeNumber = (key: string, min: number) => {
    const value = args[key];
    if (value !== undefined && !(Number.isInteger(value) && (value as number) >= min)) {
      problems.add(`${path}.${key}`, `${JSON.stringify(value)} must be a whole number of at least ${min}`);
    }
  };
  switch (plugin) {
    case 'sla': {
      const value = args['sla-waiting-time'];
      if (value !== undefined && !isPositiveDuration(value)) problems.add(`${path}.sla-waiting-time`, `${JSON.stringify(value)} ${SLA_WAITING_TIME_RULE}`);
      break;
    }
    case 'overcommit': {
      const value = args['overcommit-factor'];
      if (value !== undefined && !isOvercommitFactor(value)) problems.add(`${path}.overcommit-factor`, `${JSON.stringify(value)} ${OVERCOMMIT_FACTOR_RULE}`);
      break;
    }
    case 'deviceshare': {
      const on = (key: string) => args[`deviceshare.${key}`] === true;
      if (on('GPUSharingEnable') && on('GPUNumberEnable')) {
        problems.add(path, 'deviceshare.GPUSharingEnable and deviceshare.GPUNumberEnable exclude each other (the scheduler exits)');
      }
      if (on('VGPUEnable') && (on('GPUSharingEnable') || on('GPUNumberEnable'))) {
        problems.add(path, 'deviceshare.VGPUEnable excludes GPU sharing and GPU number mode (the scheduler exits)');
      }
      break;
    }
    case 'numa-aware':
      wholeNumber('weight', 1);
      break;
    case 'capacity':
      wholeNumber('ancestorReclaimLevel', 0);
      break;
    default:
      break;
  }
}

/** Every key of `args` the plugin reads; any other would be ignored by the scheduler without a word. */
function checkArgumentKeys(plugin: string, args: Readonly<Record<string, unknown>>, path: string, problems: Problems): void {
  const known = PLUGIN_ARGUMENTS[plugin as SchedulerPluginName];
  if (known === undefined) return;
  // binpack.go splits `binpack.resources` at commas and trims each name, then reads a weight per name.
  const resources = plugin === 'binpack' ? args['binpack.resources'] : undefined;
  const listed = typeof resources === 'string' ? resources.split(',').map((r) => r.trim()).filter((r) => r !== '') : [];
  const weights = listed.map((resource) => `${BINPACK_RESOURCE_WEIGHT}${resource}`);
  const readKeys = [...known, ...weights];
  for (const key of Object.keys(args)) {
    if (args[key] === undefined || readKeys.includes(key)) continue;
    if (known.length === 0) {
      problems.add(`${path}.${key}`, `the "${plugin}" plugin of volcano-scheduler 1.15.1 reads no arguments: it would ignore this one`);
    } else if (plugin === 'binpack' && key.startsWith(BINPACK_RESOURCE_WEIGHT) && key.length > BINPACK_RESOURCE_WEIGHT.length) {
      const meant = closest(key, weights);
      const resource = key.slice(BINPACK_RESOURCE_WEIGHT.length);
      problems.add(`${path}.${key}`, meant !== undefined
        ? `weighs no resource binpack.resources lists (it would be ignored); did you mean "${meant}"?`
        : `is read only for a resource binpack.resources lists (it would be ignored): add "${resource}" there`);
    } else {
      problems.add(`${path}.${key}`, `is not an argument of the "${plugin}" plugin in volcano-scheduler 1.15.1 (it would be ignored)${nameHint(key, readKeys)}`);
    }
  }
}

function isPositiveDuration(value: unknown): boolean {
  return typeof value === 'string' && GO_DURATION.test(value) && /[1-9]/.test(value);
}

function isOvercommitFactor(value: unknown): boolean {
  return typeof value === 'number' && value >= 1;
}

/** A hint for a misspelt name, such as `numaaware` for `numa-aware`, else the names known. */
function suggestion(name: string, known: readonly string[]): string {
  const match = closest(name, known);
  return match ? ` (did you mean "${match}"?)` : ` (known: ${known.join(', ')})`;
}
