import { PolicyFixture, task, volcanoJob } from '../../testing/fixtures';

/** Fixtures of `gang-size`. The base job has one task `worker` of 2 replicas and minAvailable 2. */
export const fixtures: readonly PolicyFixture[] = [
  { name: 'minAvailable equal to all replicas', object: volcanoJob(), expect: 'admitted' },
  { name: 'minAvailable left to Volcano\'s default', object: volcanoJob({ spec: { minAvailable: undefined } }), expect: 'admitted' },
  {
    name: 'a three-task gang needing all three',
    object: volcanoJob({ spec: { minAvailable: 3, tasks: [task('content', 1), task('design', 1), task('analytics', 1)] } }),
    expect: 'admitted',
  },
  {
    name: 'scaling a job up to a larger gang',
    operation: 'UPDATE',
    oldObject: volcanoJob(),
    object: volcanoJob({ spec: { minAvailable: 4, tasks: [task('worker', 4)] } }),
    expect: 'admitted',
  },
  {
    name: 'minAvailable 0 turns the gang off',
    object: volcanoJob({ spec: { minAvailable: 0 } }),
    expect: { denied: ['Job team-a/report: spec.minAvailable is 0; a gang needs at least 1 pod (leave it out to default to the sum of the tasks\' minAvailable)'] },
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
    object: volcanoJob({ spec: { minAvailable: 1, tasks: [{ name: 'worker', template: task('worker', 1).template }] } }),
    expect: { denied: ['Job team-a/report: spec.minAvailable 1 is more than the 0 replicas of all its tasks, so the gang could never start'] },
  },
  {
    name: 'a task asking for more pods than it has',
    object: volcanoJob({ spec: { minAvailable: 2, tasks: [{ ...task('worker', 2), minAvailable: 3 }] } }),
    expect: { denied: ['Job team-a/report: tasks ask for more pods than they have: worker minAvailable 3 > replicas 2'] },
  },
  {
    name: 'scaling replicas below the gang size',
    operation: 'UPDATE',
    oldObject: volcanoJob(),
    object: volcanoJob({ spec: { tasks: [task('worker', 1)] } }),
    expect: { denied: ['Job team-a/report: spec.minAvailable 2 is more than the 1 replicas of all its tasks, so the gang could never start'] },
  },
];
