import { kubernetesCelEnvironment, toCel } from '../support/kubernetes-cel';
test('cel', () => {
  const env = kubernetesCelEnvironment();
  const ctx = { object: toCel({ spec: { a: 1, tasks: [{ replicas: 2 }, { replicas: 3 }], r: { 'nvidia.com/gpu': 2, cpu: '500m' } } }), variables: {} as any };
  Object.defineProperty(ctx.variables, 'x', { get: () => env.evaluate('object.spec.a + 1', ctx), enumerable: true });
  expect(env.evaluate('"a,b".split(",")', {})).toEqual(['a','b']);
  expect(env.evaluate('object.spec.tasks.map(t, t.replicas).sum()', ctx)).toBe(5n);
  expect(env.evaluate('[].sum()', ctx)).toBe(0n);
  expect(env.evaluate('variables.x', ctx)).toBe(2n);
  expect(env.evaluate('"cpu" in object.spec.r && has(object.spec.a) && !has(object.spec.b)', ctx)).toBe(true);
  expect(env.evaluate('quantity(string(object.spec.r["nvidia.com/gpu"])).isGreaterThan(quantity("0"))', ctx)).toBe(true);
  expect(env.evaluate('quantity(string(object.spec.r["cpu"])).compareTo(quantity("0.5"))', ctx)).toBe(0n);
  expect(env.evaluate('quantity("1Gi").add(quantity("1Gi")) == quantity("2Gi")', ctx)).toBe(true);
  expect(env.evaluate('quantity("1").sub(2).sign()', ctx)).toBe(-1n);
  expect(() => env.evaluate('object.spec.missing', ctx)).toThrow();
  expect(() => env.evaluate('quantity("1 Gi")', ctx)).toThrow();
  expect(env.evaluate('object.spec.tasks.map(t, [string(t.replicas)]).map(l, l.join(",")).join(";")', ctx)).toBe('2;3');
});
