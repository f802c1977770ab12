import { PolicyFixture, bypassingCronJob, bypassingJobTemplate, cronJob, jobTemplate, merge, storedJob, task, templateSpec, volcanoJob } from '../../testing/fixtures';

const tooMany = (what: string) => `Job team-a/report: ${what} more than the limit of 2 here, because the workflow engine retries too `
  + '(Volcano fills in 3 for a maxRetry that is not set): set spec.maxRetry and spec.tasks[*].maxRetry to 2 or less';

/** A task without maxRetry of its own, as submitted. */
const bare = (name: string, replicas: number) => ({ ...task(name, replicas), maxRetry: undefined });

/**
 * Fixtures of `bounded-retries`; the fixture environment's limit is 2. The policy sees a created Job as
 * Volcano's `/jobs/mutate` leaves it: a missing or zero maxRetry, the Job's or a task's, is 3 by then.
 */
export const fixtures: readonly PolicyFixture[] = [
  { name: 'one retry, the task one too', object: volcanoJob({ spec: { maxRetry: 1 } }), expect: 'admitted' },
  { name: 'exactly the limit, on the Job and the task', object: volcanoJob({ spec: { maxRetry: 2, tasks: [{ ...task('worker', 2), maxRetry: 2 }] } }), expect: 'admitted' },
  {
    name: 'an update that keeps a valid maxRetry',
    operation: 'UPDATE',
    oldObject: storedJob(volcanoJob()),
    object: storedJob(volcanoJob({ spec: { priorityClassName: 'volcano-normal' } })),
    expect: 'admitted',
  },
  { name: 'one above the limit', object: volcanoJob({ spec: { maxRetry: 3 } }), expect: { denied: [tooMany('spec.maxRetry 3 is')] } },
  { name: 'far above the limit', object: volcanoJob({ spec: { maxRetry: 10 } }), expect: { denied: [tooMany('spec.maxRetry 10 is')] } },
  {
    name: 'spec.maxRetry missing: the CRD and the webhook make it 3',
    object: volcanoJob({ spec: { maxRetry: undefined } }),
    expect: { denied: [tooMany('spec.maxRetry 3 is')] },
  },
  { name: 'spec.maxRetry zero: the webhook turns it into 3', object: volcanoJob({ spec: { maxRetry: 0 } }), expect: { denied: [tooMany('spec.maxRetry 3 is')] } },
  {
    name: 'task maxRetry missing or zero: the webhook makes each 3, however low spec.maxRetry is',
    object: volcanoJob({ spec: { tasks: [{ ...task('content', 1), maxRetry: 2 }, { ...task('design', 1), maxRetry: 0 }, bare('analytics', 1)] } }),
    expect: { denied: [tooMany('task design maxRetry 3, task analytics maxRetry 3 are')] },
  },
  {
    name: 'an unnamed task without maxRetry, named by the webhook',
    object: volcanoJob({ spec: { tasks: [{ ...bare('worker', 2), name: undefined }] } }),
    expect: { denied: [tooMany('task default0 maxRetry 3 is')] },
  },
  {
    name: 'a task maxRetry above the limit',
    object: volcanoJob({ spec: { tasks: [{ ...task('worker', 2), maxRetry: 3 }] } }),
    expect: { denied: [tooMany('task worker maxRetry 3 is')] },
  },
  {
    name: 'two tasks above the limit, and the job too',
    object: volcanoJob({ spec: { maxRetry: 4, tasks: [{ ...task('content', 1), maxRetry: 5 }, task('design', 1), { ...task('analytics', 1), maxRetry: 9 }] } }),
    expect: { denied: [tooMany('spec.maxRetry 4, task content maxRetry 5, task analytics maxRetry 9 are')] },
  },
  {
    // Volcano's /jobs/validate refuses this change too; the policy judges it wherever that webhook is off.
    name: 'an update raising maxRetry',
    operation: 'UPDATE',
    oldObject: storedJob(volcanoJob()),
    object: storedJob(volcanoJob({ spec: { maxRetry: 5 } })),
    expect: { denied: [tooMany('spec.maxRetry 5 is')] },
  },
  {
    // Admitted under Warn, or before the limit was lowered: the update changes no retry count, so it is not judged.
    name: 'a label added to a Job admitted before the limit was enforced (its task retries 3 times): the counts did not change',
    operation: 'UPDATE',
    oldObject: storedJob(volcanoJob({ spec: { tasks: [bare('worker', 2)] } })),
    object: merge(storedJob(volcanoJob({ spec: { tasks: [bare('worker', 2)] } })), { metadata: { labels: { reviewed: 'yes' } } }),
    expect: 'admitted',
  },
  {
    name: 'scaling such a Job up',
    operation: 'UPDATE',
    oldObject: storedJob(volcanoJob({ spec: { tasks: [bare('worker', 2)] } })),
    object: storedJob(volcanoJob({ spec: { minAvailable: 4, tasks: [{ ...bare('worker', 4), minAvailable: 2 }] } })),
    expect: 'admitted',
  },
  // The CronJob's Jobs come from Volcano's controller, which is exempt: its job template is judged instead.
  { name: 'a CronJob whose job template retries within the limit', object: cronJob(), expect: 'admitted' },
  {
    name: 'a CronJob whose job template retries 50 times',
    object: bypassingCronJob(),
    expect: { denied: ['CronJob team-ml/nightly: spec.jobTemplate.spec.maxRetry 50 is more than the limit of 2 here, because the workflow engine retries too (Volcano fills in 3 for a maxRetry that is not set): set spec.jobTemplate.spec.maxRetry and spec.jobTemplate.spec.tasks[*].maxRetry to 2 or less'] },
  },
  {
    name: 'a CronJob whose job template sets no maxRetry: its CRD makes it 3, and a task without one gets 3 on every created Job',
    object: cronJob(templateSpec({ maxRetry: undefined, tasks: [bare('worker', 2)] })),
    expect: { denied: ['CronJob team-a/nightly: spec.jobTemplate.spec.maxRetry 3, jobTemplate task worker maxRetry 3 are more than the limit of 2 here, because the workflow engine retries too (Volcano fills in 3 for a maxRetry that is not set): set spec.jobTemplate.spec.maxRetry and spec.jobTemplate.spec.tasks[*].maxRetry to 2 or less'] },
  },
  {
    name: 'an update raising a CronJob\'s job template maxRetry',
    operation: 'UPDATE',
    oldObject: cronJob(),
    object: cronJob(templateSpec({ maxRetry: 5 })),
    expect: { denied: ['CronJob team-a/nightly: spec.jobTemplate.spec.maxRetry 5 is more than the limit of 2 here, because the workflow engine retries too (Volcano fills in 3 for a maxRetry that is not set): set spec.jobTemplate.spec.maxRetry and spec.jobTemplate.spec.tasks[*].maxRetry to 2 or less'] },
  },
  // A JobFlow's Jobs come from Volcano's jobflow controller, which is exempt, with the named JobTemplate's spec as it is: the JobTemplate is judged instead.
  { name: 'a JobTemplate that retries within the limit', object: jobTemplate(), expect: 'admitted' },
  {
    name: 'a JobTemplate that retries 50 times',
    object: bypassingJobTemplate(),
    expect: { denied: ['JobTemplate team-ml/train: spec.maxRetry 50 is more than the limit of 2 here, because the workflow engine retries too (Volcano fills in 3 for a maxRetry that is not set): set spec.maxRetry and spec.tasks[*].maxRetry to 2 or less'] },
  },
  {
    name: 'a JobTemplate that sets no maxRetry: its CRD makes it 3, and a task without one gets 3 on every Job created from it',
    object: jobTemplate({ spec: { maxRetry: undefined, tasks: [bare('worker', 2)] } }),
    expect: { denied: ['JobTemplate team-a/train: spec.maxRetry 3, task worker maxRetry 3 are more than the limit of 2 here, because the workflow engine retries too (Volcano fills in 3 for a maxRetry that is not set): set spec.maxRetry and spec.tasks[*].maxRetry to 2 or less'] },
  },
  {
    name: 'an update raising a JobTemplate\'s maxRetry',
    operation: 'UPDATE',
    oldObject: jobTemplate(),
    object: jobTemplate({ spec: { maxRetry: 5 } }),
    expect: { denied: ['JobTemplate team-a/train: spec.maxRetry 5 is more than the limit of 2 here, because the workflow engine retries too (Volcano fills in 3 for a maxRetry that is not set): set spec.maxRetry and spec.tasks[*].maxRetry to 2 or less'] },
  },
];
