import { PolicyFixture, bypassingCronJob, bypassingJobTemplate, cronJob, jobTemplate, merge, storedJob, task, templateSpec, volcanoJob } from '../../testing/fixtures';

/** Fixtures of `volcano-scheduler`. */
export const fixtures: readonly PolicyFixture[] = [
  { name: 'schedulerName volcano', object: volcanoJob(), expect: 'admitted' },
  { name: 'schedulerName left empty', object: volcanoJob({ spec: { schedulerName: undefined } }), expect: 'admitted' },
  { name: 'schedulerName an empty string', object: volcanoJob({ spec: { schedulerName: '' } }), expect: 'admitted' },
  {
    name: 'task templates naming volcano',
    object: volcanoJob({ spec: { tasks: [task('worker', 2, undefined, { schedulerName: 'volcano' })] } }),
    expect: 'admitted',
  },
  {
    // Admitted under Warn: an update that leaves the scheduler names alone is not judged.
    name: 'a label added to a Job admitted with another scheduler',
    operation: 'UPDATE',
    oldObject: storedJob(volcanoJob({ spec: { schedulerName: 'default-scheduler' } })),
    object: merge(storedJob(volcanoJob({ spec: { schedulerName: 'default-scheduler' } })), { metadata: { labels: { reviewed: 'yes' } } }),
    expect: 'admitted',
  },
  {
    // Volcano's /jobs/validate refuses this change too; the policy judges it wherever that webhook is off.
    name: 'an update handing a task to another scheduler',
    operation: 'UPDATE',
    oldObject: storedJob(volcanoJob()),
    object: storedJob(volcanoJob({ spec: { tasks: [task('worker', 2, undefined, { schedulerName: 'default-scheduler' })] } })),
    expect: { denied: ['Job team-a/report: task templates name another scheduler: worker (default-scheduler); use "volcano" or leave schedulerName empty'] },
  },
  {
    name: 'the default scheduler',
    object: volcanoJob({ spec: { schedulerName: 'default-scheduler' } }),
    expect: { denied: ['Job team-a/report: spec.schedulerName "default-scheduler" would bypass Volcano\'s queues and gang scheduling; use "volcano" or leave it empty'] },
  },
  {
    name: 'a custom scheduler',
    object: volcanoJob({ spec: { schedulerName: 'my-scheduler' } }),
    expect: { denied: ['Job team-a/report: spec.schedulerName "my-scheduler" would bypass Volcano\'s queues and gang scheduling; use "volcano" or leave it empty'] },
  },
  {
    name: 'a task template escaping to the default scheduler',
    object: volcanoJob({ spec: { tasks: [task('worker', 2, undefined, { schedulerName: 'default-scheduler' })] } }),
    expect: { denied: ['Job team-a/report: task templates name another scheduler: worker (default-scheduler); use "volcano" or leave schedulerName empty'] },
  },
  {
    name: 'two of three tasks escaping',
    object: volcanoJob({
      spec: {
        minAvailable: 3,
        tasks: [task('content', 1, undefined, { schedulerName: 'a' }), task('design', 1), task('analytics', 1, undefined, { schedulerName: 'b' })],
      },
    }),
    expect: { denied: ['Job team-a/report: task templates name another scheduler: content (a), analytics (b); use "volcano" or leave schedulerName empty'] },
  },
  {
    name: 'job and task both wrong',
    object: volcanoJob({ spec: { schedulerName: 'kube-batch', tasks: [task('worker', 2, undefined, { schedulerName: 'kube-batch' })] } }),
    expect: {
      denied: [
        'Job team-a/report: spec.schedulerName "kube-batch" would bypass Volcano\'s queues and gang scheduling; use "volcano" or leave it empty',
        'Job team-a/report: task templates name another scheduler: worker (kube-batch); use "volcano" or leave schedulerName empty',
      ],
    },
  },
  // The CronJob's Jobs come from Volcano's controller, which is exempt: its job template is judged instead.
  { name: 'a CronJob whose job template leaves schedulerName empty', object: cronJob(templateSpec({ schedulerName: undefined })), expect: 'admitted' },
  {
    name: 'a CronJob whose job template\'s task names the default scheduler',
    object: bypassingCronJob(),
    expect: { denied: ['CronJob team-ml/nightly: jobTemplate task templates name another scheduler: trainer (default-scheduler); use "volcano" or leave schedulerName empty'] },
  },
  {
    name: 'a CronJob whose job template names another scheduler',
    object: cronJob(templateSpec({ schedulerName: 'kube-batch' })),
    expect: { denied: ['CronJob team-a/nightly: spec.jobTemplate.spec.schedulerName "kube-batch" would bypass Volcano\'s queues and gang scheduling; use "volcano" or leave it empty'] },
  },
  // A JobFlow's Jobs come from Volcano's jobflow controller, which is exempt, with the named JobTemplate's spec as it is: the JobTemplate is judged instead.
  { name: 'a JobTemplate that leaves schedulerName empty', object: jobTemplate({ spec: { schedulerName: undefined } }), expect: 'admitted' },
  {
    name: 'a JobTemplate whose task names the default scheduler',
    object: bypassingJobTemplate(),
    expect: { denied: ['JobTemplate team-ml/train: task templates name another scheduler: trainer (default-scheduler); use "volcano" or leave schedulerName empty'] },
  },
  {
    name: 'a JobTemplate that names another scheduler',
    object: jobTemplate({ spec: { schedulerName: 'kube-batch' } }),
    expect: { denied: ['JobTemplate team-a/train: spec.schedulerName "kube-batch" would bypass Volcano\'s queues and gang scheduling; use "volcano" or leave it empty'] },
  },
];
