/**
 * The workload simulation: profiles and their validation, a queue-level day of Volcano's scheduler, the
 * SLA verdicts and the environment page's section.
 *
 * Entry points other concerns may rely on (keep their names and signatures):
 * - `declaredOutcome(env)` (`docs.ts`): the declared workload's day with the default seed, memoized per
 *   resolved environment; its `verdicts` are `{ sla, queues, target, p95?, verdict: 'met' | 'miss' | 'no load' }`.
 * - `simulateScenario(env, scenario, seed?)` (`report.ts`): any scenario, any seed.
 */
export * from './profile';
export * from './jobs';
export * from './report';
export * from './docs';
export * from './session';
export * from './setup';
export { validateWorkload } from './validate';
