import { Quantity, ResolvedEnvironment, ResolvedQueue, ResourceList, SharingPolicy } from '../config';
import { effectiveQueueAmounts } from '../scheduling/queue-amounts';

/**
 * The capacity plan of an environment, computed exactly from its resolved spec: what each queue is
 * guaranteed, deserves and may use at most, and how much of the cluster (or of a parent queue) is left
 * unguaranteed. What the overview table and the chart show, and nothing they compute themselves.
 */

/** One resource of one queue. Missing values are not set in the spec. */
export interface QueueResource {
  /** Reserved for the queue and never lent out. */
  readonly guarantee?: Quantity;
  /** Its fair share (capacity policy only). */
  readonly deserved?: Quantity;
  /** The most it may use. */
  readonly capability?: Quantity;
  /** What the queue may use beyond its guarantee: capability minus guarantee. */
  readonly borrowable?: Quantity;
}

/** A queue's line in the plan. */
export interface QueuePlan {
  /** Queue name. */
  readonly name: string;
  /** Parent queue; absent for top-level queues. */
  readonly parent?: string;
  /** Nesting depth: 0 for top-level queues. */
  readonly depth: number;
  /**
   * A disabled queue is rendered with the closing capability and no guarantee: `resources` holds those effective
   * values, `declared` what the spec says it will get once enabled.
   */
  readonly enabled: boolean;
  /** Effective amounts per resource name. */
  readonly resources: ReadonlyMap<string, QueueResource>;
  /** Declared amounts per resource name. */
  readonly declared: ReadonlyMap<string, QueueResource>;
}

/**
 * A pool the queues share: the cluster (top-level queues) or a parent queue (its children). The children
 * of a parent must fit in the parent's guarantee and deserved share.
 */
export interface PoolPlan {
  /** `cluster`, or the parent queue's name. */
  readonly name: string;
  /** Resource name, e.g. `cpu`. */
  readonly resource: string;
  /** What the pool guarantees: the cluster capacity, or the parent's guarantee. */
  readonly guaranteeLimit?: Quantity;
  /** Sum of the member queues' guarantees. */
  readonly guaranteed: Quantity;
  /** `guaranteeLimit - guaranteed`: left for borrowing and unguaranteed work. */
  readonly guaranteeHeadroom?: Quantity;
  /** What the pool shares out: the cluster capacity, or the parent's deserved share. */
  readonly deservedLimit?: Quantity;
  /** Sum of the member queues' deserved shares (`capacity` policy only). */
  readonly deserved?: Quantity;
  /** `deservedLimit - deserved`: not yet promised to any member. */
  readonly deservedHeadroom?: Quantity;
}

/** The whole plan of one environment. */
export interface CapacityPlan {
  /** Environment name. */
  readonly environment: string;
  /** Decides whether deserved shares are part of the plan. */
  readonly sharingPolicy: ResolvedEnvironment['sharingPolicy'];
  /** Resource names in display order: cpu, memory, then the rest alphabetically. */
  readonly resources: readonly string[];
  /** The declared cluster capacity per resource. */
  readonly cluster: ReadonlyMap<string, Quantity>;
  /** Queues in tree order: each parent followed by its children. */
  readonly queues: readonly QueuePlan[];
  /** The cluster's pool first, then one per parent queue, each resource by resource. */
  readonly pools: readonly PoolPlan[];
}

/** Computes the capacity plan of a resolved (and validated) environment. */
export function capacityPlan(env: ResolvedEnvironment): CapacityPlan {
  const cluster = amounts(env.capacity);
  const resources = orderResources([...Object.keys(env.capacity), ...env.queues.flatMap((q) => [q.guarantee, q.deserved, q.capability].flatMap((l) => Object.keys(l ?? {})))]);
  const usesDeserved = env.sharingPolicy === 'capacity';
  const queues = treeOrder(env.queues).map(({ queue, depth }) => queuePlan(queue, depth, resources, env.sharingPolicy));

  const pools: PoolPlan[] = [];
  const poolOf = (name: string, members: readonly QueuePlan[], guaranteeLimit: (r: string) => Quantity | undefined, deservedLimit: (r: string) => Quantity | undefined) => {
    for (const resource of resources) {
      const sum = (field: 'guarantee' | 'deserved') => Quantity.sum(members.flatMap((q) => q.resources.get(resource)?.[field] ?? []));
      const guaranteed = sum('guarantee');
      const deserved = usesDeserved ? sum('deserved') : undefined;
      const gLimit = guaranteeLimit(resource);
      const dLimit = usesDeserved ? deservedLimit(resource) : undefined;
      pools.push({
        name,
        resource,
        guaranteeLimit: gLimit,
        guaranteed,
        guaranteeHeadroom: gLimit && gLimit.subtract(guaranteed),
        deservedLimit: dLimit,
        deserved,
        deservedHeadroom: dLimit && deserved && dLimit.subtract(deserved),
      });
    }
  };
  poolOf('cluster', queues.filter((q) => q.parent === undefined), (r) => cluster.get(r), (r) => cluster.get(r));
  for (const parent of queues) {
    const children = queues.filter((q) => q.parent === parent.name);
    if (children.length === 0) continue;
    poolOf(parent.name, children, (r) => parent.resources.get(r)?.guarantee, (r) => parent.resources.get(r)?.deserved);
  }
  return { environment: env.name, sharingPolicy: env.sharingPolicy, resources, cluster, queues, pools };
}

function queuePlan(queue: ResolvedQueue, depth: number, resources: readonly string[], sharingPolicy: SharingPolicy): QueuePlan {
  const usesDeserved = sharingPolicy === 'capacity';
  const declared = planResources(resources, queue.guarantee, usesDeserved ? queue.deserved : undefined, queue.capability, true);
  // What the queue is rendered with: a disabled queue has the closing capability, zero deserved, no guarantee.
  const rendered = effectiveQueueAmounts(queue, sharingPolicy);
  const effective = queue.enabled
    ? declared
    : planResources(resources, rendered.guarantee, usesDeserved ? rendered.deserved : undefined, rendered.capability, false);
  return { name: queue.name, parent: queue.parent, depth, enabled: queue.enabled, resources: effective, declared };
}

function planResources(
  resources: readonly string[],
  guaranteeList: ResourceList | undefined,
  deservedList: ResourceList | undefined,
  capabilityList: ResourceList,
  borrowable: boolean,
): Map<string, QueueResource> {
  const guarantee = amounts(guaranteeList);
  const deserved = amounts(deservedList);
  const capability = amounts(capabilityList);
  return new Map(resources.map((resource) => {
    const entry = { guarantee: guarantee.get(resource), deserved: deserved.get(resource), capability: capability.get(resource) };
    return [resource, borrowable ? withBorrowable(entry) : entry];
  }));
}

function withBorrowable(entry: QueueResource): QueueResource {
  const { guarantee, capability } = entry;
  return capability ? { ...entry, borrowable: capability.subtract(guarantee ?? Quantity.ZERO) } : entry;
}

/** Parents before their children, children in spec order. */
function treeOrder(queues: readonly ResolvedQueue[]): Array<{ queue: ResolvedQueue; depth: number }> {
  const names = new Set(queues.map((q) => q.name));
  const ordered: Array<{ queue: ResolvedQueue; depth: number }> = [];
  const visit = (parent: string | undefined, depth: number) => {
    for (const queue of queues) {
      const effectiveParent = queue.parent !== undefined && names.has(queue.parent) ? queue.parent : undefined;
      if (effectiveParent !== parent || ordered.some((o) => o.queue === queue)) continue;
      ordered.push({ queue, depth });
      visit(queue.name, depth + 1);
    }
  };
  visit(undefined, 0);
  return ordered;
}

/** `cpu`, `memory`, then other resources alphabetically, each once. */
export function orderResources(names: readonly string[]): string[] {
  const rank = (name: string) => (name === 'cpu' ? 0 : name === 'memory' ? 1 : 2);
  return [...new Set(names)].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

function amounts(list: ResourceList | undefined): Map<string, Quantity> {
  return new Map(Object.entries(list ?? {}).map(([name, text]) => [name, Quantity.parse(text)]));
}

/** `part` as a percentage of `whole` with one decimal, rounded half up; `—` for a zero whole. */
export function percentOf(part: Quantity, whole: Quantity): string {
  if (whole.isZero()) return '—';
  const tenths = (part.nanos * 1000n * 2n + whole.nanos) / (whole.nanos * 2n);
  return `${tenths / 10n}.${tenths % 10n}%`;
}
