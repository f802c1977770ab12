import { durationSeconds } from '../observability/settings';
import { dominantShare } from '../sharing/proportion';
import { Amounts, add, exceededFor, subtract } from '../sharing/resources';
import { DAY_SECONDS, SimulatedJob } from './jobs';
import { EventQueue } from './events';
import { enqueueable, mayReclaim, overdue, overused, queueAllows, queueOrder, reclaimableVictim, refreshShares, used } from './rules';
import { SimulationSetup } from './setup';
import { JobState, QueueState, bestHead, chargeChain, fifo } from './state';

/** How long after the day the simulation keeps running, without new arrivals, to let the backlog start. */
export const DRAIN_SECONDS = 2 * DAY_SECONDS;
/** Queue lengths and allocations are sampled this often over the day. */
export const SAMPLE_SECONDS = 15 * 60;

/** What happened to one queue over the day. */
export interface QueueTrace {
  readonly queue: string;
  /** Each job's wait from submission to its first start, in seconds, in arrival order; never-started jobs count until the end. */
  readonly waits: number[];
  /** Jobs that had not started when the simulation ended. */
  notStarted: number;
  /** Core-seconds held over the day. */
  coreSeconds: number;
  /** Jobs evicted by reclaim (from this queue, for another) and by preemption (within it). */
  reclaimed: number;
  preempted: number;
  /** Core-seconds of runs lost to evictions. */
  lostCoreSeconds: number;
  /** Jobs waiting (pending or admitted) and cores held, every {@link SAMPLE_SECONDS} from midnight. */
  readonly waiting: number[];
  readonly cores: number[];
}

/** The day, queue by queue. */
export interface SimulationTrace {
  readonly queues: readonly QueueTrace[];
  /** Events processed (arrivals, completions, sla deadlines) and scheduling sessions run. */
  readonly events: number;
  readonly sessions: number;
}

const NONE: Amounts = { cpu: 0, memory: 0 };

/**
 * Replays a day of jobs against the environment's scheduler at queue level: a session (enqueue,
 * allocate, then preempt and reclaim where configured) after every instant something happens.
 */
export function runSimulation(setup: SimulationSetup, jobs: readonly SimulatedJob[]): SimulationTrace {
  const queues = new Map<string, QueueState>(setup.queues.map((q) => [q.name, {
    setup: q, pending: new Map(), inqueue: new Map(), running: new Set(), allocated: NONE, reserved: NONE,
    deserved: setup.capacity?.get(q.name)?.deserved ?? NONE, realCapability: setup.capacity?.get(q.name)?.realCapability ?? NONE,
    guarantee: setup.capacity?.get(q.name)?.guarantee ?? NONE, share: 0, jobs: 0,
  }]));
  const traces = new Map(setup.queues.map((q) => [q.name, { queue: q.name, waits: [], notStarted: 0, coreSeconds: 0, reclaimed: 0, preempted: 0, lostCoreSeconds: 0, waiting: [], cores: [] } as QueueTrace]));
  const waitIndex = new Map<JobState, number>();
  const events = new EventQueue<{ kind: 'arrival' | 'done' | 'deadline'; job: SimulatedJob; state?: JobState; run?: number }>();
  for (const job of jobs) events.push(job.arrival, { kind: 'arrival', job });
  let clock = 0;
  let sessions = 0;
  let processed = 0;
  let nextSample = 0;
  const waitingCount = (q: QueueState) => [...q.pending.values(), ...q.inqueue.values()].reduce((n, f) => n + f.length, 0);
  const advance = (to: number) => {
    while (nextSample < DAY_SECONDS && nextSample <= to) {
      for (const q of queues.values()) {
        const trace = traces.get(q.setup.name)!;
        trace.waiting.push(waitingCount(q));
        trace.cores.push(q.setup.accepting ? q.allocated.cpu / 1000 : 0);
      }
      nextSample += SAMPLE_SECONDS;
    }
    const span = Math.max(0, Math.min(to, DAY_SECONDS) - Math.min(clock, DAY_SECONDS));
    for (const q of queues.values()) if (q.setup.accepting) traces.get(q.setup.name)!.coreSeconds += (q.allocated.cpu / 1000) * span;
    clock = to;
  };
  const start = (job: JobState, now: number) => {
    fifo(job.queue.inqueue, job.job.workloadClass.name).shift();
    chargeChain(queues, job.queue, 'reserved', job.job.demand, -1);
    chargeChain(queues, job.queue, 'allocated', job.job.demand, 1);
    job.phase = 'running';
    job.runStart = now;
    job.queue.running.add(job);
    if (job.firstStart === undefined) {
      job.firstStart = now;
      traces.get(job.queue.setup.name)!.waits[waitIndex.get(job)!] = now - job.job.arrival;
    }
    events.push(now + job.job.runTime, { kind: 'done', job: job.job, state: job, run: job.run });
  };
  const stop = (job: JobState) => {
    chargeChain(queues, job.queue, 'allocated', job.job.demand, -1);
    job.queue.running.delete(job);
  };
  const evict = (victim: JobState, now: number, kind: 'reclaimed' | 'preempted') => {
    stop(victim);
    const trace = traces.get(victim.queue.setup.name)!;
    trace[kind] += 1;
    trace.lostCoreSeconds += ((now - victim.runStart!) * victim.job.demand.cpu) / 1000;
    victim.run += 1;
    victim.phase = 'pending';
    fifo(victim.queue.pending, victim.job.workloadClass.name).unshift(victim);
  };

  const session = (now: number) => {
    sessions += 1;
    // Queue order for enqueue uses the shares of the last session; deserved is computed once admitted
    // jobs count in the request (their pods are taken to exist as soon as the PodGroup is admitted).
    const order = [...queues.values()].filter((q) => q.setup.accepting).sort(queueOrder);
    // Enqueue: one job per queue in turn, in queue order, until no queue has a job left to try.
    let reservedTotal = order.reduce((sum, q) => add(sum, q.reserved), NONE);
    const usedNow = used(queues);
    const refused = new Map(order.map((q) => [q, new Set<string>()]));
    for (let active = order; active.length > 0;) {
      active = active.filter((q) => {
        const job = bestHead(q.pending, refused.get(q)!);
        if (!job) return false;
        if (!setup.enqueue || enqueueable(setup, queues, job, now, reservedTotal, usedNow)) {
          fifo(q.pending, job.job.workloadClass.name).shift();
          fifo(q.inqueue, job.job.workloadClass.name).push(job);
          job.phase = 'inqueue';
          chargeChain(queues, q, 'reserved', job.job.demand, 1);
          reservedTotal = add(reservedTotal, job.job.demand);
        } else {
          refused.get(q)!.add(job.job.workloadClass.name);
        }
        return true;
      });
    }
    refreshShares(setup, queues);
    // Allocate: the queue first in order places its best admitted job, until none can.
    const failed = new Map(order.map((q) => [q, new Set<string>()]));
    const blocked: JobState[] = [];
    for (let candidates = order.filter((q) => !overused(setup, q)); candidates.length > 0;) {
      const q = candidates.reduce((best, c) => (queueOrder(c, best) < 0 ? c : best));
      const job = bestHead(q.inqueue, failed.get(q)!);
      if (!job) {
        candidates = candidates.filter((c) => c !== q);
        continue;
      }
      if (queueAllows(setup, queues, job) && fitsCluster(job)) {
        start(job, now);
        q.share = dominantShare(q.allocated, q.deserved);
        if (overused(setup, q)) candidates = candidates.filter((c) => c !== q);
      } else {
        failed.get(q)!.add(job.job.workloadClass.name);
        blocked.push(job);
      }
    }
    for (const job of blocked) if (job.phase === 'inqueue' && (setup.preempt || setup.reclaim)) makeRoom(job, now);
    return order.reduce((n, q) => n + waitingCount(q), 0);
  };
  const free = () => subtract(setup.total, used(queues));
  const fitsCluster = (job: JobState) => exceededFor(add(used(queues), job.job.demand), setup.total, job.job.demand).length === 0;
  /** Preempt within the queue (lower priority classes first), else reclaim from other queues, if that makes room. */
  const makeRoom = (job: JobState, now: number) => {
    if (fitsCluster(job)) return;
    if (setup.preempt && job.preempts && queueAllows(setup, queues, job)) {
      const victims = [...job.queue.running].filter((v) => v.priority < job.priority).sort((a, b) => a.priority - b.priority || b.runStart! - a.runStart!);
      if (take(victims, job, now, 'preempted', () => true)) return;
    }
    if (setup.reclaim && !overused(setup, job.queue) && mayReclaim(setup, job)) {
      const others = [...queues.values()].filter((q) => q !== job.queue && q.setup.accepting).sort((a, b) => a.setup.priority - b.setup.priority);
      const victims = others.flatMap((q) => [...q.running].sort((a, b) => a.priority - b.priority || b.runStart! - a.runStart!));
      const allocations = new Map<QueueState, Amounts>();
      take(victims, job, now, 'reclaimed', (v) => {
        const allocated = allocations.get(v.queue) ?? v.queue.allocated;
        if (!reclaimableVictim(setup, v, allocated)) return false;
        allocations.set(v.queue, subtract(allocated, v.job.demand));
        return true;
      });
    }
  };
  /** Evicts victims in order (those `eligible` lets go) until the job fits; evicts none if it never would. */
  const take = (victims: JobState[], job: JobState, now: number, kind: 'reclaimed' | 'preempted', eligible: (v: JobState) => boolean): boolean => {
    const chosen: JobState[] = [];
    let available = free();
    for (const v of victims) {
      if (exceededFor(job.job.demand, available, job.job.demand).length === 0) break;
      if (!eligible(v)) continue;
      chosen.push(v);
      available = add(available, v.job.demand);
    }
    if (exceededFor(job.job.demand, available, job.job.demand).length > 0) return false;
    for (const v of chosen) evict(v, now, kind);
    start(job, now);
    return true;
  };

  // Real capabilities (which enqueue reads) do not depend on load: set them before the first session.
  refreshShares(setup, queues, true);
  let waitingJobs = 0;
  while (!events.empty() && events.peekTime()! <= DAY_SECONDS + DRAIN_SECONDS) {
    const now = events.peekTime()!;
    advance(now);
    while (!events.empty() && events.peekTime() === now) {
      const event = events.pop()!;
      processed += 1;
      if (event.kind === 'arrival') {
        const q = queues.get(event.job.workloadClass.queue)!;
        const pc = setup.priorityClasses.get(event.job.workloadClass.priorityClass);
        const state: JobState = { job: event.job, queue: q, priority: pc?.value ?? 0, preempts: pc?.preempts ?? true, phase: 'pending', run: 0 };
        const trace = traces.get(q.setup.name)!;
        waitIndex.set(state, trace.waits.length);
        trace.waits.push(NaN);
        fifo(q.pending, event.job.workloadClass.name).push(state);
        q.jobs += 1;
        waitingJobs += 1;
        const waiting = event.job.workloadClass.slaWaitingTime;
        if (setup.sla && waiting !== undefined) events.push(now + durationSeconds(waiting)!, { kind: 'deadline', job: event.job, state });
      } else if (event.kind === 'done' && event.state!.run === event.run && event.state!.phase === 'running') {
        stop(event.state!);
        event.state!.phase = 'done';
        event.state!.queue.jobs -= 1;
      } else if (event.kind === 'deadline' && !(event.state!.phase === 'pending' && overdue(setup, event.state!, now))) {
        continue;
      }
    }
    // A session changes nothing while no job waits (shares only order queues that have work).
    if (waitingJobs > 0) waitingJobs = session(now);
  }
  const end = Math.min(clock, DAY_SECONDS + DRAIN_SECONDS);
  advance(Math.max(end, DAY_SECONDS));
  for (const [state, index] of waitIndex) {
    if (state.firstStart !== undefined) continue;
    const trace = traces.get(state.queue.setup.name)!;
    trace.waits[index] = DAY_SECONDS + DRAIN_SECONDS - state.job.arrival;
    trace.notStarted += 1;
  }
  return { queues: [...traces.values()], events: processed, sessions };
}
