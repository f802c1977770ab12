import { cacheFile, persisted } from '../cache/persistent';
import { takeAhead } from './days-ahead';
import { runSimulation, SimulationTrace } from './engine';
import { generateJobs } from './jobs';
import { WorkloadScenario } from './profile';
import { SimulationSetup } from './setup';

/**
 * The simulated days synthesis needs, kept between runs (lib/cache/persistent.ts). A day is a pure function
 * of its inputs (the environment's simulation setup, the scenario, the seed) and of the code, and the slowest
 * part of synthesis: an environment that did not change since the last run is not simulated again, and one
 * that did may have been simulated meanwhile on the other core (`days-ahead.ts`).
 */

/** Entries kept: enough for every environment across many edits. */
const KEEP = 64;

/** What a simulated day is a function of (besides the code). */
export interface DayInputs {
  /** The environment as the simulation sees it (`simulationSetup`). */
  readonly setup: SimulationSetup;
  /** The workload of the day. */
  readonly scenario: WorkloadScenario;
  /** The seed of its random draws. */
  readonly seed: number;
}

/** Simulates the day. */
export function simulateDay({ setup, scenario, seed }: DayInputs): SimulationTrace {
  return runSimulation(setup, generateJobs(scenario, seed));
}

/** `compute()`, or the day it returned for the same `inputs` and code before, or the day computed ahead for them. */
export function cachedDay<T>(inputs: unknown, compute: () => T): T {
  return persisted('simulation', inputs, () => (takeAhead(inputs) as T | undefined) ?? compute(), KEEP);
}

/** Where the day for `inputs` is kept; undefined when they cannot be named (`cacheFile`). */
export function dayCacheFile(inputs: unknown): string | undefined {
  return cacheFile('simulation', inputs);
}
