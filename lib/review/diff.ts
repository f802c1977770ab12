import { isPlainObject } from '../util';
import { identities } from './diff-identity';
import { KubeObject } from '../synth/render';
import { EXPRESSION_FIELDS, parseEmbeddedDocument } from './embedded';
import { LineChange, lineChanges, tokenChanges } from './diff-text';

/**
 * The semantic diff: two sets of parsed Kubernetes objects in, the objects added, removed and changed
 * out, and for each changed object the changed fields as paths with old and new values. Pure: it reads
 * no files and runs no git, so fixture pairs test it directly.
 */

/** One changed field. A missing `old` means the field was added, a missing `new` that it was removed. */
export interface FieldChange {
  /** Where the field is, e.g. `spec.guarantee.resource.cpu` or `spec.groups[name=volcano].rules[alert=X].for`. */
  readonly path: string;
  /** The value on the base side; for an expression or a long string, only the part that differs (see `within`). */
  readonly old?: unknown;
  /** The value on the head side. */
  readonly new?: unknown;
  /** What the values mean when it is not obvious, e.g. a reordering. */
  readonly note?: string;
  /** For a change inside an expression or a long string: the new text around the change, the change marked `‹…›`. */
  readonly within?: string;
  /** For a multi-line text that is no embedded document: the lines removed and added (then `old`/`new` are absent). */
  readonly lines?: readonly LineChange[];
  /** What the numbers in `old` and `new` stand for, so they are shown in Kubernetes units (`32Gi`, `500m`). */
  readonly unit?: QuantityUnit;
}

/** Units a bare number may stand for: bytes (memory), cores (cpu), or milliseconds or seconds (an alert's latency threshold). */
export type QuantityUnit = 'bytes' | 'cores' | 'milliseconds' | 'seconds';

/** Strings longer than this are compared by tokens rather than shown whole. */
const LONG_STRING = 80;

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

/** The kind, namespace (when it has one) and name of an object. */
export function refOf(object: KubeObject): ObjectRef {
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
    const unit = quantityUnit(now);
    return keys.flatMap((key) => {
      const child = keyPath(path, key);
      if (!(key in now)) return [{ path: child, old: old[key] }];
      if (!(key in old)) return [{ path: child, new: now[key] }];
      const changes = diffValues(old[key], now[key], child);
      if (!unit || key !== 'expr') return changes;
      if (unit === 'bytes' || unit === 'cores') return changes.map((change) => ({ ...change, unit }));
      // A latency unit applies only to a number compared with a series in that unit, never to a job count beside it.
      const before = durationThresholds(String(old[key]), unit);
      const after = durationThresholds(String(now[key]), unit);
      return changes.map((change) => (before.has(String(change.old)) || after.has(String(change.new)) ? { ...change, unit } : change));
    });
  }
  return [{ path, old, new: now }];
}

/**
 * Expressions (PromQL, CEL) are compared by tokens, so layout is no change, each differing run a change of its own; embedded documents as structure;
 * other multi-line text by lines, long one-line text by tokens, short strings whole.
 */
function diffStrings(old: string, now: string, path: string): FieldChange[] {
  if (EXPRESSION_FIELDS.has(lastKey(path))) {
    return tokenChanges(old, now).map((change) => ({ path, ...change }));
  }
  const oldDoc = parseEmbeddedDocument(old);
  const newDoc = parseEmbeddedDocument(now);
  if (oldDoc && newDoc && oldDoc.format === newDoc.format) return diffValues(oldDoc.value, newDoc.value, `${path}(${newDoc.format})`);
  if (old.includes('\n') || now.includes('\n')) return [{ path, lines: lineChanges(old, now) }];
  const changes = Math.max(old.length, now.length) > LONG_STRING ? tokenChanges(old, now) : [];
  return changes.length > 0 ? changes.map((change) => ({ path, ...change })) : [{ path, old, new: now }];
}

/**
 * The unit of the numbers in a rule's `expr`: from the resource a recording rule's labels name (recording
 * rules carry queue settings as bare numbers, `vector(34359738368)` is 32Gi of memory), or milliseconds for
 * an alert on a `_milliseconds` metric (`> 1800000` is 30 minutes).
 */
function quantityUnit(element: Record<string, unknown>): QuantityUnit | undefined {
  if (typeof element.expr !== 'string') return undefined;
  const resource = isPlainObject(element.labels) ? element.labels.resource : undefined;
  if (resource === 'cpu') return 'cores';
  if (resource === 'memory' || resource === 'ephemeral-storage' || (typeof resource === 'string' && resource.startsWith('hugepages-'))) return 'bytes';
  if (typeof element.alert === 'string' && /_milliseconds\b/.test(element.expr) && !/_bytes\b/.test(element.expr)) return 'milliseconds';
  if (typeof element.alert === 'string' && /_seconds\b/.test(element.expr) && !/_bytes\b/.test(element.expr)) return 'seconds';
  return undefined;
}

/** A number compared directly with a series in `unit` (`…_seconds:p95_1h{queue="batch"} > 1800`), the number captured. */
export function latencyComparison(unit: 'milliseconds' | 'seconds'): RegExp {
  return new RegExp(`_${unit}(?::\\w+)*(?:\\{[^}]*\\})?\\)*\\s*(?:[<>]=?|[=!]=)\\s*(\\d+(?:\\.\\d+)?)`, 'g');
}

/** The numbers `expr` compares directly with a series named in `unit` (`…_seconds:p95_1h{queue="batch"} > 1800`). */
function durationThresholds(expr: string, unit: 'milliseconds' | 'seconds'): Set<string> {
  return new Set([...expr.matchAll(latencyComparison(unit))].map((match) => match[1]));
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
  const withUnit = (change: FieldChange, element: unknown): FieldChange => {
    const unit = isPlainObject(element) ? quantityUnit(element) : undefined;
    return unit ? { ...change, unit } : change;
  };
  for (const [i, key] of oldKeys.entries()) {
    if (!newIndex.has(key)) changes.push(withUnit({ path: `${path}[${key}]`, old: old[i] }, old[i]));
  }
  for (const [i, key] of newKeys.entries()) {
    const before = oldIndex.get(key);
    if (before === undefined) changes.push(withUnit({ path: `${path}[${key}]`, new: now[i] }, now[i]));
    else changes.push(...diffValues(old[before], now[i], `${path}[${key}]`));
  }
  const keptOld = oldKeys.filter((key) => newIndex.has(key));
  const keptNew = newKeys.filter((key) => oldIndex.has(key));
  if (keptOld.join('\n') !== keptNew.join('\n')) changes.push({ path, old: keptOld, new: keptNew, note: 'order changed' });
  return changes;
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
