/**
 * A CEL environment with the Kubernetes CEL libraries the platform's policies use, implemented after
 * Kubernetes' own (k8s.io/apiserver/pkg/cel/library): `quantity()`/`isQuantity()` and the Quantity
 * methods, and the list library's `sum()`. `@marcbachmann/cel-js` already provides the standard macros
 * and the extended strings library (`split`, `join`, `trim`, ...) that Kubernetes also enables.
 *
 * Quantities use the project's exact implementation (lib/config/quantity.ts), so comparisons and sums
 * are exact the way resource.Quantity's are.
 */
import { Environment } from '@marcbachmann/cel-js';
import { Quantity } from '../../lib/config/quantity';

/** The CEL value of a Kubernetes quantity (`kubernetes.Quantity` in the API server). */
export class CelQuantity {
  constructor(public readonly quantity: Quantity) {}
}

/** Kubernetes' `resource.ParseQuantity` refuses surrounding blanks; our parser trims, so check first. */
function parseStrict(text: string): Quantity | undefined {
  if (text !== text.trim() || text === '') return undefined;
  return Quantity.tryParse(text);
}

function quantityOf(text: string): CelQuantity {
  const parsed = parseStrict(text);
  if (parsed === undefined) throw new Error(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': ${text}`);
  return new CelQuantity(parsed);
}

const fromInt = (n: bigint) => new CelQuantity(Quantity.parse(n.toString()));
const cmp = (a: CelQuantity, b: CelQuantity) => a.quantity.compare(b.quantity);
const NANOS = 1_000_000_000n;
const INT64_MAX = 2n ** 63n - 1n;

/** A fresh CEL environment for admission expressions: every variable is dynamic, as for unstructured objects. */
export function kubernetesCelEnvironment(): Environment {
  return new Environment({ unlistedVariablesAreDyn: true, homogeneousAggregateLiterals: false })
    .registerType('Quantity', CelQuantity)
    .registerFunction('quantity(string): Quantity', quantityOf)
    .registerFunction('isQuantity(string): bool', (text: string) => parseStrict(text) !== undefined)
    .registerFunction('Quantity.sign(): int', (q: CelQuantity) => BigInt(q.quantity.compare(Quantity.parse('0'))))
    .registerFunction('Quantity.isInteger(): bool', (q: CelQuantity) => q.quantity.nanos % NANOS === 0n)
    .registerFunction('Quantity.asInteger(): int', (q: CelQuantity) => {
      if (q.quantity.nanos % NANOS !== 0n) throw new Error('cannot convert value to integer');
      const value = q.quantity.nanos / NANOS;
      if (value > INT64_MAX || value < -INT64_MAX - 1n) throw new Error('cannot convert value to integer');
      return value;
    })
    .registerFunction('Quantity.asApproximateFloat(): double', (q: CelQuantity) => Number(q.quantity.nanos) / 1e9)
    .registerFunction('Quantity.add(Quantity): Quantity', (a: CelQuantity, b: CelQuantity) => new CelQuantity(a.quantity.add(b.quantity)))
    .registerFunction('Quantity.add(int): Quantity', (a: CelQuantity, b: bigint) => new CelQuantity(a.quantity.add(fromInt(b).quantity)))
    .registerFunction('Quantity.sub(Quantity): Quantity', (a: CelQuantity, b: CelQuantity) => new CelQuantity(a.quantity.add(negate(b.quantity))))
    .registerFunction('Quantity.sub(int): Quantity', (a: CelQuantity, b: bigint) => new CelQuantity(a.quantity.add(fromInt(-b).quantity)))
    .registerFunction('Quantity.isLessThan(Quantity): bool', (a: CelQuantity, b: CelQuantity) => cmp(a, b) < 0)
    .registerFunction('Quantity.isGreaterThan(Quantity): bool', (a: CelQuantity, b: CelQuantity) => cmp(a, b) > 0)
    .registerFunction('Quantity.compareTo(Quantity): int', (a: CelQuantity, b: CelQuantity) => BigInt(cmp(a, b)))
    .registerOperator('Quantity == Quantity', (a: CelQuantity, b: CelQuantity) => cmp(a, b) === 0)
    // Kubernetes' list library: `sum()` of ints (0 for an empty list) or doubles.
    .registerFunction('list.sum(): dyn', (list: unknown[]) => {
      if (list.length === 0) return 0n;
      if (list.every((v) => typeof v === 'bigint')) return (list as bigint[]).reduce((a, b) => a + b, 0n);
      if (list.every((v) => typeof v === 'number')) return (list as number[]).reduce((a, b) => a + b, 0);
      throw new Error('sum(): list must hold only ints or only doubles');
    });
}

function negate(q: Quantity): Quantity {
  const n = q.nanos;
  const text = `${n < 0n ? '' : '-'}${(n < 0n ? -n : n).toString()}n`;
  return Quantity.parse(text);
}

/**
 * Converts a JSON object (as the API server decodes it) to CEL values: whole numbers become CEL ints
 * (BigInt). Everything else is kept.
 */
export function toCel(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map(toCel);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toCel(v)]));
  }
  return value;
}
