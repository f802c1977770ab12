import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { synthesize } from '../lib/synth/synthesize';
import { ENVIRONMENTS } from '../stacks/environments';
import { generatedEnvironment } from './generated-environment';

// One measurement in a fresh process, so peak memory belongs to this run alone. Prints one JSON line.
const arg = process.argv[2];
const environments = arg === 'built-in' ? ENVIRONMENTS : [generatedEnvironment(Number(arg))];
const workdir = fs.mkdtempSync(path.join(os.tmpdir(), 'vp-bench-'));
try {
  const started = process.hrtime.bigint();
  const trees = synthesize(environments, workdir);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const objects = trees.flatMap((t) => t.files).reduce((n, f) => n + (f.content.match(/^---$/gm)?.length ?? 0), 0);
  const peakRssMiB = process.resourceUsage().maxRSS / 1024;
  console.log(JSON.stringify({ case: arg, ms, objects, peakRssMiB }));
} finally {
  fs.rmSync(workdir, { recursive: true, force: true });
}
