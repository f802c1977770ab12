import { Amounts } from '../sharing/resources';
import { SimulatedJob } from './jobs';
import { SimulatedQueue } from './setup';

/** Where a job is: Pending (PodGroup not admitted), Inqueue (admitted, waiting for its gang), Running, Done. */
export type JobPhase = 'pending' | 'inqueue' | 'running' | 'done';

/** A job during the simulation. */
export interface JobState {
  readonly job: SimulatedJob;
  readonly queue: QueueState;
  /**
   * Its lane: class and gang size. Jobs of a lane are alike, so when one cannot be admitted or placed,
   * none behind it can in that session, while other lanes are still tried: Volcano tries every job,
   * and this gets the same outcome without walking a long backlog.
   */
  readonly lane: string;
  /** Priority value of its class. */
  readonly priority: number;
  /** Whether its priority class may preempt (and its tasks reclaim): not `preemptionPolicy: Never`. */
  readonly preempts: boolean;
  /** Whether its pods may be evicted (`volcano.sh/preemptable`, default true). */
  readonly preemptable: boolean;
  phase: JobPhase;
  /** When it first started (its waiting time ends there). */
  firstStart?: number;
  /** When the current run started. */
  runStart?: number;
  /** Bumped on every eviction so the earlier run's completion event is ignored. */
  run: number;
}

/** Jobs of one lane waiting in one phase, first come first served. */
export class Fifo {
  private items: JobState[] = [];
  private head = 0;
  /**
   * The session that passed the lane over (its head could not be admitted, or placed): no job of it is
   * tried again in that session. A mark on the fifo, not a set per session, so a session allocates nothing for it.
   */
  public passedOverIn = -1;

  public push(job: JobState): void {
    this.items.push(job);
  }

  /** Puts an evicted job back at the front: it keeps its place. */
  public unshift(job: JobState): void {
    if (this.head > 0) this.items[--this.head] = job;
    else this.items.unshift(job);
  }

  public peek(): JobState | undefined {
    return this.head < this.items.length ? this.items[this.head] : undefined;
  }

  public shift(): JobState | undefined {
    const job = this.peek();
    if (job) this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return job;
  }

  public get length(): number {
    return this.items.length - this.head;
  }
}

/** A queue during the simulation. */
export interface QueueState {
  readonly setup: SimulatedQueue;
  /** Pending and admitted jobs, by lane. */
  readonly pending: Lanes;
  readonly inqueue: Lanes;
  readonly running: Set<JobState>;
  /** What the queue's running jobs hold (for a parent: its children's); changed in place, see {@link chargeChain}. */
  readonly allocated: Record<string, number>;
  /** What its admitted, not yet running jobs reserve; changed in place. */
  readonly reserved: Record<string, number>;
  /** Deserved and real capability for this session. */
  deserved: Amounts;
  realCapability: Amounts;
  guarantee: Amounts;
  /** allocated/deserved, the largest over resources: queue order within a priority. */
  share: number;
  /** Jobs in the session (any phase but done): whether the queue takes part in proportion's division. */
  jobs: number;
}

/** The queues a job's resources count against: its queue and, with hierarchy, the ancestors. */
export function chargeChain(queues: ReadonlyMap<string, QueueState>, queue: QueueState, field: 'allocated' | 'reserved', amounts: Amounts, sign: 1 | -1): void {
  const chain = queue.setup.chain;
  // By index: a for-of allocates an iterator until the JIT has optimized the code (see session.ts).
  for (let i = 0; i < chain.length; i++) {
    const tally = queues.get(chain[i])![field];
    // In place, as `add(tally, scale(amounts, sign))` would sum (same values, same resource order): each
    // queue owns its two tallies and nothing keeps them, so no one sees the change but the queue.
    for (const resource in amounts) tally[resource] = (tally[resource] ?? 0) + amounts[resource] * sign;
  }
}

/** A queue's fifos of one phase, one per lane. */
export class Lanes {
  private readonly byName = new Map<string, Fifo>();
  /**
   * Every fifo, in the order its lane first came. An array and not the map's values: walking it, which
   * every admission and placement does, allocates no iterator.
   */
  public readonly all: Fifo[] = [];

  /** The fifo of a lane, created on first use. */
  public of(lane: string): Fifo {
    let list = this.byName.get(lane);
    if (!list) {
      this.byName.set(lane, (list = new Fifo()));
      this.all.push(list);
    }
    return list;
  }
}

/** The best head among a queue's lanes (highest priority, then earliest), skipping lanes passed over in `session`. */
export function bestHead(lanes: Lanes, session: number): JobState | undefined {
  let best: JobState | undefined;
  const all = lanes.all;
  for (let i = 0; i < all.length; i++) {
    const list = all[i];
    if (list.passedOverIn === session) continue;
    const head = list.peek();
    if (!head) continue;
    if (!best || head.priority > best.priority || (head.priority === best.priority && head.job.id < best.job.id)) best = head;
  }
  return best;
}
