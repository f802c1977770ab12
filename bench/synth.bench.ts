import { execFileSync } from 'child_process';
import * as path from 'path';
import { measureLoop } from './loop';
import { validationCost } from './validation-cost';

/**
 * `npm run bench`: synthesis time and peak memory for generated environments of 10, 100 and 1000
 * queues and tenants, each measured in its own process, validation's share of synthesis at 1000, then
 * the development loop (bench/loop.ts): `npm run synth` and `npm run diff` as ratios to node's load time
 * of cdk8s, and `npm test`. Exits 1 if 1000 takes 10 s or more, if time grows worse than linearly, if
 * validation takes 10% of synthesis or more, or if a loop target is missed.
 */
const ROOT = path.join(__dirname, '..');
// TypeScript run as the npm scripts run it (transpiled by swc, kept: tools/run-ts.js).
const RUN_TS = [path.join(ROOT, 'tools', 'run-ts.js')];

interface Measurement { case: string; ms: number; objects: number; peakRssMiB: number }

function measure(arg: string): Measurement {
  // Every simulated day computed (nothing from lib/cache/persistent.ts): synthesis as a first run does it.
  const out = execFileSync(process.execPath, [...RUN_TS, path.join(__dirname, 'synth-one.ts'), arg], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, VOLCANO_PLATFORM_CACHE: 'off' } });
  return JSON.parse(out.trim().split('\n').pop()!);
}

const failures: string[] = [];
const rows = [10, 100, 1000].map((size) => ({ size, ...measure(String(size)) }));
console.log('size   objects   synth ms   ms/object   peak RSS MiB');
for (const r of rows) {
  console.log(`${String(r.size).padEnd(6)} ${String(r.objects).padStart(7)} ${r.ms.toFixed(0).padStart(10)} ${(r.ms / r.objects).toFixed(3).padStart(11)} ${r.peakRssMiB.toFixed(0).padStart(14)}`);
}
const [small, medium, large] = rows;
if (large.ms >= 10_000) failures.push(`1000 queues and tenants took ${large.ms.toFixed(0)} ms (limit 10000 ms)`);
// Linear growth: the marginal cost of an object between 100 and 1000 may not exceed 2.5 times its marginal
// cost between 10 and 100 (noise allowance). Marginal costs leave the fixed start-up cost out.
const marginal = (a: Measurement, b: Measurement) => (b.ms - a.ms) / (b.objects - a.objects);
const growth = marginal(medium, large) / marginal(small, medium);
console.log(`marginal ms/object: 10→100 ${marginal(small, medium).toFixed(3)}, 100→1000 ${marginal(medium, large).toFixed(3)}: x${growth.toFixed(2)} (linear is ~1, limit 2.5)`);
if (growth > 2.5) failures.push(`synthesis grows worse than linearly: marginal cost per object x${growth.toFixed(2)} from 100 to 1000`);

const builtIn = measure('built-in');
console.log(`built-in environments: synthesis ${builtIn.ms.toFixed(0)} ms in-process (every simulated day computed), ${builtIn.objects} objects`);

const loop = measureLoop(ROOT);
console.log(loop.lines.join('\n'));
failures.push(...loop.failures);

failures.push(...validationCost(1000, large.ms, RUN_TS));

if (failures.length > 0) {
  console.error(`FAILED:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
  process.exitCode = 1;
}
