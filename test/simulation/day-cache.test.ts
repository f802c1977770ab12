import * as fs from 'fs';
import { prepareEnvironments } from '../../lib/config';
import { cachedDay, dayCacheFile } from '../../lib/simulation/day-cache';
import { simulateScenario } from '../../lib/simulation/report';
import { simulationSetup } from '../../lib/simulation/setup';
import { ENVIRONMENTS } from '../../stacks/environments';

// toEqual, not toStrictEqual: v8.deserialize builds its objects in node's realm, not the test's (toEqual
// still tells -0 from 0 and compares NaN as equal).

/** Runs `body` as synthesis runs (outside jest, where the cache is used), removing what it wrote. */
function outsideJest<T>(inputs: unknown[], body: () => T): T {
  const worker = process.env.JEST_WORKER_ID;
  delete process.env.JEST_WORKER_ID;
  try {
    return body();
  } finally {
    process.env.JEST_WORKER_ID = worker;
    for (const input of inputs) fs.rmSync(dayCacheFile(input) ?? '/nonexistent', { force: true });
  }
}

describe('simulated days kept between synthesis runs (lib/simulation/day-cache.ts)', () => {
  const nonce = `${process.pid}-${Date.now()}`;

  it('computes once per inputs, and again for other inputs', () => {
    const a = { nonce, seed: 1 };
    const b = { nonce, seed: 2 };
    let runs = 0;
    const compute = () => ({ run: ++runs, waits: [NaN, Infinity, -0, 0.1 + 0.2] });
    outsideJest([a, b], () => {
      expect(cachedDay(a, compute)).toEqual({ run: 1, waits: [NaN, Infinity, -0, 0.30000000000000004] });
      expect(cachedDay(a, compute)).toEqual({ run: 1, waits: [NaN, Infinity, -0, 0.30000000000000004] });
      expect(Object.is(cachedDay(a, compute).waits[2], -0)).toBe(true);
      expect(cachedDay(b, compute).run).toBe(2);
    });
    expect(runs).toBe(2);
  });

  it('under jest: computes once per test process and writes nothing; computes every time for inputs v8 cannot serialize', () => {
    let runs = 0;
    const inputs = { nonce, underJest: true };
    expect(cachedDay(inputs, () => ({ run: ++runs }))).toEqual({ run: 1 });
    expect(cachedDay(inputs, () => ({ run: ++runs }))).toEqual({ run: 1 });
    expect(runs).toBe(1);
    expect(fs.existsSync(dayCacheFile(inputs)!)).toBe(false);
    const unserializable = { nonce, f: () => 1 };
    expect(dayCacheFile(unserializable)).toBeUndefined();
    cachedDay(unserializable, () => ++runs);
    cachedDay(unserializable, () => ++runs);
    outsideJest([], () => {
      cachedDay(unserializable, () => ++runs);
      cachedDay(unserializable, () => ++runs);
    });
    expect(runs).toBe(5);
  });

  it('a day served from the cache is the day computed, to the last bit', () => {
    const [, prod] = prepareEnvironments(ENVIRONMENTS);
    const scenario = { ...prod.workload!.scenarios[0], name: `cache-test-${nonce}` };
    const computed = simulateScenario(prod, scenario);
    const served = outsideJest([{ setup: simulationSetup(prod), scenario, seed: 1 }], () => {
      simulateScenario(prod, scenario, undefined, { cached: true });
      return simulateScenario(prod, scenario, undefined, { cached: true });
    });
    expect(served).toEqual(computed);
  });
});
