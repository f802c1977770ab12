import { EnvironmentDefinition } from '../../config/model';

/**
 * The small environment every policy fixture is evaluated in, so fixtures and their expected messages
 * do not move when a real environment in `stacks/` changes.
 */
export const FIXTURE_ENVIRONMENT: EnvironmentDefinition = {
  name: 'fixture',
  kubernetesVersion: '1.30',
  capacity: { cpu: '64', memory: '256Gi', 'nvidia.com/gpu': '8' },
  sharingPolicy: 'proportion',
  queues: [
    { name: 'interactive', description: 'Interactive work.', weight: 4, guarantee: { cpu: '4', memory: '8Gi' } },
    { name: 'batch', description: 'Batch work.', weight: 2 },
    // A GPU queue because its capability names GPUs (the cluster's 8, written out).
    { name: 'gpu-train', description: 'GPU training.', weight: 1, capability: { 'nvidia.com/gpu': '8' } },
  ],
  tenants: [
    {
      name: 'team-a',
      description: 'A tenant without GPUs.',
      queues: ['interactive', 'batch'],
      priorityClasses: ['volcano-high', 'volcano-normal'],
      quota: { 'requests.cpu': '16', 'requests.memory': '32Gi' },
    },
    {
      name: 'team-ml',
      description: 'A tenant that trains on GPUs.',
      queues: ['gpu-train', 'batch'],
      priorityClasses: ['volcano-normal', 'volcano-low'],
      quota: { 'requests.cpu': '32', 'requests.memory': '128Gi', 'requests.nvidia.com/gpu': '8' },
    },
  ],
  observability: {
    prometheusSelector: { release: 'kube-prometheus-stack' },
    runbookUrlPattern: 'https://runbooks.example.com/{alert}.md',
    grafanaUrl: 'https://grafana.example.com',
    queuesWithoutSla: ['interactive', 'batch', 'gpu-train'],
  },
  // A CI service account runs `pulumi up`; kubeadm's administrators group besides system:masters.
  deploy: {
    deployers: {
      pulumi: { users: ['system:serviceaccount:platform-ci:pulumi'] },
      administrators: { groups: ['system:masters', 'kubeadm:cluster-admins'] },
    },
  },
  admission: {
    maxRetry: 2,
    priorityClassesByQueue: {
      interactive: ['volcano-critical', 'volcano-high'],
      batch: ['volcano-normal', 'volcano-low'],
      'gpu-train': ['volcano-normal'],
    },
  },
};
