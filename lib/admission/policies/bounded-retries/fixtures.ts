import { PolicyFixture, task, volcanoJob } from '../../testing/fixtures';

const tooMany = (what: string) => `Job team-a/report: ${what}; at most 2 retries are allowed here, because the workflow engine retries too: set spec.maxRetry to 2 or less`;

const taskTooMany = (what: string) => `Job team-a/report: ${what} too many; at most 2 retries are allowed here, because the workflow engine retries too: set spec.tasks[*].maxRetry to 2 or less`;

/** Fixtures of `bounded-retries`; the fixture environment's limit is 2. */
export const fixtures: readonly PolicyFixture[] = [
  { name: 'one retry', object: volcanoJob({ spec: { maxRetry: 1 } }), expect: 'admitted' },
  { name: 'exactly the limit', object: volcanoJob({ spec: { maxRetry: 2 } }), expect: 'admitted' },
  {
    name: 'an update that keeps a valid maxRetry',
    operation: 'UPDATE',
    oldObject: volcanoJob(),
    object: volcanoJob({ spec: { priorityClassName: 'volcano-normal' } }),
    expect: 'admitted',
  },
  { name: 'one above the limit', object: volcanoJob({ spec: { maxRetry: 3 } }), expect: { denied: [tooMany('spec.maxRetry 3 is too many')] } },
  { name: 'far above the limit', object: volcanoJob({ spec: { maxRetry: 10 } }), expect: { denied: [tooMany('spec.maxRetry 10 is too many')] } },
  { name: 'missing: Volcano\'s default of 3', object: volcanoJob({ spec: { maxRetry: undefined } }), expect: { denied: [tooMany('spec.maxRetry is not set, so Volcano retries 3 times')] } },
  { name: 'zero: Volcano turns it into 3', object: volcanoJob({ spec: { maxRetry: 0 } }), expect: { denied: [tooMany('spec.maxRetry is not set, so Volcano retries 3 times')] } },
  {
    name: 'task maxRetry at the limit, another task without one (the webhook\'s 3 there is not counted)',
    object: volcanoJob({ spec: { tasks: [{ ...task('content', 1), maxRetry: 2 }, { ...task('design', 1), maxRetry: 0 }, task('analytics', 1)] } }),
    expect: 'admitted',
  },
  {
    name: 'a task maxRetry above the limit',
    object: volcanoJob({ spec: { tasks: [{ ...task('worker', 2), maxRetry: 3 }] } }),
    expect: { denied: [taskTooMany('task worker maxRetry 3 is')] },
  },
  {
    name: 'two tasks above the limit, and the job too',
    object: volcanoJob({ spec: { maxRetry: 4, tasks: [{ ...task('content', 1), maxRetry: 5 }, task('design', 1), { ...task('analytics', 1), maxRetry: 9 }] } }),
    expect: { denied: [tooMany('spec.maxRetry 4 is too many'), taskTooMany('task content maxRetry 5, task analytics maxRetry 9 are')] },
  },
  {
    name: 'an update raising maxRetry',
    operation: 'UPDATE',
    oldObject: volcanoJob(),
    object: volcanoJob({ spec: { maxRetry: 5 } }),
    expect: { denied: [tooMany('spec.maxRetry 5 is too many')] },
  },
];
