import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { deserialize, serialize } from 'v8';

/**
 * Results of slow pure computations kept between runs, in node_modules/.cache/volcano-platform/<kind>/:
 * one file per result, named by a hash of node's version, of every source file under lib/ (any change to
 * the code invalidates every entry) and of the inputs, serialized with v8 (exact numbers, NaN, Infinity
 * and -0 included). Under jest nothing is read from or written to disk: results are kept in the test
 * process's memory only, so every computation runs once in each test file (and the golden test checks
 * what synthesis served from disk); `VOLCANO_PLATFORM_CACHE=off` turns caching off elsewhere.
 * Anything that keeps the cache from working (inputs v8 cannot serialize, an unwritable folder, a damaged
 * entry) only costs the computation.
 */

const LIB = path.join(__dirname, '..');
/** `VOLCANO_PLATFORM_CACHE_DIR` moves it (the bench starts from an empty one). */
const ROOT = process.env.VOLCANO_PLATFORM_CACHE_DIR ?? path.join(LIB, '..', 'node_modules', '.cache', 'volcano-platform');

let codeVersion: string | undefined;

/** A hash of node's version and of every file under lib/, by path and content. */
function libraryVersion(): string {
  if (codeVersion !== undefined) return codeVersion;
  const hash = createHash('sha256').update(process.version);
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) hash.update(`\0${path.relative(LIB, full)}\0`).update(fs.readFileSync(full));
    }
  };
  walk(LIB);
  return (codeVersion = hash.digest('hex'));
}

const underJest = () => process.env.JEST_WORKER_ID !== undefined;

/** Whether results are kept on disk: not under jest, not when turned off. */
export function cacheEnabled(): boolean {
  return !underJest() && process.env.VOLCANO_PLATFORM_CACHE !== 'off';
}

/** Under jest, serialized results by kind and hash of their inputs (the code cannot change in a process). */
const inMemory = new Map<string, Map<string, Buffer>>();

/** `compute()`, or its serialized result for the same inputs earlier in this process; at most `keep` per kind. */
function keptInMemory<T>(kind: string, inputs: unknown, compute: () => T, keep: number): T {
  let key: string;
  try {
    key = createHash('sha256').update(serialize(inputs)).digest('hex');
  } catch {
    return compute();
  }
  const entries = inMemory.get(kind) ?? new Map<string, Buffer>();
  inMemory.set(kind, entries);
  const kept = entries.get(key);
  if (kept !== undefined) return deserialize(kept) as T;
  const value = compute();
  try {
    entries.set(key, serialize(value));
    if (entries.size > keep) entries.delete(entries.keys().next().value!);
  } catch {
    // v8 cannot serialize it: not kept
  }
  return value;
}

/** Where the result for `inputs` is kept; undefined when v8 cannot serialize them. */
export function cacheFile(kind: string, inputs: unknown): string | undefined {
  try {
    return path.join(ROOT, kind, `${createHash('sha256').update(libraryVersion()).update(serialize(inputs)).digest('hex')}.bin`);
  } catch {
    return undefined;
  }
}

/** `compute()`, or what it returned for the same `inputs` and code before; `keep` entries of the kind are kept. */
export function persisted<T>(kind: string, inputs: unknown, compute: () => T, keep: number): T {
  if (underJest()) return keptInMemory(kind, inputs, compute, keep);
  if (!cacheEnabled()) return compute();
  const file = cacheFile(kind, inputs);
  if (file === undefined) return compute();
  try {
    return deserialize(fs.readFileSync(file)) as T;
  } catch {
    // not computed yet (or unreadable): compute it
  }
  const value = compute();
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, serialize(value));
    fs.renameSync(temporary, file);
    prune(path.dirname(file), keep);
  } catch {
    // a read-only cache only costs speed
  }
  return value;
}

/** Removes all but the `keep` newest entries of a folder. */
function prune(folder: string, keep: number): void {
  const entries = fs.readdirSync(folder).map((name) => path.join(folder, name));
  if (entries.length <= keep) return;
  const byAge = entries.map((file) => ({ file, mtime: fs.statSync(file).mtimeMs })).sort((a, b) => b.mtime - a.mtime);
  for (const { file } of byAge.slice(keep)) fs.rmSync(file, { force: true });
}
