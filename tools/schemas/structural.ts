/**
 * Reduces a CRD's `openAPIV3Schema` to its structural facts: what the API server checks (types, fields,
 * required fields, enums, formats, patterns, bounds, int-or-string, preserved unknown fields, list and map
 * semantics, CEL rules). Descriptions, titles, examples, defaults and CEL messages are prose or behaviour
 * the tests do not check, and are dropped, so the committed data carries no upstream text.
 */

/** Schema keywords kept as they are (their values are data: names, numbers, patterns, enum members). */
const KEPT_VALUES = new Set([
  'type', 'format', 'pattern', 'enum', 'required', 'nullable',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'multipleOf',
  'minLength', 'maxLength', 'minItems', 'maxItems', 'uniqueItems', 'minProperties', 'maxProperties',
  'x-kubernetes-int-or-string', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-embedded-resource',
  'x-kubernetes-list-type', 'x-kubernetes-list-map-keys', 'x-kubernetes-map-type',
]);
/** Keywords whose value is one schema. */
const SUBSCHEMA = new Set(['items', 'not']);
/** Keywords whose value is a list of schemas. */
const SUBSCHEMA_LISTS = new Set(['anyOf', 'allOf', 'oneOf']);
/** Keywords whose value maps names (field names, not keywords) to schemas. */
const SUBSCHEMA_MAPS = new Set(['properties', 'patternProperties']);
/** The parts of an `x-kubernetes-validations` entry that are facts; `message` and `messageExpression` are prose. */
const VALIDATION_FIELDS = ['rule', 'fieldPath', 'reason', 'optionalOldSelf'];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Schema = { [keyword: string]: Json };

/** The structural part of one schema node, keys in a fixed order so the output is byte-stable. */
export function structuralSchema(schema: Schema, at = '$'): Schema {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
    throw new Error(`${at}: expected a schema object, found ${JSON.stringify(schema)}`);
  }
  const result: Schema = {};
  for (const keyword of Object.keys(schema).sort()) {
    const value = schema[keyword];
    if (KEPT_VALUES.has(keyword)) {
      result[keyword] = value;
    } else if (SUBSCHEMA.has(keyword)) {
      result[keyword] = structuralSchema(value as Schema, `${at}.${keyword}`);
    } else if (SUBSCHEMA_LISTS.has(keyword)) {
      result[keyword] = (value as Schema[]).map((sub, i) => structuralSchema(sub, `${at}.${keyword}[${i}]`));
    } else if (SUBSCHEMA_MAPS.has(keyword)) {
      const entries = Object.keys(value as Schema).sort().map((name) => [name, structuralSchema((value as Record<string, Schema>)[name], `${at}.${keyword}.${name}`)]);
      result[keyword] = Object.fromEntries(entries);
    } else if (keyword === 'additionalProperties') {
      result[keyword] = typeof value === 'boolean' ? value : structuralSchema(value as Schema, `${at}.${keyword}`);
    } else if (keyword === 'x-kubernetes-validations') {
      result[keyword] = (value as Schema[]).map((rule) => Object.fromEntries(VALIDATION_FIELDS.filter((f) => rule[f] !== undefined).map((f) => [f, rule[f]])));
    }
    // Everything else (description, title, example, externalDocs, default, $schema, ...) is dropped.
  }
  return result;
}

/** Field paths of every `description` keyword left in a schema (none, for a structural one). */
export function proseKeywords(schema: Json, at = '$'): string[] {
  if (Array.isArray(schema)) return schema.flatMap((item, i) => proseKeywords(item, `${at}[${i}]`));
  if (schema === null || typeof schema !== 'object') return [];
  return Object.entries(schema).flatMap(([key, value]) => {
    if (SUBSCHEMA_MAPS.has(key) && value && typeof value === 'object') {
      return Object.entries(value).flatMap(([name, sub]) => proseKeywords(sub, `${at}.${key}.${name}`));
    }
    const here = ['description', 'title', 'example', 'message', 'messageExpression', 'externalDocs'].includes(key) ? [`${at}.${key}`] : [];
    return [...here, ...(key === 'enum' || key === 'required' ? [] : proseKeywords(value, `${at}.${key}`))];
  });
}

/** Subschemas at least this long (as JSON) are shared through `$defs` when they occur more than once. */
const SHARED_MIN_LENGTH = 400;

/**
 * Moves every large subschema that occurs more than once (Argo's Workflow repeats the container and volume
 * schemas dozens of times) into `$defs`, referenced by `$ref`. The schema means the same; it is a fraction
 * of the size and compiles once per shared part. Names are the property that first holds the part and a
 * hash of its content, so they stay the same from one generation to the next.
 */
export function shareRepeatedSubschemas(root: Schema, hash: (text: string) => string): Schema {
  const counts = new Map<string, number>();
  const names = new Map<string, string>();
  const count = (node: Json, name: string): string => {
    const text = JSON.stringify(node);
    if (isSchemaObject(node)) {
      forEachSubschema(node, (sub, subName) => count(sub, subName ?? name));
      if (text.length >= SHARED_MIN_LENGTH) {
        counts.set(text, (counts.get(text) ?? 0) + 1);
        // Only characters that need no escaping in a JSON pointer or URI fragment.
        if (!names.has(text)) names.set(text, `${name.replace(/[^A-Za-z0-9_-]/g, '_')}-${hash(text).slice(0, 10)}`);
      }
    }
    return text;
  };
  count(root, 'root');

  const defs: Record<string, Schema> = {};
  const replace = (node: Schema, isRoot: boolean): Schema => {
    const text = JSON.stringify(node);
    if (!isRoot && (counts.get(text) ?? 0) > 1) {
      const name = names.get(text)!;
      if (!defs[name]) {
        defs[name] = {};
        defs[name] = mapSubschemas(node, (sub) => replace(sub, false));
      }
      return { $ref: `#/$defs/${name}` };
    }
    return mapSubschemas(node, (sub) => replace(sub, false));
  };
  const shared = replace(root, true);
  const sortedDefs = Object.fromEntries(Object.keys(defs).sort().map((name) => [name, defs[name]]));
  return Object.keys(defs).length === 0 ? shared : { ...shared, $defs: sortedDefs };
}

function isSchemaObject(node: Json): node is Schema {
  return node !== null && typeof node === 'object' && !Array.isArray(node);
}

/** Calls `visit` on each direct subschema, with the property name that holds it where there is one. */
function forEachSubschema(node: Schema, visit: (sub: Schema, name?: string) => void): void {
  mapSubschemas(node, (sub, name) => {
    visit(sub, name);
    return sub;
  });
}

/** A copy of `node` with each direct subschema replaced by `map(subschema)`. */
function mapSubschemas(node: Schema, map: (sub: Schema, name?: string) => Schema): Schema {
  const result: Schema = {};
  for (const [keyword, value] of Object.entries(node)) {
    if (SUBSCHEMA.has(keyword) || (keyword === 'additionalProperties' && isSchemaObject(value))) {
      result[keyword] = map(value as Schema);
    } else if (SUBSCHEMA_LISTS.has(keyword)) {
      result[keyword] = (value as Schema[]).map((sub) => map(sub));
    } else if (SUBSCHEMA_MAPS.has(keyword)) {
      result[keyword] = Object.fromEntries(Object.entries(value as Record<string, Schema>).map(([name, sub]) => [name, map(sub, name)]));
    } else {
      result[keyword] = value;
    }
  }
  return result;
}
