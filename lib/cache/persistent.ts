import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { deserialize, serialize } from 'v8';
import { canonicalText } from './canonical-text';

/**
 * Results of slow pure computations kept between runs, in node_modules/.cache/volcano-platform/<kind>/:
 * one file per result, serialized with v8, named by a hash of node's version, of every file of {@link CODE}
 * (any change to the code or a library invalidates every entry) and of the inputs as data
 * (`canonical-text.ts`: exact numbers, NaN, Infinity and -0 included), and within a run in memory as well.
 * The tests use it as synthesis does, except the golden test, which computes everything afresh (so it
 * checks what synthesis served from here); a fresh clone (as in CI) starts with none.
 * `VOLCANO_PLATFORM_CACHE=off` turns it off. Anything that keeps the cache from working (inputs that cannot
 * be named, an unwritable folder, a damaged entry) only costs the computation.
 */

const LIB = path.join(__dirname, '..');
const REPOSITORY = path.join(LIB, '..');
/** `VOLCANO_PLATFORM_CACHE_DIR` moves it (the bench starts from an empty one). */
const ROOT = process.env.VOLCANO_PLATFORM_CACHE_DIR ?? path.join(REPOSITORY, 'node_modules', '.cache', 'volcano-platform');
/**
 * What the results depend on besides their inputs: our code (lib/, and imports/ for the custom resources'
 * bindings) and the libraries rendering uses, by the exact versions package-lock.json pins.
 */
const CODE = ['lib', 'imports', 'package-lock.json'];

/** The folder results are kept in (relative to the working directory where it is below it). */
export function cacheFolder(): string {
  const relative = path.relative(process.cwd(), ROOT);
  return relative.startsWith('..') || path.isAbsolute(relative) ? ROOT : relative;
}

let codeVersion: string | undefined;

/** A hash of node's version and of every file of {@link CODE}, by path and content. */
function libraryVersion(): string {
  if (codeVersion !== undefined) return codeVersion;
  const hash = createHash('sha256').update(process.version);
  const visit = (full: string) => {
    const stat = fs.statSync(full, { throwIfNoEntry: false });
    if (stat?.isDirectory()) {
      for (const name of fs.readdirSync(full).sort()) visit(path.join(full, name));
    } else if (stat?.isFile()) {
      hash.update(`\0${path.relative(REPOSITORY, full)}\0`).update(fs.readFileSync(full));
    }
  };
  for (const part of CODE) visit(path.join(REPOSITORY, part));
  return (codeVersion = hash.digest('hex'));
}

/** Whether results are kept: unless `VOLCANO_PLATFORM_CACHE=off`. */
export function cacheEnabled(): boolean {
  return process.env.VOLCANO_PLATFORM_CACHE !== 'off';
}

/** Serialized results read or computed in this process, by cache file; at most `keep` per kind. */
const inMemory = new Map<string, Map<string, Buffer>>();

function remember(kind: string, file: string, bytes: Buffer, keep: number): void {
  const entries = inMemory.get(kind) ?? new Map<string, Buffer>();
  inMemory.set(kind, entries);
  entries.set(file, bytes);
  if (entries.size > keep) entries.delete(entries.keys().next().value!);
}

/**
 * Where the result for `inputs` is kept; undefined when they cannot be named (a function, a class
 * instance: `canonical-text.ts`). The name is a hash of their canonical text, the same for inputs equal as
 * data however they were built (a value read back from this cache included), which their v8 serialization
 * is not: it follows V8's internal form of numbers and arrays. `ofCode: false` for a result our code has
 * no part in (a verdict of an external tool on files it is given): only its inputs count.
 */
export function cacheFile(kind: string, inputs: unknown, ofCode = true): string | undefined {
  try {
    return path.join(ROOT, kind, `${createHash('sha256').update(ofCode ? libraryVersion() : 'inputs only').update('\0').update(canonicalText(inputs)).digest('hex')}.bin`);
  } catch {
    return undefined;
  }
}

/** Whether a result for `inputs` is kept (in this process or on disk), so that asking for it computes nothing. */
export function isKept(kind: string, inputs: unknown, ofCode = true): boolean {
  if (!cacheEnabled()) return false;
  const file = cacheFile(kind, inputs, ofCode);
  return file !== undefined && (inMemory.get(kind)?.has(file) === true || fs.existsSync(file));
}

/**
 * `compute()`, or what it returned for the same `inputs` and code before (for the same `inputs` alone with
 * `ofCode: false`, see {@link cacheFile}); `keep` entries of the kind are kept.
 */
export function persisted<T>(kind: string, inputs: unknown, compute: () => T, keep: number, ofCode = true): T {
  return keptOrComputed(kind, inputs, compute, keep, ofCode).value;
}

/** {@link persisted}, saying whether the value was kept from before (`kept`) or computed now. */
export function keptOrComputed<T>(kind: string, inputs: unknown, compute: () => T, keep: number, ofCode = true): { value: T; kept: boolean } {
  const computed = () => ({ value: compute(), kept: false });
  if (!cacheEnabled()) return computed();
  const file = cacheFile(kind, inputs, ofCode);
  if (file === undefined) return computed();
  const inProcess = inMemory.get(kind)?.get(file);
  if (inProcess !== undefined) return { value: deserialize(inProcess) as T, kept: true };
  try {
    const bytes = fs.readFileSync(file);
    const value = deserialize(bytes) as T;
    remember(kind, file, bytes, keep);
    touch(file);
    return { value, kept: true };
  } catch {
    // not computed yet (or unreadable): compute it
  }
  const value = compute();
  let bytes: Buffer;
  try {
    bytes = serialize(value);
  } catch {
    return { value, kept: false };
  }
  remember(kind, file, bytes, keep);
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, bytes);
    fs.renameSync(temporary, file);
    prune(path.dirname(file), keep);
  } catch {
    // a read-only cache only costs speed (and a test process running beside this one may prune first)
  }
  return { value, kept: false };
}

/** Marks an entry as used now: pruning keeps the entries used last, not those written last. */
function touch(file: string): void {
  try {
    const now = new Date();
    fs.utimesSync(file, now, now);
  } catch {
    // read-only: pruning may take it sooner
  }
}

/**
 * Once a folder holds more than `keep` entries, removes all but the 90% of `keep` used last: a full folder
 * is not read entry by entry again at the next write, only after a tenth of `keep` more.
 */
function prune(folder: string, keep: number): void {
  const entries = fs.readdirSync(folder).map((name) => path.join(folder, name));
  if (entries.length <= keep) return;
  const byAge = entries.map((file) => ({ file, mtime: fs.statSync(file).mtimeMs })).sort((a, b) => b.mtime - a.mtime);
  for (const { file } of byAge.slice(Math.floor(keep * 0.9))) fs.rmSync(file, { force: true });
}
