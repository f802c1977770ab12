import { durationSeconds } from '../observability/settings';
import { divideByWeight, dominantShare, proportionAllocatable, proportionEnqueueBlockers, proportionOverused } from '../sharing/proportion';
import { Amounts, add, exceededFor, fitsWithin, scale, subtract } from '../sharing/resources';
import { SimulationSetup } from './setup';
import { JobState, QueueState } from './state';

/**
 * The scheduler's decisions at queue level, each from the plugin that makes it: admission (enqueue with
 * sla, overcommit and the sharing plugin), placement (allocate: the sharing plugin's allocatable and
 * whether the cluster has room for the whole gang) and the victims reclaim and preempt may take.
 */

const NONE: Amounts = { cpu: 0, memory: 0 };

/**
 * Recomputes each queue's deserved for the session: proportion divides by weight over the queues with
 * jobs. `initial` counts every accepting queue as having jobs, to set the real capabilities (which do not
 * depend on load) before the first session; a queue without jobs keeps its last values.
 */
export function refreshShares(setup: SimulationSetup, queues: ReadonlyMap<string, QueueState>, initial = false): void {
  if (setup.mode === 'proportion') {
    const input = setup.queues.map((q) => {
      const state = queues.get(q.name)!;
      return { ...q.model, request: add(state.allocated, state.reserved), hasJobs: initial ? q.accepting : state.jobs > 0 };
    });
    for (const share of divideByWeight(setup.total, input).queues) {
      const state = queues.get(share.name)!;
      state.deserved = share.deserved;
      state.realCapability = share.realCapability;
      state.guarantee = share.guarantee;
    }
  }
  for (const state of queues.values()) state.share = dominantShare(state.allocated, state.deserved);
}

/** Queue order (proportion's and capacity's QueueOrderFn): higher priority first, then the lower share. */
export function queueOrder(a: QueueState, b: QueueState): number {
  return b.setup.priority - a.setup.priority || a.share - b.share;
}

/** What the proportion plugin's predicates read for a queue. */
function proportionView(q: QueueState) {
  return { name: q.setup.name, deserved: q.deserved, realCapability: q.realCapability, share: q.share, allocated: q.allocated, request: NONE, inqueue: q.reserved, elastic: NONE, guarantee: q.guarantee };
}

/** Cluster resources held by running jobs. */
export function used(queues: ReadonlyMap<string, QueueState>): Amounts {
  let sum = NONE;
  for (const q of queues.values()) if (q.setup.accepting) sum = add(sum, q.allocated);
  return sum;
}

/** Whether the `sla` plugin admits the job regardless of limits: it waited past its annotation. */
export function overdue(setup: SimulationSetup, job: JobState, now: number): boolean {
  const waiting = job.job.workloadClass.slaWaitingTime;
  return setup.sla && waiting !== undefined && now - job.job.arrival >= durationSeconds(waiting)!;
}

/**
 * Job enqueueable: an overdue job (sla, first tier) is admitted; otherwise overcommit (admitted jobs'
 * reservations plus this one within factor x cluster minus what runs) and the sharing plugin (the
 * queue's allocation, reservations and this job within its real capability, for every queue of its
 * chain) must both permit.
 */
export function enqueueable(setup: SimulationSetup, queues: ReadonlyMap<string, QueueState>, job: JobState, now: number, reservedTotal: Amounts, usedNow: Amounts): boolean {
  if (overdue(setup, job, now)) return true;
  const demand = job.job.demand;
  if (setup.overcommitFactor !== undefined) {
    const idle = subtract(scale(setup.total, setup.overcommitFactor), usedNow);
    if (exceededFor(add(reservedTotal, demand), idle, demand).length > 0) return false;
  }
  if (setup.mode === 'proportion') return proportionEnqueueBlockers(proportionView(job.queue), demand).length === 0;
  return job.queue.setup.chain.every((name) => {
    const q = queues.get(name)!;
    return exceededFor(add(add(demand, q.allocated), q.reserved), q.realCapability, demand).length === 0;
  });
}

/** Whether allocate skips the queue: proportion's overused (it holds its deserved in every resource). */
export function overused(setup: SimulationSetup, q: QueueState): boolean {
  return setup.mode === 'proportion' && proportionOverused(proportionView(q));
}

/** The sharing plugin lets the queue (and, with hierarchy, its ancestors) take the job's whole gang. */
export function queueAllows(setup: SimulationSetup, queues: ReadonlyMap<string, QueueState>, job: JobState): boolean {
  const demand = job.job.demand;
  if (setup.mode === 'proportion') return proportionAllocatable(proportionView(job.queue), demand);
  return job.queue.setup.chain.every((name) => {
    const q = queues.get(name)!;
    return exceededFor(add(q.allocated, demand), q.realCapability, demand).length === 0;
  });
}

/**
 * Whether a queue may reclaim for the job (the plugins' preemptive check): proportion, the gang within
 * deserved; capacity, within real capability and within deserved on at least one requested resource.
 */
export function mayReclaim(setup: SimulationSetup, job: JobState): boolean {
  const q = job.queue;
  const future = add(q.allocated, job.job.demand);
  if (setup.mode === 'proportion') return exceededFor(future, q.deserved, job.job.demand).length === 0;
  if (exceededFor(future, q.realCapability, job.job.demand).length > 0) return false;
  return Object.keys(job.job.demand).some((name) => job.job.demand[name] > 0 && (future[name] ?? 0) <= (q.deserved[name] ?? 0));
}

/**
 * Whether the sharing plugin lets `victim` go for a reclaimer in another queue: the victim's queue is
 * reclaimable and holds more than it deserves (proportion: in some resource; capacity: in a resource
 * the victim uses, and without dropping below its guarantee). `allocated` is the queue's allocation
 * after the victims already chosen.
 */
export function reclaimableVictim(setup: SimulationSetup, victim: JobState, allocated: Amounts): boolean {
  const q = victim.queue;
  if (!q.setup.reclaimable) return false;
  if (setup.mode === 'proportion') return !fitsWithin(allocated, q.deserved, 'zero');
  if (!fitsWithin(q.guarantee, subtract(allocated, victim.job.demand), 'zero')) return false;
  return Object.keys(victim.job.demand).some((name) => victim.job.demand[name] > 0 && q.deserved[name] !== undefined && (allocated[name] ?? 0) > q.deserved[name]);
}
