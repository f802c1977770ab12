/**
 * How the diff matches list elements across two versions: by a name-like key (`name`, `alert`, `uid`,
 * ...), plus the labels that tell apart elements sharing a name. Lists without such identities are
 * compared by position.
 */

import { isPlainObject } from '../util';

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
export function identities(old: unknown[], now: unknown[]): [string[], string[]] | undefined {
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
