/**
 * A CEL environment for admission expressions, as strict as the API server where it matters to us. It
 * is NOT the full Kubernetes CEL library: only what the platform's policies use is implemented, after
 * Kubernetes' own (k8s.io/apiserver/pkg/cel/library):
 * - the quantity library: `quantity()`, `isQuantity()` and the Quantity methods `sign`, `isInteger`,
 *   `asInteger`, `asApproximateFloat`, `add`, `sub`, `isLessThan`, `isGreaterThan`, `compareTo` and `==`;
 * - the list library's `sum()`, for lists of int, uint, double and duration only.
 * Not implemented (an expression using them fails the type check): the rest of the lists library
 * (`isSorted`, `min`, `max`, `indexOf`, ...), regex, URLs, IP/CIDR, authorizer, format, semver.
 * `@marcbachmann/cel-js` provides the standard macros and the extended strings library (`split`, `join`,
 * `trim`, ...) that Kubernetes also enables.
 *
 * Like the API server: only the admission variables exist (an unknown name such as `namespaceObjet` is
 * an error, not a dynamic value), and list and map literals must be homogeneous (`[1, "a"]` is refused).
 * The variables themselves are dynamic, as for objects without a schema.
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

/** The variables the API server declares for ValidatingAdmissionPolicy expressions; no others exist. */
export const ADMISSION_VARIABLES = ['object', 'oldObject', 'request', 'namespaceObject', 'params', 'authorizer', 'variables'] as const;

/** A fresh CEL environment for admission expressions: the admission variables (dynamic) and nothing else. */
export function kubernetesCelEnvironment(): Environment {
  const env = new Environment({ unlistedVariablesAreDyn: false, homogeneousAggregateLiterals: true });
  for (const name of ADMISSION_VARIABLES) env.registerVariable(name, 'dyn');
  const zeroDuration = env.evaluate('duration("0s")') as { addDuration(other: unknown): unknown };
  return env
    .registerType('Quantity', CelQuantity)
    .registerFunction('quantity(string): Quantity', quantityOf)
    .registerFunction('isQuantity(string): bool', (text: string) => parseStrict(text) !== undefined)
    .registerFunction('Quantity.sign(): int', (q: CelQuantity) => BigInt(q.quantity.compare(Quantity.ZERO)))
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
    .registerFunction('Quantity.sub(Quantity): Quantity', (a: CelQuantity, b: CelQuantity) => new CelQuantity(a.quantity.subtract(b.quantity)))
    .registerFunction('Quantity.sub(int): Quantity', (a: CelQuantity, b: bigint) => new CelQuantity(a.quantity.add(fromInt(-b).quantity)))
    .registerFunction('Quantity.isLessThan(Quantity): bool', (a: CelQuantity, b: CelQuantity) => cmp(a, b) < 0)
    .registerFunction('Quantity.isGreaterThan(Quantity): bool', (a: CelQuantity, b: CelQuantity) => cmp(a, b) > 0)
    .registerFunction('Quantity.compareTo(Quantity): int', (a: CelQuantity, b: CelQuantity) => BigInt(cmp(a, b)))
    .registerOperator('Quantity == Quantity', (a: CelQuantity, b: CelQuantity) => cmp(a, b) === 0)
    // Kubernetes' list library: `sum()` of ints, uints, doubles or durations only (0 for an empty list).
    .registerFunction('list<int>.sum(): int', (list: bigint[]) => list.reduce((a, b) => a + b, 0n))
    .registerFunction('list<uint>.sum(): uint', (list: bigint[]) => list.reduce((a, b) => a + b, 0n))
    .registerFunction('list<double>.sum(): double', (list: number[]) => list.reduce((a, b) => a + b, 0))
    .registerFunction('list<google.protobuf.Duration>.sum(): google.protobuf.Duration',
      (list: unknown[]) => list.reduce((a: any, b) => a.addDuration(b), zeroDuration));
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
