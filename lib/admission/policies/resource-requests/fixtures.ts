import { PolicyFixture, container, task, volcanoJob, volcanoPod } from '../../testing/fixtures';

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
    name: 'a Volcano pod with a sidecar without requests',
    object: volcanoPod({ spec: { containers: [container('dispatch'), container('proxy', { resources: { requests: undefined, limits: undefined } })] } }),
    expect: { denied: [denied('Pod team-a/dispatch-7d9f-x2x', 'container proxy (cpu, memory)')] },
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
];
