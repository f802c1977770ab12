import { PolicyFixture, argoStepPod, bypassingCronJob, bypassingJobTemplate, container, cronJob, jobTemplate, merge, podGroup, storedJob, task, templateSpec, volcanoJob, volcanoPod } from '../../testing/fixtures';

const gpu = (name: string, amount: string | number, where: 'requests' | 'limits' | 'both' = 'both') =>
  container(name, {
    resources: {
      ...(where !== 'limits' ? { requests: { cpu: '4', memory: '16Gi', 'nvidia.com/gpu': amount } } : {}),
      ...(where !== 'requests' ? { limits: { cpu: '8', memory: '32Gi', 'nvidia.com/gpu': amount } } : {}),
    },
  });
const mlJob = (overrides: Record<string, any>) => volcanoJob({ metadata: { namespace: 'team-ml' }, ...overrides });
const notGpuQueue = (subject: string, users: string, field: string, queue: string) =>
  `${subject}: uses GPUs (${users}) but ${field} "${queue}" is not a GPU queue; GPU queues: gpu-train`;

const argoSubject = (pod: Record<string, any>) => `Pod ${pod.metadata.namespace}/${pod.metadata.name}`;

/** Fixtures of `gpu-queues`; `gpu-train` is the fixture environment's only GPU queue. */
export const fixtures: readonly PolicyFixture[] = [
  { name: 'GPUs in the GPU queue', object: mlJob({ spec: { queue: 'gpu-train', tasks: [task('trainer', 2, [gpu('trainer', 2)])] } }), expect: 'admitted' },
  { name: 'a CPU job in a CPU queue', object: mlJob({ spec: { queue: 'batch' } }), expect: 'admitted' },
  {
    name: 'a zero GPU request is no GPU (compared as a quantity)',
    object: mlJob({ spec: { queue: 'batch', tasks: [task('worker', 2, [gpu('worker', '0')])] } }),
    expect: 'admitted',
  },
  {
    name: 'a PodGroup reserving GPUs in the GPU queue',
    object: podGroup({ metadata: { namespace: 'team-ml' }, spec: { queue: 'gpu-train', minResources: { 'nvidia.com/gpu': '4' } } }),
    expect: 'admitted',
  },
  {
    name: 'GPUs in a CPU queue',
    object: mlJob({ spec: { queue: 'batch', tasks: [task('trainer', 2, [gpu('trainer', 1)])] } }),
    expect: { denied: [notGpuQueue('Job team-ml/report', 'task trainer container trainer: nvidia.com/gpu', 'spec.queue', 'batch')] },
  },
  {
    name: 'a GPU limit without a request',
    object: mlJob({ spec: { queue: 'batch', tasks: [task('trainer', 2, [gpu('trainer', 1, 'limits')])] } }),
    expect: { denied: [notGpuQueue('Job team-ml/report', 'task trainer container trainer: nvidia.com/gpu', 'spec.queue', 'batch')] },
  },
  {
    name: 'a GPU in an init container',
    object: mlJob({ spec: { queue: 'batch', tasks: [task('worker', 2, [container('worker')], { initContainers: [gpu('warmup', '1', 'requests')] })] } }),
    expect: { denied: [notGpuQueue('Job team-ml/report', 'task worker container warmup: nvidia.com/gpu', 'spec.queue', 'batch')] },
  },
  {
    name: 'GPUs without a queue (Volcano\'s default)',
    object: mlJob({ spec: { queue: undefined, tasks: [task('trainer', 1, [gpu('trainer', 8)])] } }),
    expect: { denied: [notGpuQueue('Job team-ml/report', 'task trainer container trainer: nvidia.com/gpu', 'spec.queue', 'default')] },
  },
  {
    name: 'a Volcano pod with a GPU in a CPU queue',
    object: volcanoPod({ metadata: { namespace: 'team-ml' }, spec: { containers: [gpu('notebook', '1')] } }),
    expect: { denied: [notGpuQueue('Pod team-ml/dispatch-7d9f-x2x', 'container notebook: nvidia.com/gpu', 'annotation scheduling.volcano.sh/queue-name', 'batch')] },
  },
  {
    name: 'shared GPU memory in the GPU queue',
    object: mlJob({ spec: { queue: 'gpu-train', tasks: [task('trainer', 2, [container('trainer', { resources: { requests: { cpu: '1', memory: '1Gi', 'volcano.sh/gpu-memory': 1024 }, limits: { 'volcano.sh/gpu-memory': 1024 } } })])] } }),
    expect: 'admitted',
  },
  {
    name: 'shared GPU memory (Volcano\'s GPU sharing) in a CPU queue',
    object: mlJob({ spec: { queue: 'batch', tasks: [task('trainer', 2, [container('trainer', { resources: { requests: { cpu: '1', memory: '1Gi', 'volcano.sh/gpu-memory': 1024 }, limits: { 'volcano.sh/gpu-memory': 1024 } } })])] } }),
    expect: { denied: [notGpuQueue('Job team-ml/report', 'task trainer container trainer: volcano.sh/gpu-memory', 'spec.queue', 'batch')] },
  },
  {
    name: 'a Volcano pod counting GPUs and NVIDIA GPUs in a CPU queue',
    object: volcanoPod({ metadata: { namespace: 'team-ml' }, spec: { containers: [container('notebook', { resources: { requests: { cpu: '1', memory: '1Gi', 'volcano.sh/gpu-number': '1' }, limits: { 'nvidia.com/gpu': '1' } } })] } }),
    expect: { denied: [notGpuQueue('Pod team-ml/dispatch-7d9f-x2x', 'container notebook: nvidia.com/gpu + volcano.sh/gpu-number', 'annotation scheduling.volcano.sh/queue-name', 'batch')] },
  },
  {
    name: 'a PodGroup reserving GPU numbers in a CPU queue',
    object: podGroup({ metadata: { namespace: 'team-ml' }, spec: { queue: 'batch', minResources: { cpu: '2', 'volcano.sh/gpu-number': '2' } } }),
    expect: { denied: [notGpuQueue('PodGroup team-ml/session', 'spec.minResources: volcano.sh/gpu-number', 'spec.queue', 'batch')] },
  },
  {
    name: 'a PodGroup reserving a fraction of a GPU in a CPU queue',
    object: podGroup({ metadata: { namespace: 'team-ml' }, spec: { queue: 'batch', minResources: { 'nvidia.com/gpu': '500m' } } }),
    expect: { denied: [notGpuQueue('PodGroup team-ml/session', 'spec.minResources: nvidia.com/gpu', 'spec.queue', 'batch')] },
  },
  {
    // Volcano schedules it in the PodGroup's queue; the pod's own annotation (or its absence, "default") says nothing.
    name: 'a GPU pod joining a GPU PodGroup it names, without a queue annotation of its own',
    object: volcanoPod({
      metadata: { namespace: 'team-ml', annotations: { 'scheduling.volcano.sh/queue-name': undefined, 'scheduling.k8s.io/group-name': 'trainers' } },
      spec: { containers: [gpu('trainer', '1')] },
    }),
    expect: 'admitted',
  },
  {
    // The pod's annotation does not buy it a GPU queue: the PodGroup's queue counts, judged on the PodGroup (next row).
    name: 'a GPU pod naming a PodGroup and a GPU queue annotation it does not run in is not judged by its annotation',
    object: volcanoPod({
      metadata: { namespace: 'team-ml', annotations: { 'scheduling.volcano.sh/queue-name': 'gpu-train', 'scheduling.k8s.io/group-name': 'cpu-group' } },
      spec: { containers: [gpu('trainer', '1')] },
    }),
    expect: 'admitted',
  },
  {
    name: 'the CPU-queue PodGroup such pods join, reserving their GPUs',
    object: podGroup({ metadata: { name: 'cpu-group', namespace: 'team-ml' }, spec: { queue: 'batch', minResources: { cpu: '4', 'nvidia.com/gpu': '1' } } }),
    expect: { denied: [notGpuQueue('PodGroup team-ml/cpu-group', 'spec.minResources: nvidia.com/gpu', 'spec.queue', 'batch')] },
  },
  {
    name: 'a pod with an empty PodGroup name is judged by its own annotation',
    object: volcanoPod({
      metadata: { namespace: 'team-ml', annotations: { 'scheduling.volcano.sh/queue-name': 'batch', 'scheduling.k8s.io/group-name': '' } },
      spec: { containers: [gpu('trainer', '1')] },
    }),
    expect: { denied: [notGpuQueue('Pod team-ml/dispatch-7d9f-x2x', 'container trainer: nvidia.com/gpu', 'annotation scheduling.volcano.sh/queue-name', 'batch')] },
  },
  {
    // Admitted under Warn: an update that changes neither the queue nor the containers is not judged.
    name: 'a label added to a GPU Job admitted in a CPU queue',
    operation: 'UPDATE',
    oldObject: storedJob(mlJob({ spec: { queue: 'batch', tasks: [task('trainer', 2, [gpu('trainer', 1)])] } })),
    object: merge(storedJob(mlJob({ spec: { queue: 'batch', tasks: [task('trainer', 2, [gpu('trainer', 1)])] } })), { metadata: { labels: { reviewed: 'yes' } } }),
    expect: 'admitted',
  },
  {
    name: 'an update moving a GPU PodGroup to a CPU queue',
    operation: 'UPDATE',
    oldObject: podGroup({ metadata: { namespace: 'team-ml' }, spec: { queue: 'gpu-train', minResources: { 'nvidia.com/gpu': '4' } } }),
    object: podGroup({ metadata: { namespace: 'team-ml' }, spec: { queue: 'batch', minResources: { 'nvidia.com/gpu': '4' } } }),
    expect: { denied: [notGpuQueue('PodGroup team-ml/session', 'spec.minResources: nvidia.com/gpu', 'spec.queue', 'batch')] },
  },
  {
    name: 'an Argo step\'s pod with GPUs in the GPU queue',
    object: argoStepPod({ namespace: 'team-ml', main: gpu('train', '1'), workflow: { podMetadata: { annotations: { 'scheduling.volcano.sh/queue-name': 'gpu-train' } } } }),
    expect: 'admitted',
  },
  {
    name: 'an Argo step\'s pod with GPUs in a CPU queue (Argo names the step\'s container main)',
    object: argoStepPod({ namespace: 'team-ml', main: gpu('train', '1') }),
    expect: { denied: [notGpuQueue(argoSubject(argoStepPod({ namespace: 'team-ml' })), 'container main: nvidia.com/gpu', 'annotation scheduling.volcano.sh/queue-name', 'batch')] },
  },
  // The CronJob's Jobs come from Volcano's controller, which is exempt: its job template is judged instead.
  { name: 'a CronJob whose job template has no GPUs', object: cronJob(), expect: 'admitted' },
  {
    name: 'a CronJob whose job template asks for a GPU outside the GPU queues',
    object: bypassingCronJob(),
    expect: { denied: ['CronJob team-ml/nightly: uses GPUs (jobTemplate task trainer container trainer: nvidia.com/gpu) but spec.jobTemplate.spec.queue "interactive" is not a GPU queue; GPU queues: gpu-train'] },
  },
  {
    name: 'an update moving a GPU CronJob\'s job template out of the GPU queue',
    operation: 'UPDATE',
    oldObject: merge(bypassingCronJob(), templateSpec({ queue: 'gpu-train' })),
    object: merge(bypassingCronJob(), templateSpec({ queue: 'batch' })),
    expect: { denied: ['CronJob team-ml/nightly: uses GPUs (jobTemplate task trainer container trainer: nvidia.com/gpu) but spec.jobTemplate.spec.queue "batch" is not a GPU queue; GPU queues: gpu-train'] },
  },
  // A JobFlow's Jobs come from Volcano's jobflow controller, which is exempt, with the named JobTemplate's spec as it is: the JobTemplate is judged instead.
  { name: 'a JobTemplate without GPUs', object: jobTemplate(), expect: 'admitted' },
  { name: 'a JobTemplate asking for a GPU in the GPU queue', object: merge(bypassingJobTemplate(), { spec: { queue: 'gpu-train' } }), expect: 'admitted' },
  {
    name: 'a JobTemplate asking for a GPU outside the GPU queues',
    object: bypassingJobTemplate(),
    expect: { denied: ['JobTemplate team-ml/train: uses GPUs (task trainer container trainer: nvidia.com/gpu) but spec.queue "interactive" is not a GPU queue; GPU queues: gpu-train'] },
  },
  {
    name: 'an update moving a GPU JobTemplate out of the GPU queue',
    operation: 'UPDATE',
    oldObject: merge(bypassingJobTemplate(), { spec: { queue: 'gpu-train' } }),
    object: merge(bypassingJobTemplate(), { spec: { queue: 'batch' } }),
    expect: { denied: ['JobTemplate team-ml/train: uses GPUs (task trainer container trainer: nvidia.com/gpu) but spec.queue "batch" is not a GPU queue; GPU queues: gpu-train'] },
  },
];
