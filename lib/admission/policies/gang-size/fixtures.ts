import { PolicyFixture, cronJob, jobTemplate, merge, storedJob, task, templateSpec, volcanoJob } from '../../testing/fixtures';

type Json = Record<string, any>;

/** A stored Job with its tasks' replicas and minAvailable changed, everything else as stored (what an UPDATE may change). */
const rescaled = (stored: Json, minAvailable: number | undefined, tasks: ReadonlyArray<{ replicas: number; minAvailable?: number }>) => merge(stored, {
  spec: { minAvailable, tasks: stored.spec.tasks.map((t: Json, i: number) => ({ ...t, ...tasks[i] })) },
});

/**
 * Fixtures of `gang-size`. The base job has one task `worker` of 2 replicas and minAvailable 2. A created
 * Job reaches the policy as Volcano's `/jobs/mutate` leaves it: each task's missing minAvailable is its
 * replicas, a missing or zero spec.minAvailable the sum of the tasks'.
 */
export const fixtures: readonly PolicyFixture[] = [
  { name: 'minAvailable equal to all replicas', object: volcanoJob(), expect: 'admitted' },
  { name: 'minAvailable left to Volcano\'s default (the sum of the tasks\' minAvailable)', object: volcanoJob({ spec: { minAvailable: undefined } }), expect: 'admitted' },
  { name: 'minAvailable 0 on create: the webhook fills in the sum', object: volcanoJob({ spec: { minAvailable: 0 } }), expect: 'admitted' },
  {
    name: 'a three-task gang needing all three',
    object: volcanoJob({ spec: { minAvailable: 3, tasks: [task('content', 1), task('design', 1), task('analytics', 1)] } }),
    expect: 'admitted',
  },
  {
    name: 'scaling a job up to a larger gang',
    operation: 'UPDATE',
    oldObject: storedJob(volcanoJob()),
    object: rescaled(storedJob(volcanoJob()), 4, [{ replicas: 4, minAvailable: 4 }]),
    expect: 'admitted',
  },
  {
    // Possible only by an UPDATE admitted under Warn: the gang is off already, and scaling does not change that.
    name: 'scaling a job whose stored minAvailable is 0 (only the replicas change)',
    operation: 'UPDATE',
    oldObject: rescaled(storedJob(volcanoJob()), 0, [{ replicas: 2 }]),
    object: rescaled(storedJob(volcanoJob()), 0, [{ replicas: 3 }]),
    expect: 'admitted',
  },
  {
    name: 'tasks that all ask for 0 pods, so the webhook\'s sum is 0',
    object: volcanoJob({ spec: { minAvailable: undefined, tasks: [{ ...task('worker', 2), minAvailable: 0 }] } }),
    expect: { denied: ['Job team-a/report: spec.minAvailable is 0, which turns gang scheduling off; set it to at least 1 (when a Job is created '
      + 'without it, Volcano uses the sum of the tasks\' minAvailable, each its replicas unless set)'] },
  },
  {
    name: 'an update turning the gang off with minAvailable 0',
    operation: 'UPDATE',
    oldObject: storedJob(volcanoJob()),
    object: rescaled(storedJob(volcanoJob()), 0, [{ replicas: 2 }]),
    expect: { denied: ['Job team-a/report: spec.minAvailable is 0, which turns gang scheduling off; set it to at least 1 (when a Job is created '
      + 'without it, Volcano uses the sum of the tasks\' minAvailable, each its replicas unless set)'] },
  },
  {
    name: 'minAvailable above the replicas',
    object: volcanoJob({ spec: { minAvailable: 3 } }),
    expect: { denied: ['Job team-a/report: spec.minAvailable 3 is more than the 2 replicas of all its tasks, so the gang could never start'] },
  },
  {
    name: 'minAvailable above the sum of three tasks',
    object: volcanoJob({ spec: { minAvailable: 7, tasks: [task('content', 2), task('design', 2), task('analytics', 2)] } }),
    expect: { denied: ['Job team-a/report: spec.minAvailable 7 is more than the 6 replicas of all its tasks, so the gang could never start'] },
  },
  {
    name: 'a task without replicas counts as none',
    object: volcanoJob({ spec: { minAvailable: 1, tasks: [{ name: 'worker', maxRetry: 1, template: task('worker', 1).template }] } }),
    expect: { denied: ['Job team-a/report: spec.minAvailable 1 is more than the 0 replicas of all its tasks, so the gang could never start'] },
  },
  {
    name: 'a task asking for more pods than it has',
    object: volcanoJob({ spec: { minAvailable: 2, tasks: [{ ...task('worker', 2), minAvailable: 3 }] } }),
    expect: { denied: ['Job team-a/report: tasks ask for more pods than they have: worker minAvailable 3 > replicas 2'] },
  },
  {
    // The task keeps its stored minAvailable of 2, so it now asks for more pods than it has, too.
    name: 'scaling replicas below the gang size',
    operation: 'UPDATE',
    oldObject: storedJob(volcanoJob()),
    object: rescaled(storedJob(volcanoJob()), 2, [{ replicas: 1 }]),
    expect: {
      denied: [
        'Job team-a/report: spec.minAvailable 2 is more than the 1 replicas of all its tasks, so the gang could never start',
        'Job team-a/report: tasks ask for more pods than they have: worker minAvailable 2 > replicas 1',
      ],
    },
  },
  // The CronJob's Jobs come from Volcano's controller, which is exempt: its job template is judged instead.
  { name: 'a CronJob whose job template is a gang that can start', object: cronJob(), expect: 'admitted' },
  {
    name: 'a CronJob whose job template leaves minAvailable out (or 0): each created Job gets the sum of its tasks\'',
    object: cronJob(templateSpec({ minAvailable: 0 })),
    expect: 'admitted',
  },
  {
    name: 'a CronJob whose job template asks for more pods than it has',
    object: cronJob(templateSpec({ minAvailable: 5 })),
    expect: { denied: ['CronJob team-a/nightly: spec.jobTemplate.spec.minAvailable 5 is more than the 2 replicas of all its tasks, so the gang could never start'] },
  },
  {
    name: 'a CronJob whose job template\'s task asks for more pods than it has',
    object: cronJob(templateSpec({ minAvailable: undefined, tasks: [{ ...task('worker', 2), minAvailable: 3 }] })),
    expect: { denied: [
      'CronJob team-a/nightly: spec.jobTemplate.spec.minAvailable 3 is more than the 2 replicas of all its tasks, so the gang could never start',
      'CronJob team-a/nightly: jobTemplate tasks ask for more pods than they have: worker minAvailable 3 > replicas 2',
    ] },
  },
  {
    name: 'an update raising a CronJob\'s job template minAvailable past its replicas',
    operation: 'UPDATE',
    oldObject: cronJob(),
    object: cronJob(templateSpec({ minAvailable: 4 })),
    expect: { denied: ['CronJob team-a/nightly: spec.jobTemplate.spec.minAvailable 4 is more than the 2 replicas of all its tasks, so the gang could never start'] },
  },
  // A JobFlow's Jobs come from Volcano's jobflow controller, which is exempt, with the named JobTemplate's spec as it is: the JobTemplate is judged instead.
  { name: 'a JobTemplate that is a gang that can start', object: jobTemplate(), expect: 'admitted' },
  {
    name: 'a JobTemplate that leaves minAvailable out (or 0): each Job created from it gets the sum of its tasks\'',
    object: jobTemplate({ spec: { minAvailable: 0 } }),
    expect: 'admitted',
  },
  {
    name: 'a JobTemplate that asks for more pods than it has',
    object: jobTemplate({ spec: { minAvailable: 5 } }),
    expect: { denied: ['JobTemplate team-a/train: spec.minAvailable 5 is more than the 2 replicas of all its tasks, so the gang could never start'] },
  },
  {
    name: 'a JobTemplate whose task asks for more pods than it has',
    object: jobTemplate({ spec: { minAvailable: undefined, tasks: [{ ...task('worker', 2), minAvailable: 3 }] } }),
    expect: { denied: [
      'JobTemplate team-a/train: spec.minAvailable 3 is more than the 2 replicas of all its tasks, so the gang could never start',
      'JobTemplate team-a/train: tasks ask for more pods than they have: worker minAvailable 3 > replicas 2',
    ] },
  },
  {
    name: 'an update raising a JobTemplate\'s minAvailable past its replicas',
    operation: 'UPDATE',
    oldObject: jobTemplate(),
    object: jobTemplate({ spec: { minAvailable: 4 } }),
    expect: { denied: ['JobTemplate team-a/train: spec.minAvailable 4 is more than the 2 replicas of all its tasks, so the gang could never start'] },
  },
];
