// Strings, numbers and durations, identifiers (metric names may hold colons), comparison and matching
// operators, then any other single character: enough structure to find selectors, grouping clauses and
// label_replace, and to compare expressions regardless of layout.
const TOKEN = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?[a-zA-Z]*|\.\d+|[A-Za-z_:][\w:]*|[=!<>]=|=~|!~|\S/g;

/**
 * The tokens of a PromQL expression, without whitespace and line breaks (layout, not meaning). Shared by
 * the metric and label checks and the review diff; the tests compare its results with a real PromQL parser's.
 */
export function promqlTokens(expression: string): string[] {
  return expression.match(TOKEN) ?? [];
}
