import { ProportionShare, divideByWeight } from '../sharing/proportion';
import { Amounts, add } from '../sharing/resources';
import { SimulationSetup } from './setup';
import { QueueState } from './state';

/**
 * Proportion's divisions of the cluster made so far in a day, by their inputs. A division depends only on
 * the setup (cluster, weights, guarantees, capabilities) and on each queue's request and whether it has
 * jobs, and a day keeps coming back to the same few of those (a job starts, ends, the next one like it
 * starts again): most sessions find their division here instead of running the water-filling again.
 */
export class Divisions {
  /** Enough for any day seen so far (prod: about 2000 distinct inputs); beyond it, start over. */
  private static readonly LIMIT = 20_000;
  /** Divisions by a digest of their input; each keeps its input, to tell apart inputs whose digests collide. */
  private readonly known = new Map<number, Division[]>();
  private size = 0;
  /** The queues' states in the setup's order, the order the division takes them in. */
  private readonly states: readonly QueueState[];

  constructor(private readonly setup: SimulationSetup, queues: ReadonlyMap<string, QueueState>) {
    this.states = setup.queues.map((q) => queues.get(q.name)!);
  }

  /** {@link divideByWeight} of the queues as they are now; `initial` counts every accepting queue as having jobs. */
  public divide(initial: boolean): readonly ProportionShare[] {
    // Loops by index: a for-of allocates an iterator until the JIT has optimized the code (see session.ts).
    const input: DivisionInput[] = [];
    for (let i = 0; i < this.states.length; i++) {
      const state = this.states[i];
      input.push({ request: add(state.allocated, state.reserved), hasJobs: initial ? state.setup.accepting : state.jobs > 0 });
    }
    const digest = digestOf(input);
    let bucket = this.known.get(digest);
    if (bucket) for (let i = 0; i < bucket.length; i++) if (sameInput(bucket[i].input, input)) return bucket[i].shares;
    const shares = divideByWeight(this.setup.total, this.setup.queues.map((q, i) => ({ ...q.model, ...input[i] }))).queues;
    if (this.size >= Divisions.LIMIT) {
      this.known.clear();
      this.size = 0;
      bucket = undefined;
    }
    if (!bucket) this.known.set(digest, (bucket = []));
    bucket.push({ input, shares });
    this.size += 1;
    return shares;
  }
}

/** What a division reads of a queue beyond the setup. */
interface DivisionInput {
  readonly request: Amounts;
  readonly hasJobs: boolean;
}

/** A division made, with its input. */
interface Division {
  readonly input: readonly DivisionInput[];
  readonly shares: readonly ProportionShare[];
}

/**
 * A 32-bit number equal for identical inputs, and rarely for others: each request's values mixed in by
 * their low and high 32 bits (a number, not a text key: building text from numbers costs more than
 * the division it saves when the code is not yet optimized).
 */
function digestOf(input: readonly DivisionInput[]): number {
  let digest = 0;
  for (let i = 0; i < input.length; i++) {
    const q = input[i];
    digest = mix(digest, q.hasJobs ? 1 : 2);
    for (const name in q.request) {
      const value = q.request[name];
      digest = mix(mix(digest, value | 0), (value / 4294967296) | 0);
    }
  }
  return digest;
}

/** One step of FNV-1a on 32-bit words. */
function mix(digest: number, bits: number): number {
  return Math.imul(digest ^ bits, 0x01000193);
}

function sameInput(a: readonly DivisionInput[], b: readonly DivisionInput[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i].hasJobs !== b[i].hasJobs || !identical(a[i].request, b[i].request)) return false;
  return true;
}

/** Whether two amounts name the same resources with the same values, -0 told from 0. */
function identical(a: Amounts, b: Amounts): boolean {
  for (const name in a) if (!Object.is(a[name], b[name])) return false;
  for (const name in b) if (a[name] === undefined) return false;
  return true;
}
