import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { stringify } from 'yaml';
import { PrometheusRuleSpecGroupsRules as Rule } from '../../imports/monitoring.coreos.com';
import { AlertRule } from '../../lib/observability/alert-rules';
import { labelUses } from '../../lib/observability/metric-check';
import { persisted } from '../../lib/cache/persistent';

/** Result of one promtool run. */
export interface PromtoolResult {
  readonly status: number | null;
  readonly output: string;
}

/** `promtool --version` of each binary used in this process (asked once each, not before every run). */
const versions = new Map<string, string>();

/** Verdicts kept (lib/cache/persistent.ts): every run of a few edits' worth of rule changes. */
const KEEP_VERDICTS = 2000;

/** The yaml library's version: the test files promtool reads are written with it. */
const YAML_VERSION: string = JSON.parse(fs.readFileSync(require.resolve('yaml/package.json'), 'utf8')).version;

/**
 * Runs promtool on YAML documents written to a temporary folder, and passes the file names (relative to
 * it, so the output names no temporary path) to `args`. Throws when promtool is missing: these checks must
 * never be skipped silently (`npm test` installs it first, see tools/ensure-promtool.sh).
 *
 * promtool is deterministic: its verdict is a function of its version, its arguments and the files. Like
 * synthesis, the tests keep verdicts by exactly those (lib/cache/persistent.ts), so a run after an edit asks
 * promtool again only about files the edit changed; a fresh clone, as in CI, or `VOLCANO_PLATFORM_CACHE=off`
 * asks it about everything.
 */
export function promtool(args: (files: Record<string, string>) => string[], documents: Record<string, unknown>): PromtoolResult {
  // PROMTOOL overrides the binary (the test proving a missing promtool fails uses it).
  const binary = process.env.PROMTOOL ?? 'promtool';
  let version = versions.get(binary);
  if (version === undefined) {
    const answer = spawnSync(binary, ['--version'], { encoding: 'utf8' });
    if (answer.error || answer.status !== 0) {
      throw new Error('promtool is not installed or not on PATH: `npm test` installs it (tools/ensure-promtool.sh), or install the Debian package "prometheus" yourself');
    }
    versions.set(binary, (version = `${answer.stdout}${answer.stderr}`));
  }
  const argv = args(Object.fromEntries(Object.keys(documents).map((name) => [name, name])));
  // Our code has no part in the verdict once the files are written: an edit under lib/ that leaves them as
  // they were does not ask promtool again. The files are named by the documents' JSON text and the yaml
  // library's version, of which their YAML text is a function: node writes JSON natively, and writing YAML
  // for every verdict kept took longer than reading the verdicts (the documents are plain JSON data).
  const key = { version, argv, yaml: YAML_VERSION, documents: JSON.stringify(documents) };
  return persisted('promtool', key, () => runPromtool(binary, argv, Object.entries(documents).map(([name, document]) => [name, stringify(document, { lineWidth: 0 })] as const)), KEEP_VERDICTS, false);
}

function runPromtool(binary: string, argv: readonly string[], texts: ReadonlyArray<readonly [string, string]>): PromtoolResult {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'volcano-promtool-'));
  try {
    for (const [name, text] of texts) fs.writeFileSync(path.join(dir, name), text);
    const run = spawnSync(binary, argv, { encoding: 'utf8', cwd: dir });
    if (run.error) throw run.error;
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A promtool test file. Without `group_eval_order` promtool evaluates groups in random order; recording
 * groups go first, so alerts see the recorded series of the same evaluation, as they are listed.
 */
export function ruleTestFile(groupOrder: readonly string[], tests: readonly unknown[], ruleFile = 'rules.yaml') {
  return { rule_files: [ruleFile], evaluation_interval: '1m', group_eval_order: groupOrder, tests };
}

/** A rule group as promtool reads it (rules typed loosely: tests swap in rules of their own). */
type RuleGroup = { readonly name: string; readonly rules?: readonly Rule[] };

/** Runs `promtool test rules` on these rule groups (evaluated in the order given) and unit tests. */
export function testRules(groups: readonly RuleGroup[], tests: readonly unknown[]): PromtoolResult {
  return promtool((f) => ['test', 'rules', f['tests.yaml']], {
    'rules.yaml': { groups },
    'tests.yaml': ruleTestFile(groups.map((g) => g.name), tests),
  });
}

/**
 * The rule groups one alerting rule needs: the recording rules its expression reads, and theirs in turn
 * (series names as `labelUses` finds them, which the PromQL tests compare with a real parser's), each in
 * its own group and order, then the alert alone in its group. promtool evaluates every rule of a test file
 * at every step, so a test of one alert against all rules spends most of its time on rules that cannot
 * change the result. Nothing the alert reads is dropped: the `for:` boundary tests run on these same
 * groups, and an alert missing a series it needs would never fire there.
 */
export function groupsForAlert(groups: readonly RuleGroup[], alert: Rule): Array<RuleGroup & { readonly rules: readonly Rule[] }> {
  // Several rules may record one series name (with other labels): every one of them is read.
  const recordedBy = new Map<string, Rule[]>();
  for (const group of groups) {
    for (const rule of group.rules ?? []) if (rule.record) recordedBy.set(rule.record, [...(recordedBy.get(rule.record) ?? []), rule]);
  }
  const needed = new Set<Rule>();
  const visit = (expr: string) => {
    for (const name of labelUses(expr).identifiers) {
      for (const rule of recordedBy.get(name) ?? []) {
        if (needed.has(rule)) continue;
        needed.add(rule);
        visit(rule.expr);
      }
    }
  };
  visit(alert.expr);
  return groups
    .map((group) => ({ ...group, rules: (group.rules ?? []).filter((rule) => rule === alert || needed.has(rule)) }))
    .filter((group) => group.rules.length > 0);
}

/**
 * Runs `promtool test rules` once for all alerting rules in `groups`: each alert (numbered in order,
 * from 0) with the unit tests `testsOf` gives it, against just the groups it needs ({@link groupsForAlert}),
 * in a test file of its own. Alerts given no tests are left out.
 */
export function testEachAlert(groups: readonly RuleGroup[], testsOf: (alert: AlertRule, index: number) => readonly unknown[]): PromtoolResult {
  const alerts = groups.flatMap((group) => (group.rules ?? []).filter((rule) => rule.alert !== undefined)) as AlertRule[];
  const documents: Record<string, unknown> = {};
  alerts.forEach((alert, index) => {
    const tests = testsOf(alert, index);
    if (tests.length === 0) return;
    const needed = groupsForAlert(groups, alert);
    documents[`rules-${index}.yaml`] = { groups: needed };
    documents[`tests-${index}.yaml`] = ruleTestFile(needed.map((g) => g.name), tests, `rules-${index}.yaml`);
  });
  const testFiles = Object.keys(documents).filter((name) => name.startsWith('tests-'));
  if (testFiles.length === 0) throw new Error('testEachAlert: no alert was given a test');
  return promtool((f) => ['test', 'rules', ...testFiles.map((name) => f[name])], documents);
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
