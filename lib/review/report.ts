import { diffObjectSets, FieldChange, isEmptyDiff, ObjectSetDiff, objectId } from './diff';
import { EnvironmentObjects } from './manifests';

/** The diff of one environment between two syntheses. */
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

/** The report `npm run diff` prints: per environment, `+` added, `-` removed, `~` changed objects and fields. */
export function formatReport(diffs: readonly EnvironmentDiff[], title: string): string {
  const lines = [title];
  for (const { environment, presence, diff } of diffs) {
    if (presence === 'both' && isEmptyDiff(diff)) {
      lines.push(`${environment}: no changes`);
      continue;
    }
    const counts = `${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed`;
    lines.push(presence === 'both' ? `${environment}: ${counts}` : `${environment}: environment ${presence} (${counts})`);
    for (const ref of diff.added) lines.push(`  + ${objectId(ref)}`);
    for (const ref of diff.removed) lines.push(`  - ${objectId(ref)}`);
    for (const { ref, fields } of diff.changed) {
      lines.push(`  ~ ${objectId(ref)}`);
      for (const field of fields) lines.push(`      ${formatField(field)}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** `path: old → new`, with `(absent)` for a side that lacks the field. */
export function formatField(field: FieldChange): string {
  const text = `${field.path || '(whole value)'}: ${formatValue(field, 'old')} → ${formatValue(field, 'new')}`;
  return field.note ? `${text}  (${field.note})` : text;
}

function formatValue(field: FieldChange, side: 'old' | 'new'): string {
  if (!(side in field)) return '(absent)';
  const value = field[side];
  return typeof value === 'string' && field.note?.startsWith('expression') ? value || '(nothing)' : JSON.stringify(value);
}
