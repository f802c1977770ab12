import { prepareEnvironments } from '../lib/config';
import { simulateScenario } from '../lib/simulation/report';
import { environment } from '../stacks/environments';

/**
 * `npm run bench` (simulation part): a simulated day of the agent platform (prod, declared workload)
 * must take under 2 s, and cost per event must stay flat from half to full load (linear in events).
 * Exits 1 otherwise. Ratios within one run, so a slow machine slows both sides alike.
 */
const [prod] = prepareEnvironments([environment('prod')]);
const declared = prod.workload!.scenarios[0];
const half = { ...declared, name: 'half', classes: declared.classes.map((c) => ({ ...c, arrivalsPerHour: typeof c.arrivalsPerHour === 'number' ? c.arrivalsPerHour / 2 : c.arrivalsPerHour.map((r) => r / 2) })) };

function measure(scenario: typeof declared): { ms: number; events: number } {
  simulateScenario(prod, scenario); // warm-up: the JIT, not the model, dominates a first run
  const started = process.hrtime.bigint();
  const outcome = simulateScenario(prod, scenario);
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, events: outcome.trace.events };
}

const failures: string[] = [];
const small = measure(half);
const full = measure(declared);
const perEvent = (m: { ms: number; events: number }) => (m.ms * 1000) / m.events;
const ratio = perEvent(full) / perEvent(small);
console.log(`simulated day of prod "${declared.name}": ${full.ms.toFixed(0)} ms for ${full.events} events (aim: under 2000 ms)`);
console.log(`µs per event: half load ${perEvent(small).toFixed(1)}, full load ${perEvent(full).toFixed(1)}: x${ratio.toFixed(2)} (linear is ~1, limit 2)`);
if (full.ms >= 2000) failures.push(`a simulated day took ${full.ms.toFixed(0)} ms (limit 2000 ms)`);
if (ratio > 2) failures.push(`simulation cost per event grows with load: x${ratio.toFixed(2)}`);
if (failures.length > 0) {
  console.error(`FAILED:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
  process.exitCode = 1;
}
