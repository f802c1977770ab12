import {
  Amounts, add, atLeast, capAt, changes, exceeding, exceededFor, fitsWithin, isEmpty, pairFits, same, scale, sumFits,
} from './resources';

/**
 * Volcano's `proportion` plugin as v1.15.1 runs it each scheduling session
 * (pkg/scheduler/plugins/proportion/proportion.go, OnSessionOpen and the functions it registers),
 * restated in our own words over {@link Amounts}.
 */

/** A queue as the proportion plugin sees it in one session. */
export interface ProportionQueue {
  /** Queue name. */
  readonly name: string;
  /** `spec.weight`. */
  readonly weight: number;
  /** `spec.guarantee.resource`; absent or empty means none. */
  readonly guarantee?: Amounts;
  /**
   * `spec.capability`; absent means none. A cpu or memory capability of zero or less reads as unlimited
   * (the plugin replaces it with the largest number), which is why a "zero" capability closes nothing.
   */
  readonly capability?: Amounts;
  /** What the queue's jobs ask for: allocated plus pending tasks' requests. */
  readonly request: Amounts;
  /** What the queue's tasks hold now. Default nothing. */
  readonly allocated?: Amounts;
  /** What the queue's admitted (Inqueue, or Running at minMember) jobs reserve beyond their allocation. Default nothing. */
  readonly inqueue?: Amounts;
  /** The queue's jobs' elastic part: allocated beyond their minimum. Default nothing. */
  readonly elastic?: Amounts;
  /**
   * Whether the queue has jobs this session. Only such queues take part in the division (the plugin
   * builds its queue attributes from the jobs), but every queue's guarantee is set aside. Default true.
   */
  readonly hasJobs?: boolean;
}

/** A queue's standing after the plugin opened the session. */
export interface ProportionShare {
  /** Queue name. */
  readonly name: string;
  /** The queue's deserved resources: what allocate lets it use and reclaim gives back to it. */
  readonly deserved: Amounts;
  /** The most the queue can get: the cluster minus others' guarantees, within its capability. */
  readonly realCapability: Amounts;
  /** The largest allocated/deserved ratio over its resources; queues with a lower share are served first. */
  readonly share: number;
  /** What the queue's tasks hold (as given). */
  readonly allocated: Amounts;
  /** What its jobs ask for (as given). */
  readonly request: Amounts;
  /** What its admitted jobs reserve beyond their allocation (as given). */
  readonly inqueue: Amounts;
  /** Its jobs' elastic part (as given). */
  readonly elastic: Amounts;
  /** Its guarantee; nothing when none is set. */
  readonly guarantee: Amounts;
}

/** The outcome of dividing the cluster: each active queue's share, in input order, and the rounds it took. */
export interface ProportionResult {
  readonly queues: readonly ProportionShare[];
  /** Rounds of the water-filling loop. */
  readonly rounds: number;
}

const NONE: Amounts = { cpu: 0, memory: 0 };

/** The cpu/memory capability as the plugin reads it: zero or less is unlimited. */
function readCapability(capability: Amounts | undefined): Amounts | undefined {
  if (capability === undefined) return undefined;
  return { ...capability, cpu: capability.cpu > 0 ? capability.cpu : Number.MAX_VALUE, memory: capability.memory > 0 ? capability.memory : Number.MAX_VALUE };
}

/**
 * Divides `total` between the queues that have jobs: the water-filling of OnSessionOpen.
 *
 * Each round, the resources not yet handed out are split by weight among the queues not yet satisfied;
 * each queue adds its part to its deserved, which is then capped per resource at its real capability
 * (the cluster minus every queue's guarantee plus its own, within its capability) and at its request,
 * and raised to its guarantee. A queue is satisfied when its request fits its deserved, or when its
 * deserved did not change in the round. What queues gained is taken from what remains, what they gave
 * up (a cap or a guarantee lowering it) returned; the loop ends when nothing remains or the remainder
 * did not change.
 */
export function divideByWeight(total: Amounts, queues: readonly ProportionQueue[]): ProportionResult {
  const totalGuarantee = queues.reduce((sum, q) => add(sum, q.guarantee ?? NONE), NONE);
  const active = queues.filter((q) => q.hasJobs !== false).map((q) => {
    const guarantee = q.guarantee ?? NONE;
    const base = add(exceeding(total, totalGuarantee), guarantee);
    const capability = readCapability(q.capability);
    return {
      queue: q,
      guarantee,
      realCapability: capability === undefined ? base : capAt(base, capability, 'unlimited'),
      deserved: NONE,
    };
  });
  let remaining = total;
  const satisfied = new Set<number>();
  let rounds = 0;
  for (;;) {
    const totalWeight = active.reduce((sum, a, i) => (satisfied.has(i) ? sum : sum + a.queue.weight), 0);
    if (totalWeight === 0) break;
    rounds += 1;
    const before = remaining;
    let increased: Amounts = NONE;
    let decreased: Amounts = NONE;
    active.forEach((a, i) => {
      if (satisfied.has(i)) return;
      const old = a.deserved;
      let deserved = add(old, scale(remaining, a.queue.weight / totalWeight));
      deserved = capAt(deserved, a.realCapability, 'unlimited');
      deserved = capAt(deserved, a.queue.request, 'zero');
      deserved = atLeast(deserved, a.guarantee);
      a.deserved = deserved;
      if (fitsWithin(a.queue.request, deserved, 'zero') || same(deserved, old)) satisfied.add(i);
      const moved = changes(deserved, old);
      increased = add(increased, moved.increased);
      decreased = add(decreased, moved.decreased);
    });
    remaining = exceeding(add(remaining, decreased), increased);
    if (isEmpty(remaining) || same(remaining, before)) break;
  }
  return {
    rounds,
    queues: active.map((a) => {
      const allocated = a.queue.allocated ?? NONE;
      return {
        name: a.queue.name,
        deserved: a.deserved,
        realCapability: a.realCapability,
        share: dominantShare(allocated, a.deserved),
        allocated,
        request: a.queue.request,
        inqueue: a.queue.inqueue ?? NONE,
        elastic: a.queue.elastic ?? NONE,
        guarantee: a.guarantee,
      };
    }),
  };
}

/** The largest allocated/deserved ratio over the resources deserved holds (1 where nothing is deserved but something held). */
export function dominantShare(allocated: Amounts, deserved: Amounts): number {
  let share = 0;
  for (const name in deserved) {
    const amount = deserved[name];
    if (amount < 0.1) continue;
    share = Math.max(share, (allocated[name] ?? 0) / amount);
  }
  return share;
}

/** Overused: the queue holds at least its deserved in every resource; allocate skips it. */
export function proportionOverused(queue: Pick<ProportionShare, 'deserved' | 'allocated'>): boolean {
  return fitsWithin(queue.deserved, queue.allocated, 'zero');
}

/**
 * Allocatable: the queue may take `request` (one task, or all of a job's candidates for preempt) if its
 * allocation plus the request stays within its deserved, on the resources the request asks for.
 */
export function proportionAllocatable(queue: Pick<ProportionShare, 'allocated' | 'deserved'>, request: Amounts): boolean {
  return pairFits(queue.allocated, request, queue.deserved, request);
}

/**
 * Reclaimable: of `victims` (tasks of the queue, in the order reclaim offers them), the ones the plugin
 * lets go: each while the queue still holds more than its deserved in some resource.
 */
export function proportionReclaimable(queue: ProportionShare, victims: readonly Amounts[]): number[] {
  const chosen: number[] = [];
  let allocated = queue.allocated;
  victims.forEach((victim, index) => {
    if (!fitsWithin(allocated, queue.deserved, 'zero')) {
      allocated = add(allocated, scale(victim, -1));
      chosen.push(index);
    }
  });
  return chosen;
}

/**
 * Job enqueueable: a job with minimum resources `minimum` may leave Pending when the queue's allocation,
 * its admitted jobs' reservations less their elastic part, and the job together stay within the
 * queue's real capability, on the resources the job asks for. Returns the resources that do not fit.
 */
export function proportionEnqueueBlockers(queue: ProportionShare, minimum: Amounts): string[] {
  const wanted = add(add(add(minimum, queue.allocated), queue.inqueue), scale(queue.elastic, -1));
  return exceededFor(wanted, queue.realCapability, minimum);
}

/** Whether {@link proportionEnqueueBlockers} finds none, told without building the sums. */
export function proportionEnqueueable(queue: Pick<ProportionShare, 'allocated' | 'inqueue' | 'elastic' | 'realCapability'>, minimum: Amounts): boolean {
  return sumFits([minimum, queue.allocated, queue.inqueue, scale(queue.elastic, -1)], queue.realCapability, minimum);
}
