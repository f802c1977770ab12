import { Amounts, add, exceededFor, pairFits, subtract } from '../sharing/resources';
import { SimulatedJob } from './jobs';
import { newestFirst, queueComparator, sortedStably, updateShares, victimComparator } from './order';
import { Divisions } from './divisions';
import { enqueueable, mayReclaim, overcommitRoom, overused, queueAllows, reclaimVictims, refreshShares, used } from './rules';
import { SimulationSetup } from './setup';
import { JobState, Lanes, QueueState, bestHead, chargeChain } from './state';

/** What one scheduling session did. */
export interface SessionResult {
  /** Jobs admitted (PodGroup Pending -> Inqueue). */
  readonly enqueued: JobState[];
  /** Jobs whose whole gang was placed, by allocate or after preempt/reclaim made room. */
  readonly started: JobState[];
  /** Jobs evicted, and by which action. */
  readonly evicted: { readonly job: JobState; readonly by: 'reclaim' | 'preempt' }[];
}

const NONE: Amounts = { cpu: 0, memory: 0 };

/**
 * The scheduler at queue level: jobs in their phases per queue, and one scheduling session at a time
 * (enqueue, allocate, then preempt and reclaim where configured). The simulation drives it with events;
 * tests set up a state (running, admitted and pending jobs) and run one session, as Volcano's own tests do.
 */
export class QueueLevelScheduler {
  public readonly queues: Map<string, QueueState>;
  private readonly divisions: Divisions;
  /** The queues that hold jobs, in the environment's order. */
  private readonly accepting: QueueState[];
  /** The queue order; it reads the shares when it compares, so one serves every session. */
  private readonly queueOrder: (a: QueueState, b: QueueState) => number;
  /** What running jobs hold in the cluster ({@link used}), until an allocation changes. */
  private usedNow?: Amounts;
  /** Jobs pending or admitted, over all queues. */
  private waitingJobs = 0;
  /** Sessions run, the current one included: a session's number marks the lanes it passed over. */
  private sessions = 0;
  /** The queues in this session's order (see {@link session}). */
  private readonly order: QueueState[] = [];
  /** The queues allocate still serves in the current session (see {@link allocate}). */
  private readonly candidates: QueueState[] = [];
  /**
   * What overcommit lets admitted jobs reserve ({@link overcommitRoom}), with the cluster usage it was
   * worked out for: it changes with {@link usedNow} only, which is a new object whenever usage changes.
   */
  private keptRoom?: { readonly used: Amounts; readonly room: Amounts | undefined };

  constructor(public readonly setup: SimulationSetup) {
    this.queues = new Map(setup.queues.map((q) => [q.name, {
      setup: q, pending: new Lanes(), inqueue: new Lanes(), running: new Set(), allocated: { ...NONE }, reserved: { ...NONE },
      deserved: setup.capacity?.get(q.name)?.deserved ?? NONE, realCapability: setup.capacity?.get(q.name)?.realCapability ?? NONE,
      guarantee: setup.capacity?.get(q.name)?.guarantee ?? NONE, share: 0, jobs: 0,
    }]));
    // Real capabilities (which enqueue reads) do not depend on load: set them before the first session.
    this.divisions = new Divisions(setup, this.queues);
    refreshShares(setup, this.queues, this.divisions, true);
    this.accepting = [...this.queues.values()].filter((q) => q.setup.accepting);
    this.queueOrder = queueComparator(setup, this.queues);
  }

  /** A new job, Pending. `preemptable` is the pods' `volcano.sh/preemptable` (default true). */
  public submit(job: SimulatedJob, preemptable = true): JobState {
    const q = this.queues.get(job.workloadClass.queue);
    if (!q) throw new Error(`${this.setup.environment}: job ${job.id} names queue "${job.workloadClass.queue}", which does not exist`);
    const pc = this.setup.priorityClasses.get(job.workloadClass.priorityClass);
    const state: JobState = { job, queue: q, lane: `${job.workloadClass.name}/${job.pods}`, priority: pc?.value ?? 0, preempts: pc?.preempts ?? true, preemptable, phase: 'pending', run: 0, firstStart: undefined, runStart: undefined };
    q.pending.of(state.lane).push(state);
    q.jobs += 1;
    this.waitingJobs += 1;
    return state;
  }

  /** Admits a pending job without the enqueue checks (a PodGroup already Inqueue). */
  public admit(job: JobState): void {
    job.queue.pending.of(job.lane).shift();
    job.queue.inqueue.of(job.lane).push(job);
    job.phase = 'inqueue';
    chargeChain(this.queues, job.queue, 'reserved', job.job.demand, 1);
  }

  /** Starts an admitted job (the head of its lane), charging its queue. */
  public start(job: JobState, now: number): void {
    job.queue.inqueue.of(job.lane).shift();
    chargeChain(this.queues, job.queue, 'reserved', job.job.demand, -1);
    chargeChain(this.queues, job.queue, 'allocated', job.job.demand, 1);
    this.usedNow = undefined;
    this.waitingJobs -= 1;
    job.phase = 'running';
    job.runStart = now;
    job.queue.running.add(job);
    if (job.firstStart === undefined) job.firstStart = now;
    updateShares(this.setup, this.queues, job.queue);
  }

  /** A running job finished. */
  public complete(job: JobState): void {
    this.release(job);
    job.phase = 'done';
    job.queue.jobs -= 1;
  }

  /** Jobs waiting (pending or admitted) in a queue. */
  public waiting(q: QueueState): number {
    let n = 0;
    for (const f of q.pending.all) n += f.length;
    for (const f of q.inqueue.all) n += f.length;
    return n;
  }

  /** Jobs waiting (pending or admitted) in all queues: the sum of {@link waiting}, kept as jobs move. */
  public allWaiting(): number {
    return this.waitingJobs;
  }

  private release(job: JobState): void {
    chargeChain(this.queues, job.queue, 'allocated', job.job.demand, -1);
    this.usedNow = undefined;
    job.queue.running.delete(job);
    updateShares(this.setup, this.queues, job.queue);
  }

  private evict(victim: JobState): void {
    this.release(victim);
    victim.run += 1;
    victim.phase = 'pending';
    victim.queue.pending.of(victim.lane).unshift(victim);
    this.waitingJobs += 1;
  }

  /** {@link used}, computed again only after an allocation changed. */
  private clusterUsed(): Amounts {
    return (this.usedNow ??= used(this.queues));
  }

  private fitsCluster(job: JobState): boolean {
    return pairFits(this.clusterUsed(), job.job.demand, this.setup.total, job.job.demand);
  }

  /** One scheduling session at `now`. */
  public session(now: number): SessionResult {
    const result: SessionResult = { enqueued: [], started: [], evicted: [] };
    this.sessions += 1;
    // Queue order for enqueue uses the shares of the last session; deserved is computed once admitted
    // jobs count in the request (their pods are taken to exist as soon as the PodGroup is admitted).
    const order = sortedStably(this.accepting, this.queueOrder, this.order);
    this.enqueue(order, now, result);
    refreshShares(this.setup, this.queues, this.divisions);
    this.allocate(order, now, result);
    return result;
  }

  /** Enqueue: one job per queue in turn, in queue order, until no queue has a job left to try. */
  private enqueue(order: readonly QueueState[], now: number, result: SessionResult): void {
    const { setup, queues } = this;
    let reservedTotal = NONE;
    for (let i = 0; i < order.length; i++) reservedTotal = add(reservedTotal, order[i].reserved);
    const used = this.clusterUsed();
    const kept = this.keptRoom?.used === used ? this.keptRoom : (this.keptRoom = { used, room: overcommitRoom(setup, used) });
    const { room } = kept;
    // Loops by index on this path, run many times a session: a for-of allocates an iterator and its
    // results until the JIT has optimized the code, which a day mostly runs without. A queue left without
    // a head to try keeps none for the rest of the session (enqueue only takes jobs out and passes lanes
    // over), so each round walks the whole order and skips such queues instead of building a new list.
    for (let tried = true; tried;) {
      tried = false;
      for (let i = 0; i < order.length; i++) {
        const q = order[i];
        const job = bestHead(q.pending, this.sessions);
        if (!job) continue;
        tried = true;
        if (!setup.enqueue || enqueueable(setup, queues, job, now, reservedTotal, room)) {
          this.admit(job);
          reservedTotal = add(reservedTotal, job.job.demand);
          result.enqueued.push(job);
        } else {
          q.pending.of(job.lane).passedOverIn = this.sessions;
        }
      }
    }
  }

  /** Allocate: the queue first in order places its best admitted job, until none can; then preempt and reclaim. */
  private allocate(order: readonly QueueState[], now: number, result: SessionResult): void {
    const { setup, queues, queueOrder } = this;
    // The queues still placing, in order, in a list the scheduler keeps: filtering a new one at every
    // change costs a session more than its placements.
    const candidates = this.candidates;
    candidates.length = 0;
    for (let i = 0; i < order.length; i++) if (!overused(setup, order[i])) candidates.push(order[i]);
    let blocked: JobState[] | undefined;
    while (candidates.length > 0) {
      let at = 0;
      for (let i = 1; i < candidates.length; i++) if (queueOrder(candidates[i], candidates[at]) < 0) at = i;
      const q = candidates[at];
      const job = bestHead(q.inqueue, this.sessions);
      if (!job) {
        removeAt(candidates, at);
        continue;
      }
      if (queueAllows(setup, queues, job) && this.fitsCluster(job)) {
        this.start(job, now);
        result.started.push(job);
        if (overused(setup, q)) removeAt(candidates, at);
      } else {
        q.inqueue.of(job.lane).passedOverIn = this.sessions;
        (blocked ??= []).push(job);
      }
    }
    if (blocked === undefined) return;
    for (let i = 0; i < blocked.length; i++) {
      const job = blocked[i];
      if (job.phase === 'inqueue' && !this.fitsCluster(job)) this.makeRoom(job, now, result);
    }
  }

  /** Preempt within the queue (lower priority first), else reclaim from other queues, where that makes room. */
  private makeRoom(job: JobState, now: number, result: SessionResult): void {
    const { setup, queues } = this;
    if (setup.preempt && job.preempts && queueAllows(setup, queues, job)) {
      const victims = [...job.queue.running].filter((v) => v.preemptable && v.priority < job.priority).sort(newestFirst);
      if (this.take(victims, job, now, 'preempt', result)) return;
    }
    if (setup.reclaim && job.preempts && !overused(setup, job.queue) && mayReclaim(setup, job)) {
      const offered = [...queues.values()]
        .filter((q) => q !== job.queue && q.setup.accepting && q.setup.reclaimable)
        .flatMap((q) => [...q.running].filter((v) => v.preemptable))
        .sort(victimComparator(setup, queues, job));
      this.take(reclaimVictims(setup, job, offered), job, now, 'reclaim', result);
    }
  }

  /** Evicts victims in order until the job fits the cluster, then starts it; evicts none if it never would. */
  private take(victims: readonly JobState[], job: JobState, now: number, by: 'reclaim' | 'preempt', result: SessionResult): boolean {
    const chosen: JobState[] = [];
    let available = subtract(this.setup.total, this.clusterUsed());
    const fits = () => exceededFor(job.job.demand, available, job.job.demand).length === 0;
    for (const v of victims) {
      if (fits()) break;
      chosen.push(v);
      available = add(available, v.job.demand);
    }
    if (!fits()) return false;
    for (const v of chosen) {
      this.evict(v);
      result.evicted.push({ job: v, by });
    }
    this.start(job, now);
    result.started.push(job);
    return true;
  }
}

/** Takes out the item at `at`, keeping the others in order (what `splice` does, without the array it returns). */
function removeAt<T>(items: T[], at: number): void {
  for (let i = at + 1; i < items.length; i++) items[i - 1] = items[i];
  items.length -= 1;
}
