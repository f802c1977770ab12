import { EnvironmentDefinition, ResourceList } from '../../lib/config';
import { gpuLabWorkload } from '../workloads/gpu-lab';
import { gpuLabAlerts, gpuLabSlas } from './gpu-lab-alerts';

const labQuota = (gpus: number, cpu: number, memoryGi: number): ResourceList => ({
  'requests.cpu': String(cpu),
  'requests.memory': `${memoryGi}Gi`,
  'limits.cpu': String(cpu * 2),
  'limits.memory': `${memoryGi * 2}Gi`,
  'requests.nvidia.com/gpu': String(gpus),
  pods: '200',
});

/**
 * A university GPU cluster shared by labs: hierarchical `capacity` queues, one per lab under `labs`.
 * Each lab is guaranteed part of its share and may borrow idle GPUs up to its capability; what it
 * borrowed is reclaimed when the owning lab needs it back.
 */
export const gpuLab: EnvironmentDefinition = {
  name: 'gpu-lab',
  kubernetesVersion: '1.31',
  capacity: { cpu: '256', memory: '1Ti', 'nvidia.com/gpu': '32' },
  sharingPolicy: 'capacity',
  // Research images often need more than `restricted` allows (e.g. shared memory, root in container).
  defaultPodSecurity: 'baseline',
  release: {
    scheduler: {
      gpu: {
        // Fractions of a GPU (`volcano.sh/gpu-memory`) for notebooks and teaching, next to whole
        // `nvidia.com/gpu` requests; needs Volcano's device plugin on the GPU nodes.
        deviceshare: 'gpu-sharing',
        // The GPU nodes run the kubelet topology manager; pods opt in with a NUMA topology policy.
        numaAware: true,
        // Keep whole GPU nodes free for large training jobs.
        binpackGpus: true,
      },
    },
  },
  queues: [
    {
      name: 'labs',
      description: 'Parent of the research labs\' queues; holds the GPU share the labs divide between them.',
      reclaimable: false,
      deserved: { cpu: '224', memory: '896Gi', 'nvidia.com/gpu': '30' },
      guarantee: { cpu: '96', memory: '384Gi', 'nvidia.com/gpu': '16' },
    },
    {
      name: 'lab-vision',
      description: 'Computer vision lab.',
      parent: 'labs',
      deserved: { cpu: '64', memory: '256Gi', 'nvidia.com/gpu': '12' },
      guarantee: { cpu: '32', memory: '128Gi', 'nvidia.com/gpu': '6' },
      capability: { cpu: '160', memory: '640Gi', 'nvidia.com/gpu': '24' },
    },
    {
      name: 'lab-nlp',
      description: 'Natural language processing lab.',
      parent: 'labs',
      deserved: { cpu: '64', memory: '256Gi', 'nvidia.com/gpu': '12' },
      guarantee: { cpu: '32', memory: '128Gi', 'nvidia.com/gpu': '6' },
      capability: { cpu: '160', memory: '640Gi', 'nvidia.com/gpu': '24' },
    },
    {
      name: 'lab-robotics',
      description: 'Robotics lab; smaller share, mostly simulation.',
      parent: 'labs',
      deserved: { cpu: '32', memory: '128Gi', 'nvidia.com/gpu': '4' },
      guarantee: { cpu: '16', memory: '64Gi', 'nvidia.com/gpu': '2' },
      capability: { cpu: '96', memory: '384Gi', 'nvidia.com/gpu': '12' },
    },
    {
      name: 'teaching',
      description: 'Course assignments; CPU only, with a small guaranteed floor during term.',
      deserved: { cpu: '32', memory: '128Gi' },
      guarantee: { cpu: '8', memory: '32Gi' },
      // An omitted resource is unlimited to Volcano: say "no GPUs" explicitly.
      capability: { cpu: '64', memory: '256Gi', 'nvidia.com/gpu': '0' },
    },
  ],
  // The GPU queues follow from the queues: the labs' queues give GPUs, teaching's capability says none.
  admission: { volcanoSchedulerEnabled: true },
  // A kubeadm cluster: its administrators (who run `pulumi up`) are in kubeadm:cluster-admins, not system:masters.
  deploy: { deployers: { administrators: { groups: ['system:masters', 'kubeadm:cluster-admins'] } } },
  observability: {
    // The lab cluster runs the Prometheus operator's own stack, which selects on `prometheus: k8s`.
    prometheusSelector: { prometheus: 'k8s' },
    runbookUrlPattern: 'https://git.gpu-lab.example.edu/hpc/volcano-platform/-/blob/main/docs/observability/runbooks/{environment}/{alert}.md',
    grafanaUrl: 'https://grafana.gpu-lab.example.edu',
    prometheusNamespace: 'monitoring',
    // kube-prometheus gives its Prometheus Roles in default, kube-system and monitoring only, no ClusterRole:
    // without a Role in the Volcano namespace it discovers no target there.
    prometheusServiceAccount: { namespace: 'monitoring', name: 'prometheus-k8s' },
    grafana: { namespace: 'monitoring', folderAnnotation: { key: 'grafana_folder', value: 'GPU cluster' } },
    // Reviewed as a whole for an always-busy cluster, each with its reason: see gpu-lab-alerts.ts.
    alerts: gpuLabAlerts,
    schedulingSlas: gpuLabSlas,
  },
  tenants: [
    { name: 'lab-vision', description: 'Computer vision lab.', queues: ['lab-vision'], quota: labQuota(24, 160, 640) },
    { name: 'lab-nlp', description: 'Natural language processing lab.', queues: ['lab-nlp'], quota: labQuota(24, 160, 640) },
    { name: 'lab-robotics', description: 'Robotics lab.', queues: ['lab-robotics'], quota: labQuota(12, 96, 384) },
    {
      name: 'teaching',
      description: 'Course assignments.',
      queues: ['teaching'],
      priorityClasses: ['volcano-normal', 'volcano-low'],
      quota: { 'requests.cpu': '64', 'requests.memory': '256Gi', 'limits.cpu': '96', 'limits.memory': '384Gi', 'requests.nvidia.com/gpu': '0', pods: '500' },
    },
  ],
  // Training and teaching, simulated on the environment page.
  workload: gpuLabWorkload,
};
