import { deserialize, serialize } from 'v8';
import { cacheFile } from '../../lib/cache/persistent';
import { canonicalText } from '../../lib/cache/canonical-text';
import { prepareEnvironments, resolveEnvironment } from '../../lib/config';
import { Problems } from '../../lib/config/problems';
import { checkShape } from '../../lib/config/validate-shape';
import { dayInputs } from '../../lib/simulation/report';
import { ENVIRONMENTS } from '../../stacks/environments';

// lib/cache/canonical-text.ts: the text cache keys are hashed from, one per value as data.

/** Nested data with the numbers v8 writes specially. */
const sample = () => ({ list: [1, 2, { deep: [-0, NaN, Infinity] }], map: new Map([['a', 1]]) });

describe('the canonical text of a cache key', () => {
  test.each<[string, () => unknown, () => unknown]>([
    // V8 keeps an array that once held a double as doubles, and v8.serialize writes it so.
    ['an array whose elements once included a double', () => [1, 2, 3], () => {
      const values = [1, 2, 3.5];
      values[2] = 3;
      return values;
    }],
    ['a value read back from the cache', sample, () => deserialize(serialize(sample()))],
  ])('is the same for equal data however V8 holds it: %s', (_, literal, built) => {
    expect(canonicalText(built())).toBe(canonicalText(literal()));
    expect(cacheFile('kind', built())).toBe(cacheFile('kind', literal()));
  });

  test('is the same for an environment\'s declared day whether the environment was validated or only resolved', () => {
    const validated = prepareEnvironments(ENVIRONMENTS);
    const resolvedOnly = ENVIRONMENTS.map((definition) => {
      expect(checkShape(definition, new Problems(definition.name))).toBe(true);
      return resolveEnvironment(definition);
    });
    const files = (envs: typeof validated) => envs.flatMap((env) => (env.workload ? [cacheFile('simulation', dayInputs(env, env.workload.scenarios[0]))] : []));
    expect(files(resolvedOnly)).toEqual(files(validated));
    expect(files(validated).every((file) => file !== undefined)).toBe(true);
  });

  const shared = { a: 1 };
  test.each<[string, unknown, unknown]>([
    ['0 and -0', 0, -0],
    ['NaN and null', NaN, null],
    ['null and undefined', null, undefined],
    ['a number and its text', 1, '1'],
    ['a hole and undefined', [, 1], [undefined, 1]],
    ['the same keys in another order', { a: 1, b: 2 }, { b: 2, a: 1 }],
    ['a Map and an object of its entries', new Map([['a', 1]]), { a: 1 }],
    ['a Set and an array of its values', new Set([1, 2]), [1, 2]],
    ['one object held twice and two equal copies', [shared, shared], [{ a: 1 }, { a: 1 }]],
    ['texts that split the same characters differently', ['ab', 'c'], ['a', 'bc']],
    ['keys that split the same characters differently', { ab: 1, c: 2 }, { a: 1, bc: 2 }],
    ['typed arrays of another kind with the same bytes', new Uint8Array([1, 0]), new Int8Array([1, 0])],
    ['dates a millisecond apart', new Date(0), new Date(1)],
  ])('tells apart different data: %s', (_, a, b) => {
    expect(canonicalText(a)).not.toBe(canonicalText(b));
  });

  test.each<[string, unknown]>([
    ['a function', { compute: () => 1 }],
    ['a symbol', [Symbol('x')]],
    ['an instance of a class (which may keep its state where no key shows it)', { at: new (class Counter { #count = 1; get count() { return this.#count; } })() }],
  ])('names no value holding %s: such inputs are not kept', (_, value) => {
    expect(() => canonicalText(value)).toThrow(TypeError);
    expect(cacheFile('kind', value)).toBeUndefined();
  });
});
