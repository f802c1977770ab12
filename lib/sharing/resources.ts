import { Quantity } from '../config/quantity';
import { ResourceList } from '../config/model';

/**
 * Resource amounts as Volcano's scheduler holds them (pkg/scheduler/api/resource_info.go, v1.15.1):
 * `cpu` in millicores, `memory` in bytes, every other resource in thousandths of a unit, as floating
 * point numbers. `cpu` and `memory` are always present; another resource may be absent, and absence
 * means "zero" or "unlimited" depending on the operation, exactly as in Volcano. Keeping Volcano's
 * units and absences is what makes the 0.1 tolerance of its comparisons and its edge cases carry over.
 */
export type Amounts = Readonly<Record<string, number>>;

/** How an operation reads a resource that is absent on one side: Volcano's `Zero` and `Infinity` defaults. */
export type Absent = 'zero' | 'unlimited';

/** Volcano's `minResource`: differences below it are equal, amounts below it are empty. */
export const TOLERANCE = 0.1;

const NANOS_PER_MILLI = 1_000_000n;
const NANOS_PER_UNIT = 1_000_000_000n;
const GI = 1024 ** 3;
const MI = 1024 ** 2;

/** Resources Volcano keeps outside its arithmetic (`pods` is a task count, not an amount). */
function isCounted(name: string): boolean {
  return name !== 'pods' && !name.startsWith('count/');
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return a / b + (a % b === 0n ? 0n : 1n);
}

/** Parses a resource list into amounts, rounding up as Volcano's `NewResource` does (MilliValue, Value). */
export function toAmounts(list: ResourceList | undefined): Amounts {
  const amounts: Record<string, number> = { cpu: 0, memory: 0 };
  for (const [name, text] of Object.entries(list ?? {})) {
    if (!isCounted(name)) continue;
    const nanos = Quantity.parse(text).nanos;
    amounts[name] = (amounts[name] ?? 0) + Number(name === 'memory' ? ceilDiv(nanos, NANOS_PER_UNIT) : ceilDiv(nanos, NANOS_PER_MILLI));
  }
  return amounts;
}

/** A resource list for amounts: cpu as whole cores or millicores, memory in Gi/Mi or bytes, others in units. */
export function toResourceList(amounts: Amounts): ResourceList {
  const list: Record<string, string> = {};
  for (const name of Object.keys(amounts).sort()) {
    const value = amounts[name];
    if (!Number.isFinite(value)) continue;
    if (name === 'memory') {
      const bytes = Math.round(value);
      list[name] = bytes % GI === 0 ? `${bytes / GI}Gi` : bytes % MI === 0 ? `${bytes / MI}Mi` : String(bytes);
    } else {
      const milli = Math.round(value);
      list[name] = milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
    }
  }
  return list;
}

/** One resource in a reader's units: cores for cpu, GiB for memory, units for the rest. */
export function inUnits(name: string, amount: number): number {
  return name === 'memory' ? amount / GI : amount / 1000;
}

/** Amounts from reader's units (cores, GiB, units): the inverse of {@link inUnits}. */
export function fromUnits(values: Readonly<Record<string, number>>): Amounts {
  const amounts: Record<string, number> = { cpu: 0, memory: 0 };
  for (const [name, value] of Object.entries(values)) amounts[name] = name === 'memory' ? value * GI : value * 1000;
  return amounts;
}

/**
 * Whether `a` holds cpu and memory, in that order, and nothing else: the amounts of most clusters and
 * jobs. The arithmetic below builds such amounts as literals, which the JIT makes at once, where the
 * general loops add each resource by name to an empty object.
 */
function cpuAndMemoryOnly(a: Amounts): boolean {
  let count = 0;
  for (const name in a) {
    if (count === 2 || name !== (count === 0 ? 'cpu' : 'memory')) return false;
    count += 1;
  }
  return count === 2;
}

/** `a + b`; a resource present on either side is present in the sum. */
export function add(a: Amounts, b: Amounts): Amounts {
  if (cpuAndMemoryOnly(a) && cpuAndMemoryOnly(b)) return { cpu: a.cpu + b.cpu, memory: a.memory + b.memory };
  // Plain loops, no spreads or entry arrays: the simulation adds amounts millions of times.
  const sum: Record<string, number> = {};
  for (const name in a) sum[name] = a[name];
  for (const name in b) sum[name] = (sum[name] ?? 0) + b[name];
  return sum;
}

/** `a - b`, allowed to go negative (Volcano's `sub`): only resources present in `a` change. */
export function subtract(a: Amounts, b: Amounts): Amounts {
  if (cpuAndMemoryOnly(a) && cpuAndMemoryOnly(b)) return { cpu: a.cpu - b.cpu, memory: a.memory - b.memory };
  const difference: Record<string, number> = {};
  for (const name in a) difference[name] = b[name] === undefined ? a[name] : a[name] - b[name];
  return difference;
}

/** Every amount times `ratio`. */
export function scale(a: Amounts, ratio: number): Amounts {
  if (cpuAndMemoryOnly(a)) return { cpu: a.cpu * ratio, memory: a.memory * ratio };
  const scaled: Record<string, number> = {};
  for (const name in a) scaled[name] = a[name] * ratio;
  return scaled;
}

/**
 * What rose and what fell from `before` to `after` (Volcano's `Diff` with an absent side as zero): cpu
 * and memory always appear on both sides; another resource only on the side it moved to (an unchanged
 * one on the `decreased` side, as zero).
 */
export function changes(after: Amounts, before: Amounts): { increased: Amounts; decreased: Amounts } {
  const increased: Record<string, number> = { cpu: 0, memory: 0 };
  const decreased: Record<string, number> = { cpu: 0, memory: 0 };
  const compare = (name: string) => {
    const l = after[name] ?? 0;
    const r = before[name] ?? 0;
    if (l > r) increased[name] = l - r;
    else decreased[name] = r - l;
  };
  for (const name in after) compare(name);
  for (const name in before) if (after[name] === undefined) compare(name);
  return { increased, decreased };
}

/** The part of `left` that exceeds `right`, per resource, never negative (Volcano's `ExceededPart`). */
export function exceeding(left: Amounts, right: Amounts): Amounts {
  return changes(left, right).increased;
}

/**
 * `a` with each resource lowered to `limit`'s (Volcano's `MinDimensionResource`). A resource of `a` absent
 * from `limit` is kept under `unlimited` and zeroed under `zero`; resources only in `limit` are not added.
 */
export function capAt(a: Amounts, limit: Amounts, absent: Absent): Amounts {
  const capped: Record<string, number> = {};
  for (const name in a) {
    const bound = limit[name];
    capped[name] = bound !== undefined ? Math.min(a[name], bound) : absent === 'zero' ? 0 : a[name];
  }
  return capped;
}

/** The larger of `a` and `b` per resource, negative amounts ignored (Volcano's `helpers.Max`). */
export function atLeast(a: Amounts, b: Amounts): Amounts {
  const result: Record<string, number> = { cpu: Math.max(a.cpu, b.cpu), memory: Math.max(a.memory, b.memory) };
  const take = (side: Amounts) => {
    for (const name in side) {
      const value = side[name];
      if (name === 'cpu' || name === 'memory' || value < 0) continue;
      result[name] = Math.max(value, result[name] ?? 0);
    }
  };
  take(a);
  take(b);
  return result;
}

/**
 * Whether every resource of `a` is at most `b`'s, within {@link TOLERANCE} (Volcano's `LessEqual`). Under
 * `unlimited`, a resource of `b` missing from `a` makes it false, and one of `a` missing from `b` passes.
 */
export function fitsWithin(a: Amounts, b: Amounts, absent: Absent): boolean {
  const le = (l: number, r: number) => l < r || Math.abs(l - r) < TOLERANCE;
  if (!le(a.cpu, b.cpu) || !le(a.memory, b.memory)) return false;
  if (absent === 'unlimited') for (const name in b) if (a[name] === undefined) return false;
  for (const name in a) {
    if (name === 'cpu' || name === 'memory') continue;
    if (b[name] === undefined && absent === 'unlimited') continue;
    if (!le(a[name], b[name] ?? 0)) return false;
  }
  return true;
}

/**
 * The resources a request asks for (amount above zero) on which `used` exceeds `limit`, compared exactly
 * (Volcano's `LessEqualWithDimensionAndResourcesName`). Empty means it fits; a resource absent from
 * `limit` counts as zero there.
 */
export function exceededFor(used: Amounts, limit: Amounts, request: Amounts): string[] {
  const exceeded: string[] = [];
  for (const name in request) {
    if (!(request[name] > 0) || !isCounted(name)) continue;
    if ((used[name] ?? 0) > (limit[name] ?? 0)) exceeded.push(name);
  }
  return exceeded.length > 1 ? exceeded.sort(byDimension) : exceeded;
}

/**
 * Whether `exceededFor(add(add(terms[0], terms[1]), ...), limit, request)` is empty, without building the
 * sums or the list: the simulation asks it for every job it admits or places.
 */
export function sumFits(terms: readonly Amounts[], limit: Amounts, request: Amounts): boolean {
  for (const name in request) {
    if (!(request[name] > 0) || !isCounted(name)) continue;
    // The sum's resource as `add` makes it, term by term: unchanged by a term that lacks it, else added to.
    let sum = terms[0][name];
    for (let i = 1; i < terms.length; i++) if (terms[i][name] !== undefined) sum = (sum ?? 0) + terms[i][name];
    if ((sum ?? 0) > (limit[name] ?? 0)) return false;
  }
  return true;
}

/** {@link sumFits} of two terms, `a` then `b`, without the list of terms. */
export function pairFits(a: Amounts, b: Amounts, limit: Amounts, request: Amounts): boolean {
  for (const name in request) {
    if (!(request[name] > 0) || !isCounted(name)) continue;
    let sum = a[name];
    if (b[name] !== undefined) sum = (sum ?? 0) + b[name];
    if ((sum ?? 0) > (limit[name] ?? 0)) return false;
  }
  return true;
}

/** Whether every amount is below {@link TOLERANCE} (Volcano's `IsEmpty`). */
export function isEmpty(a: Amounts): boolean {
  for (const name in a) if (!(a[name] < TOLERANCE)) return false;
  return true;
}

/** Exact equality, an absent resource equal to nothing but absence (as Volcano's deep equality). */
export function same(a: Amounts, b: Amounts): boolean {
  for (const name in a) if (a[name] !== b[name]) return false;
  for (const name in b) if (a[name] === undefined) return false;
  return true;
}

/** cpu first, then memory, then the rest by name: the order tables and messages list resources in. */
export function byDimension(a: string, b: string): number {
  const rank = (name: string) => (name === 'cpu' ? 0 : name === 'memory' ? 1 : 2);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Amounts with every resource of `names` unlimited: a demand no share can satisfy. */
export function unlimited(names: Iterable<string>): Amounts {
  const amounts: Record<string, number> = { cpu: Infinity, memory: Infinity };
  for (const name of names) amounts[name] = Infinity;
  return amounts;
}
