import { cacheFile, persisted } from '../cache/persistent';

/**
 * The simulated days synthesis needs, kept between runs (lib/cache/persistent.ts). A day is a pure function
 * of its inputs (the environment's simulation setup, the scenario, the seed) and of the code, and the slowest
 * part of synthesis: an environment that did not change since the last run is not simulated again.
 */

/** Entries kept: enough for every environment across many edits. */
const KEEP = 64;

/** `compute()`, or the day it returned for the same `inputs` and code before. */
export function cachedDay<T>(inputs: unknown, compute: () => T): T {
  return persisted('simulation', inputs, compute, KEEP);
}

/** Where the day for `inputs` is kept; undefined when v8 cannot serialize them. */
export function dayCacheFile(inputs: unknown): string | undefined {
  return cacheFile('simulation', inputs);
}
