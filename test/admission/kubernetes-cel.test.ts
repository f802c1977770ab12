import { kubernetesCelEnvironment, toCel } from '../support/kubernetes-cel';

const env = kubernetesCelEnvironment();
const evaluate = (expression: string, context: Record<string, unknown> = {}) => env.evaluate(expression, context);

describe('the Kubernetes CEL functions of the test harness', () => {
  test.each([
    ['quantity("1Gi").compareTo(quantity("1024Mi"))', 0n],
    ['quantity("10").isGreaterThan(quantity("9"))', true],
    ['quantity("500m").isLessThan(quantity("0.5"))', false],
    ['quantity("1025Mi").isGreaterThan(quantity("1Gi"))', true],
    ['quantity("1").compareTo(quantity("1001m"))', -1n],
    ['quantity("1e3").compareTo(quantity("1k"))', 0n],
    ['quantity("1Gi").add(quantity("1Gi")) == quantity("2Gi")', true],
    ['quantity("1").add(1).compareTo(quantity("2"))', 0n],
    ['quantity("1").sub(quantity("1500m")).sign()', -1n],
    ['quantity("0").sign()', 0n],
    ['quantity("1500m").isInteger()', false],
    ['quantity("2k").asInteger()', 2000n],
    ['isQuantity("16Gi")', true],
    ['isQuantity("16 Gi")', false],
    ['isQuantity(" 1")', false],
    ['isQuantity("lots")', false],
    ['[1, 2, 3].sum()', 6n],
    ['[].sum()', 0n],
    ['[0.5, 0.25].sum()', 0.75],
    ['"a, b,,c".split(",").map(v, v.trim()).filter(v, v != "")', ['a', 'b', 'c']],
    ['["a", "b"].join(", ")', 'a, b'],
  ])('%s is %p', (expression, expected) => {
    expect(evaluate(expression)).toEqual(expected);
  });

  test.each(['quantity("1 Gi")', 'quantity("")', 'quantity("1.5").asInteger()', '["a", 1].sum()'])('%s is an error', (expression) => {
    expect(() => evaluate(expression)).toThrow();
  });

  test('JSON integers become CEL ints, so replicas add up and compare with int literals', () => {
    const object = toCel({ spec: { tasks: [{ replicas: 2 }, { replicas: 3 }], minAvailable: 5 } });
    expect(evaluate('object.spec.tasks.map(t, t.replicas).sum() == object.spec.minAvailable', { object })).toBe(true);
    expect(evaluate('string(object.spec.minAvailable)', { object })).toBe('5');
  });

  test('a missing field is an error, and has() guards it', () => {
    const object = toCel({ spec: {} });
    expect(() => evaluate('object.spec.queue == ""', { object })).toThrow();
    expect(evaluate('has(object.spec.queue)', { object })).toBe(false);
  });
});
