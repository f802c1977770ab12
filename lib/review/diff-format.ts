import { Quantity } from '../config/quantity';
import { FieldChange, QuantityUnit, latencyComparison } from './diff';

/**
 * How a changed field reads in the report: `path: old → new`, numbers that stand for a quantity in
 * Kubernetes units (`32Gi → 40Gi`, not `34359738368 → 42949672960`), changes inside expressions and long
 * strings as the differing tokens with their context, multi-line text as its changed lines.
 */

/** Longest value printed whole; longer ones are cut with `...` (the object's YAML has the rest). */
const LONGEST_VALUE = 160;
/** Changed lines shown for one multi-line field or file; the rest are counted. */
export const SHOWN_LINES = 12;

/** The report lines of one field: its `path: old → new` line, then any changed lines of a multi-line text. */
export function formatField(field: FieldChange): string[] {
  const path = field.path || '(whole value)';
  if (field.lines) {
    const removed = field.lines.filter((l) => l.sign === '-').length;
    return [`${path}: ${removed} line(s) removed, ${field.lines.length - removed} added`, ...changedLines(field.lines)];
  }
  const text = `${path}: ${formatValue(field, 'old')} → ${formatValue(field, 'new')}`;
  const within = field.within === undefined ? '' : `  (in: ${inUnits(field.within, field.unit)})`;
  return [field.note ? `${text}${within}  (${field.note})` : `${text}${within}`];
}

/** `- line` / `+ line` for the first {@link SHOWN_LINES} changed lines, then how many more. */
export function changedLines(lines: ReadonlyArray<{ sign: '-' | '+'; text: string }>): string[] {
  const shown = lines.slice(0, SHOWN_LINES).map((l) => `  ${l.sign} ${cut(l.text)}`);
  return lines.length > SHOWN_LINES ? [...shown, `  ... ${lines.length - SHOWN_LINES} more changed line(s)`] : shown;
}

function formatValue(field: FieldChange, side: 'old' | 'new'): string {
  if (!(side in field)) return '(absent)';
  const value = field[side];
  if (field.within !== undefined) {
    if (value === '') return '(nothing)';
    // A changed threshold alone: the comparison it belongs to is in the context.
    const latency = field.unit === 'milliseconds' || field.unit === 'seconds';
    const threshold = latency && /(?:[<>]=?|[=!]=)\s*‹…›/.test(field.within) && /^\d+$/.test(String(value));
    return threshold ? formatDuration(String(value), field.unit as 'milliseconds' | 'seconds') : inUnits(String(value), field.unit);
  }
  if (field.unit && (typeof value === 'number' || typeof value === 'string')) return inUnits(String(value), field.unit);
  // A whole recording rule added or removed: its expression's numbers in units too.
  const unit = field.unit;
  const replacer = unit ? (key: string, v: unknown) => (key === 'expr' && typeof v === 'string' ? inUnits(v, unit) : v) : undefined;
  return cut(JSON.stringify(value, replacer) ?? String(value));
}

/**
 * Every bare number in `text` written in the unit's form: bytes in Ki/Mi/Gi/Ti where exact, cores in `m`;
 * milliseconds or seconds as a duration, but only a threshold compared with a series in that unit, never a
 * divisor like `/ 1000` or a job count beside it.
 */
export function inUnits(text: string, unit: QuantityUnit | undefined): string {
  if (!unit) return text;
  const number = /(?<![\w.:])\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w.:])/g;
  if (unit === 'milliseconds' || unit === 'seconds') return text.replace(latencyComparison(unit), (match, amount: string) => match.slice(0, match.length - amount.length) + formatDuration(amount, unit));
  return text.replace(number, (amount) => formatQuantity(amount, unit));
}

/** Milliseconds (or seconds) as a duration where it is a whole number of seconds: `1800000` → `30m`, `90000` → `1m30s`. */
export function formatDuration(amount: string, unit: 'milliseconds' | 'seconds' = 'milliseconds'): string {
  const ms = Number(amount) * (unit === 'seconds' ? 1000 : 1);
  if (!Number.isInteger(ms) || ms < 1000 || ms % 1000 !== 0) return amount;
  const seconds = ms / 1000;
  const parts = [[Math.floor(seconds / 3600), 'h'], [Math.floor((seconds % 3600) / 60), 'm'], [seconds % 60, 's']] as const;
  return parts.filter(([amount]) => amount > 0).map(([amount, suffix]) => `${amount}${suffix}`).join('');
}

/** One amount in the unit's Kubernetes form: `34359738368` bytes → `32Gi`, `0.5` cores → `500m`. */
export function formatQuantity(amount: string, unit: 'bytes' | 'cores'): string {
  const quantity = Quantity.tryParse(amount);
  if (!quantity) return amount;
  // Adding a binary zero makes the canonical form use binary suffixes where the amount divides evenly.
  return unit === 'bytes' ? Quantity.parse('0Ki').add(quantity).canonical() : quantity.canonical();
}

function cut(text: string): string {
  return text.length > LONGEST_VALUE ? `${text.slice(0, LONGEST_VALUE - 3)}...` : text;
}
