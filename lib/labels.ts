/** Label and annotation keys the platform writes, in one place so every construct spells them the same. */

/** Prefix of the platform's own labels and annotations. */
export const PLATFORM_DOMAIN = 'volcano-platform.io';

export const ANNOTATIONS = {
  /** What an object is for, for reviewers and operators. */
  description: `${PLATFORM_DOMAIN}/description`,
  /** On a Queue: `"true"` or `"false"`; a disabled queue has capability 1m cpu, 1 byte of memory, 0 of the rest. */
  queueEnabled: `${PLATFORM_DOMAIN}/enabled`,
  /** On a tenant Namespace: comma-separated queues its workloads may use (read by admission policies). */
  allowedQueues: `${PLATFORM_DOMAIN}/allowed-queues`,
  /** On a tenant Namespace: comma-separated priority classes its workloads may use. */
  allowedPriorityClasses: `${PLATFORM_DOMAIN}/allowed-priority-classes`,
  /** Volcano's own namespace annotation: the queue its PodGroup mutation webhook fills in for `default`. */
  volcanoNamespaceQueue: 'scheduling.volcano.sh/queue-name',
  /** Flux's annotation: `disabled` keeps an object in the cluster when it disappears from Git. */
  fluxPrune: 'kustomize.toolkit.fluxcd.io/prune',
} as const;

export const LABELS = {
  environment: `${PLATFORM_DOMAIN}/environment`,
  tenant: `${PLATFORM_DOMAIN}/tenant`,
} as const;

/**
 * The recommended `app.kubernetes.io/*` labels plus the environment label. Selector-safe: no version,
 * so selectors built from these never change on upgrade.
 */
export function recommendedLabels(name: string, component: string, environment: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/part-of': 'volcano-platform',
    'app.kubernetes.io/managed-by': 'volcano-platform',
    [LABELS.environment]: environment,
  };
}

/** Pod Security admission labels enforcing, auditing and warning at one level, pinned to a Kubernetes minor. */
export function podSecurityLabels(level: string, kubernetesVersion: string): Record<string, string> {
  const version = `v${kubernetesVersion}`;
  return Object.fromEntries(['enforce', 'audit', 'warn'].flatMap((mode) => [
    [`pod-security.kubernetes.io/${mode}`, level],
    [`pod-security.kubernetes.io/${mode}-version`, version],
  ]));
}

/** Whether Flux keeps an object when it is removed from Git (`kustomize.toolkit.fluxcd.io/prune: disabled`, as annotation or label). */
export function pruneDisabled(object: { readonly metadata: { readonly annotations?: Readonly<Record<string, string>>; readonly labels?: Readonly<Record<string, string>> } }): boolean {
  return object.metadata.annotations?.[ANNOTATIONS.fluxPrune] === 'disabled' || object.metadata.labels?.[ANNOTATIONS.fluxPrune] === 'disabled';
}
