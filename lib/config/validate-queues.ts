import { DNS1123_LABEL_RULE, isDns1123Label } from './names';
import { EnvironmentDefinition, QueueDefinition, ResolvedEnvironment, ResolvedQueue } from './model';
import { Problems } from './problems';
import { suggestion } from './suggest';
import { Quantity } from './quantity';
import { queueResourceProblem } from './resources';
import { itemPath } from './schema';

/** Queues the Volcano scheduler creates and owns itself. */
export const RESERVED_QUEUE_NAMES = ['root', 'default'];
/** Volcano's admission webhook refuses queue trees deeper than this (`--max-queue-depth`, default 5). */
export const MAX_QUEUE_DEPTH = 5;

/** Resources every environment must declare in its capacity. */
export const REQUIRED_CAPACITY = ['cpu', 'memory'];

type Amounts = Map<string, Quantity>;

interface ParsedQueue {
  readonly index: number;
  /** `queues[2] (analytics)`. */
  readonly path: string;
  readonly queue: ResolvedQueue;
  /** The capability amounts the queue writes itself (the rest it inherits). */
  readonly written: Amounts;
  /** The full capability, inherited amounts included. */
  readonly capability: Amounts;
  readonly deserved: Amounts;
  readonly guarantee: Amounts;
}

/** Checks the queues: names, sharing-policy fields, quantities, orderings, hierarchy and fit. */
export function validateQueues(
  definition: EnvironmentDefinition,
  env: ResolvedEnvironment,
  cluster: Amounts,
  problems: Problems,
): void {
  const definitions: readonly QueueDefinition[] = definition.queues ?? [];
  const seenNames = new Map<string, string>();
  const declared = Object.keys(env.capacity);
  const resourceProblem = (key: string) => queueResourceProblem(key, declared);
  const parsed: ParsedQueue[] = env.queues.map((queue, index) => {
    const path = itemPath('queues', index, queue);
    checkName(queue.name, path, `queues[${index}]`, seenNames, problems);
    checkPolicyFields(definitions[index], env, path, problems);
    if (!Number.isInteger(queue.priority) || queue.priority < 0) {
      problems.add(`${path}.priority`, `${queue.priority} must be a whole number >= 0`);
    }
    const amounts = (field: 'capability' | 'deserved' | 'guarantee', reporter = problems) =>
      reporter.resources(`${path}.${field}`, queue[field], resourceProblem);
    // Problems are reported for what the queue writes itself; inherited amounts are checked where written.
    const written = problems.resources(`${path}.capability`, definitions[index]?.capability, resourceProblem);
    const capability = amounts('capability', new Problems(env.name));
    return { index, path, queue, written, capability, deserved: amounts('deserved'), guarantee: amounts('guarantee') };
  });
  for (const entry of parsed) checkOrdering(entry, env, cluster, problems);
  checkHierarchy(parsed, env, problems);
  checkTopLevelFit(parsed, cluster, problems);
}

function checkName(name: string, path: string, at: string, seenNames: Map<string, string>, problems: Problems): void {
  if (!isDns1123Label(name)) {
    problems.add(`${path}.name`, `"${name}" ${DNS1123_LABEL_RULE}`);
  } else if (RESERVED_QUEUE_NAMES.includes(name)) {
    problems.add(`${path}.name`, `"${name}" is created and owned by the Volcano scheduler; choose another name`);
  }
  problems.checkUnique(`${path}.name`, name, at, seenNames, (first) => `duplicate queue name "${name}" (also ${first})`);
}

/** `weight` is read only by proportion, `deserved` only by capacity: setting either in vain is a mistake. */
function checkPolicyFields(definition: QueueDefinition, env: ResolvedEnvironment, path: string, problems: Problems): void {
  if (env.sharingPolicy === 'capacity') {
    if (definition.weight !== undefined) {
      problems.add(`${path}.weight`, 'has no effect under the capacity policy, which shares by deserved; remove it');
    }
    if (definition.deserved === undefined && definition.enabled !== false) {
      problems.add(`${path}.deserved`, 'is required by the capacity policy (it is the queue\'s share)');
    }
  } else if (env.sharingPolicy === 'proportion') {
    if (definition.deserved !== undefined) {
      problems.add(`${path}.deserved`, 'has no effect under the proportion policy, which shares by weight; remove it');
    }
    const weight = definition.weight;
    if (weight !== undefined && (!Number.isInteger(weight) || weight < 1 || weight > 65535)) {
      problems.add(`${path}.weight`, `${weight} must be a whole number from 1 to 65535`);
    }
  }
}

/**
 * guarantee <= deserved <= capability per resource, and all three (as the queue writes them) within the
 * cluster. A resource the capacity does not declare is refused on every queue, disabled ones included.
 */
function checkOrdering(entry: ParsedQueue, env: ResolvedEnvironment, cluster: Amounts, problems: Problems): void {
  const path = entry.path;
  const { capability, deserved, guarantee } = entry;
  // Invalid or missing-but-required in the capacity: reported there already.
  const reportedInCapacity = (resource: string) => env.capacity[resource] !== undefined || REQUIRED_CAPACITY.includes(resource);
  for (const field of ['guarantee', 'deserved'] as const) {
    for (const resource of entry[field].keys()) {
      if (!cluster.has(resource) && !reportedInCapacity(resource)) {
        problems.add(`${path}.${field}.${resource}`, `the cluster capacity declares no ${resource}`);
      }
    }
  }
  for (const [resource, amount] of guarantee) {
    const limit = deserved.get(resource);
    if (limit !== undefined && amount.compare(limit) > 0) {
      problems.add(`${path}.guarantee.${resource}`, `${amount} exceeds deserved ${limit}`);
    } else if (limit === undefined && env.sharingPolicy === 'capacity' && entry.queue.deserved !== undefined) {
      problems.add(`${path}.guarantee.${resource}`, `is guaranteed but deserved.${resource} is not set; Volcano requires deserved >= guarantee for every guaranteed resource`);
    }
    const cap = capability.get(resource);
    if (cap !== undefined && amount.compare(cap) > 0) {
      problems.add(`${path}.guarantee.${resource}`, `${amount} exceeds capability ${cap}`);
    }
  }
  for (const [resource, amount] of deserved) {
    const cap = capability.get(resource);
    if (cap !== undefined && amount.compare(cap) > 0) {
      problems.add(`${path}.deserved.${resource}`, `${amount} exceeds capability ${cap}`);
    }
  }
  for (const [resource, amount] of entry.written) {
    const available = cluster.get(resource);
    if (available === undefined && reportedInCapacity(resource)) continue;
    if (available === undefined) {
      problems.add(`${path}.capability.${resource}`, `the cluster capacity declares no ${resource}`);
    } else if (amount.compare(available) > 0) {
      problems.add(`${path}.capability.${resource}`, `${amount} exceeds the cluster capacity ${available}`);
    }
  }
}

/** Parents exist, no cycles, depth within Volcano's limit, children fit in their parent (capacity only). */
function checkHierarchy(parsed: readonly ParsedQueue[], env: ResolvedEnvironment, problems: Problems): void {
  const byName = new Map(parsed.map((p) => [p.queue.name, p] as const));
  const children = new Map<string, ParsedQueue[]>();
  for (const entry of parsed) {
    const parentName = entry.queue.parent;
    if (parentName === undefined) continue;
    const path = `${entry.path}.parent`;
    if (env.sharingPolicy !== 'capacity') {
      problems.add(path, 'hierarchical queues need the capacity policy (proportion ignores spec.parent)');
      continue;
    }
    if (parentName === 'root') {
      problems.add(path, '"root" is Volcano\'s implicit top of the tree: omit parent for a top-level queue');
      continue;
    }
    if (!byName.has(parentName)) {
      problems.add(path, `queue "${parentName}" does not exist${suggestion(parentName, [...byName.keys()])}`);
      continue;
    }
    const chain = [entry.queue.name];
    let cursor: ParsedQueue | undefined = byName.get(parentName);
    while (cursor && !chain.includes(cursor.queue.name)) {
      chain.push(cursor.queue.name);
      cursor = cursor.queue.parent === undefined ? undefined : byName.get(cursor.queue.parent);
    }
    if (cursor) {
      // Reported on each member of the cycle; a queue that merely leads into one gets no second message.
      if (cursor.queue.name === entry.queue.name) problems.add(path, `cycle ${[...chain, cursor.queue.name].join(' -> ')}`);
      continue;
    }
    if (chain.length > MAX_QUEUE_DEPTH) {
      problems.add(path, `the queue is nested ${chain.length} levels deep; Volcano allows at most ${MAX_QUEUE_DEPTH}`);
    }
    children.set(parentName, [...(children.get(parentName) ?? []), entry]);
  }
  for (const [parentName, kids] of children) {
    const parent = byName.get(parentName)!;
    const enabledKids = kids.filter((k) => k.queue.enabled).map((k) => k.queue.name);
    if (!parent.queue.enabled && enabledKids.length > 0) {
      problems.add(
        `${parent.path}.enabled`,
        `a disabled queue cannot have enabled child queues (${enabledKids.join(', ')}): it is rendered with a capability of 1m cpu and 1 byte of memory, which Volcano refuses as smaller than its children's; disable them too`,
      );
    }
    for (const field of ['deserved', 'guarantee'] as const) {
      checkChildrenSum(parent, kids, field, env, problems);
    }
    for (const kid of kids) {
      for (const [resource, amount] of kid.capability) {
        const cap = parent.capability.get(resource);
        if (cap !== undefined && amount.compare(cap) > 0) {
          problems.add(`${kid.path}.capability.${resource}`, `${amount} exceeds parent "${parentName}" capability ${cap}`);
        }
      }
    }
  }
}

/**
 * Volcano treats a parent's unset deserved/guarantee as zero, so children's sums must fit what is set.
 * A resource the cluster does not declare is reported on each child that names it, not again here.
 */
function checkChildrenSum(parent: ParsedQueue, kids: readonly ParsedQueue[], field: 'deserved' | 'guarantee', env: ResolvedEnvironment, problems: Problems): void {
  const declared = (resource: string) => env.capacity[resource] !== undefined || REQUIRED_CAPACITY.includes(resource);
  const resources = new Set(kids.flatMap((k) => [...k[field].keys()].filter(declared)));
  for (const resource of [...resources].sort()) {
    const contributing = kids.filter((k) => k[field].has(resource));
    const total = Quantity.sum(contributing.map((k) => k[field].get(resource)!));
    const own = parent[field].get(resource) ?? Quantity.ZERO;
    if (total.compare(own) > 0) {
      const parts = contributing.map((k) => `${k.queue.name} ${k[field].get(resource)}`).join(', ');
      problems.add(
        `${parent.path}.${field}.${resource}`,
        `children's sum ${total.canonical()} exceeds this queue's ${own} (${parts})`,
      );
    }
  }
}

/** The guarantees of enabled top-level queues must fit the declared cluster capacity. */
function checkTopLevelFit(parsed: readonly ParsedQueue[], cluster: Amounts, problems: Problems): void {
  const topLevel = parsed.filter((p) => p.queue.parent === undefined && p.queue.enabled);
  const resources = new Set(topLevel.flatMap((p) => [...p.guarantee.keys()]));
  for (const resource of [...resources].sort()) {
    const total = Quantity.sum(topLevel.flatMap((p) => p.guarantee.get(resource) ?? []));
    const available = cluster.get(resource);
    // Invalid or undeclared in the capacity: reported there, or on each queue guaranteeing it.
    if (available === undefined) continue;
    if (total.compare(available) > 0) {
      problems.add(`capacity.${resource}`, `top-level queue guarantees add up to ${total.canonical()}, more than the cluster capacity ${available}`);
    }
  }
}
