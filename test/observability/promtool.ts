import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';

/** Result of one promtool run. */
export interface PromtoolResult {
  readonly status: number | null;
  readonly output: string;
}

/**
 * Runs promtool on YAML documents written to a temporary folder. Throws when promtool is missing:
 * these checks must never be skipped silently (CI installs it, see `.ci/run`).
 */
export function promtool(args: (files: Record<string, string>) => string[], documents: Record<string, unknown>): PromtoolResult {
  // PROMTOOL overrides the binary (the test proving a missing promtool fails uses it).
  const binary = process.env.PROMTOOL ?? 'promtool';
  const found = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  if (found.error || found.status !== 0) {
    throw new Error('promtool is not installed or not on PATH: install Debian package "prometheus" (as .ci/run does) to run the rule checks');
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'volcano-promtool-'));
  try {
    const files: Record<string, string> = {};
    for (const [name, document] of Object.entries(documents)) {
      files[name] = path.join(dir, name);
      fs.writeFileSync(files[name], stringify(document, { lineWidth: 0 }));
    }
    const run = spawnSync(binary, args(files), { encoding: 'utf8', cwd: dir });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
