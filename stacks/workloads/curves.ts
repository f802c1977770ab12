/**
 * A working day's shape, hour 0 to 23 (cluster time): quiet nights, a ramp from 7:00, full load from
 * 9:00 to 17:00, an evening tail. Multiply by a class's peak-hour rate.
 */
const WORKING_DAY: readonly number[] = [
  0.15, 0.15, 0.15, 0.15, 0.15, 0.15, 0.15, 0.4, 0.8,
  1, 1, 1, 1, 1, 1, 1, 1, 1,
  0.8, 0.5, 0.3, 0.2, 0.15, 0.15,
];

/** Hourly arrival rates following a working day, peaking at `peakPerHour` (rounded to 0.01/h). */
export function workingDay(peakPerHour: number): number[] {
  return WORKING_DAY.map((factor) => Math.round(factor * peakPerHour * 100) / 100);
}

/** The same rates times `factor` (a scenario with more, or less, of the same work). */
export function scaled(rates: number | readonly number[], factor: number): number | number[] {
  const scale = (rate: number) => Math.round(rate * factor * 100) / 100;
  return typeof rates === 'number' ? scale(rates) : rates.map(scale);
}
