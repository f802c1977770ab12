/** Small helpers with no domain knowledge, shared by every concern. */

/** Whether a value is a plain map: an object that is neither null nor an array. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A copy of `fields` without its entries whose value is `undefined`, to spread over defaults. Strict
 * TypeScript accepts `field: undefined` for an optional field (a helper passing an option through), and
 * the schemas read it as absent: spread as written, it would replace the default with nothing.
 */
export function statedFields<T extends object>(fields: T): T {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as T;
}

/**
 * Merges `overrides` into a copy of `base` the way Helm merges values: maps merge key by key, anything
 * else (lists, scalars, null) replaces. An `undefined` override removes the key.
 */
export function deepMerge(base: object, overrides: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(overrides)) {
    const current = merged[key];
    if (value === undefined) delete merged[key];
    else merged[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
  }
  return merged;
}

/**
 * A resource list (`{ cpu: '500m' }`) as the typed quantities of an L1 construct, e.g.
 * `quantities(list, k8s.Quantity.fromString)`. Keys are sorted so the output does not depend on the
 * order the list was written in.
 */
export function quantities<Q>(list: Readonly<Record<string, string>>, fromString: (text: string) => Q): Record<string, Q> {
  return Object.fromEntries(Object.keys(list).sort().map((name) => [name, fromString(String(list[name]))]));
}

/** Text made safe inside an XML element or a double-quoted attribute (the hand-written SVG charts). */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
