import { Amounts, TOLERANCE, add, atLeast, capAt, exceededFor, exceeding, fitsWithin, pairFits, subtract } from './resources';

/**
 * Volcano's `capacity` plugin as v1.15.1 sets up each session (pkg/scheduler/plugins/capacity/capacity.go:
 * buildQueueAttrs without hierarchy, buildHierarchicalQueueAttrs and checkHierarchicalQueue with it),
 * restated in our own words: what each queue deserves and the most it can get.
 */

/** A queue as the capacity plugin reads it. */
export interface CapacityQueue {
  /** Queue name. */
  readonly name: string;
  /** `spec.parent`; only read with hierarchy. Default `root`. */
  readonly parent?: string;
  /** `spec.deserved`: the queue's share as declared. */
  readonly deserved?: Amounts;
  /** `spec.guarantee.resource`. */
  readonly guarantee?: Amounts;
  /** `spec.capability`; cpu or memory of zero or less reads as unlimited (or, with hierarchy, the parent's). */
  readonly capability?: Amounts;
  /** Whether the queue has jobs this session; without hierarchy only such queues get attributes. Default true. */
  readonly hasJobs?: boolean;
}

/** A queue's deserved share and real capability after the plugin opened the session. */
export interface CapacityShare {
  /** Queue name. */
  readonly name: string;
  /** What the queue may keep under contention; beyond it, what it holds can be reclaimed. */
  readonly deserved: Amounts;
  /** The most it may hold: its capability within what the cluster (or its parent) has beyond others' guarantees. */
  readonly realCapability: Amounts;
  /** Its guarantee (with hierarchy, the root's is its children's sum). */
  readonly guarantee: Amounts;
  /** Ancestors from the root down, with hierarchy; empty without. */
  readonly ancestors: readonly string[];
}

const NONE: Amounts = { cpu: 0, memory: 0 };

function readCapability(capability: Amounts | undefined): Amounts | undefined {
  if (capability === undefined || Object.keys(capability).length === 0) return undefined;
  return { ...capability, cpu: capability.cpu > 0 ? capability.cpu : Number.MAX_VALUE, memory: capability.memory > 0 ? capability.memory : Number.MAX_VALUE };
}

/**
 * Without hierarchy: every queue with jobs deserves what it declares, capped per resource at its real
 * capability (cluster minus every queue's guarantee plus its own, within its capability) and raised to
 * its guarantee.
 */
export function capacityShares(total: Amounts, queues: readonly CapacityQueue[]): CapacityShare[] {
  const totalGuarantee = queues.reduce((sum, q) => add(sum, q.guarantee ?? NONE), NONE);
  return queues.filter((q) => q.hasJobs !== false).map((q) => {
    const guarantee = q.guarantee ?? NONE;
    const base = add(exceeding(total, totalGuarantee), guarantee);
    const capability = readCapability(q.capability);
    const realCapability = capability === undefined ? base : capAt(base, capability, 'unlimited');
    const deserved = atLeast(capAt(q.deserved ?? NONE, realCapability, 'unlimited'), guarantee);
    return { name: q.name, deserved, realCapability, guarantee, ancestors: [] };
  });
}

/** Thrown for a queue tree the plugin refuses (it then skips the whole session): a cycle or an unknown parent. */
export class QueueTreeError extends Error {}

/**
 * With hierarchy: every queue (jobs or not) under `root`. A queue deserves at least its guarantee; its
 * real capability is its parent's real capability minus its siblings' guarantees, within its own
 * capability, where a capability's missing cpu/memory/other resource is inherited from the parent.
 * The root's capability is unlimited unless `rootCapability` is given, its guarantee and deserved the
 * sums of its children's. Deserved is not capped here (unlike the flat mode). Parents come before
 * children in the result; the root is left out.
 */
export function hierarchicalCapacityShares(queues: readonly CapacityQueue[], resourceNames: readonly string[], rootCapability?: Amounts): CapacityShare[] {
  const byName = new Map(queues.map((q) => [q.name, q] as const));
  const children = new Map<string, CapacityQueue[]>([['root', []]]);
  for (const q of queues) {
    if (q.name === 'root') continue;
    const parent = q.parent ?? 'root';
    if (parent !== 'root' && !byName.has(parent)) throw new QueueTreeError(`the queue ${q.name} has invalid parent queue ${parent}`);
    children.set(parent, [...(children.get(parent) ?? []), q]);
  }
  const infinite: Record<string, number> = { cpu: Number.MAX_VALUE, memory: Number.MAX_VALUE };
  for (const name of resourceNames) if (name !== 'cpu' && name !== 'memory') infinite[name] = Number.MAX_SAFE_INTEGER;
  const result: CapacityShare[] = [];
  const seen = new Set<string>();
  const visit = (name: string, capability: Amounts, realCapability: Amounts, ancestors: readonly string[]) => {
    if (seen.has(name)) throw new QueueTreeError(`cycle detected in queue hierarchy for queue ${name}`);
    seen.add(name);
    const kids = children.get(name) ?? [];
    const totalGuarantee = kids.reduce((sum, k) => add(sum, k.guarantee ?? NONE), NONE);
    for (const kid of kids) {
      const guarantee = kid.guarantee ?? NONE;
      const own = kid.capability ?? NONE;
      const inherited: Record<string, number> = { ...capability, ...own };
      if (!(own.cpu > 0)) inherited.cpu = capability.cpu;
      if (!(own.memory > 0)) inherited.memory = capability.memory;
      const kidReal = capAt(add(exceeding(realCapability, totalGuarantee), guarantee), inherited, 'unlimited');
      const deserved = atLeast(kid.deserved ?? NONE, guarantee);
      result.push({ name: kid.name, deserved, realCapability: kidReal, guarantee, ancestors: [...ancestors, name] });
      visit(kid.name, inherited, kidReal, [...ancestors, name]);
    }
  };
  const root = rootCapability ?? infinite;
  visit('root', root, root, []);
  const unreached = queues.find((q) => q.name !== 'root' && !seen.has(q.name));
  if (unreached) throw new QueueTreeError(`cycle detected in queue hierarchy for queue ${unreached.name}`);
  return result;
}

/** What the capacity plugin's predicates read for one queue in a session. */
export interface CapacityView {
  /** Queue name. */
  readonly name: string;
  /** Its deserved share (see {@link CapacityShare}). */
  readonly deserved: Amounts;
  /** The most it may hold. */
  readonly realCapability: Amounts;
  /** Its guarantee. */
  readonly guarantee: Amounts;
  /** What the queue's running tasks hold (for a parent: its children's). */
  readonly allocated: Amounts;
  /** What its admitted jobs reserve beyond their allocation. */
  readonly inqueue: Amounts;
  /** Its jobs' elastic part (allocated beyond their minimum). Default nothing. */
  readonly elastic?: Amounts;
}

/**
 * Allocatable (checkQueueAllocatableHierarchically): the queue and every ancestor given (`chain`) can take
 * `request` within its real capability, on the resources the request asks for.
 */
export function capacityAllocatable(chain: readonly Pick<CapacityView, 'allocated' | 'realCapability'>[], request: Amounts): boolean {
  return chain.every((q) => pairFits(q.allocated, request, q.realCapability, request));
}

/**
 * Job enqueueable (checkJobEnqueueableHierarchically): for the queue and every ancestor, the job's minimum,
 * the allocation and the reservations less the elastic part stay within the real capability, on the
 * resources the job asks for. Returns the resources that do not fit at the first queue refusing.
 */
export function capacityEnqueueBlockers(chain: readonly CapacityView[], minimum: Amounts): string[] {
  for (const q of chain) {
    const wanted = subtract(add(add(minimum, q.allocated), q.inqueue), q.elastic ?? NONE);
    const blockers = exceededFor(wanted, q.realCapability, minimum);
    if (blockers.length > 0) return blockers;
  }
  return [];
}

/** Resources of `a` at or above Volcano's minimum amount (`ResourceNames`). */
function present(a: Amounts): Set<string> {
  return new Set(Object.keys(a).filter((name) => a[name] >= TOLERANCE));
}

/**
 * Preemptive (AddPreemptiveFn): the queue may reclaim for `request` when its allocation plus the request
 * stays within its real capability, and within its deserved on at least one requested resource that
 * either side holds.
 */
export function capacityPreemptive(queue: CapacityView, request: Amounts): boolean {
  const future = add(queue.allocated, request);
  if (exceededFor(future, queue.realCapability, request).length > 0) return false;
  return Object.keys(request).some((name) => {
    if (!(request[name] > 0) || name === 'pods') return false;
    const used = future[name] ?? 0;
    const deserved = queue.deserved[name] ?? 0;
    if (used < TOLERANCE && deserved < TOLERANCE) return false;
    return used < deserved || Math.abs(used - deserved) < TOLERANCE;
  });
}

/** A running task offered to reclaim, with its queue. */
export interface ReclaimCandidate {
  /** The queue the task runs in. */
  readonly queue: CapacityView;
  /** What the task holds. */
  readonly request: Amounts;
}

/**
 * Reclaimable (AddReclaimableFn, without ancestor levels): of `candidates`, in the order given, the ones the
 * plugin lets go for a task asking `reclaimer`. A candidate sharing no resource with the reclaimer is
 * skipped; one whose queue would drop below its guarantee stays; one sharing no resource with its
 * queue's deserved goes at once; otherwise it goes when its queue holds more than it deserves on a
 * resource the candidate uses and the deserved names. Each victim lowers its queue's allocation.
 */
export function capacityReclaimable(reclaimer: Amounts, candidates: readonly ReclaimCandidate[]): number[] {
  const reclaimerNames = present(reclaimer);
  const allocations = new Map<string, Amounts>();
  const chosen: number[] = [];
  candidates.forEach((c, index) => {
    const names = present(c.request);
    if (![...names].some((n) => reclaimerNames.has(n) && n !== 'pods')) return;
    const allocated = allocations.get(c.queue.name) ?? c.queue.allocated;
    if (!fitsWithin(c.queue.guarantee, subtract(allocated, c.request), 'zero')) return;
    const deservedNames = present(c.queue.deserved);
    const immediate = ![...names].some((n) => deservedNames.has(n));
    if (!immediate && !exceedsOnRelevant(allocated, c.queue.deserved, c.request)) return;
    allocations.set(c.queue.name, subtract(allocated, c.request));
    chosen.push(index);
  });
  return chosen;
}

/** Volcano's `GreaterPartlyWithRelevantDimensions`: `used` above `deserved` on a resource the request uses and deserved holds. */
function exceedsOnRelevant(used: Amounts, deserved: Amounts, request: Amounts): boolean {
  return Object.keys(request).some((name) => {
    if (!(request[name] > 0) || name === 'pods') return false;
    if (name === 'cpu' || name === 'memory') {
      if ((deserved[name] ?? 0) < TOLERANCE) return false;
    } else if (deserved[name] === undefined) return false;
    return (used[name] ?? 0) > (deserved[name] ?? 0);
  });
}
