import { PolicyFixture, argoStepPod, bypassingCronJob, bypassingJobTemplate, container, cronJob, jobTemplate, merge, storedJob, task, volcanoJob, volcanoPod } from '../../testing/fixtures';

const denied = (subject: string, missing: string) =>
  `${subject}: every container must request cpu and memory, so Volcano knows the gang's size before placing it; missing: ${missing}`;

/** Fixtures of `resource-requests`. */
export const fixtures: readonly PolicyFixture[] = [
  { name: 'a Job whose containers request cpu and memory', object: volcanoJob(), expect: 'admitted' },
  { name: 'a Volcano pod with requests', object: volcanoPod(), expect: 'admitted' },
  {
    name: 'init containers with requests too',
    object: volcanoJob({ spec: { tasks: [task('worker', 2, [container('worker')], { initContainers: [container('fetch')] })] } }),
    expect: 'admitted',
  },
  {
    name: 'a pod for the default scheduler is not this policy\'s concern',
    object: volcanoPod({ spec: { schedulerName: undefined, containers: [container('web', { resources: undefined })] } }),
    expect: 'admitted',
  },
  {
    name: 'a task container without resources',
    object: volcanoJob({ spec: { tasks: [task('worker', 2, [container('worker', { resources: undefined })])] } }),
    expect: { denied: [denied('Job team-a/report', 'task worker container worker (cpu, memory)')] },
  },
  {
    name: 'limits but no requests',
    object: volcanoJob({ spec: { tasks: [task('worker', 2, [container('worker', { resources: { requests: undefined } })])] } }),
    expect: { denied: [denied('Job team-a/report', 'task worker container worker (cpu, memory)')] },
  },
  {
    name: 'memory missing in one of two tasks',
    object: volcanoJob({
      spec: { tasks: [task('content', 1), task('design', 1, [container('design', { resources: { requests: { memory: undefined } } })])] },
    }),
    expect: { denied: [denied('Job team-a/report', 'task design container design (memory)')] },
  },
  {
    name: 'an init container without cpu',
    object: volcanoJob({ spec: { tasks: [task('worker', 2, [container('worker')], { initContainers: [container('fetch', { resources: { requests: { cpu: undefined } } })] })] } }),
    expect: { denied: [denied('Job team-a/report', 'task worker container fetch (cpu)')] },
  },
  {
    // LimitRanger (mutating admission, before any validating policy) gives the sidecar the namespace's
    // LimitRange defaults, so a Pod in a tenant namespace always arrives with requests.
    name: 'a Volcano pod with a sidecar without requests gets the LimitRange defaults',
    object: volcanoPod({ spec: { containers: [container('dispatch'), container('proxy', { resources: { requests: undefined, limits: undefined } })] } }),
    expect: 'admitted',
  },
  {
    name: 'a Volcano pod with limits only requests its limits (API defaulting)',
    object: volcanoPod({ spec: { containers: [container('dispatch', { resources: { requests: undefined } })] } }),
    expect: 'admitted',
  },
  {
    name: 'several containers in several tasks',
    object: volcanoJob({
      spec: {
        tasks: [
          task('a', 1, [container('x', { resources: undefined })]),
          task('b', 1, [container('y', { resources: { requests: { cpu: undefined } } }), container('z', { resources: { requests: { memory: undefined } } })]),
        ],
      },
    }),
    expect: { denied: [denied('Job team-a/report', 'task a container x (cpu, memory), task b container y (cpu), task b container z (memory)')] },
  },
  {
    // Admitted under Warn: an update that leaves the containers alone is not judged.
    name: 'a label added to a Job admitted without requests',
    operation: 'UPDATE',
    oldObject: storedJob(volcanoJob({ spec: { tasks: [task('worker', 2, [container('worker', { resources: undefined })])] } })),
    object: merge(storedJob(volcanoJob({ spec: { tasks: [task('worker', 2, [container('worker', { resources: undefined })])] } })), { metadata: { labels: { reviewed: 'yes' } } }),
    expect: 'admitted',
  },
  {
    // Volcano's /jobs/validate refuses this change too; the policy judges it wherever that webhook is off.
    name: 'an update removing a container\'s requests',
    operation: 'UPDATE',
    oldObject: storedJob(volcanoJob()),
    object: storedJob(volcanoJob({ spec: { tasks: [task('worker', 2, [container('worker', { resources: { requests: undefined } })])] } })),
    expect: { denied: [denied('Job team-a/report', 'task worker container worker (cpu, memory)')] },
  },
  {
    // Argo gives its init and wait containers the controller ConfigMap's executor resources; with none
    // configured, LimitRanger fills in the namespace's defaults, so the pod is never denied for them.
    name: 'an Argo step\'s pod whose executor containers (init, wait) have no resources gets the LimitRange defaults',
    object: argoStepPod(),
    expect: 'admitted',
  },
  {
    name: 'an Argo step\'s pod with the executor resources of the controller\'s ConfigMap',
    object: argoStepPod({ executor: { resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } } } }),
    expect: 'admitted',
  },
  {
    name: 'an Argo step\'s pod whose executor requests only cpu gets its memory from the LimitRange',
    object: argoStepPod({ executor: { resources: { requests: { cpu: '100m' } } } }),
    expect: 'admitted',
  },
  // The CronJob's Jobs come from Volcano's controller, which is exempt: its job template is judged instead.
  { name: 'a CronJob whose job template requests cpu and memory', object: cronJob(), expect: 'admitted' },
  {
    name: 'a CronJob whose job template has a container without requests',
    object: bypassingCronJob(),
    expect: { denied: ['CronJob team-ml/nightly: every container must request cpu and memory, so Volcano knows the gang\'s size before placing it; missing: jobTemplate task trainer container trainer (cpu, memory)'] },
  },
  // A JobFlow's Jobs come from Volcano's jobflow controller, which is exempt, with the named JobTemplate's spec as it is: the JobTemplate is judged instead.
  { name: 'a JobTemplate whose containers request cpu and memory', object: jobTemplate(), expect: 'admitted' },
  {
    name: 'a JobTemplate with a container without requests',
    object: bypassingJobTemplate(),
    expect: { denied: ['JobTemplate team-ml/train: every container must request cpu and memory, so Volcano knows the gang\'s size before placing it; missing: task trainer container trainer (cpu, memory)'] },
  },
];
