/**
 * The sharing model: how Volcano v1.15.1 divides a cluster between queues, as pure functions.
 *
 * Stable entry point for other concerns (the reviewer diff merges against it; do not rename):
 * `sharesUnderFullContention(env: ResolvedEnvironment): QueueShare[]` in `lib/sharing/environment.ts`,
 * each `{ queue, resources }` with `resources` a resource list such as `{ cpu: '32', memory: '64Gi' }`.
 */
export * from './resources';
export * from './proportion';
export * from './capacity';
export * from './overcommit';
export * from './environment';
