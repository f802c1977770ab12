import { execFileSync } from 'child_process';
import * as path from 'path';

/**
 * `npm run bench`: synthesis time and peak memory for generated environments of 10, 100 and 1000
 * queues and tenants, each measured in its own process, and the wall time of `npm run synth` for the
 * built-in environments. Exits 1 if 1000 takes 10 s or more, or if time grows worse than linearly.
 */
const ROOT = path.join(__dirname, '..');
const TS_NODE = ['-r', 'ts-node/register/transpile-only'];

interface Measurement { case: string; ms: number; objects: number; peakRssMiB: number }

function measure(arg: string): Measurement {
  const out = execFileSync(process.execPath, [...TS_NODE, path.join(__dirname, 'synth-one.ts'), arg], { cwd: ROOT, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!);
}

const failures: string[] = [];
const rows = [10, 100, 1000].map((size) => ({ size, ...measure(String(size)) }));
console.log('size   objects   synth ms   ms/object   peak RSS MiB');
for (const r of rows) {
  console.log(`${String(r.size).padEnd(6)} ${String(r.objects).padStart(7)} ${r.ms.toFixed(0).padStart(10)} ${(r.ms / r.objects).toFixed(3).padStart(11)} ${r.peakRssMiB.toFixed(0).padStart(14)}`);
}
const [, medium, large] = rows;
if (large.ms >= 10_000) failures.push(`1000 queues and tenants took ${large.ms.toFixed(0)} ms (limit 10000 ms)`);
// Linear growth: the cost per object at 1000 may not exceed twice the cost at 100 (noise allowance).
const growth = (large.ms / large.objects) / (medium.ms / medium.objects);
console.log(`per-object cost 1000 vs 100: x${growth.toFixed(2)} (linear is ~1, limit 2)`);
if (growth > 2) failures.push(`synthesis grows worse than linearly: per-object cost x${growth.toFixed(2)} from 100 to 1000`);

const builtIn = measure('built-in');
const started = Date.now();
execFileSync(process.execPath, [...TS_NODE, path.join(ROOT, 'main.ts')], { cwd: ROOT, stdio: 'ignore' });
const wall = Date.now() - started;
console.log(`built-in environments: synthesis ${builtIn.ms.toFixed(0)} ms in-process, \`npm run synth\` ${wall} ms wall (aim: under 3000 ms)`);

if (failures.length > 0) {
  console.error(`FAILED:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
  process.exitCode = 1;
}
