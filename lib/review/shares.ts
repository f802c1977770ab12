import { ResourceList } from '../config/model';
import { Quantity } from '../config/quantity';
import {
  CapacityQueue, ProportionQueue, capacityShares, divideByWeight, hierarchicalCapacityShares, toAmounts, toResourceList, unlimited,
} from '../sharing';
import { KubeObject } from '../synth/render';
import { ANNOTATIONS } from '../labels';
import { isPlainObject } from '../util';
import { parseEmbeddedDocument } from './embedded';

/**
 * Each queue's share under full contention, computed by the sharing model (lib/sharing) from the objects a
 * side applies: its Queues and the sharing plugin its scheduler configuration enables. Both sides of a diff
 * are committed manifests (the base has no resolved environment), so the model's queues are read from the
 * Queue objects as Volcano reads them, and the result matches `sharesUnderFullContention(env)` for a fresh
 * synthesis (a test holds the two together).
 */

/** Per work queue, what it is held to under full contention, e.g. `batch → { cpu: 64, memory: 320Gi }`. */
export type QueueShares = ReadonlyMap<string, Readonly<Record<string, Quantity>>>;

/** Which plugin divides the cluster, as the scheduler configuration enables it. */
export type SharingPlugin = 'proportion' | 'capacity' | 'capacity-hierarchy';

/** The shares of one side, and how they were computed. */
export interface SideShares {
  /** The plugin the scheduler configuration enables. */
  readonly plugin: SharingPlugin;
  /** The cluster capacity divided. */
  readonly capacity: ResourceList;
  /** Each work queue's share. */
  readonly shares: QueueShares;
}

/**
 * The shares the objects of one environment give under full contention of `capacity`; undefined when the
 * objects hold no Queue or no scheduler configuration naming a sharing plugin.
 */
export function sharesFromObjects(objects: readonly KubeObject[], capacity: ResourceList): SideShares | undefined {
  const plugin = sharingPlugin(objects);
  const queueObjects = objects.filter((o) => o.kind === 'Queue');
  if (!plugin || queueObjects.length === 0) return undefined;
  const total = toAmounts(capacity);
  const parents = new Set(queueObjects.map((q) => q.spec?.parent).filter((p): p is string => typeof p === 'string'));
  // Work queues, as `workQueues` defines them: enabled, and no other queue's parent.
  const working = new Set(queueObjects
    .filter((q) => q.metadata.annotations?.[ANNOTATIONS.queueEnabled] !== 'false' && !parents.has(q.metadata.name))
    .map((q) => q.metadata.name));
  const queues: Array<ProportionQueue & CapacityQueue> = queueObjects.map((q) => {
    const spec = q.spec ?? {};
    const optional = (list: unknown) => (isPlainObject(list) && Object.keys(list).length > 0 ? toAmounts(list as ResourceList) : undefined);
    return {
      name: q.metadata.name,
      parent: spec.parent,
      weight: spec.weight ?? 1,
      guarantee: optional(spec.guarantee?.resource),
      capability: toAmounts(spec.capability ?? {}),
      deserved: optional(spec.deserved),
      request: working.has(q.metadata.name) ? unlimited(Object.keys(total)) : toAmounts({}),
      hasJobs: working.has(q.metadata.name),
    };
  });
  const computed = plugin === 'proportion'
    ? divideByWeight(total, queues).queues
    : plugin === 'capacity'
      ? capacityShares(total, queues)
      : hierarchicalCapacityShares(queues, Object.keys(total));
  const shares = new Map<string, Record<string, Quantity>>();
  for (const share of computed) {
    if (!working.has(share.name)) continue;
    const list = toResourceList(share.deserved);
    shares.set(share.name, Object.fromEntries(Object.entries(list).map(([name, amount]) => [name, Quantity.parse(amount)])));
  }
  return { plugin, capacity, shares };
}

/** The sharing plugin the rendered scheduler configuration enables (in a HelmRelease's values or a ConfigMap). */
export function sharingPlugin(objects: readonly KubeObject[]): SharingPlugin | undefined {
  for (const object of objects) {
    for (const text of embeddedStrings(object)) {
      const document = parseEmbeddedDocument(text);
      if (!document || !isPlainObject(document.value) || !Array.isArray(document.value.tiers)) continue;
      const plugins = document.value.tiers.flatMap((tier: any) => (Array.isArray(tier?.plugins) ? tier.plugins : []));
      const capacity = plugins.find((p: any) => p?.name === 'capacity');
      if (capacity) return capacity.enableHierarchy === true ? 'capacity-hierarchy' : 'capacity';
      if (plugins.some((p: any) => p?.name === 'proportion')) return 'proportion';
    }
  }
  return undefined;
}

/** Multi-line strings anywhere in an object: where a scheduler configuration would be written. */
function embeddedStrings(value: unknown): string[] {
  if (typeof value === 'string') return value.includes('tiers') ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(embeddedStrings);
  if (isPlainObject(value)) return Object.values(value).flatMap(embeddedStrings);
  return [];
}

/** A queue's share before and after, for the queues a change affects. */
export interface ShareChange {
  /** Queue name. */
  readonly queue: string;
  /** Its share at the base; absent when it had none (new, disabled or a parent). */
  readonly before?: Readonly<Record<string, Quantity>>;
  /** Its share in the working tree; absent when it has none. */
  readonly after?: Readonly<Record<string, Quantity>>;
}

/**
 * The queues whose share changes, plus every queue in `touched` (changed, added or removed Queues), in the
 * order of the after side, then queues only before.
 */
export function shareChanges(before: QueueShares | undefined, after: QueueShares | undefined, touched: ReadonlySet<string>): ShareChange[] {
  const names = [...new Set([...(after?.keys() ?? []), ...(before?.keys() ?? [])])];
  const same = (a?: Readonly<Record<string, Quantity>>, b?: Readonly<Record<string, Quantity>>) => {
    if (!a || !b) return a === b;
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => a[k] !== undefined && b[k] !== undefined && a[k].compare(b[k]) === 0);
  };
  return names
    .map((queue) => ({ queue, before: before?.get(queue), after: after?.get(queue) }))
    .filter((c) => touched.has(c.queue) || !same(c.before, c.after));
}

/** The declared capacity in a generated environment page (`- Declared cluster capacity: cpu \`96\`, memory \`384Gi\``). */
export function capacityFromOverview(markdown: string | undefined): ResourceList | undefined {
  const line = markdown?.split('\n').find((l) => l.startsWith('- Declared cluster capacity:'));
  if (!line) return undefined;
  const entries = [...line.matchAll(/([\w./-]+) `([^`]+)`/g)].map((m) => [m[1], m[2]] as const);
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
