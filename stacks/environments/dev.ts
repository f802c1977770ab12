import { deriveEnvironment } from '../../lib/config';
import { devWorkload } from '../workloads/agent-platform';
import { prod } from './prod';

const admission = prod.admission ?? {};

/**
 * Development: the production platform shrunk to a 16-core cluster. Besides sizes: the chart's default
 * control plane, admission policies that only warn (the first step of the Warn -> Deny rollout), and
 * workloads that submit to Volcano.
 */
export const dev = deriveEnvironment(prod, {
  name: 'dev',
  admission: { ...admission, enforcement: ['Warn', 'Audit'], volcanoSchedulerEnabled: true },
  capacity: { cpu: '16', memory: '64Gi' },
  // The chart's defaults (one replica each, no preemption); reclaim still follows from the reclaimable queues.
  release: {},
  observability: {
    ...prod.observability,
    grafanaUrl: 'https://grafana.dev.agent-platform.internal',
    alerts: { queueBacklog: { pendingPodGroups: 10, for: '30m', reason: 'A small cluster backs up sooner, and nobody is paged for dev: alert on backlog later.' } },
  },
  queues: {
    interactive: { guarantee: { cpu: '2', memory: '4Gi' }, capability: { cpu: '8', memory: '16Gi' } },
    batch: { guarantee: { cpu: '4', memory: '8Gi' } },
    analytics: { guarantee: { cpu: '8', memory: '16Gi' }, capability: { cpu: '16', memory: '64Gi' } },
  },
  // An eighth of production's load.
  workload: devWorkload,
  tenants: {
    'agent-runtime': { quota: { 'requests.cpu': '8', 'requests.memory': '16Gi', 'limits.cpu': '12', 'limits.memory': '24Gi', pods: '100' } },
    'marketing-campaigns': { quota: { 'requests.cpu': '6', 'requests.memory': '12Gi', 'limits.cpu': '8', 'limits.memory': '16Gi', pods: '60' } },
    'data-science': { quota: { 'requests.cpu': '8', 'requests.memory': '32Gi', 'limits.cpu': '12', 'limits.memory': '48Gi', pods: '40' } },
    workflows: { quota: { 'requests.cpu': '4', 'requests.memory': '8Gi', 'limits.cpu': '8', 'limits.memory': '16Gi', pods: '60' } },
  },
});
