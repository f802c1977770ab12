import { ResolvedEnvironment, ResolvedQueue, ResourceList } from '../config/model';
import { effectiveQueueAmounts } from '../scheduling/queue-amounts';
import { childQueue } from '../volcano/scheduler-derive';
import { CapacityQueue, CapacityShare, capacityShares, hierarchicalCapacityShares } from './capacity';
import { ProportionQueue, ProportionShare, divideByWeight } from './proportion';
import { Amounts, toAmounts, toResourceList, unlimited } from './resources';

/**
 * The bridge from a resolved environment to the sharing model: the queues exactly as they are rendered
 * (a disabled queue with the closing capability and no guarantee, see `effectiveQueueAmounts`), under the
 * plugin the environment's sharing policy selects, with hierarchy when a queue names a parent.
 */

/** One queue's share of the cluster. */
export interface QueueShare {
  /** Queue name. */
  readonly queue: string;
  /** What the queue is held to under full contention, e.g. `{ cpu: '32', memory: '64Gi' }`. */
  readonly resources: ResourceList;
}

/** Which sharing plugin, and mode, the environment's scheduler runs. */
export type SharingMode = 'proportion' | 'capacity' | 'capacity-hierarchy';

/** The sharing plugin and mode the environment's scheduler runs. */
export function sharingMode(env: ResolvedEnvironment): SharingMode {
  if (env.sharingPolicy === 'proportion') return 'proportion';
  return childQueue(env) !== undefined ? 'capacity-hierarchy' : 'capacity';
}

/** Queues that can hold jobs: enabled, and no other queue's parent. */
export function workQueues(env: ResolvedEnvironment): ResolvedQueue[] {
  const parents = new Set(env.queues.map((q) => q.parent).filter((p): p is string => p !== undefined));
  return env.queues.filter((q) => q.enabled && !parents.has(q.name));
}

/** The environment's queues in the model's terms, with the given demand (default: none) for queues with work. */
export function modelQueues(env: ResolvedEnvironment, demand: (queue: ResolvedQueue) => Amounts | undefined): ProportionQueue[] & CapacityQueue[] {
  return env.queues.map((q) => {
    const amounts = effectiveQueueAmounts(q, env.sharingPolicy);
    const request = demand(q);
    return {
      name: q.name,
      parent: q.parent,
      weight: q.weight ?? 1,
      guarantee: amounts.guarantee && toAmounts(amounts.guarantee),
      capability: toAmounts(amounts.capability),
      deserved: amounts.deserved && toAmounts(amounts.deserved),
      request: request ?? toAmounts({}),
      hasJobs: request !== undefined,
    };
  });
}

/**
 * Each queue's deserved share when every work queue asks for more than it can get, as the
 * environment's sharing plugin computes it. Under `proportion` this is the weighted water-filling; under
 * `capacity` it is the declared deserved within the real capability. Beyond these shares, resources left
 * over go to whichever queue allocate serves first, and can be reclaimed from it.
 */
export function shareAmountsUnderFullContention(env: ResolvedEnvironment): Map<string, ProportionShare | CapacityShare> {
  const total = toAmounts(env.capacity);
  const working = new Set(workQueues(env).map((q) => q.name));
  const queues = modelQueues(env, (q) => (working.has(q.name) ? unlimited(Object.keys(total)) : undefined));
  const mode = sharingMode(env);
  const shares =
    mode === 'proportion'
      ? divideByWeight(total, queues).queues
      : mode === 'capacity'
        ? capacityShares(total, queues)
        : hierarchicalCapacityShares(queues, Object.keys(total));
  return new Map(shares.filter((s) => working.has(s.name)).map((s) => [s.name, s] as const));
}

/**
 * Each work queue's share under full contention, in the environment's queue order, as resource lists
 * (cpu rounded to millicores, memory to bytes): what `docs/environments/<env>.md` and `npm run diff` show.
 */
export function sharesUnderFullContention(env: ResolvedEnvironment): QueueShare[] {
  const shares = shareAmountsUnderFullContention(env);
  return workQueues(env).map((q) => ({ queue: q.name, resources: toResourceList(shares.get(q.name)!.deserved) }));
}
