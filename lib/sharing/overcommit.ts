import { Amounts, add, exceededFor, pairFits, scale, subtract } from './resources';

/**
 * Volcano's `overcommit` plugin (pkg/scheduler/plugins/overcommit/overcommit.go, v1.15.1): enqueue admits
 * jobs while the minimum resources of admitted jobs fit in the cluster times a factor, less what runs.
 */

/** The plugin's default `overcommit-factor`. */
export const DEFAULT_OVERCOMMIT_FACTOR = 1.2;

/** The factor the plugin uses: the configured one, or the default when absent or below 1. */
export function effectiveOvercommitFactor(configured: number | undefined): number {
  return configured !== undefined && configured >= 1 ? configured : DEFAULT_OVERCOMMIT_FACTOR;
}

/**
 * Job enqueueable: the resources that do not fit when the admitted jobs' minimum resources (`inqueue`)
 * plus this job's (`minimum`) are compared, on the resources the job asks for, with `total` x `factor`
 * minus `used`. Empty means the job may be admitted.
 */
export function overcommitEnqueueBlockers(total: Amounts, factor: number, used: Amounts, inqueue: Amounts, minimum: Amounts): string[] {
  return exceededFor(add(inqueue, minimum), overcommitIdle(total, factor, used), minimum);
}

/** What the plugin lets admitted jobs' minimum resources add up to: `total` x `factor` minus `used`. */
export function overcommitIdle(total: Amounts, factor: number, used: Amounts): Amounts {
  return subtract(scale(total, factor), used);
}

/** Whether {@link overcommitEnqueueBlockers} finds none, given {@link overcommitIdle}, told without building the sum. */
export function overcommitEnqueueable(idle: Amounts, inqueue: Amounts, minimum: Amounts): boolean {
  return pairFits(inqueue, minimum, idle, minimum);
}
