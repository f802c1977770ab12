import { parse as parseYaml } from 'yaml';
import { promqlTokens } from '../observability/promql-tokens';

/**
 * Strings that hold structure of their own: JSON documents (Grafana dashboards in ConfigMaps), YAML
 * documents (the scheduler configuration inside Helm values or a ConfigMap) and PromQL expressions
 * (alert and recording rules). Reviewers need the change inside them, not two long strings.
 */

/** A string recognised as a JSON or YAML document, with its parsed content. */
export interface EmbeddedDocument {
  /** The syntax it was written in; the diff path names it, e.g. `data["a.json"](json).panels`. */
  readonly format: 'json' | 'yaml';
  /** The parsed map or list. */
  readonly value: unknown;
}

/**
 * Parses `text` as an embedded JSON or YAML document holding a map or a list; `undefined` for plain
 * strings. YAML is only tried on multi-line text, so one-word values (`"true"`, `"8"`) stay strings.
 */
export function parseEmbeddedDocument(text: string): EmbeddedDocument | undefined {
  const trimmed = text.trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const value: unknown = JSON.parse(trimmed);
      if (isStructured(value)) return { format: 'json', value };
    } catch {
      // not JSON: YAML flow syntax is tried below
    }
  }
  if (!text.includes('\n')) return undefined;
  try {
    const value: unknown = parseYaml(text);
    return isStructured(value) ? { format: 'yaml', value } : undefined;
  } catch {
    return undefined;
  }
}

function isStructured(value: unknown): boolean {
  return typeof value === 'object' && value !== null;
}

/** Field names whose string values are PromQL expressions. */
export const PROMQL_FIELDS: ReadonlySet<string> = new Set(['expr']);

/** Where two token lists differ: the tokens before the first and after the last difference are shared. */
export interface TokenChange {
  /** The differing tokens of the old expression, joined with single spaces ('' when tokens were only added). */
  readonly old: string;
  /** The differing tokens of the new expression. */
  readonly new: string;
}

/**
 * The smallest contiguous run of tokens that differs between two expressions, or `undefined` when they
 * are the same apart from layout. One span covers every difference, so two distant edits show as one.
 */
export function promqlChange(oldExpression: string, newExpression: string): TokenChange | undefined {
  const a = promqlTokens(oldExpression);
  const b = promqlTokens(newExpression);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  if (start === a.length && start === b.length) return undefined;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  return { old: a.slice(start, endA).join(' '), new: b.slice(start, endB).join(' ') };
}
