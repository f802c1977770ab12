import * as path from 'path';
import { MessageChannel, MessagePort, Worker, receiveMessageOnPort } from 'worker_threads';
import { cacheFile } from '../cache/persistent';

/**
 * Simulated days computed ahead, on the machine's other core: synthesis names the days its pages will
 * need as soon as the environments are valid, a worker thread starts on those not kept from an earlier run
 * (`day-cache.ts`), and the rendering of everything else goes on meanwhile. When the pages ask for a day,
 * they get the worker's result, waiting for it if the worker is on it, or compute it there and then if the
 * worker has not started it: each day is computed once, by whichever thread comes to it first (the worker
 * takes them in the order given, the longest first, and the pages take back the others as they need them).
 * A day is a pure function of its inputs, so where it was computed changes nothing in what is written.
 *
 * A worker has to load our TypeScript, which it can where the program runs under tools/run-ts.js (every
 * npm script): it registers the same hook. Elsewhere (jest, ts-node) days are computed where they are needed.
 */

/** Where a day stands, one Int32 per day in memory both threads see. */
export const DAY = { queued: 0, inWorker: 1, done: 2, failed: 3, takenBack: 4 } as const;

/** A batch of days posted to the worker (day-worker.ts). */
export interface DayWork {
  /** The inputs of each day, in the order the worker takes them. */
  readonly days: readonly unknown[];
  /** {@link DAY} of each. */
  readonly states: Int32Array;
  /** The worker posts `{ index, trace }` here before marking a day done. */
  readonly port: MessagePort;
}

interface Batch {
  readonly states: Int32Array;
  readonly port: MessagePort;
  /** Results received while waiting for another day of the batch. */
  readonly received: Map<number, unknown>;
}

/** Days asked for ahead and not yet taken, by the file `day-cache.ts` keeps them in. */
const ahead = new Map<string, { batch: Batch; index: number }>();

/**
 * How long the pages wait for a day the worker is on before computing it themselves: far beyond any real
 * day (a second or so), it only matters if the worker died without saying so.
 */
const PATIENCE_MS = 120_000;

/** The file of the tools/run-ts.js hook that transpiles .ts files in this process, if that is how it runs. */
function typescriptRunner(): string | undefined {
  const hook = require.extensions['.ts'] as { registeredBy?: unknown } | undefined;
  return typeof hook?.registeredBy === 'string' ? hook.registeredBy : undefined;
}

/** The worker thread, once started: it takes each batch posted to it, in turn, for as long as the process runs. */
let worker: Worker | undefined;

/**
 * Starts the worker thread, which loads the simulation's code and then waits for days: a program calls it
 * first thing (main.ts does), so that the thread is ready by the time the environments are valid, instead
 * of starting only then (about 40 ms here, on the way to the slowest part of a synthesis after an edit).
 * Does nothing where workers cannot load TypeScript or when it is already started; {@link simulateAhead}
 * starts it when no one did. The thread never keeps the process alive: with no days to compute, it ends with it.
 */
export function startDayWorker(): void {
  const runner = typescriptRunner();
  if (runner === undefined || worker !== undefined) return;
  try {
    const entry = path.join(__dirname, 'day-worker.ts');
    const started = (worker = new Worker(`require(${JSON.stringify(runner)}).register(); require(${JSON.stringify(entry)});`, { eval: true }));
    // The process does not wait for it: every day it took is waited for where it is needed. A worker that
    // fails leaves the days it did not finish to the pages (those it was on, after PATIENCE_MS), and takes
    // no more batches: the next one starts another.
    started.unref();
    const forget = () => {
      if (worker === started) worker = undefined;
    };
    started.on('error', forget).on('exit', forget);
  } catch {
    worker = undefined;
  }
}

/**
 * Starts computing `days` (inputs as `cachedDay` takes them; the longest first, as the worker takes them in
 * this order) in the worker thread, leaving out those `isKept` says need no computing. Does nothing where workers cannot
 * load TypeScript, or with nothing to compute; a worker that cannot start leaves every day to the pages.
 */
export function simulateAhead(days: readonly unknown[], isKept: (inputs: unknown) => boolean): void {
  if (typescriptRunner() === undefined) return;
  const named = days.map((inputs) => ({ inputs, file: cacheFile('simulation', inputs) }));
  if (named.some(({ file }) => file === undefined)) return;
  const todo = named.filter(({ inputs, file }) => !ahead.has(file!) && !isKept(inputs));
  if (todo.length === 0) return;
  startDayWorker();
  if (worker === undefined) return;
  const states = new Int32Array(new SharedArrayBuffer(4 * todo.length));
  const { port1, port2 } = new MessageChannel();
  const work: DayWork = { days: todo.map(({ inputs }) => inputs), states, port: port2 };
  try {
    worker.postMessage(work, [port2]);
  } catch {
    return;
  }
  const batch: Batch = { states, port: port1, received: new Map() };
  todo.forEach(({ file }, index) => ahead.set(file!, { batch, index }));
}

/** Where the day for `inputs` stands, if it was asked for ahead and not taken yet (for tests and diagnostics). */
export function dayAheadState(inputs: unknown): keyof typeof DAY | undefined {
  const entry = ahead.get(cacheFile('simulation', inputs) ?? '');
  if (entry === undefined) return undefined;
  const state = Atomics.load(entry.batch.states, entry.index);
  return (Object.keys(DAY) as (keyof typeof DAY)[]).find((name) => DAY[name] === state);
}

/**
 * The day for `inputs` if it was asked for ahead: the worker's result (waited for if it is on it), or
 * undefined when it is not (then the caller computes it: the worker will not start it any more).
 */
export function takeAhead(inputs: unknown): unknown {
  const file = ahead.size === 0 ? undefined : cacheFile('simulation', inputs);
  const entry = file === undefined ? undefined : ahead.get(file);
  if (entry === undefined) return undefined;
  ahead.delete(file!);
  const { batch, index } = entry;
  if (Atomics.compareExchange(batch.states, index, DAY.queued, DAY.takenBack) === DAY.queued) return undefined;
  const deadline = Date.now() + PATIENCE_MS;
  while (Atomics.load(batch.states, index) === DAY.inWorker && Date.now() < deadline) {
    Atomics.wait(batch.states, index, DAY.inWorker, deadline - Date.now());
  }
  if (Atomics.load(batch.states, index) !== DAY.done) return undefined;
  // Results arrive in the order the worker finished them; keep those of other days for their turn.
  while (!batch.received.has(index)) {
    const message = receiveMessageOnPort(batch.port)?.message as { index: number; trace: unknown } | undefined;
    if (message === undefined) return undefined;
    batch.received.set(message.index, message.trace);
  }
  const trace = batch.received.get(index);
  batch.received.delete(index);
  return trace;
}
