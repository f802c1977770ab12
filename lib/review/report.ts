import { ResourceList } from '../config/model';
import { Quantity } from '../config/quantity';
import { diffObjectSets, isEmptyDiff, ObjectSetDiff, objectId } from './diff';
import { changedLines, formatField } from './diff-format';
import { STALE_ADVICE } from './freshness';
import { EnvironmentObjects } from './manifests';
import type { EnvironmentReview, Review, ShareReport } from './review';
import type { ShareChange } from './shares';

/** The diff of one environment between two sides. */
export interface EnvironmentDiff {
  /** Environment name (or `a → b` when two environments are compared). */
  readonly environment: string;
  /** `added`/`removed` when the environment exists on one side only (all its objects are then added or removed). */
  readonly presence: 'both' | 'added' | 'removed';
  /** The objects added, removed and changed. */
  readonly diff: ObjectSetDiff;
}

/** Diffs every environment present on either side (or only `only`), in name order. */
export function diffEnvironments(base: EnvironmentObjects, head: EnvironmentObjects, only?: string): EnvironmentDiff[] {
  const names = [...new Set([...base.keys(), ...head.keys()])].sort();
  if (only !== undefined && !names.includes(only)) {
    throw new Error(`unknown environment "${only}"; known environments: ${names.join(', ')}`);
  }
  return names
    .filter((name) => only === undefined || name === only)
    .map((environment) => ({
      environment,
      presence: !base.has(environment) ? 'added' : !head.has(environment) ? 'removed' : 'both',
      diff: diffObjectSets(base.get(environment) ?? [], head.get(environment) ?? []),
    }));
}

/** Whether any environment changed. */
export function hasChanges(diffs: readonly EnvironmentDiff[]): boolean {
  return diffs.some((d) => d.presence !== 'both' || !isEmptyDiff(d.diff));
}

/**
 * The plain-text report `npm run diff` prints, in the order a reviewer needs it: what is compared, stale
 * generated files (loudly), the destructive or risky effects, then per environment the share changes and
 * the objects added (`+`, with their meaningful fields), removed (`-`) and changed (`~`, field by field),
 * then changed examples and generated docs.
 */
export function formatReport(review: Review): string {
  const lines = [review.title, ...staleLines(review), ...dangerLines(review)];
  for (const environment of review.environments) lines.push(...environmentLines(environment, true));
  for (const examples of review.examples) lines.push(...environmentLines(examples, false));
  if (review.docs.length > 0) {
    lines.push(`generated docs: ${review.docs.length} file(s) changed`);
    for (const file of review.docs) {
      const removed = file.lines.filter((l) => l.sign === '-').length;
      lines.push(`  ${{ added: '+', removed: '-', changed: '~' }[file.status]} ${file.path} (${removed} line(s) removed, ${file.lines.length - removed} added)`);
      if (!isChart(file.path)) lines.push(...changedLines(file.lines).map((l) => `    ${l}`));
    }
  }
  return lines.join('\n') + '\n';
}

/** Generated charts (SVG): their changed lines are coordinates, so only their counts are shown. */
export function isChart(file: string): boolean {
  return file.endsWith('.svg');
}

/** The stale-files block: first and loud, because the rest of the report describes files the code does not produce. */
export function staleLines(review: Review): string[] {
  if (review.stale.length === 0) return [];
  return [
    `!! STALE: ${review.stale.length} generated file(s) in the working tree are not what \`npm run synth\` writes from stacks/;`,
    '!! the diff below is of the committed files, which is what Flux would apply:',
    ...review.stale.map((f) => `!!   ${f.path}: ${f.reason} (${STALE_ADVICE[f.reason]})`),
  ];
}

/** The danger list: one line per destructive or risky effect, with its environment and object. */
export function dangerLines(review: Review): string[] {
  const dangers = review.environments.flatMap((e) => e.dangers.map((d) => ({ ...d, environment: e.environment })));
  if (dangers.length === 0) return [];
  return [
    `DANGER: ${dangers.length} destructive or risky effect(s):`,
    ...dangers.map((d) => `  ! ${d.severity} [${d.environment}] ${d.subject}: ${d.effect}`),
  ];
}

export function environmentLines(review: EnvironmentReview, always: boolean): string[] {
  const { environment, presence, diff } = review;
  if (presence === 'both' && isEmptyDiff(diff)) return always ? [`${environment}: no changes`] : [];
  const counts = `${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed`;
  const lines = [presence === 'both' ? `${environment}: ${counts}` : `${environment}: environment ${presence} (${counts})`];
  if (review.shares) lines.push(...shareLines(review.shares).map((l) => `  ${l}`));
  const summary = (id: string) => (review.summaries.get(id) ? `  (${review.summaries.get(id)})` : '');
  for (const ref of diff.added) lines.push(`  + ${objectId(ref)}${summary(objectId(ref))}`);
  for (const ref of diff.removed) lines.push(`  - ${objectId(ref)}${summary(objectId(ref))}`);
  for (const { ref, fields } of diff.changed) {
    lines.push(`  ~ ${objectId(ref)}`);
    for (const field of fields) lines.push(...formatField(field).map((l) => `      ${l}`));
  }
  return lines;
}

/** `shares under full contention (proportion of cpu 96, memory 384Gi):` and a line per affected queue. */
export function shareLines(shares: ShareReport): string[] {
  const { before, after } = shares.capacity;
  const capacity = before && after && !sameList(before, after) ? `${list(before)} → ${list(after)}` : list((after ?? before)!);
  return [`shares under full contention (${shares.plugin}, dividing ${capacity}):`, ...shares.changes.map((c) => `  ${c.queue}: ${shareText(c)}`)];
}

/** `cpu 32 → 28, memory 64Gi (unchanged)`, `(new queue) cpu 8`, `cpu 8 → (no share)`. */
export function shareText(change: ShareChange): string {
  const names = [...new Set([...Object.keys(change.after ?? {}), ...Object.keys(change.before ?? {})])];
  return names.map((name) => {
    const was = change.before?.[name];
    const is = change.after?.[name];
    if (was && is) return was.compare(is) === 0 ? `${name} ${is.canonical()} (unchanged)` : `${name} ${was.canonical()} → ${is.canonical()}`;
    return `${name} ${was ? was.canonical() : '(no share)'} → ${is ? is.canonical() : '(no share)'}`;
  }).join(', ');
}

function list(resources: ResourceList): string {
  return Object.entries(resources).map(([name, amount]) => `${name} ${amount}`).join(', ');
}

function sameList(a: ResourceList, b: ResourceList): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => a[k] !== undefined && b[k] !== undefined && Quantity.parse(a[k]).compare(Quantity.parse(b[k])) === 0);
}
