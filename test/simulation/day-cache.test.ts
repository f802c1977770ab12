import * as fs from 'fs';
import { prepareEnvironments } from '../../lib/config';
import { cachedDay, dayCacheFile } from '../../lib/simulation/day-cache';
import { dayInputs, simulateScenario } from '../../lib/simulation/report';
import { ENVIRONMENTS } from '../../stacks/environments';
import { cacheOnThroughout, withCache } from '../support/cache';

// toEqual, not toStrictEqual: v8.deserialize builds its objects in node's realm, not the test's (toEqual
// still tells -0 from 0 and compares NaN as equal).

/** The module as a new process loads it: nothing in memory, only what is on disk. */
function inNextRun<T>(body: (modules: { cachedDay: typeof cachedDay; simulateScenario: typeof simulateScenario }) => T): T {
  let result: T | undefined;
  jest.isolateModules(() => {
    result = body({ cachedDay: require('../../lib/simulation/day-cache').cachedDay, simulateScenario: require('../../lib/simulation/report').simulateScenario });
  });
  return result!;
}

describe('simulated days kept between synthesis runs (lib/simulation/day-cache.ts)', () => {
  cacheOnThroughout(); // these tests are about the cache itself
  const nonce = `${process.pid}-${Date.now()}`;
  const written: unknown[] = [];
  afterAll(() => {
    for (const input of written) fs.rmSync(dayCacheFile(input) ?? '/nonexistent', { force: true });
  });

  it('computes once per inputs, and again for other inputs; the next run reads the day from disk', () => {
    const a = { nonce, seed: 1 };
    const b = { nonce, seed: 2 };
    written.push(a, b);
    let runs = 0;
    const compute = () => ({ run: ++runs, waits: [NaN, Infinity, -0, 0.1 + 0.2] });
    expect(cachedDay(a, compute)).toEqual({ run: 1, waits: [NaN, Infinity, -0, 0.30000000000000004] });
    expect(cachedDay(a, compute)).toEqual({ run: 1, waits: [NaN, Infinity, -0, 0.30000000000000004] });
    expect(Object.is(cachedDay(a, compute).waits[2], -0)).toBe(true);
    expect(cachedDay(b, compute).run).toBe(2);
    expect(fs.existsSync(dayCacheFile(a)!)).toBe(true);
    const next = inNextRun((m) => m.cachedDay(a, compute));
    expect(next).toEqual({ run: 1, waits: [NaN, Infinity, -0, 0.30000000000000004] });
    expect(Object.is(next.waits[2], -0)).toBe(true);
    expect(runs).toBe(2);
  });

  it('computes every time with VOLCANO_PLATFORM_CACHE=off (writing nothing), and for inputs v8 cannot serialize', () => {
    let runs = 0;
    const inputs = { nonce, off: true };
    withCache('off', () => {
      cachedDay(inputs, () => ++runs);
      cachedDay(inputs, () => ++runs);
    });
    expect(runs).toBe(2);
    expect(fs.existsSync(dayCacheFile(inputs)!)).toBe(false);
    const unserializable = { nonce, f: () => 1 };
    expect(dayCacheFile(unserializable)).toBeUndefined();
    cachedDay(unserializable, () => ++runs);
    cachedDay(unserializable, () => ++runs);
    expect(runs).toBe(4);
  });

  it('a day served from disk is the day computed, to the last bit', () => {
    const [, prod] = prepareEnvironments(ENVIRONMENTS);
    const scenario = { ...prod.workload!.scenarios[0], name: `cache-test-${nonce}` };
    const inputs = dayInputs(prod, scenario);
    written.push(inputs);
    // Nothing is kept for a scenario of this name yet: this run computes the day (and hands back what it
    // computed, not the bytes it wrote), then keeps it on disk.
    expect(fs.existsSync(dayCacheFile(inputs)!)).toBe(false);
    const computed = simulateScenario(prod, scenario, undefined, { cached: true });
    expect(fs.existsSync(dayCacheFile(inputs)!)).toBe(true);
    const served = inNextRun((m) => m.simulateScenario(prod, scenario, undefined, { cached: true }));
    expect(served).toEqual(computed);
  });
});
