import { isPlainObject } from '../util';
import { Problems } from './problems';
import { suggestion } from './suggest';

/**
 * A small runtime schema of what environment files write. Synthesis runs without type checking
 * (`tools/run-ts.js`, like `ts-node --swc`, only transpiles), so the TypeScript types protect nobody at
 * synth time: this is what turns `enable: false` (for `enabled`) or `sharingPolicy: 'capacty'` into one
 * problem with a suggestion instead of a silently different platform. It checks structure only (known
 * keys, required fields, scalar types, enumerated values); the rules between fields live in the
 * validators, which run once the structure holds.
 *
 * Each concern declares the schema of its settings beside their type (`lib/<concern>/settings-schema.ts`),
 * with {@link object}, whose `Fields<T>` makes the compiler refuse a schema that lacks a field of `T` or
 * has one `T` does not: adding a field to a settings type without its schema entry fails `npm test`.
 */
export interface Schema {
  /** What a valid value is, for messages: `a string`, `a list of queue names`. */
  readonly what: string;
  /** Reports at `path` every way `value` (never undefined) breaks the schema. */
  check(value: unknown, path: string, problems: Problems): void;
}

/** One schema per field of `T`, no more and no fewer. */
export type Fields<T> = { readonly [K in keyof T]-?: Schema };

/** `queues[2] (analytics)`: an item's index, and its name when it has one, so a message says which item. */
export function itemPath(path: string, index: number, item?: unknown): string {
  const name = isPlainObject(item) ? item.name : undefined;
  return typeof name === 'string' && name !== '' ? `${path}[${index}] (${name})` : `${path}[${index}]`;
}

/** The path of a field below `path` (the top level has the empty path). */
export function fieldPath(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** A value as a message shows it: strings quoted, lists and maps by kind. */
export function shown(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (isPlainObject(value)) return 'a map';
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

function scalar(what: string, ok: (value: unknown) => boolean): Schema {
  return {
    what,
    check(value, path, problems) {
      if (!ok(value)) problems.add(path, `must be ${what}, got ${shown(value)}`);
    },
  };
}

export const text = scalar('a string', (v) => typeof v === 'string');
export const num = scalar('a number', (v) => typeof v === 'number' && Number.isFinite(v));
export const bool = scalar('true or false', (v) => typeof v === 'boolean');

/** Anything: the value is checked where it is used (raw chart values, quantities, explicit scheduler plugins). */
export const anything: Schema = { what: 'any value', check: () => undefined };

/** One of a closed set of strings, named `what` in messages (`"capacty" is not a sharing policy; did you mean "capacity"?`). */
export function oneOf(values: readonly string[], what: string, consequence?: string): Schema {
  const because = consequence === undefined ? '' : ` (${consequence})`;
  return {
    what,
    check(value, path, problems) {
      if (typeof value === 'string' && values.includes(value)) return;
      const tail = typeof value === 'string' ? suggestion(value, values) : `; known: ${values.join(', ')}`;
      problems.add(path, `${shown(value)} is not ${what}${because}${tail}`);
    },
  };
}

/** A list whose items each match `items`; item paths name the item (`queues[2] (analytics)`). */
export function list(items: Schema, what = `a list of ${items.what}`): Schema {
  return {
    what,
    check(value, path, problems) {
      if (!Array.isArray(value)) {
        problems.add(path, `must be ${what}, got ${shown(value)}`);
        return;
      }
      value.forEach((item, i) => {
        const at = itemPath(path, i, item);
        if (item === undefined || item === null) problems.add(at, `is required: ${items.what}`);
        else items.check(item, at, problems);
      });
    },
  };
}

/** A map with keys of the writer's choosing (resource names, labels), each value matching `values`. */
export function map(values: Schema, what: string): Schema {
  return {
    what,
    check(value, path, problems) {
      if (!isPlainObject(value)) {
        problems.add(path, `must be ${what}, got ${shown(value)}`);
        return;
      }
      for (const [key, item] of Object.entries(value)) {
        if (item !== undefined) values.check(item, fieldPath(path, key), problems);
      }
    },
  };
}

/** How an object schema treats fields beyond their types. */
export interface ObjectOptions<T> {
  /** What the object is, for messages. Default `a map`. */
  readonly what?: string;
  /** Fields that must be present, each with what it is (`is required: <what>`). */
  readonly required?: { readonly [K in keyof T]?: string };
  /** Former fields that must not come back silently, each with the rule to report (e.g. where it moved). */
  readonly retired?: Readonly<Record<string, string>>;
  /** The rule for a key that is neither a field nor retired. Default: `unknown field`, with a suggestion. */
  readonly unknown?: (key: string, known: readonly string[]) => string;
}

/** A closed object: every key must be a field (an `undefined` value counts as absent). */
export function object<T>(fields: Fields<T>, options: ObjectOptions<T> = {}): Schema {
  return keyed(fields as Readonly<Record<string, Schema>>, options as ObjectOptions<Record<string, unknown>>);
}

/**
 * A closed map whose keys are known only at run time, e.g. the queues of a base environment an override
 * may change: `fields` gives each allowed key its schema.
 */
export function keyed(fields: Readonly<Record<string, Schema>>, options: ObjectOptions<Record<string, unknown>> = {}): Schema {
  const known = Object.keys(fields);
  const what = options.what ?? 'a map';
  const unknown = options.unknown ?? ((key: string, names: readonly string[]) => `unknown field${suggestion(key, names)}`);
  return {
    what,
    check(value, path, problems) {
      if (!isPlainObject(value)) {
        problems.add(path, `must be ${what}, got ${shown(value)}`);
        return;
      }
      const required: Readonly<Record<string, string | undefined>> = options.required ?? {};
      for (const [key, item] of Object.entries(value)) {
        const at = fieldPath(path, key);
        const field = Object.prototype.hasOwnProperty.call(fields, key) ? fields[key] : undefined;
        if (field === undefined) problems.add(at, options.retired?.[key] ?? unknown(key, known));
        else if (item !== undefined && !(item === null && required[key] !== undefined)) field.check(item, at, problems);
      }
      for (const [key, rule] of Object.entries(required)) {
        if (value[key] === undefined || value[key] === null) problems.add(fieldPath(path, key), `is required: ${rule}`);
      }
    },
  };
}

/** A schema with its own check, for shapes the others do not cover (`'off'` or a list of actions). */
export function custom(what: string, check: (value: unknown, path: string, problems: Problems) => void): Schema {
  return { what, check };
}
