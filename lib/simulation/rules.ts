import { durationSeconds } from '../observability/settings';
import { CapacityView, capacityAllocatable, capacityEnqueueBlockers, capacityPreemptive, capacityReclaimable } from '../sharing/capacity';
import { shareOf } from './order';
import { proportionAllocatable, proportionEnqueueable, proportionOverused, proportionReclaimable } from '../sharing/proportion';
import { overcommitEnqueueable, overcommitIdle } from '../sharing/overcommit';
import { Amounts, add } from '../sharing/resources';
import { WorkloadClass } from './profile';
import { Divisions } from './divisions';
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
 * depend on load) before the first session; a queue without jobs keeps its last values. A share changes
 * with the queue's allocation, where updateShares recomputes it, and with its deserved, where this does.
 */
export function refreshShares(setup: SimulationSetup, queues: ReadonlyMap<string, QueueState>, divisions: Divisions, initial = false): void {
  if (setup.mode === 'proportion') {
    for (const share of divisions.divide(initial)) {
      const state = queues.get(share.name)!;
      if (state.deserved === share.deserved && state.realCapability === share.realCapability && state.guarantee === share.guarantee) continue;
      state.deserved = share.deserved;
      state.realCapability = share.realCapability;
      state.guarantee = share.guarantee;
      state.share = shareOf(setup, state);
    }
  }
  if (initial) for (const state of queues.values()) state.share = shareOf(setup, state);
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

const slaWaits = new WeakMap<WorkloadClass, number | undefined>();

/** The class's `slaWaitingTime` in seconds, if it has one; read once per class (every admission asks). */
export function slaWaitSeconds(workloadClass: WorkloadClass): number | undefined {
  if (!slaWaits.has(workloadClass)) slaWaits.set(workloadClass, workloadClass.slaWaitingTime === undefined ? undefined : durationSeconds(workloadClass.slaWaitingTime));
  return slaWaits.get(workloadClass);
}

/** Whether the `sla` plugin admits the job regardless of limits: it waited past its annotation. */
export function overdue(setup: SimulationSetup, job: JobState, now: number): boolean {
  if (!setup.sla) return false;
  const waiting = slaWaitSeconds(job.job.workloadClass);
  return waiting !== undefined && now - job.job.arrival >= waiting;
}

/** The capacity plugin's view of a queue and, with hierarchy, its ancestors (itself first). */
function capacityChain(queues: ReadonlyMap<string, QueueState>, queue: QueueState): CapacityView[] {
  return queue.setup.chain.map((name) => capacityView(queues.get(name)!));
}

function capacityView(q: QueueState): CapacityView {
  return { name: q.setup.name, deserved: q.deserved, realCapability: q.realCapability, guarantee: q.guarantee, allocated: q.allocated, inqueue: q.reserved };
}

/**
 * Job enqueueable: an overdue job (sla, first tier) is admitted; otherwise overcommit (admitted jobs'
 * reservations plus this one within factor x cluster minus what runs) and the sharing plugin must both
 * permit (pkg/scheduler/plugins/overcommit/overcommit.go; proportion's and capacity's JobEnqueueableFn).
 */
export function enqueueable(setup: SimulationSetup, queues: ReadonlyMap<string, QueueState>, job: JobState, now: number, reservedTotal: Amounts, room: Amounts | undefined): boolean {
  if (overdue(setup, job, now)) return true;
  const demand = job.job.demand;
  if (room !== undefined && !overcommitEnqueueable(room, reservedTotal, demand)) return false;
  if (!setup.switches.enqueueable) return true;
  if (setup.mode === 'proportion') return proportionEnqueueable(proportionView(job.queue), demand);
  return capacityEnqueueBlockers(capacityChain(queues, job.queue), demand).length === 0;
}

/**
 * What overcommit lets admitted jobs reserve in a session where `usedNow` runs (the cluster times the
 * factor, less that), which {@link enqueueable} compares with; undefined without the plugin.
 */
export function overcommitRoom(setup: SimulationSetup, usedNow: Amounts): Amounts | undefined {
  return setup.overcommitFactor === undefined ? undefined : overcommitIdle(setup.total, setup.overcommitFactor, usedNow);
}

/** Whether allocate skips the queue: proportion's overused (it holds its deserved in every resource). */
export function overused(setup: SimulationSetup, q: QueueState): boolean {
  return setup.switches.overused && setup.mode === 'proportion' && proportionOverused(q);
}

/** The sharing plugin lets the queue (and, with hierarchy, its ancestors) take the job's whole gang. */
export function queueAllows(setup: SimulationSetup, queues: ReadonlyMap<string, QueueState>, job: JobState): boolean {
  if (!setup.switches.allocatable) return true;
  if (setup.mode === 'proportion') return proportionAllocatable(job.queue, job.job.demand);
  return capacityAllocatable(job.queue.setup.chain.map((name) => queues.get(name)!), job.job.demand);
}

/** Whether the job's queue may reclaim for it (the sharing plugin's PreemptiveFn). */
export function mayReclaim(setup: SimulationSetup, job: JobState): boolean {
  if (!setup.switches.preemptive) return true;
  if (setup.mode === 'proportion') return proportionAllocatable(job.queue, job.job.demand);
  return capacityPreemptive(capacityView(job.queue), job.job.demand);
}

/**
 * The victims the sharing plugin lets go for `reclaimer`, in the order offered: proportion, while the
 * victim's queue holds more than its deserved; capacity, see {@link capacityReclaimable}.
 */
export function reclaimVictims(setup: SimulationSetup, reclaimer: JobState, offered: readonly JobState[]): JobState[] {
  if (!setup.switches.reclaimable) return [];
  if (setup.mode === 'proportion') {
    const byQueue = new Map<QueueState, JobState[]>();
    for (const v of offered) byQueue.set(v.queue, [...(byQueue.get(v.queue) ?? []), v]);
    const allowed = new Set<JobState>();
    for (const [q, victims] of byQueue) {
      for (const i of proportionReclaimable(proportionView(q), victims.map((v) => v.job.demand))) allowed.add(victims[i]);
    }
    return offered.filter((v) => allowed.has(v));
  }
  return capacityReclaimable(reclaimer.job.demand, offered.map((v) => ({ queue: capacityView(v.queue), request: v.job.demand }))).map((i) => offered[i]);
}
