import { Quantity } from '../../lib/config/quantity';

describe('Quantity', () => {
  test.each([
    ['1', 1_000_000_000n],
    ['500m', 500_000_000n],
    ['0.5', 500_000_000n],
    ['.5', 500_000_000n],
    ['1Ki', 1024n * 1_000_000_000n],
    ['16Gi', 16n * 1024n ** 3n * 1_000_000_000n],
    ['2k', 2_000n * 1_000_000_000n],
    ['1e3', 1_000n * 1_000_000_000n],
    ['1E3', 1_000n * 1_000_000_000n],
    ['1E', 10n ** 18n * 1_000_000_000n],
    ['100n', 100n],
    ['1.5u', 1_500n],
    ['0.1n', 1n], // rounds up to the nearest nano, as the API server does
    ['-2', -2_000_000_000n],
  ])('parses %s exactly', (text, nanos) => {
    expect(Quantity.parse(text).nanos).toBe(nanos);
  });

  test.each(['', 'abc', '1.2.3', '10 Gi', '1gi', 'Gi', '1Kb', '--1', '1e', '0x10'])('rejects %p', (text) => {
    expect(() => Quantity.parse(text)).toThrow(`"${text}" is not a Kubernetes quantity`);
  });

  test('compares across notations', () => {
    expect(Quantity.parse('1Gi').compare(Quantity.parse('1G'))).toBe(1);
    expect(Quantity.parse('1000m').compare(Quantity.parse('1'))).toBe(0);
    expect(Quantity.parse('999m').compare(Quantity.parse('1'))).toBe(-1);
  });

  test('sums and formats canonically, echoing user text for parsed values', () => {
    expect(Quantity.sum(['16Gi', '32Gi'].map((q) => Quantity.parse(q))).canonical()).toBe('48Gi');
    expect(Quantity.sum(['8', '16', '32'].map((q) => Quantity.parse(q))).canonical()).toBe('56');
    expect(Quantity.sum(['500m', '1'].map((q) => Quantity.parse(q))).canonical()).toBe('1500m');
    expect(Quantity.sum([]).canonical()).toBe('0');
    expect(Quantity.parse('0.5Gi').toString()).toBe('0.5Gi');
    expect(Quantity.parse('0.5Gi').canonical()).toBe('512Mi');
  });

  test('subtracts and negates exactly', () => {
    expect(Quantity.parse('1Ti').subtract(Quantity.parse('416Gi')).canonical()).toBe('608Gi');
    expect(Quantity.parse('250m').subtract(Quantity.parse('1')).canonical()).toBe('-750m');
    expect(Quantity.parse('1n').subtract(Quantity.parse('-2n')).nanos).toBe(3n);
    expect(Quantity.parse('16Gi').negate().canonical()).toBe('-16Gi');
    expect(Quantity.parse('-3').negate().canonical()).toBe('3');
    expect(Quantity.ZERO.negate().isZero()).toBe(true);
    expect(Quantity.ZERO.toString()).toBe('0');
  });
});
