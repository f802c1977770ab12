import { isKept } from '../cache/persistent';
import { ResolvedEnvironment } from '../config/model';
import { code, table } from '../review/markdown';
import { sharesUnderFullContention, sharingMode } from '../sharing/environment';
import { SimulationOutcome, classOutcomes, dayInputs, formatWait, simulateScenario } from './report';
import { DayInputs } from './day-cache';
import { simulateAhead } from './days-ahead';
import { hourlyRates } from './jobs';
import { renderClasses, renderOutcome } from './cli';
import { sharingSvg } from './svg';

/**
 * The environment page's section on sharing (`docs/environments/<env>.md`): each queue's share under full
 * contention, the declared workload's simulated day and its SLA verdicts, and a chart of both.
 */

/** File name of an environment's sharing chart, beside its page. */
export function sharingChartFile(environment: string): string {
  return `${environment}-sharing.svg`;
}

const MODE: Record<ReturnType<typeof sharingMode>, string> = {
  proportion: 'the `proportion` plugin divides the cluster by weight, each queue capped at its capability and request and floored at its guarantee',
  capacity: 'the `capacity` plugin gives each queue its declared `deserved`, within its real capability and at least its guarantee',
  'capacity-hierarchy': 'the `capacity` plugin (hierarchical) gives each leaf queue its declared `deserved`, at least its guarantee',
};

const simulated = new WeakMap<ResolvedEnvironment, SimulationOutcome>();

/** The declared workload's day, simulated with the default seed (once per resolved environment, and kept between runs: `day-cache.ts`); undefined without a workload. */
export function declaredOutcome(env: ResolvedEnvironment): SimulationOutcome | undefined {
  if (!env.workload) return undefined;
  let outcome = simulated.get(env);
  if (!outcome) simulated.set(env, (outcome = simulateScenario(env, env.workload.scenarios[0], undefined, { cached: true })));
  return outcome;
}

/**
 * Starts the declared days of `envs` that are not kept from an earlier run on the other core
 * (`days-ahead.ts`), so that they are ready when the pages ask: the days with the most jobs first, as the
 * worker takes them in order and the pages take back, and compute themselves, those it has not started.
 */
export function simulateDeclaredDaysAhead(envs: readonly ResolvedEnvironment[]): void {
  const days = envs.flatMap((env) => (env.workload ? [dayInputs(env, env.workload.scenarios[0])] : []));
  const jobs = (inputs: DayInputs) => inputs.scenario.classes.reduce((sum, c) => sum + hourlyRates(c.arrivalsPerHour).reduce((a, b) => a + b, 0), 0);
  simulateAhead([...days].sort((a, b) => jobs(b) - jobs(a)), (inputs) => isKept('simulation', inputs));
}

/** The section, and the chart when the environment declares a workload. */
export function sharingDocs(env: ResolvedEnvironment): { section: string; chart?: string } {
  const shares = sharesUnderFullContention(env);
  if (shares.length === 0) return { section: '' };
  const resources = [...new Set(shares.flatMap((s) => Object.keys(s.resources)))];
  const lines = [
    '## Sharing under contention',
    '',
    `When every queue wants more than it can get, ${MODE[sharingMode(env)]} (Volcano v1.15.1, modelled in \`lib/sharing/\`). What is left beyond these shares goes to whichever queue is served first and can be reclaimed from it.`,
    '',
    table(['queue', ...resources], shares.map((s) => [s.queue, ...resources.map((r) => (s.resources[r] === undefined ? '-' : code(s.resources[r])))]), [false, ...resources.map(() => true)]),
  ];
  const outcome = declaredOutcome(env);
  if (!outcome) return { section: [...lines, '', 'No workload is declared (`workload` in `stacks/`), so no day is simulated.'].join('\n') };
  const scenario = env.workload!.scenarios[0];
  const misses = outcome.verdicts.filter((v) => v.verdict === 'miss');
  lines.push(
    '',
    `### Simulated day: ${code(scenario.name)}`,
    '',
    `${scenario.description} ${scenario.classes.length} workload classes (\`stacks/workloads/\`), seed ${outcome.seed}; \`npm run simulate -- --env ${env.name}\` runs every scenario. ` +
      'Waits are from submission to the whole gang running; utilization is the mean share of the cluster\'s cores the queue held; reclaimed and preempted count the queue\'s jobs evicted by reclaim (for another queue) and by preemption (for a higher class in the queue), with the core-hours their runs lost. ' +
      'The model works at queue level (gangs and resources, not nodes): it leaves out fragmentation, affinity, node failures and the tenants\' quotas, so real waits are, if anything, longer.',
    '',
    `![Shares and queue lengths of ${env.name}](${sharingChartFile(env.name)})`,
    '',
    renderOutcome(outcome),
    '',
    'Per workload class (an SLA judges its queues\' jobs together, so a small class can fare worse than its queue):',
    '',
    renderClasses(classOutcomes(outcome, scenario)),
    '',
    misses.length === 0
      ? `Every scheduling SLA holds under the declared workload${outcome.verdicts.length === 0 ? ' (none is declared)' : ''}.`
      : `**Missed:** ${misses.map((v) => `${code(v.sla)} (p95 ${formatWait(v.p95 ?? 0)} against ${formatWait(v.target)})`).join(', ')}.${env.workload!.enforceSlas ? '' : ' Set `workload.enforceSlas` to refuse such an environment.'}`,
  );
  return { section: lines.join('\n'), chart: sharingSvg(env.name, shares, outcome) };
}

/** The page section alone (an overview section). */
export function sharingSection(env: ResolvedEnvironment): string {
  return sharingDocs(env).section;
}
