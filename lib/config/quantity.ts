/**
 * Kubernetes resource quantities (`500m`, `16Gi`, `1e3`, `0.5`), parsed exactly.
 *
 * Values are held as an integer count of nano-units (BigInt), the finest scale Kubernetes keeps,
 * rounding up as the API server does. That makes comparison and addition exact, which matters when
 * validation compares sums of guarantees against a cluster's capacity.
 */

const NANOS_PER_UNIT = 1_000_000_000n;

const BINARY_SUFFIXES: ReadonlyArray<readonly [string, bigint]> = [
  ['Ki', 1024n],
  ['Mi', 1024n ** 2n],
  ['Gi', 1024n ** 3n],
  ['Ti', 1024n ** 4n],
  ['Pi', 1024n ** 5n],
  ['Ei', 1024n ** 6n],
];

/** Decimal SI suffixes as powers of ten. */
const DECIMAL_EXPONENTS: Readonly<Record<string, number>> = {
  n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18,
};

const QUANTITY_PATTERN = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]))?$/;

/** Thrown by {@link Quantity.parse} for text that is not a Kubernetes quantity. */
export class QuantityError extends Error {}

/** An exact Kubernetes quantity. */
export class Quantity {
  /** Parses `text` or throws a {@link QuantityError} saying why it is not a quantity. */
  public static parse(text: string | number): Quantity {
    const source = String(text).trim();
    const match = QUANTITY_PATTERN.exec(source);
    if (!match) {
      throw new QuantityError(`"${text}" is not a Kubernetes quantity (e.g. 500m, 4, 16Gi)`);
    }
    const [, sign, number, exponentPart, suffix] = match;
    const [integerDigits, fractionDigits = ''] = number.split('.');
    const mantissa = BigInt((integerDigits || '0') + fractionDigits);
    let exponent10 = -fractionDigits.length;
    let multiplier = 1n;
    let binary = false;
    if (exponentPart !== undefined) {
      exponent10 += Number(exponentPart.slice(1));
    } else if (suffix !== undefined && suffix.endsWith('i')) {
      multiplier = BINARY_SUFFIXES.find(([s]) => s === suffix)![1];
      binary = true;
    } else {
      exponent10 += DECIMAL_EXPONENTS[suffix ?? ''];
    }
    // nanos = mantissa * multiplier * 10^(exponent10 + 9), rounded up like the API server does.
    const scale = exponent10 + 9;
    let nanos: bigint;
    if (scale >= 0) {
      nanos = mantissa * multiplier * 10n ** BigInt(scale);
    } else {
      const divisor = 10n ** BigInt(-scale);
      const product = mantissa * multiplier;
      nanos = product / divisor + (product % divisor === 0n ? 0n : 1n);
    }
    return new Quantity(sign === '-' ? -nanos : nanos, binary, source);
  }

  /** Like {@link parse}, but returns `undefined` instead of throwing. */
  public static tryParse(text: string | number): Quantity | undefined {
    try {
      return Quantity.parse(text);
    } catch (error) {
      if (error instanceof QuantityError) return undefined;
      throw error;
    }
  }

  /** Zero, formatted as `0`. */
  public static readonly ZERO = new Quantity(0n, false);

  /** The sum of `quantities`; zero for an empty list. Binary formatting wins if any operand used it. */
  public static sum(quantities: Iterable<Quantity>): Quantity {
    let total = Quantity.ZERO;
    for (const quantity of quantities) total = total.add(quantity);
    return total;
  }

  private constructor(
    /** The value in nano-units (1 = 10^-9 of the unit). */
    public readonly nanos: bigint,
    /** Whether the value was written with a binary suffix (Ki, Mi, Gi, ...); only affects formatting. */
    private readonly binary: boolean,
    /** The text this quantity was parsed from, kept so messages echo what the user wrote. */
    private readonly source?: string,
  ) {}

  public add(other: Quantity): Quantity {
    return new Quantity(this.nanos + other.nanos, this.binary || other.binary);
  }

  /** `this - other`, exactly. Binary formatting wins if either operand used it. */
  public subtract(other: Quantity): Quantity {
    return this.add(other.negate());
  }

  /** The same amount with the opposite sign; keeps binary formatting. */
  public negate(): Quantity {
    return new Quantity(-this.nanos, this.binary);
  }

  public compare(other: Quantity): -1 | 0 | 1 {
    return this.nanos < other.nanos ? -1 : this.nanos > other.nanos ? 1 : 0;
  }

  public isNegative(): boolean {
    return this.nanos < 0n;
  }

  /** Whether the quantity is a whole number of units (`2`, `1k`), not a fraction (`500m`, `1.5`). */
  public isWhole(): boolean {
    return this.nanos % 1_000_000_000n === 0n;
  }

  public isZero(): boolean {
    return this.nanos === 0n;
  }

  /** The user's own text for parsed quantities; a compact canonical form for computed ones. */
  public toString(): string {
    return this.source ?? this.canonical();
  }

  /** A compact canonical form: `48Gi`, `56`, `1500m`. */
  public canonical(): string {
    const negative = this.nanos < 0n;
    const magnitude = negative ? -this.nanos : this.nanos;
    const text = Quantity.formatMagnitude(magnitude, this.binary);
    return negative ? `-${text}` : text;
  }

  private static formatMagnitude(nanos: bigint, binary: boolean): string {
    if (nanos % NANOS_PER_UNIT === 0n) {
      const units = nanos / NANOS_PER_UNIT;
      if (binary && units !== 0n) {
        for (const [suffix, factor] of [...BINARY_SUFFIXES].reverse()) {
          if (units % factor === 0n) return `${units / factor}${suffix}`;
        }
      }
      return `${units}`;
    }
    if (nanos % 1_000_000n === 0n) return `${nanos / 1_000_000n}m`;
    if (nanos % 1_000n === 0n) return `${nanos / 1_000n}u`;
    return `${nanos}n`;
  }
}
