import { Construct } from 'constructs';
import { k8s } from 'cdk8s-plus-28';
import { ResolvedTenant } from '../config/model';
import { quantities } from '../util';
import { ANNOTATIONS, LABELS, podSecurityLabels } from '../labels';

/** Props of {@link TenantNamespace}. */
export interface TenantNamespaceProps {
  /** The resolved tenant. */
  readonly tenant: ResolvedTenant;
  /**
   * The queues the tenant may use right now: its declared queues minus disabled ones. Written to the
   * Namespace's `allowed-queues` annotation, where admission policies read it.
   */
  readonly allowedQueues: readonly string[];
  /** The queue the tenant's workloads get when they name none (`allowed-queues`' first); none if it has no queue. */
  readonly defaultQueue?: string;
  /** Kubernetes minor version, e.g. `1.30`; pins the Pod Security Standards version. */
  readonly kubernetesVersion: string;
}

/**
 * A tenant namespace with Pod Security labels, its allowed queues, a ResourceQuota and a LimitRange. Unless
 * the tenant says `onRemoval: 'delete-namespace'`, Flux never prunes the Namespace.
 */
export class TenantNamespace extends Construct {
  constructor(scope: Construct, id: string, props: TenantNamespaceProps) {
    super(scope, id);
    const { tenant } = props;
    const annotations: Record<string, string> = {
      [ANNOTATIONS.description]: tenant.description,
      [ANNOTATIONS.allowedQueues]: props.allowedQueues.join(','),
      [ANNOTATIONS.allowedPriorityClasses]: tenant.priorityClasses.join(','),
    };
    if (props.defaultQueue !== undefined) {
      annotations[ANNOTATIONS.volcanoNamespaceQueue] = props.defaultQueue;
    }
    // Removing the tenant from Git must not delete its workloads and volumes; Pulumi keeps it likewise (retainOnDelete).
    if (tenant.onRemoval === 'keep-namespace') annotations[ANNOTATIONS.fluxPrune] = 'disabled';
    new k8s.KubeNamespace(this, 'namespace', {
      metadata: {
        name: tenant.name,
        labels: { [LABELS.tenant]: tenant.name, ...podSecurityLabels(tenant.podSecurity, props.kubernetesVersion) },
        annotations,
      },
    });
    new k8s.KubeResourceQuota(this, 'quota', {
      metadata: { name: 'tenant-quota', namespace: tenant.name, labels: { [LABELS.tenant]: tenant.name } },
      spec: { hard: quantities(tenant.quota, k8s.Quantity.fromString) },
    });
    new k8s.KubeLimitRange(this, 'limits', {
      metadata: { name: 'tenant-container-defaults', namespace: tenant.name, labels: { [LABELS.tenant]: tenant.name } },
      spec: {
        limits: [{
          type: 'Container',
          defaultRequest: quantities(tenant.containerDefaults.request, k8s.Quantity.fromString),
          default: quantities(tenant.containerDefaults.limit, k8s.Quantity.fromString),
        }],
      },
    });
  }
}
