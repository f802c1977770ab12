import { EnvironmentDefinition } from '../config/model';
import { prepareEnvironments } from '../config/validate';
import { findEnvironment } from '../config/registry';
import { sharesUnderFullContention } from '../sharing/environment';
import { table } from '../review/markdown';
import { ClassOutcome, DEFAULT_SEED, SimulationOutcome, classOutcomes, findScenario, formatWait, simulateScenario } from './report';

/** Where the command writes. */
export interface Output {
  /** Standard output. */
  out(text: string): void;
  /** Standard error. */
  err(text: string): void;
}

const USAGE = 'usage: npm run simulate [-- --env NAME] [--scenario NAME] [--seed N]';

/** Reads `--env`, `--scenario`, `--seed`; throws on anything else. */
export function parseSimulateArgs(args: readonly string[]): { env?: string; scenario?: string; seed: number } {
  const options: { env?: string; scenario?: string; seed: number } = { seed: DEFAULT_SEED };
  for (let i = 0; i < args.length; i += 2) {
    const [flag, value] = [args[i], args[i + 1]];
    if (value === undefined || value.startsWith('--')) throw new Error(`${flag} needs a value; ${USAGE}`);
    if (flag === '--env') options.env = value;
    else if (flag === '--scenario') options.scenario = value;
    else if (flag === '--seed' && /^\d+$/.test(value)) options.seed = Number(value);
    else throw new Error(`unknown or malformed option ${flag} ${value}; ${USAGE}`);
  }
  return options;
}

/** The table of one simulated day: a row per queue, then the SLA verdicts. */
export function renderOutcome(outcome: SimulationOutcome): string {
  const queues = table(
    ['queue', 'jobs', 'wait p50', 'wait p95', 'wait max', 'not started', 'mean cores', 'utilization', 'reclaimed', 'preempted', 'lost core-h'],
    outcome.queues.map((q) => [
      q.queue, String(q.jobs), formatWait(q.waitP50), formatWait(q.waitP95), formatWait(q.waitMax), String(q.notStarted),
      q.meanCores.toFixed(1), `${(q.utilization * 100).toFixed(1)}%`, String(q.reclaimed), String(q.preempted), q.lostCoreHours.toFixed(1),
    ]),
    [false, true, true, true, true, true, true, true, true, true, true],
  );
  const verdicts = table(
    ['SLA', 'queues', 'target p95', 'simulated p95', 'verdict'],
    outcome.verdicts.map((v) => [v.sla, v.queues.join(', '), formatWait(v.target), v.p95 === undefined ? '-' : formatWait(v.p95), v.verdict]),
    [false, false, true, true, false],
  );
  return [queues, '', verdicts].join('\n');
}

/** The waits of each workload class. */
export function renderClasses(classes: readonly ClassOutcome[]): string {
  return table(
    ['class', 'queue', 'jobs', 'wait p50', 'wait p95', 'wait max'],
    classes.map((c) => [c.name, c.queue, String(c.jobs), formatWait(c.waitP50), formatWait(c.waitP95), formatWait(c.waitMax)]),
    [false, false, true, true, true, true],
  );
}

/** `npm run simulate`: each environment's shares under full contention, then a simulated day per scenario. Returns the exit code. */
export function runSimulate(args: readonly string[], definitions: readonly EnvironmentDefinition[], output: Output): number {
  try {
    const options = parseSimulateArgs(args);
    const chosen = options.env === undefined ? definitions : [findEnvironment(definitions, options.env)];
    for (const env of prepareEnvironments(chosen)) {
      if (!env.workload) {
        if (options.env !== undefined) throw new Error(`${env.name}: declares no workload (the environment's \`workload\` field, see stacks/workloads/)`);
        continue;
      }
      const shares = sharesUnderFullContention(env).map((s) => `${s.queue} ${Object.entries(s.resources).map(([r, v]) => `${v} ${r}`).join(' / ')}`);
      output.out(`## ${env.name}: shares under full contention (${env.sharingPolicy}): ${shares.join('; ')}\n\n`);
      const scenarios = options.scenario === undefined ? env.workload.scenarios : [findScenario(env.name, env.workload, options.scenario)];
      for (const scenario of scenarios) {
        const started = process.hrtime.bigint();
        const outcome = simulateScenario(env, scenario, options.seed);
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        output.out(`### ${env.name} / ${scenario.name} (seed ${options.seed}): ${scenario.description}\n\n${renderOutcome(outcome)}\n\n${renderClasses(classOutcomes(outcome, scenario))}\n\n`);
        output.out(`(${outcome.trace.events} events, ${outcome.trace.sessions} sessions, ${ms.toFixed(0)} ms; queue level: gangs and resources, not nodes)\n\n`);
      }
    }
    return 0;
  } catch (error) {
    output.err(`${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

