import { EnvironmentDefinition } from '../../lib/config';
import { prodWorkload } from '../workloads/agent-platform';

/**
 * Production: the multi-agent workflow platform (Temporal workers) at full size. `dev` derives from it
 * with smaller numbers (`dev.ts`). Three workload classes, one queue each.
 */
export const prod: EnvironmentDefinition = {
  name: 'prod',
  kubernetesVersion: '1.30',
  capacity: { cpu: '96', memory: '384Gi' },
  sharingPolicy: 'proportion',
  queues: [
    {
      name: 'interactive',
      description: 'Session start, multi-agent directives and unified dispatch; p95 from submission to running under 2 minutes.',
      weight: 4,
      priority: 100,
      // Interactive capacity is never lent out only to be reclaimed under load.
      reclaimable: false,
      guarantee: { cpu: '8', memory: '16Gi' },
      capability: { cpu: '32', memory: '64Gi' },
    },
    {
      name: 'batch',
      description: 'Marketing campaign phases (content, design, analytics workers); each phase completes within 30 minutes.',
      weight: 2,
      priority: 10,
      reclaimable: true,
      // No capability of its own: batch may borrow up to the whole cluster beyond its guarantee.
      guarantee: { cpu: '16', memory: '32Gi' },
    },
    {
      name: 'analytics',
      description: 'Data and ML training, throughput-oriented; optional GPUs. Disabled until the analytics rollout.',
      enabled: false,
      weight: 1,
      priority: 0,
      reclaimable: true,
      guarantee: { cpu: '32', memory: '64Gi' },
      capability: { cpu: '64', memory: '256Gi' },
    },
  ],
  release: {
    // Production-grade control plane: two of everything on different nodes, protected by
    // PodDisruptionBudgets (leader election follows from the replicas).
    components: {
      scheduler: { replicas: 2, antiAffinity: 'required', resources: { requests: { cpu: '500m', memory: '512Mi' }, limits: { cpu: '2', memory: '2Gi' } } },
      controller: { replicas: 2, antiAffinity: 'required', resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } } },
      admission: { replicas: 2, antiAffinity: 'required', resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } } },
    },
    admission: {
      // Volcano Jobs only run in tenant namespaces: a webhook outage cannot touch anything else.
      namespaces: { scope: 'tenants' },
      validatingAdmissionPolicies: true,
    },
    scheduler: {
      // Interactive work preempts batch; what batch borrowed is reclaimed when interactive needs it back.
      preemption: true,
      // The interactive target is 2 minutes from submission to running. The sla plugin without a
      // cluster-wide waiting time: an overdue job is force-enqueued past its queue's limits, so only
      // interactive workloads carry `volcano.sh/sla-waiting-time: 2m` (see the samples); batch never does.
      sla: true,
    },
  },
  admission: {
    // Temporal retries activities itself: one Volcano retry at most, so retries do not multiply.
    maxRetry: 1,
    priorityClassesByQueue: {
      interactive: ['volcano-critical', 'volcano-high'],
      batch: ['volcano-normal', 'volcano-low'],
      analytics: ['volcano-normal', 'volcano-low'],
    },
  },
  tenants: [
    {
      name: 'agent-runtime',
      description: 'Temporal workers for session start, directives and multi-agent dispatch.',
      queues: ['interactive', 'batch'],
      priorityClasses: ['volcano-critical', 'volcano-high', 'volcano-normal'],
      quota: { 'requests.cpu': '40', 'requests.memory': '80Gi', 'limits.cpu': '64', 'limits.memory': '128Gi', pods: '500' },
    },
    {
      name: 'marketing-campaigns',
      description: 'Campaign phase workers: content, design and analytics.',
      queues: ['batch'],
      priorityClasses: ['volcano-normal', 'volcano-low'],
      quota: { 'requests.cpu': '32', 'requests.memory': '64Gi', 'limits.cpu': '48', 'limits.memory': '96Gi', pods: '300' },
    },
    {
      name: 'data-science',
      description: 'Data and ML training jobs; batch until the analytics queue opens.',
      queues: ['analytics', 'batch'],
      priorityClasses: ['volcano-normal', 'volcano-low'],
      quota: { 'requests.cpu': '48', 'requests.memory': '192Gi', 'limits.cpu': '64', 'limits.memory': '256Gi', pods: '200' },
    },
    // The workflow service on Argo Workflows (its controller creates the pods; see docs/submitting-work/index.md).
    {
      name: 'workflows',
      description: 'Argo Workflows pipelines: one pod per step, scheduled by Volcano in the batch queue.',
      queues: ['batch'],
      priorityClasses: ['volcano-normal', 'volcano-low'],
      quota: { 'requests.cpu': '24', 'requests.memory': '48Gi', 'limits.cpu': '48', 'limits.memory': '96Gi', pods: '300' },
    },
  ],
  // CI runs `pulumi up` as its own service account; the platform team administers the cluster. Both are exempt
  // from the platform's policies, so a deploy that changes a Queue is never refused.
  deploy: {
    deployers: {
      pulumi: { users: ['system:serviceaccount:platform-ci:pulumi'] },
      administrators: { groups: ['system:masters', 'platform-admins'] },
    },
  },
  observability: {
    prometheusSelector: { release: 'kube-prometheus-stack' },
    prometheusNamespace: 'monitoring',
    runbookUrlPattern: 'https://git.agent-platform.internal/platform/volcano-platform/-/blob/main/docs/observability/runbooks/{environment}/{alert}.md',
    grafanaUrl: 'https://grafana.prod.agent-platform.internal',
    schedulingSlas: [
      // Session start and dispatch: users wait on these.
      { name: 'interactive', queues: ['interactive'], p95: '2m', for: '5m', severity: 'critical' },
      // Campaign phases must complete within 30 minutes; waiting longer than that to start already misses it.
      { name: 'batch', queues: ['batch'], p95: '30m', for: '15m', severity: 'warning' },
    ],
  },
  // What the platform is built to carry, simulated on the environment page.
  workload: prodWorkload,
};
