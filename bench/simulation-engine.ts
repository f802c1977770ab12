import { writeFileSync } from 'fs';
import { prepareEnvironments } from '../lib/config';
import { runSimulation } from '../lib/simulation/engine';
import { generateJobs } from '../lib/simulation/jobs';
import { DEFAULT_SEED } from '../lib/simulation/report';
import { simulationSetup } from '../lib/simulation/setup';
import { ENVIRONMENTS } from '../stacks/environments';

/**
 * The simulation engine alone, as a user pays for it after an edit: each environment's declared day,
 * timed from job generation to trace, in this process (run it in a fresh one: a cold JIT is the point).
 * `--only ENV` times one environment; `--runs N` repeats the whole set N times (the last run shows warm cost); `--traces FILE` also writes
 * every environment's trace for every scenario and a few seeds, to compare before and after a change.
 */
const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const runs = Number(option('--runs') ?? 1);
const tracesFile = option('--traces');
const only = option('--only');
const environments = prepareEnvironments(ENVIRONMENTS);

for (let run = 1; run <= runs; run++) {
  const times = environments.filter((env) => env.workload && (only === undefined || env.name === only)).map((env) => {
    const started = process.hrtime.bigint();
    const cpu = process.cpuUsage();
    const setup = simulationSetup(env);
    runSimulation(setup, generateJobs(env.workload!.scenarios[0], DEFAULT_SEED));
    const { user, system } = process.cpuUsage(cpu);
    // CPU time (every thread of the process: the compilers' too) is steadier than wall time on a busy machine.
    return `${env.name} ${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(1)} ms (cpu ${((user + system) / 1000).toFixed(0)} ms)`;
  });
  console.log(`run ${run}: ${times.join(', ')}`);
}

if (tracesFile) {
  const traces: Record<string, unknown> = {};
  for (const env of environments) {
    const setup = simulationSetup(env);
    for (const scenario of env.workload?.scenarios ?? []) {
      // JSON writes NaN as null; no wait is NaN once a day ends, so nothing is lost in the comparison.
      for (const seed of [DEFAULT_SEED, 2, 7]) traces[`${env.name}/${scenario.name}/${seed}`] = runSimulation(setup, generateJobs(scenario, seed));
    }
  }
  writeFileSync(tracesFile, JSON.stringify(traces));
  console.log(`${Object.keys(traces).length} traces written to ${tracesFile}`);
}
