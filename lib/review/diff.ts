import { isPlainObject } from '../util';
import { KubeObject } from '../synth/render';
import { parseEmbeddedDocument, PROMQL_FIELDS, promqlChange } from './embedded';

/**
 * The semantic diff: two sets of parsed Kubernetes objects in, the objects added, removed and changed
 * out, and for each changed object the changed fields as paths with old and new values. Pure: it reads
 * no files and runs no git, so fixture pairs test it directly.
 */

/** One changed field. A missing `old` means the field was added, a missing `new` that it was removed. */
export interface FieldChange {
  /** Where the field is, e.g. `spec.guarantee.resource.cpu` or `spec.groups[name=volcano].rules[alert=X].for`. */
  readonly path: string;
  /** The value on the base side; for a PromQL expression, only the tokens that differ. */
  readonly old?: unknown;
  /** The value on the head side. */
  readonly new?: unknown;
  /** What the values mean when it is not obvious: a reordering, or the whole old and new expression a token change sits in. */
  readonly note?: string;
}

/** The identity of an object: what makes two objects "the same object" on both sides. */
export interface ObjectRef {
  /** `kind` of the object. */
  readonly kind: string;
  /** `metadata.namespace`; absent for cluster-scoped objects. */
  readonly namespace?: string;
  /** `metadata.name`. */
  readonly name: string;
}

/** A changed object and its changed fields, in document order. */
export interface ObjectChange {
  /** Which object changed. */
  readonly ref: ObjectRef;
  /** Its changed fields. */
  readonly fields: readonly FieldChange[];
}

/** What changed between two sets of objects; each list sorted by {@link objectId}. */
export interface ObjectSetDiff {
  /** Objects only on the head side. */
  readonly added: readonly ObjectRef[];
  /** Objects only on the base side. */
  readonly removed: readonly ObjectRef[];
  /** Objects on both sides whose content differs. */
  readonly changed: readonly ObjectChange[];
}

/** `Kind/name` for cluster-scoped objects, `Kind/namespace/name` for namespaced ones. */
export function objectId(ref: ObjectRef): string {
  return ref.namespace ? `${ref.kind}/${ref.namespace}/${ref.name}` : `${ref.kind}/${ref.name}`;
}

/** Whether a diff reports nothing. */
export function isEmptyDiff(diff: ObjectSetDiff): boolean {
  return diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0;
}

/** Compares two sets of objects by kind, namespace and name. */
export function diffObjectSets(base: readonly KubeObject[], head: readonly KubeObject[]): ObjectSetDiff {
  const before = indexObjects(base, 'base');
  const after = indexObjects(head, 'head');
  const ids = [...new Set([...before.keys(), ...after.keys()])].sort();
  const added: ObjectRef[] = [];
  const removed: ObjectRef[] = [];
  const changed: ObjectChange[] = [];
  for (const id of ids) {
    const old = before.get(id);
    const now = after.get(id);
    if (!old) added.push(refOf(now!));
    else if (!now) removed.push(refOf(old));
    else {
      const fields = diffValues(old, now);
      if (fields.length > 0) changed.push({ ref: refOf(now), fields });
    }
  }
  return { added, removed, changed };
}

function refOf(object: KubeObject): ObjectRef {
  const { kind, metadata } = object;
  return metadata.namespace ? { kind, namespace: metadata.namespace, name: metadata.name } : { kind, name: metadata.name };
}

function indexObjects(objects: readonly KubeObject[], side: string): Map<string, KubeObject> {
  const index = new Map<string, KubeObject>();
  for (const object of objects) {
    const id = objectId(refOf(object));
    if (index.has(id)) throw new Error(`${side}: two objects are ${id}; the diff cannot tell them apart`);
    index.set(id, object);
  }
  return index;
}

/** Every difference between two values, as field paths below `path`. */
export function diffValues(old: unknown, now: unknown, path = ''): FieldChange[] {
  if (deepEqual(old, now)) return [];
  if (typeof old === 'string' && typeof now === 'string') return diffStrings(old, now, path);
  if (Array.isArray(old) && Array.isArray(now)) return diffArrays(old, now, path);
  if (isPlainObject(old) && isPlainObject(now)) {
    const keys = [...new Set([...Object.keys(old), ...Object.keys(now)])];
    return keys.flatMap((key) => {
      const child = keyPath(path, key);
      if (!(key in now)) return [{ path: child, old: old[key] }];
      if (!(key in old)) return [{ path: child, new: now[key] }];
      return diffValues(old[key], now[key], child);
    });
  }
  return [{ path, old, new: now }];
}

/** Embedded documents are compared as structure, PromQL by tokens, anything else as text. */
function diffStrings(old: string, now: string, path: string): FieldChange[] {
  if (PROMQL_FIELDS.has(lastKey(path))) {
    const change = promqlChange(old, now);
    if (!change) return [];
    const flat = (expression: string) => expression.replace(/\s+/g, ' ').trim();
    const note = `expression was: ${flat(old)} now: ${flat(now)}`;
    return [{ path, old: change.old, new: change.new, note }];
  }
  const oldDoc = parseEmbeddedDocument(old);
  const newDoc = parseEmbeddedDocument(now);
  if (oldDoc && newDoc && oldDoc.format === newDoc.format) return diffValues(oldDoc.value, newDoc.value, `${path}(${newDoc.format})`);
  return [{ path, old, new: now }];
}

/**
 * Lists whose elements carry a name-like key are matched by it, so inserting a rule or a plugin shows
 * as one added element rather than every later index changing. Other lists are compared by position;
 * lists of plain values are shown whole, which reads better than index by index.
 */
function diffArrays(old: unknown[], now: unknown[], path: string): FieldChange[] {
  if (old.every(isScalar) && now.every(isScalar)) return [{ path, old, new: now }];
  const keys = identities(old, now);
  const oldKeys = keys?.[0];
  const newKeys = keys?.[1];
  if (!oldKeys || !newKeys) {
    const changes: FieldChange[] = [];
    for (let i = 0; i < Math.max(old.length, now.length); i++) {
      const child = `${path}[${i}]`;
      if (i >= now.length) changes.push({ path: child, old: old[i] });
      else if (i >= old.length) changes.push({ path: child, new: now[i] });
      else changes.push(...diffValues(old[i], now[i], child));
    }
    return changes;
  }
  const changes: FieldChange[] = [];
  const oldIndex = new Map(oldKeys.map((key, i) => [key, i]));
  const newIndex = new Map(newKeys.map((key, i) => [key, i]));
  for (const [i, key] of oldKeys.entries()) {
    if (!newIndex.has(key)) changes.push({ path: `${path}[${key}]`, old: old[i] });
  }
  for (const [i, key] of newKeys.entries()) {
    const before = oldIndex.get(key);
    if (before === undefined) changes.push({ path: `${path}[${key}]`, new: now[i] });
    else changes.push(...diffValues(old[before], now[i], `${path}[${key}]`));
  }
  const keptOld = oldKeys.filter((key) => newIndex.has(key));
  const keptNew = newKeys.filter((key) => oldIndex.has(key));
  if (keptOld.join('\n') !== keptNew.join('\n')) changes.push({ path, old: keptOld, new: keptNew, note: 'order changed' });
  return changes;
}

/**
 * Keys that name a list element, most specific first. `title` comes before `id` because Grafana panels
 * carry both and their ids are an internal detail (older dashboards number them by position); lists
 * whose titles repeat fall back to the id-first order.
 */
const IDENTITY_KEYS = ['name', 'alert', 'record', 'uid', 'title', 'refId', 'id'];
const IDENTITY_KEYS_ID_FIRST = ['name', 'alert', 'record', 'uid', 'id', 'refId', 'title'];

/**
 * `key=value` for every element of both sides, or `undefined` when some element has no identity or two
 * on one side share one. Elements sharing a name (one recording rule per queue, one SLA alert per SLA)
 * get the labels that tell them apart added: `record=queue:guarantee{queue_name=batch,resource=cpu}`.
 * Only those labels: a label that changes but distinguishes nothing (an SLA alert's `severity`) then
 * shows as a changed field rather than as an element removed and another added.
 */
function identities(old: unknown[], now: unknown[]): [string[], string[]] | undefined {
  return identitiesBy(old, now, IDENTITY_KEYS) ?? identitiesBy(old, now, IDENTITY_KEYS_ID_FIRST);
}

interface Named {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
}

function identitiesBy(old: unknown[], now: unknown[], keys: readonly string[]): [string[], string[]] | undefined {
  const named = (list: unknown[]): Named[] | undefined => {
    const result: Named[] = [];
    for (const element of list) {
      if (!isPlainObject(element)) return undefined;
      const key = keys.find((k) => typeof element[k] === 'string' || typeof element[k] === 'number');
      if (key === undefined) return undefined;
      const labels = isPlainObject(element.labels) ? Object.fromEntries(Object.entries(element.labels).map(([k, v]) => [k, String(v)])) : {};
      result.push({ name: `${key}=${element[key]}`, labels });
    }
    return result;
  };
  const sides = [named(old), named(now)];
  if (!sides[0] || !sides[1]) return undefined;
  const [before, after] = sides as [Named[], Named[]];
  const shared = new Set([before, after].flatMap((side) => side.map((e) => e.name).filter((name, i, all) => all.indexOf(name) !== i)));
  const labelKeys = new Map([...shared].map((name) => [name, distinguishingLabels(name, before, after)] as const));
  const identity = (e: Named) => {
    const chosen = labelKeys.get(e.name);
    if (chosen === undefined) return e.name;
    return `${e.name}{${chosen.map((k) => `${k}=${e.labels[k] ?? ''}`).join(',')}}`;
  };
  const result: [string[], string[]] = [before.map(identity), after.map(identity)];
  return result.every((side) => new Set(side).size === side.length) ? result : undefined;
}

/**
 * The smallest set of label keys that tells apart every element named `name` on each side; among sets of
 * that size, the one that keeps most identities the same on both sides, then the first alphabetically.
 * All label keys when no smaller set does.
 */
function distinguishingLabels(name: string, before: readonly Named[], after: readonly Named[]): string[] {
  const groups = [before, after].map((side) => side.filter((e) => e.name === name));
  const all = [...new Set(groups.flat().flatMap((e) => Object.keys(e.labels)))].sort();
  const idOf = (e: Named, keys: readonly string[]) => keys.map((k) => `${k}=${e.labels[k] ?? ''}`).join(',');
  for (let size = 1; size <= Math.min(all.length, 4); size++) {
    let best: { keys: string[]; kept: number } | undefined;
    for (const keys of subsets(all, size)) {
      const ids = groups.map((group) => group.map((e) => idOf(e, keys)));
      if (!ids.every((side) => new Set(side).size === side.length)) continue;
      const kept = ids[0].filter((id) => ids[1].includes(id)).length;
      if (best === undefined || kept > best.kept) best = { keys, kept };
    }
    if (best) return best.keys;
  }
  return all;
}

/** Every `size`-element subset of `items`, in lexicographic order. */
function subsets(items: readonly string[], size: number): string[][] {
  if (size === 0) return [[]];
  return items.flatMap((item, i) => subsets(items.slice(i + 1), size - 1).map((rest) => [item, ...rest]));
}

function keyPath(path: string, key: string): string {
  if (/^[A-Za-z_][\w-]*$/.test(key)) return path ? `${path}.${key}` : key;
  return `${path}[${JSON.stringify(key)}]`;
}

/** The last map key of a path: `expr` for `spec.groups[name=a].rules[alert=B].expr`. */
function lastKey(path: string): string {
  const match = /(?:^|\.)([A-Za-z_][\w-]*)$|\["((?:[^"\\]|\\.)*)"\]$/.exec(path);
  return match ? (match[1] ?? JSON.parse(`"${match[2]}"`)) : '';
}

function isScalar(value: unknown): boolean {
  return value === null || typeof value !== 'object';
}

/** Structural equality of JSON-like values; map key order does not matter. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}
