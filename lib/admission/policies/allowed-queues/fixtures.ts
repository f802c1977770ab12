import { GARBAGE_COLLECTOR, PolicyFixture, VOLCANO_CONTROLLER, argoStepPod, bypassingCronJob, bypassingJobTemplate, cronJob, jobTemplate, merge, podGroup, storedJob, templateSpec, volcanoJob, volcanoPod } from '../../testing/fixtures';

/**
 * Argo Workflows' pod shape: the controller adds an `init` init container and a `wait` container (the
 * executor, `argoexec`) to every step's pod and renames the step's container `main`; the queue
 * annotation comes from the workflow's `podMetadata` or the template's `metadata`.
 */
const argoSubject = (pod: Record<string, any>) => `Pod ${pod.metadata.namespace}/${pod.metadata.name}`;

const defaultQueue = (subject: string) =>
  `${subject}: spec.queue "default" (Volcano's queue for work that names none) is not allowed in namespace team-a; allowed queues: interactive, batch`;

/** Fixtures of `allowed-queues`, evaluated in the fixture environment (team-a: interactive, batch). */
export const fixtures: readonly PolicyFixture[] = [
  { name: 'a Job in an allowed queue', object: volcanoJob(), expect: 'admitted' },
  { name: 'a PodGroup in an allowed queue', object: podGroup(), expect: 'admitted' },
  { name: 'a Volcano pod whose annotation names an allowed queue', object: volcanoPod(), expect: 'admitted' },
  {
    name: 'a pod not scheduled by Volcano is not this policy\'s concern',
    object: volcanoPod({ metadata: { annotations: undefined }, spec: { schedulerName: undefined } }),
    expect: 'admitted',
  },
  {
    name: 'Volcano\'s controller creating the PodGroup of an admitted Job is exempt',
    object: podGroup({ spec: { queue: 'gpu-train' } }),
    user: VOLCANO_CONTROLLER,
    expect: 'admitted',
  },
  {
    name: 'a Job in another tenant\'s queue',
    object: volcanoJob({ spec: { queue: 'gpu-train' } }),
    expect: { denied: ['Job team-a/report: spec.queue "gpu-train" is not allowed in namespace team-a; allowed queues: interactive, batch'] },
  },
  {
    name: 'a Job without a queue: Volcano fills in its default queue',
    object: volcanoJob({ spec: { queue: undefined } }),
    expect: { denied: [defaultQueue('Job team-a/report')] },
  },
  {
    name: 'a Job with an empty queue: the job webhook fills in the default queue',
    object: volcanoJob({ spec: { queue: '' } }),
    expect: { denied: [defaultQueue('Job team-a/report')] },
  },
  {
    name: 'a PodGroup without a queue: its CRD defaults it to the default queue',
    object: podGroup({ spec: { queue: undefined } }),
    expect: { denied: [defaultQueue('PodGroup team-a/session')] },
  },
  {
    name: 'a PodGroup in an unknown queue',
    object: podGroup({ spec: { queue: 'research' } }),
    expect: { denied: ['PodGroup team-a/session: spec.queue "research" is not allowed in namespace team-a; allowed queues: interactive, batch'] },
  },
  {
    name: 'a Volcano pod without the queue annotation',
    object: volcanoPod({ metadata: { annotations: undefined } }),
    expect: { denied: ['Pod team-a/dispatch-7d9f-x2x: annotation scheduling.volcano.sh/queue-name names no queue, which means Volcano\'s "default" queue in namespace team-a; allowed queues: interactive, batch'] },
  },
  {
    name: 'a Volcano pod of a named PodGroup without the queue annotation (the PodGroup\'s queue counts)',
    object: volcanoPod({ metadata: { annotations: { 'scheduling.volcano.sh/queue-name': undefined, 'scheduling.k8s.io/group-name': 'session-start' } } }),
    expect: 'admitted',
  },
  {
    name: 'a Volcano pod with an empty PodGroup name is still checked',
    object: volcanoPod({ metadata: { annotations: { 'scheduling.volcano.sh/queue-name': 'gpu-train', 'scheduling.k8s.io/group-name': '' } } }),
    expect: { denied: ['Pod team-a/dispatch-7d9f-x2x: annotation scheduling.volcano.sh/queue-name "gpu-train" is not allowed in namespace team-a; allowed queues: interactive, batch'] },
  },
  {
    name: 'a Volcano pod from a generateName in a disallowed queue',
    object: volcanoPod({ metadata: { name: undefined, generateName: 'dispatch-', annotations: { 'scheduling.volcano.sh/queue-name': 'gpu-train' } } }),
    expect: { denied: ['Pod team-a/dispatch-<generated>: annotation scheduling.volcano.sh/queue-name "gpu-train" is not allowed in namespace team-a; allowed queues: interactive, batch'] },
  },
  {
    // Volcano's /jobs/validate refuses this change too; the policy judges it wherever that webhook is off.
    name: 'an update moving a Job to a disallowed queue',
    operation: 'UPDATE',
    oldObject: storedJob(volcanoJob()),
    object: storedJob(volcanoJob({ spec: { queue: 'root' } })),
    expect: { denied: ['Job team-a/report: spec.queue "root" is not allowed in namespace team-a; allowed queues: interactive, batch'] },
  },
  {
    name: 'an update moving a PodGroup to a disallowed queue',
    operation: 'UPDATE',
    oldObject: podGroup(),
    object: podGroup({ spec: { queue: 'gpu-train' } }),
    expect: { denied: ['PodGroup team-a/session: spec.queue "gpu-train" is not allowed in namespace team-a; allowed queues: interactive, batch'] },
  },
  {
    // Admitted under Warn, or before the tenant lost the queue: an update that leaves the queue alone is not judged.
    name: 'a label added to a Job in a queue the namespace no longer may use',
    operation: 'UPDATE',
    oldObject: storedJob(volcanoJob({ spec: { queue: 'gpu-train' } })),
    object: merge(storedJob(volcanoJob({ spec: { queue: 'gpu-train' } })), { metadata: { labels: { reviewed: 'yes' } } }),
    expect: 'admitted',
  },
  {
    name: 'the garbage collector removing a finalizer from such a PodGroup',
    operation: 'UPDATE',
    oldObject: podGroup({ metadata: { finalizers: ['foregroundDeletion'], deletionTimestamp: '2025-01-01T00:00:00Z' }, spec: { queue: 'gpu-train' } }),
    object: podGroup({ metadata: { deletionTimestamp: '2025-01-01T00:00:00Z' }, spec: { queue: 'gpu-train' } }),
    user: GARBAGE_COLLECTOR,
    expect: 'admitted',
  },
  { name: 'an Argo step\'s pod (init, wait and main containers) in an allowed queue', object: argoStepPod(), expect: 'admitted' },
  {
    name: 'an Argo step\'s pod whose workflow sets no queue annotation',
    object: argoStepPod({ workflow: { podMetadata: undefined } }),
    expect: { denied: [`${argoSubject(argoStepPod())}: annotation scheduling.volcano.sh/queue-name names no queue, which means Volcano's "default" queue in namespace team-a; allowed queues: interactive, batch`] },
  },
  {
    name: 'an Argo template\'s own metadata naming another tenant\'s queue wins over the workflow\'s podMetadata',
    object: argoStepPod({ template: { metadata: { annotations: { 'scheduling.volcano.sh/queue-name': 'gpu-train' } } } }),
    expect: { denied: [`${argoSubject(argoStepPod())}: annotation scheduling.volcano.sh/queue-name "gpu-train" is not allowed in namespace team-a; allowed queues: interactive, batch`] },
  },
  // The CronJob's Jobs come from Volcano's controller, which is exempt: its job template is judged instead.
  { name: 'a CronJob whose job template is in an allowed queue', object: cronJob(), expect: 'admitted' },
  {
    name: 'a CronJob whose job template is in a queue the namespace may not use',
    object: bypassingCronJob(),
    expect: { denied: ['CronJob team-ml/nightly: spec.jobTemplate.spec.queue "interactive" is not allowed in namespace team-ml; allowed queues: gpu-train, batch'] },
  },
  {
    name: 'a CronJob whose job template names no queue: the CronJob CRD defaults it to the default queue',
    object: cronJob(templateSpec({ queue: undefined })),
    expect: { denied: ['CronJob team-a/nightly: spec.jobTemplate.spec.queue "default" (Volcano\'s queue for work that names none) is not allowed in namespace team-a; allowed queues: interactive, batch'] },
  },
  {
    // /cronjobs/validate checks only the schedule: the next Jobs would run in the new queue.
    name: 'an update moving a CronJob\'s job template to a disallowed queue',
    operation: 'UPDATE',
    oldObject: cronJob(),
    object: cronJob(templateSpec({ queue: 'gpu-train' })),
    expect: { denied: ['CronJob team-a/nightly: spec.jobTemplate.spec.queue "gpu-train" is not allowed in namespace team-a; allowed queues: interactive, batch'] },
  },
  {
    name: 'suspending a CronJob admitted earlier in a queue the namespace may not use: the template did not change',
    operation: 'UPDATE',
    oldObject: bypassingCronJob(),
    object: merge(bypassingCronJob(), { spec: { suspend: true } }),
    expect: 'admitted',
  },
  // A JobFlow's Jobs come from Volcano's jobflow controller, which is exempt, with the named JobTemplate's spec as it is: the JobTemplate is judged instead.
  { name: 'a JobTemplate in an allowed queue', object: jobTemplate(), expect: 'admitted' },
  {
    name: 'a JobTemplate in a queue the namespace may not use',
    object: bypassingJobTemplate(),
    expect: { denied: ['JobTemplate team-ml/train: spec.queue "interactive" is not allowed in namespace team-ml; allowed queues: gpu-train, batch'] },
  },
  {
    name: 'a JobTemplate that names no queue: its CRD defaults it to the default queue',
    object: jobTemplate({ spec: { queue: undefined } }),
    expect: { denied: ['JobTemplate team-a/train: spec.queue "default" (Volcano\'s queue for work that names none) is not allowed in namespace team-a; allowed queues: interactive, batch'] },
  },
  {
    // No Volcano webhook looks at JobTemplates: the next Job a JobFlow creates from it would run in the new queue.
    name: 'an update moving a JobTemplate to a disallowed queue',
    operation: 'UPDATE',
    oldObject: jobTemplate(),
    object: jobTemplate({ spec: { queue: 'gpu-train' } }),
    expect: { denied: ['JobTemplate team-a/train: spec.queue "gpu-train" is not allowed in namespace team-a; allowed queues: interactive, batch'] },
  },
  {
    name: 'labelling a JobTemplate admitted earlier in a queue the namespace may not use: its spec did not change',
    operation: 'UPDATE',
    oldObject: bypassingJobTemplate(),
    object: merge(bypassingJobTemplate(), { metadata: { labels: { stage: 'nightly' } } }),
    expect: 'admitted',
  },
];
