import { PolicyFixture, argoStepPod, bypassingCronJob, bypassingJobTemplate, cronJob, jobTemplate, merge, podGroup, storedJob, task, templateSpec, volcanoJob, volcanoPod } from '../../testing/fixtures';

/**
 * Fixtures of `priority-classes`. team-a may use volcano-high and volcano-normal; the queues allow
 * interactive: critical, high; batch: normal, low; gpu-train: normal.
 */
export const fixtures: readonly PolicyFixture[] = [
  { name: 'no priority class at all', object: volcanoJob(), expect: 'admitted' },
  { name: 'a batch Job at volcano-normal', object: volcanoJob({ spec: { priorityClassName: 'volcano-normal' } }), expect: 'admitted' },
  { name: 'an interactive PodGroup at volcano-high', object: podGroup({ spec: { priorityClassName: 'volcano-high' } }), expect: 'admitted' },
  { name: 'a Volcano pod at volcano-normal in batch', object: volcanoPod({ spec: { priorityClassName: 'volcano-normal' } }), expect: 'admitted' },
  {
    name: 'a class the namespace may not use',
    object: volcanoJob({ spec: { priorityClassName: 'volcano-low' } }),
    expect: { denied: ['Job team-a/report: priority class volcano-low is not allowed in namespace team-a; allowed: volcano-high, volcano-normal'] },
  },
  {
    name: 'a class the namespace may use, but not in this queue',
    object: volcanoJob({ spec: { priorityClassName: 'volcano-high' } }),
    expect: { denied: ['Job team-a/report: priority class volcano-high is not allowed in queue batch; queue batch allows: volcano-normal, volcano-low'] },
  },
  {
    name: 'a system class',
    object: volcanoPod({ spec: { priorityClassName: 'system-cluster-critical' } }),
    expect: {
      denied: [
        'Pod team-a/dispatch-7d9f-x2x: priority class system-cluster-critical is not allowed in namespace team-a; allowed: volcano-high, volcano-normal',
        'Pod team-a/dispatch-7d9f-x2x: priority class system-cluster-critical is not allowed in queue batch; queue batch allows: volcano-normal, volcano-low',
      ],
    },
  },
  {
    name: 'a task template with a class the queue does not allow',
    object: volcanoJob({ spec: { priorityClassName: 'volcano-normal', tasks: [task('worker', 2, undefined, { priorityClassName: 'volcano-high' })] } }),
    expect: { denied: ['Job team-a/report: priority class volcano-high is not allowed in queue batch; queue batch allows: volcano-normal, volcano-low'] },
  },
  {
    name: 'a PodGroup at a class interactive does not allow',
    object: podGroup({ spec: { priorityClassName: 'volcano-normal' } }),
    expect: { denied: ['PodGroup team-a/session: priority class volcano-normal is not allowed in queue interactive; queue interactive allows: volcano-critical, volcano-high'] },
  },
  {
    name: 'an update raising a Job to a class its namespace lacks',
    operation: 'UPDATE',
    oldObject: storedJob(volcanoJob({ spec: { queue: 'interactive', priorityClassName: 'volcano-high' } })),
    object: storedJob(volcanoJob({ spec: { queue: 'interactive', priorityClassName: 'volcano-critical' } })),
    expect: { denied: ['Job team-a/report: priority class volcano-critical is not allowed in namespace team-a; allowed: volcano-high, volcano-normal'] },
  },
  {
    // Admitted under Warn, or before the namespace lost the class: an update that keeps the class is not judged.
    name: 'a label added to a Job whose class the namespace no longer allows',
    operation: 'UPDATE',
    oldObject: storedJob(volcanoJob({ spec: { priorityClassName: 'volcano-low' } })),
    object: merge(storedJob(volcanoJob({ spec: { priorityClassName: 'volcano-low' } })), { metadata: { labels: { reviewed: 'yes' } } }),
    expect: 'admitted',
  },
  {
    // The task template's class is as stored; only the Job's own class, which Volcano lets change, is judged.
    name: 'an update lowering a Job\'s class while a task template keeps a class admitted under Warn that the queue does not allow',
    operation: 'UPDATE',
    oldObject: storedJob(volcanoJob({ spec: { priorityClassName: 'volcano-high', tasks: [task('worker', 2, undefined, { priorityClassName: 'volcano-high' })] } })),
    object: storedJob(volcanoJob({ spec: { priorityClassName: 'volcano-normal', tasks: [task('worker', 2, undefined, { priorityClassName: 'volcano-high' })] } })),
    expect: 'admitted',
  },
  {
    name: 'an update moving a PodGroup to a queue its class is not allowed in',
    operation: 'UPDATE',
    oldObject: podGroup({ spec: { priorityClassName: 'volcano-high' } }),
    object: podGroup({ spec: { queue: 'batch', priorityClassName: 'volcano-high' } }),
    expect: { denied: ['PodGroup team-a/session: priority class volcano-high is not allowed in queue batch; queue batch allows: volcano-normal, volcano-low'] },
  },
  {
    // Volcano schedules it in the PodGroup's queue (interactive here), not the annotation's; the PodGroup's class was judged against it.
    name: 'a pod of a named PodGroup at a class its namespace allows, whatever its own queue annotation says',
    object: volcanoPod({ metadata: { annotations: { 'scheduling.k8s.io/group-name': 'session' } }, spec: { priorityClassName: 'volcano-high' } }),
    expect: 'admitted',
  },
  {
    name: 'a pod of a named PodGroup at a class its namespace may not use',
    object: volcanoPod({ metadata: { annotations: { 'scheduling.k8s.io/group-name': 'session' } }, spec: { priorityClassName: 'volcano-critical' } }),
    expect: { denied: ['Pod team-a/dispatch-7d9f-x2x: priority class volcano-critical is not allowed in namespace team-a; allowed: volcano-high, volcano-normal'] },
  },
  { name: 'an Argo step\'s pod at the workflow\'s podPriorityClassName', object: argoStepPod({ workflow: { podPriorityClassName: 'volcano-normal' } }), expect: 'admitted' },
  {
    name: 'an Argo template\'s priorityClassName wins over the workflow\'s, with a class the queue does not allow',
    object: argoStepPod({ workflow: { podPriorityClassName: 'volcano-normal' }, template: { priorityClassName: 'volcano-high' } }),
    expect: { denied: [`Pod team-a/${argoStepPod().metadata.name}: priority class volcano-high is not allowed in queue batch; queue batch allows: volcano-normal, volcano-low`] },
  },
  // The CronJob's Jobs come from Volcano's controller, which is exempt: its job template is judged instead.
  { name: 'a CronJob whose job template uses an allowed class', object: cronJob(templateSpec({ priorityClassName: 'volcano-normal' })), expect: 'admitted' },
  {
    name: 'a CronJob whose job template uses a class the namespace may not use',
    object: bypassingCronJob(),
    expect: { denied: ['CronJob team-ml/nightly: priority class volcano-critical is not allowed in namespace team-ml; allowed: volcano-normal, volcano-low'] },
  },
  {
    name: 'a CronJob whose job template uses a class its queue does not allow',
    object: cronJob(templateSpec({ priorityClassName: 'volcano-high' })),
    expect: { denied: ['CronJob team-a/nightly: priority class volcano-high is not allowed in queue batch; queue batch allows: volcano-normal, volcano-low'] },
  },
  // A JobFlow's Jobs come from Volcano's jobflow controller, which is exempt, with the named JobTemplate's spec as it is: the JobTemplate is judged instead.
  { name: 'a JobTemplate that uses an allowed class', object: jobTemplate({ spec: { priorityClassName: 'volcano-normal' } }), expect: 'admitted' },
  {
    name: 'a JobTemplate that uses a class the namespace may not use',
    object: bypassingJobTemplate(),
    expect: { denied: ['JobTemplate team-ml/train: priority class volcano-critical is not allowed in namespace team-ml; allowed: volcano-normal, volcano-low'] },
  },
  {
    name: 'a JobTemplate whose task template uses a class its queue does not allow',
    object: jobTemplate({ spec: { tasks: [task('worker', 2, undefined, { priorityClassName: 'volcano-high' })] } }),
    expect: { denied: ['JobTemplate team-a/train: priority class volcano-high is not allowed in queue batch; queue batch allows: volcano-normal, volcano-low'] },
  },
];
