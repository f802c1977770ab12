import {
  capacityShares, divideByWeight, effectiveOvercommitFactor, overcommitEnqueueBlockers, fromUnits, hierarchicalCapacityShares, inUnits, proportionAllocatable,
  proportionEnqueueBlockers, proportionOverused, proportionReclaimable, ProportionQueue,
} from '../../lib/sharing';

// Volcano v1.15.1's own scenarios, restated as tables over our model (inputs and expected outcomes from
// pkg/scheduler/plugins/proportion/proportion_test.go TestEnqueueAndAllocable, whose cluster is two
// nodes of 2 cpu / 2G: the model works on the cluster's sum).
const G = 1e9 / (1024 ** 3);
const res = (cpu: number, gb: number) => fromUnits({ cpu, memory: gb * G });
const total = res(4, 4);

/** q1 (capability 2 cpu / 2G) runs 1c2g, q2 (capability 3 cpu / 3G) runs 2c1g; `pending` adds tasks to a queue. */
function session(pending: { q1?: ReturnType<typeof res>; q2?: ReturnType<typeof res> }) {
  const queue = (name: string, capability: ReturnType<typeof res>, allocated: ReturnType<typeof res>, extra?: ReturnType<typeof res>): ProportionQueue => ({
    name, weight: 1, capability, allocated,
    request: extra ? fromUnits({ cpu: inUnits('cpu', allocated.cpu + extra.cpu), memory: inUnits('memory', allocated.memory + extra.memory) }) : allocated,
  });
  const [q1, q2] = divideByWeight(total, [queue('q1', res(2, 2), res(1, 2), pending.q1), queue('q2', res(3, 3), res(2, 1), pending.q2)]).queues;
  return { q1, q2 };
}

describe('proportion_test.go TestEnqueueAndAllocable', () => {
  it.each([
    // case0: memory exceeds deserved, but a job asking only for cpu is enqueued and allocated
    { name: 'case0: cpu-only job in q1', queue: 'q1' as const, job: res(1, 0), enqueued: true, allocated: true },
    // case1: cpu exceeds deserved, but a job asking only for memory is enqueued and allocated
    { name: 'case1: memory-only job in q2', queue: 'q2' as const, job: res(0, 1), enqueued: true, allocated: true },
    // case2: exceeds the capability: not enqueued; case3: exceeds deserved: not allocated
    { name: 'case2/case3: 1c1g job in q1', queue: 'q1' as const, job: res(1, 1), enqueued: false, allocated: false },
  ])('$name', ({ queue, job, enqueued, allocated }) => {
    const shares = session({ [queue]: job });
    expect(proportionEnqueueBlockers(shares[queue], job).length === 0).toBe(enqueued);
    expect(proportionAllocatable(shares[queue], job)).toBe(allocated);
  });

  it('case2 names the resource that does not fit (memory)', () => {
    expect(proportionEnqueueBlockers(session({ q1: res(1, 1) }).q1, res(1, 1))).toEqual(['memory']);
  });
});

describe('proportion predicates (proportion.go AddOverusedFn, AddReclaimableFn)', () => {
  const [busy, idle] = divideByWeight(res(4, 4), [
    { name: 'busy', weight: 1, request: res(4, 4), allocated: res(4, 4) },
    { name: 'idle', weight: 1, request: res(2, 2) },
  ]).queues;

  it('a queue holding more than it deserves is overused; one below is not', () => {
    expect(cores(busy.deserved)).toBe(2);
    expect(proportionOverused(busy)).toBe(true);
    expect(proportionOverused(idle)).toBe(false);
  });

  it('reclaim takes tasks only while the queue is above its deserved', () => {
    // Four 1c1g tasks on a 2c2g deserved: the first two go, then allocation equals deserved and the rest stay.
    expect(proportionReclaimable(busy, [res(1, 1), res(1, 1), res(1, 1), res(1, 1)])).toEqual([0, 1]);
  });
});

function cores(amounts: Readonly<Record<string, number>>): number {
  return inUnits('cpu', amounts.cpu);
}

describe('capacity plugin (capacity.go buildQueueAttrs, checkHierarchicalQueue)', () => {
  it('flat: deserved is capped at the real capability and raised to the guarantee', () => {
    const [a, b] = capacityShares(res(10, 10), [
      { name: 'a', deserved: res(8, 8), capability: res(6, 10) },
      { name: 'b', deserved: res(1, 1), guarantee: res(3, 3) },
    ]);
    expect(cores(a.deserved)).toBe(6);
    // a's real capability: the cluster minus b's guarantee, within its own capability.
    expect(cores(a.realCapability)).toBe(6);
    expect(cores(b.deserved)).toBe(3);
    expect(cores(b.realCapability)).toBe(10);
  });

  it('flat: a zero cpu capability reads as unlimited', () => {
    const [a] = capacityShares(res(10, 10), [{ name: 'a', deserved: res(4, 4), capability: res(0, 2) }]);
    expect(cores(a.realCapability)).toBe(10);
  });

  it('hierarchy: a child inherits what its capability leaves out and is bounded by its parent minus its siblings\' guarantees', () => {
    const shares = hierarchicalCapacityShares([
      { name: 'parent', capability: fromUnits({ cpu: 8, memory: 8, 'nvidia.com/gpu': 4 }) },
      { name: 'a', parent: 'parent', deserved: res(2, 2), guarantee: res(1, 1) },
      { name: 'b', parent: 'parent', deserved: res(2, 2), guarantee: res(3, 3), capability: res(5, 5) },
    ], ['cpu', 'memory', 'nvidia.com/gpu']);
    const byName = new Map(shares.map((s) => [s.name, s]));
    expect(cores(byName.get('a')!.realCapability)).toBe(5); // 8 - (1 + 3) + 1
    expect(byName.get('a')!.realCapability['nvidia.com/gpu']).toBe(4000);
    expect(cores(byName.get('b')!.realCapability)).toBe(5); // min(8 - 4 + 3, 5)
    expect(byName.get('a')!.ancestors).toEqual(['root', 'parent']);
  });

  it('hierarchy: a parent that does not exist stops the session', () => {
    expect(() => hierarchicalCapacityShares([{ name: 'a', parent: 'missing' }], ['cpu', 'memory'])).toThrow('invalid parent queue missing');
  });
});

describe('property: raising a queue\'s weight never lowers its share under proportion', () => {
  const all = fromUnits({ cpu: Infinity, memory: Infinity });
  it.each([1, 2, 3, 5, 8, 13])('weight %i -> %i + 1 against weights 1..4 with guarantees and capabilities', (weight) => {
    const queues = (w: number): ProportionQueue[] => [
      { name: 'subject', weight: w, request: all, capability: res(40, 40) },
      { name: 'x', weight: 3, request: all, guarantee: res(5, 5) },
      { name: 'y', weight: 2, request: res(7, 3) },
      { name: 'z', weight: 4, request: all, capability: res(10, 50) },
    ];
    const before = divideByWeight(res(64, 64), queues(weight)).queues[0].deserved;
    const after = divideByWeight(res(64, 64), queues(weight + 1)).queues[0].deserved;
    expect(after.cpu).toBeGreaterThanOrEqual(before.cpu - 0.1);
    expect(after.memory).toBeGreaterThanOrEqual(before.memory - 0.1);
  });
});

describe('overcommit_test.go TestOvercommitPlugin', () => {
  // Nodes of 2 cpu / 4Gi and 4 cpu / 16Gi. The test's PodGroup is Inqueue when the session opens (counted
  // once) and the test calls JobEnqueued before asking, which counts it again: twice its minimum is admitted.
  const cluster = fromUnits({ cpu: 6, memory: 20 });
  const G = 1e9 / 1024 ** 3;
  const normal = fromUnits({ cpu: 2, memory: 2 * G });
  const huge = fromUnits({ cpu: 20, memory: 20 * G });
  const twice = (a: Readonly<Record<string, number>>) => fromUnits({ cpu: inUnits('cpu', 2 * a.cpu), memory: inUnits('memory', 2 * a.memory) });
  const none = fromUnits({});
  it.each([
    { name: 'overCommitFactor is more than 0', factor: 1.2, job: normal, enqueueable: true },
    { name: 'overCommitFactor is less than 0 (below 1: the default 1.2 applies)', factor: 0.8, job: normal, enqueueable: true },
    { name: 'when the required resources of pg are too large', factor: 1.2, job: huge, enqueueable: false },
  ])('$name', ({ factor, job, enqueueable }) => {
    const blockers = overcommitEnqueueBlockers(cluster, effectiveOvercommitFactor(factor), none, twice(job), job);
    expect(blockers.length === 0).toBe(enqueueable);
  });

  it('names what is overused', () => {
    expect(overcommitEnqueueBlockers(cluster, 1.2, none, twice(huge), huge)).toEqual(['cpu', 'memory']);
  });
});
