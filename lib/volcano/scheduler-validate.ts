import { ResolvedEnvironment } from '../config/model';
import { Problems } from '../config/problems';
import { itemPath } from '../config/schema';
import { closest } from '../config/suggest';
import { isPlainObject } from '../util';
import { PLUGIN_SWITCHES, SCHEDULER_ACTIONS, SCHEDULER_PLUGINS, SchedulerConfiguration } from './scheduler-config';
import { childQueue, reclaimableQueue, schedulerConfiguration } from './scheduler-derive';

const PATH = 'release.scheduler';

/** Switches the scheduler framework reads from a plugin entry. */
const SWITCH_NAMES: ReadonlySet<string> = new Set(PLUGIN_SWITCHES);

/** A Go duration with at least one unit, e.g. `90s`, `2m`, `1h30m`. */
const GO_DURATION = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;

/** The rules of the `sla` and `overcommit` arguments, set through the intent or in explicit tiers. */
const SLA_WAITING_TIME_RULE = 'must be a positive Go duration such as "2m" or "1h30m"';
const OVERCOMMIT_FACTOR_RULE = 'must be a number of at least 1.0 (Volcano silently uses 1.2 instead)';

/**
 * Checks the environment's scheduler configuration (explicit or derived) for what Volcano would
 * silently ignore or mis-schedule: unknown or repeated names, a sharing plugin that contradicts the
 * queues, missing hierarchy, missing preemption or reclaim, no gang scheduling.
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

function checkArguments(plugin: string, args: unknown, path: string, problems: Problems): void {
  if (args === undefined) return;
  if (!isPlainObject(args)) {
    problems.add(path, 'must be a map of argument name to value');
    return;
  }
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
