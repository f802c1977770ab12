import { parse as parseYaml } from 'yaml';

/**
 * Strings that hold structure of their own: JSON documents (Grafana dashboards in ConfigMaps), YAML
 * documents (the scheduler configuration inside Helm values or a ConfigMap) and expressions (PromQL in
 * alert and recording rules, CEL in admission policies). Reviewers need the change inside them, not two
 * long strings.
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

/**
 * Field names whose string values are expressions, compared by tokens: PromQL (`expr` of alert and recording
 * rules) and CEL (ValidatingAdmissionPolicy validations, match conditions, variables, audit annotations).
 */
export const EXPRESSION_FIELDS: ReadonlySet<string> = new Set(['expr', 'expression', 'messageExpression', 'valueExpression']);
