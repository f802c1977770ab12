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
 * these checks must never be skipped silently (`npm test` installs it first, see tools/ensure-promtool.sh).
 */
export function promtool(args: (files: Record<string, string>) => string[], documents: Record<string, unknown>): PromtoolResult {
  // PROMTOOL overrides the binary (the test proving a missing promtool fails uses it).
  const binary = process.env.PROMTOOL ?? 'promtool';
  const found = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  if (found.error || found.status !== 0) {
    throw new Error('promtool is not installed or not on PATH: `npm test` installs it (tools/ensure-promtool.sh), or install the Debian package "prometheus" yourself');
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

/**
 * A promtool test file. Without `group_eval_order` promtool evaluates groups in random order; recording
 * groups go first, so alerts see the recorded series of the same evaluation, as they are listed.
 */
export function ruleTestFile(groupOrder: readonly string[], tests: readonly unknown[]) {
  return { rule_files: ['rules.yaml'], evaluation_interval: '1m', group_eval_order: groupOrder, tests };
}

/** Runs `promtool test rules` on these rule groups (evaluated in the order given) and unit tests. */
export function testRules(groups: ReadonlyArray<{ readonly name: string; readonly rules?: readonly unknown[] }>, tests: readonly unknown[]): PromtoolResult {
  return promtool((f) => ['test', 'rules', f['tests.yaml']], {
    'rules.yaml': { groups },
    'tests.yaml': ruleTestFile(groups.map((g) => g.name), tests),
  });
}

/** Expands the `{{ $labels.x }}` templates the rules use; anything else left unexpanded is an error. */
export function expandLabels(template: string, labels: Readonly<Record<string, string>>): string {
  const expanded = template.replace(/\{\{ \$labels\.([a-zA-Z_][a-zA-Z0-9_]*) \}\}/g, (_m, name: string) => {
    if (labels[name] === undefined) throw new Error(`template uses $labels.${name}, which the alert does not carry: ${template}`);
    return labels[name];
  });
  if (expanded.includes('{{')) throw new Error(`unsupported template in annotation: ${template}`);
  return expanded;
}
