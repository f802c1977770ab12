import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { deserialize, serialize } from 'v8';

/**
 * The simulated days synthesis needs, kept between runs. A day is a pure function of its inputs (the
 * environment's simulation setup, the scenario, the seed) and of the code that computes it, and the slowest
 * part of synthesis; an environment that did not change since the last run is not simulated again. Entries
 * live in node_modules/.cache/volcano-platform/simulation/, named by a hash of the node version, of every
 * source file under lib/ (any change to the code recomputes every day) and of the inputs, serialized with
 * v8 (exact numbers, NaN and Infinity included). Under jest nothing is cached: the tests compute every
 * day, so the golden test checks what synthesis served from here. `VOLCANO_PLATFORM_DAY_CACHE=off` turns it
 * off (the bench measures synthesis with every day computed).
 */

const LIB = path.join(__dirname, '..');
const CACHE = path.join(LIB, '..', 'node_modules', '.cache', 'volcano-platform', 'simulation');

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

/**
 * `compute()`, or the value it returned for the same `inputs` and code before. Anything that keeps the
 * cache from working (inputs v8 cannot serialize, an unwritable folder, a damaged entry) only costs the
 * computation.
 */
export function cachedDay<T>(inputs: unknown, compute: () => T): T {
  if (process.env.JEST_WORKER_ID !== undefined || process.env.VOLCANO_PLATFORM_DAY_CACHE === 'off') return compute();
  const file = dayCacheFile(inputs);
  if (file === undefined) return compute();
  try {
    return deserialize(fs.readFileSync(file)) as T;
  } catch {
    // not computed yet (or unreadable): compute it
  }
  const value = compute();
  try {
    fs.mkdirSync(CACHE, { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, serialize(value));
    fs.renameSync(temporary, file);
    prune();
  } catch {
    // a read-only cache only costs speed
  }
  return value;
}

/** Where the day for `inputs` is kept; undefined when v8 cannot serialize them. */
export function dayCacheFile(inputs: unknown): string | undefined {
  try {
    return path.join(CACHE, `${createHash('sha256').update(libraryVersion()).update(serialize(inputs)).digest('hex')}.bin`);
  } catch {
    return undefined;
  }
}

/** Entries kept: the newest, enough for every environment across many edits. */
const KEEP = 64;

/** Removes all but the {@link KEEP} newest entries (every code change leaves a set behind). */
function prune(): void {
  const entries = fs.readdirSync(CACHE).map((name) => path.join(CACHE, name));
  if (entries.length <= KEEP) return;
  const byAge = entries.map((file) => ({ file, mtime: fs.statSync(file).mtimeMs })).sort((a, b) => b.mtime - a.mtime);
  for (const { file } of byAge.slice(KEEP)) fs.rmSync(file, { force: true });
}
