import { PolicyFixture, argoStepPod, container, podGroup, task, volcanoJob, volcanoPod } from '../../testing/fixtures';

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
    name: 'an Argo step\'s pod with GPUs in the GPU queue',
    object: argoStepPod({ namespace: 'team-ml', main: gpu('train', '1'), workflow: { podMetadata: { annotations: { 'scheduling.volcano.sh/queue-name': 'gpu-train' } } } }),
    expect: 'admitted',
  },
  {
    name: 'an Argo step\'s pod with GPUs in a CPU queue (Argo names the step\'s container main)',
    object: argoStepPod({ namespace: 'team-ml', main: gpu('train', '1') }),
    expect: { denied: [notGpuQueue(argoSubject(argoStepPod({ namespace: 'team-ml' })), 'container main: nvidia.com/gpu', 'annotation scheduling.volcano.sh/queue-name', 'batch')] },
  },
];
