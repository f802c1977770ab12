import {
  Amounts, add, exceededFor, overcommitEnqueueBlockers, overcommitEnqueueable, overcommitIdle, pairFits, proportionEnqueueBlockers, proportionEnqueueable, scale, sumFits,
} from '../../lib/sharing';

// sumFits and the predicates built on it answer what the blocker lists answer, without building sums: the
// simulation relies on the two never disagreeing. Amounts here cover the edge cases of `add` (a resource
// on one side only, -0, zero), of `exceededFor` (pods and count/ not counted, a request of zero ignored,
// a limit lacking the resource) and values where the order of additions changes the sum.
const samples: Amounts[] = [
  { cpu: 0, memory: 0 },
  { cpu: -0, memory: -0 },
  { cpu: 1000, memory: 2 ** 30 },
  { cpu: 0.1, memory: 0.2 },
  { cpu: 0.3, memory: 1e16 },
  { cpu: 2000, memory: 2 ** 31, 'nvidia.com/gpu': 1000 },
  { cpu: 500, memory: 0, 'nvidia.com/gpu': 0, pods: 4 },
  { cpu: 1, memory: 1, 'count/pods': 3, rdma: 0.5 },
  { cpu: 4000, memory: 1e16 + 2, 'nvidia.com/gpu': 2000, rdma: 1 },
];

const each = function* (): Generator<[Amounts, Amounts, Amounts]> {
  for (const a of samples) for (const b of samples) for (const c of samples) yield [a, b, c];
};

describe('sumFits: exceededFor over add, without the sums', () => {
  it('agrees with exceededFor(add(a, b), limit, request) for every combination of samples', () => {
    for (const [a, b, limit] of each()) {
      for (const request of [b, a]) expect(sumFits([a, b], limit, request)).toBe(exceededFor(add(a, b), limit, request).length === 0);
      for (const request of [b, a]) expect(pairFits(a, b, limit, request)).toBe(sumFits([a, b], limit, request));
    }
  });

  it('adds three and more terms in the order add would', () => {
    for (const [a, b, c] of each()) {
      const limit = add(a, b);
      expect(sumFits([a, b, c], limit, c)).toBe(exceededFor(add(add(a, b), c), limit, c).length === 0);
      expect(sumFits([c, a, b, scale(a, -1)], limit, c)).toBe(exceededFor(add(add(add(c, a), b), scale(a, -1)), limit, c).length === 0);
    }
  });
});

describe('boolean admission checks agree with their blocker lists', () => {
  it('proportionEnqueueable is proportionEnqueueBlockers finding none', () => {
    for (const [allocated, inqueue, realCapability] of each()) {
      for (const minimum of [samples[2], samples[5], samples[6]]) {
        const queue = { allocated, inqueue, elastic: samples[3], realCapability };
        expect(proportionEnqueueable(queue, minimum)).toBe(proportionEnqueueBlockers({ ...queue, name: 'q', deserved: realCapability, share: 0, request: inqueue, guarantee: samples[0] }, minimum).length === 0);
      }
    }
  });

  it('overcommitEnqueueable is overcommitEnqueueBlockers finding none', () => {
    for (const [total, used, inqueue] of each()) {
      for (const minimum of [samples[2], samples[5], samples[7]]) {
        expect(overcommitEnqueueable(overcommitIdle(total, 1.2, used), inqueue, minimum)).toBe(overcommitEnqueueBlockers(total, 1.2, used, inqueue, minimum).length === 0);
      }
    }
  });
});
