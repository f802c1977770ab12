import { DAY_SECONDS, SimulatedJob } from './jobs';
import { EventQueue } from './events';
import { overdue, slaWaitSeconds } from './rules';
import { QueueLevelScheduler } from './session';
import { SimulationSetup } from './setup';
import { JobState } from './state';

/** How long after the day the simulation keeps running, without new arrivals, to let the backlog start. */
export const DRAIN_SECONDS = 2 * DAY_SECONDS;
/** Queue lengths and allocations are sampled this often over the day. */
export const SAMPLE_SECONDS = 15 * 60;

/** What happened to one queue over the day. */
export interface QueueTrace {
  readonly queue: string;
  /** Each job's wait from submission to its first start, in seconds, in arrival order; never-started jobs count until the end. */
  readonly waits: number[];
  /** The workload class of each of those jobs, in the same order. */
  readonly classes: string[];
  /** Jobs that had not started when the simulation ended. */
  notStarted: number;
  /** Core-seconds held over the day. */
  coreSeconds: number;
  /** Jobs evicted by reclaim (from this queue, for another) and by preemption (within it). */
  reclaimed: number;
  /** Jobs of the queue evicted by preemption. */
  preempted: number;
  /** Core-seconds of runs lost to evictions. */
  lostCoreSeconds: number;
  /** Jobs waiting (pending or admitted) and cores held, every {@link SAMPLE_SECONDS} from midnight. */
  readonly waiting: number[];
  /** Cores held at each sample. */
  readonly cores: number[];
}

/** The day, queue by queue. */
export interface SimulationTrace {
  /** Every queue's trace, in the environment's order. */
  readonly queues: readonly QueueTrace[];
  /** Events processed (arrivals, completions, sla deadlines). */
  readonly events: number;
  /** Scheduling sessions run. */
  readonly sessions: number;
}

/** What the event queue holds; arrivals are read from the sorted jobs instead (see runSimulation). */
type SimulationEvent = { kind: 'done'; state: JobState; run: number } | { kind: 'deadline'; state: JobState };

/**
 * Replays a day of jobs against the environment's scheduler at queue level: a session after every
 * instant something happens (an arrival, a completion, an sla deadline) while any job waits.
 */
export function runSimulation(setup: SimulationSetup, jobs: readonly SimulatedJob[]): SimulationTrace {
  const scheduler = new QueueLevelScheduler(setup);
  const queues = [...scheduler.queues.values()];
  const traces = new Map(setup.queues.map((q) => [q.name, { queue: q.name, waits: [], classes: [], notStarted: 0, coreSeconds: 0, reclaimed: 0, preempted: 0, lostCoreSeconds: 0, waiting: [], cores: [] } as QueueTrace]));
  // The accepting queues with their traces, side by side: every instant adds to their core-seconds.
  const holding = queues.filter((q) => q.setup.accepting).map((q) => ({ queue: q, trace: traces.get(q.setup.name)! }));
  const waitIndex = new Map<JobState, number>();
  const events = new EventQueue<SimulationEvent>();
  // Arrivals are known from the start: read in time order (a stable sort keeps the jobs' order at one
  // instant), they need no place in the heap, which then stays small. They come before completions and
  // deadlines of the same instant, as they would from the heap, where they were pushed first.
  const arrivals = [...jobs].sort((a, b) => a.arrival - b.arrival);
  let arrived = 0;
  const nextTime = () => Math.min(arrived < arrivals.length ? arrivals[arrived].arrival : Infinity, events.peekTime() ?? Infinity);
  let clock = 0;
  let sessions = 0;
  let processed = 0;
  let nextSample = 0;
  let waitingJobs = 0;
  const advance = (to: number) => {
    for (; nextSample < DAY_SECONDS && nextSample <= to; nextSample += SAMPLE_SECONDS) {
      for (const q of queues) {
        const trace = traces.get(q.setup.name)!;
        trace.waiting.push(scheduler.waiting(q));
        trace.cores.push(q.setup.accepting ? q.allocated.cpu / 1000 : 0);
      }
    }
    const span = Math.max(0, Math.min(to, DAY_SECONDS) - Math.min(clock, DAY_SECONDS));
    for (let i = 0; i < holding.length; i++) holding[i].trace.coreSeconds += (holding[i].queue.allocated.cpu / 1000) * span;
    clock = to;
  };
  const session = (now: number) => {
    sessions += 1;
    const result = scheduler.session(now);
    for (const { job, by } of result.evicted) {
      const trace = traces.get(job.queue.setup.name)!;
      if (by === 'reclaim') trace.reclaimed += 1;
      else trace.preempted += 1;
      trace.lostCoreSeconds += ((now - job.runStart!) * job.job.demand.cpu) / 1000;
    }
    for (let i = 0; i < result.started.length; i++) {
      const job = result.started[i];
      // Only the first start ends the wait; a job evicted and started again keeps its first wait.
      const waits = traces.get(job.queue.setup.name)!.waits;
      const index = waitIndex.get(job)!;
      if (Number.isNaN(waits[index])) waits[index] = now - job.job.arrival;
      events.push(now + job.job.runTime, { kind: 'done', state: job, run: job.run });
    }
    return scheduler.allWaiting();
  };

  for (let now = nextTime(); now <= DAY_SECONDS + DRAIN_SECONDS; now = nextTime()) {
    advance(now);
    for (; arrived < arrivals.length && arrivals[arrived].arrival === now; arrived++) {
      const job = arrivals[arrived];
      processed += 1;
      const state = scheduler.submit(job);
      const trace = traces.get(state.queue.setup.name)!;
      waitIndex.set(state, trace.waits.length);
      trace.waits.push(NaN);
      trace.classes.push(job.workloadClass.name);
      waitingJobs += 1;
      const waiting = slaWaitSeconds(job.workloadClass);
      if (setup.sla && waiting !== undefined) events.push(now + waiting, { kind: 'deadline', state });
    }
    while (events.peekTime() === now) {
      const event = events.pop()!;
      processed += 1;
      if (event.kind === 'done' && event.state.run === event.run && event.state.phase === 'running') {
        scheduler.complete(event.state);
      } else if (event.kind === 'deadline' && !(event.state.phase === 'pending' && overdue(setup, event.state, now))) {
        continue;
      }
    }
    // A session changes nothing while no job waits (shares only order queues that have work).
    if (waitingJobs > 0) waitingJobs = session(now);
  }
  advance(Math.max(Math.min(clock, DAY_SECONDS + DRAIN_SECONDS), DAY_SECONDS));
  for (const [state, index] of waitIndex) {
    if (state.firstStart !== undefined) continue;
    const trace = traces.get(state.queue.setup.name)!;
    trace.waits[index] = DAY_SECONDS + DRAIN_SECONDS - state.job.arrival;
    trace.notStarted += 1;
  }
  return { queues: [...traces.values()], events: processed, sessions };
}
