import { ContainerDefaults, PodSecurityLevel, PriorityClassDefinition, TenantRemoval } from './model';

/**
 * Every default of the core environment model lives here; each concern keeps its settings' defaults in its
 * own folder (`lib/volcano/resolve.ts`, `lib/admission/settings.ts`, `lib/observability/settings.ts`).
 * Environment files hold only their differences.
 */

/**
 * The platform's priority classes. None is the global default: pods without a class keep Kubernetes'
 * priority 0, so nothing changes for workloads that never opted in.
 */
export const DEFAULT_PRIORITY_CLASSES: readonly PriorityClassDefinition[] = [
  {
    name: 'volcano-critical',
    value: 100_000,
    description: 'Latency-critical interactive work that may preempt everything below it.',
  },
  {
    name: 'volcano-high',
    value: 10_000,
    description: 'User-facing work with a deadline, such as interactive sessions and dispatch.',
  },
  {
    name: 'volcano-normal',
    value: 1_000,
    description: 'Ordinary batch work.',
  },
  {
    name: 'volcano-low',
    value: 100,
    description: 'Opportunistic work that waits rather than evicting anything.',
    preemptionPolicy: 'Never',
  },
];

/** Pod Security level for tenant namespaces that do not set one. */
export const DEFAULT_POD_SECURITY: PodSecurityLevel = 'restricted';

/** Removing a tenant keeps its Namespace: deleting workloads and volumes takes an explicit `onRemoval: 'delete-namespace'`. */
export const DEFAULT_TENANT_REMOVAL: TenantRemoval = 'keep-namespace';

/** LimitRange defaults for containers that declare no resources. */
export const DEFAULT_CONTAINER_DEFAULTS: ContainerDefaults = {
  request: { cpu: '100m', memory: '128Mi' },
  limit: { cpu: '1', memory: '1Gi' },
};

/**
 * Queue defaults. The weight is read by `proportion` only, but is written under `capacity` too (as 1),
 * because Volcano's webhook would otherwise set it and the object would drift from the manifest.
 */
export const DEFAULT_QUEUE_WEIGHT = 1;
export const DEFAULT_QUEUE_PRIORITY = 0;
export const DEFAULT_QUEUE_RECLAIMABLE = true;
export const DEFAULT_QUEUE_ENABLED = true;

/** Priority class defaults. */
export const DEFAULT_PREEMPTION_POLICY = 'PreemptLowerPriority' as const;
export const DEFAULT_GLOBAL_DEFAULT = false;
