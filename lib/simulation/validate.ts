import { itemPath } from '../config/schema';
import { DNS1123_LABEL_RULE, isDns1123Label, isResourceName } from '../config/names';
import { ResolvedEnvironment, ResolvedQueue } from '../config/model';
import { Problems } from '../config/problems';
import { closest, suggestion } from '../config/suggest';
import { allowedQueues } from '../config/allowed-queues';
import { durationSeconds } from '../observability/settings';
import { shareAmountsUnderFullContention, workQueues } from '../sharing/environment';
import { exceededFor, scale, toAmounts, toResourceList } from '../sharing/resources';
import { isPlainObject } from '../util';
import { WorkloadClass, WorkloadProfile } from './profile';
import { formatWait, simulateScenario } from './report';

const DURATION_RULE = 'must be a duration in whole seconds, minutes or hours, e.g. 90s, 2m, 4h';

/**
 * Every problem of an environment's `workload`, as `<env>: workload.<path>: <rule>`; then, when the
 * profile asks for it (`enforceSlas`), every SLA its declared scenario misses in simulation. The checks
 * against the cluster's resources, queue shares and the simulation need a valid environment
 * (`environmentValid`); the rest, references to tenants, queues and priority classes included, runs
 * regardless, so every problem is reported at once.
 */
export function validateWorkload(workload: WorkloadProfile | undefined, env: ResolvedEnvironment, problems: Problems, environmentValid = true): void {
  if (workload === undefined) return;
  const before = problems.list.length;
  // The shape (maps, lists, scalar types, unknown keys) has passed settings-schema.ts; the values are checked here.
  if (workload.scenarios.length === 0) return problems.add('workload.scenarios', 'must list at least one scenario');
  const names = new Map<string, string>();
  workload.scenarios.forEach((scenario, i) => {
    const path = itemPath('workload.scenarios', i, scenario);
    if (!isDns1123Label(scenario.name)) problems.add(`${path}.name`, `"${scenario.name}" ${DNS1123_LABEL_RULE}`);
    else problems.checkUnique(`${path}.name`, scenario.name, path, names, (first) => `duplicate scenario name "${scenario.name}" (also ${first})`);
    if (typeof scenario.description !== 'string' || scenario.description === '') problems.add(`${path}.description`, 'is required: what the scenario stands for');
    if (scenario.classes.length === 0) return problems.add(`${path}.classes`, 'must list at least one workload class');
    const classNames = new Map<string, string>();
    scenario.classes.forEach((c, j) => {
      const classPath = itemPath(`${path}.classes`, j, c);
      problems.checkUnique(`${classPath}.name`, c.name, classPath, classNames, (first) => `duplicate class name "${c.name}" (also ${first})`);
      checkClass(c, classPath, env, problems, environmentValid);
    });
  });
  if (workload.enforceSlas === true && environmentValid && problems.list.length === before) enforceSlas(workload, env, problems);
}

function checkClass(c: WorkloadClass, path: string, env: ResolvedEnvironment, problems: Problems, environmentValid: boolean): void {
  if (!isDns1123Label(c.name)) problems.add(`${path}.name`, `"${c.name}" ${DNS1123_LABEL_RULE}`);
  if (typeof c.description !== 'string' || c.description === '') problems.add(`${path}.description`, `is required: what class "${c.name}" is`);
  const rates = typeof c.arrivalsPerHour === 'number' ? [c.arrivalsPerHour] : c.arrivalsPerHour;
  const validRate = (r: unknown) => typeof r === 'number' && Number.isFinite(r) && r >= 0;
  if (!Array.isArray(rates) || (typeof c.arrivalsPerHour !== 'number' && rates.length !== 24) || !rates.every(validRate)) {
    problems.add(`${path}.arrivalsPerHour`, 'must be a rate of jobs per hour (0 or more), or 24 such rates, one per hour from midnight');
  }
  const gang = c.gang;
  const count = (n: unknown) => Number.isInteger(n) && (n as number) >= 1;
  if (typeof gang === 'number' ? !count(gang) : !(isPlainObject(gang) && count(gang.min) && count(gang.max) && gang.min <= gang.max)) {
    problems.add(`${path}.gang`, 'must be a whole number of pods of at least 1, or { min, max } with 1 <= min <= max');
  }
  const requests = problems.quantities(`${path}.podRequests`, c.podRequests, isResourceName, 'is not a valid resource name (e.g. cpu, memory, nvidia.com/gpu)');
  if (requests.size === 0 || [...requests.values()].every((q) => q.isZero())) problems.add(`${path}.podRequests`, 'must request some resource, e.g. { cpu: "1", memory: "512Mi" }');
  const runTime = c.runTime as unknown;
  const duration = (d: unknown) => typeof d === 'string' && durationSeconds(d) !== undefined;
  if (!isPlainObject(runTime)) problems.add(`${path}.runTime`, 'must be { mean } or { min, max } durations');
  else if ('mean' in runTime) {
    if (!duration(runTime.mean)) problems.add(`${path}.runTime.mean`, DURATION_RULE);
  } else if (!duration(runTime.min) || !duration(runTime.max)) problems.add(`${path}.runTime`, `needs { mean } or { min, max }, each a duration (e.g. 90s, 2m, 4h)`);
  else if (durationSeconds(runTime.min as string)! > durationSeconds(runTime.max as string)!) problems.add(`${path}.runTime`, `min ${runTime.min} is longer than max ${runTime.max}`);
  if (c.slaWaitingTime !== undefined && !duration(c.slaWaitingTime)) problems.add(`${path}.slaWaitingTime`, DURATION_RULE);
  const queue = checkReferences(c, path, env, problems, environmentValid);
  // A misspelt capacity resource would make every request of it look undeclared, and the queue's share
  // under contention is only meaningful once the queues hold: these wait for a valid environment.
  if (environmentValid) checkFit(c, path, env, queue, problems, requests.size > 0 && !problems.list.some((p) => p.includes(`${path}.podRequests`)));
}

/**
 * What a class names in the environment: tenant, queue and priority class. Names need no valid
 * environment, so they are checked with everything else: a misspelt queue is reported in the same run as
 * any other problem, not on the next. Whether the tenant may use them follows from the tenants' and
 * admission's lists, which may be what is wrong (a tenant listing "bach"): that waits for a valid
 * environment, so one typo gives one problem. Returns the class's queue, if it takes work.
 */
function checkReferences(c: WorkloadClass, path: string, env: ResolvedEnvironment, problems: Problems, environmentValid: boolean): ResolvedQueue | undefined {
  const tenant = env.tenants.find((t) => t.name === c.tenant);
  const working = workQueues(env);
  const queue = working.find((q) => q.name === c.queue);
  const tenants = env.tenants.map((t) => t.name);
  if (!tenant) problems.add(`${path}.tenant`, `tenant "${c.tenant}" does not exist${tenants.length > 0 ? suggestion(c.tenant, tenants) : ': the environment has no tenants'}`);
  // With other problems, a queue that exists but takes no work (disabled, or a parent) is left for the next
  // run: its children or its enabled state may be the mistake, as on a parent cycle.
  const named = env.queues.some((q) => q.name === c.queue);
  if (!queue && (environmentValid || !named)) {
    const meant = closest(c.queue, working.map((q) => q.name));
    const hint = meant !== undefined ? `; did you mean "${meant}"?` : working.length > 0 ? `; such queues: ${working.map((q) => q.name).join(', ')}` : ': the environment has none';
    problems.add(`${path}.queue`, `"${c.queue}" is not a queue that accepts work (enabled, no children)${hint}`);
  } else if (environmentValid && tenant && !allowedQueues(env, tenant).includes(c.queue)) {
    problems.add(`${path}.queue`, `tenant "${tenant.name}" may not submit to "${c.queue}"; its queues: ${allowedQueues(env, tenant).join(', ')}`);
  }
  if (!env.priorityClasses.some((pc) => pc.name === c.priorityClass)) {
    problems.add(`${path}.priorityClass`, `"${c.priorityClass}" is not a priority class of the environment${suggestion(c.priorityClass, env.priorityClasses.map((pc) => pc.name))}`);
  } else if (environmentValid && tenant && !tenant.priorityClasses.includes(c.priorityClass)) {
    problems.add(`${path}.priorityClass`, `tenant "${tenant.name}" may not use "${c.priorityClass}"; its classes: ${tenant.priorityClasses.join(', ')}`);
  } else if (environmentValid && queue && !(env.admission.priorityClassesByQueue[queue.name] ?? [c.priorityClass]).includes(c.priorityClass)) {
    problems.add(`${path}.priorityClass`, `queue "${queue.name}" admits only ${env.admission.priorityClassesByQueue[queue.name].join(', ')}`);
  }
  return queue;
}

/** Whether the class's requests name resources the cluster has, and its largest gang can ever fit its queue. */
function checkFit(c: WorkloadClass, path: string, env: ResolvedEnvironment, queue: ResolvedQueue | undefined, problems: Problems, requestsValid: boolean): void {
  const undeclared = Object.keys(c.podRequests ?? {}).filter((name) => env.capacity[name] === undefined);
  for (const name of undeclared) {
    problems.add(`${path}.podRequests.${name}`, `the cluster declares no ${name} (capacity has ${Object.keys(env.capacity).join(', ')}): no such job could ever run`);
  }
  // The largest gang must fit the queue's real capability at all, or it waits forever.
  const gang = c.gang;
  const largestGang = typeof gang === 'number' ? gang : gang?.max;
  if (queue && requestsValid && undeclared.length === 0 && Number.isInteger(largestGang) && largestGang! >= 1) {
    const largest = scale(toAmounts(c.podRequests), largestGang!);
    const limit = shareAmountsUnderFullContention(env).get(queue.name)!.realCapability;
    const tooBig = exceededFor(largest, limit, largest);
    if (tooBig.length > 0) problems.add(`${path}.gang`, `the largest gang (${largestGang} pods) needs more ${tooBig.join(', ')} than queue "${queue.name}" can ever hold (${formatList(limit, tooBig)}); it could never start`);
  }
}

function formatList(amounts: Readonly<Record<string, number>>, names: readonly string[]): string {
  const list = toResourceList(amounts);
  return names.map((n) => `${n} ${list[n] ?? '0'}`).join(', ');
}

/**
 * The verdicts of the declared scenario, each miss a problem. The day is the one the environment page shows
 * (`declaredOutcome`): kept between runs, so that synthesis simulates it once, and not again while the
 * environment and the code stay as they are.
 */
function enforceSlas(workload: WorkloadProfile, env: ResolvedEnvironment, problems: Problems): void {
  const outcome = simulateScenario(env, workload.scenarios[0], undefined, { cached: true });
  outcome.verdicts.forEach((v) => {
    if (v.verdict !== 'miss') return;
    const index = env.observability.schedulingSlas.findIndex((s) => s.name === v.sla);
    problems.add(
      `observability.schedulingSlas[${index}]`,
      `SLA "${v.sla}" (p95 under ${formatWait(v.target)}) is missed by the declared workload "${workload.scenarios[0].name}": simulated p95 ${formatWait(v.p95 ?? 0)} (workload.enforceSlas is on; see \`npm run simulate -- --env ${env.name}\`)`,
    );
  });
}
