import type { AdmissionSettings, ResolvedAdmissionSettings } from '../admission/settings';

/**
 * The environment model: what an environment file in `stacks/` writes (the *definitions*), and what
 * the constructs consume once defaults are applied (the *resolved* forms).
 *
 * Quantities are strings in Kubernetes notation (`"8"`, `"500m"`, `"16Gi"`), keyed by resource name
 * (`cpu`, `memory`, `nvidia.com/gpu`).
 */
import type { ReleaseSettings, ResolvedReleaseSettings } from '../volcano/settings';

import type { ObservabilitySettings, ResolvedObservability } from '../observability/settings';

import type { WorkloadProfile } from '../simulation/profile';
import type { DeploySettings, ResolvedDeploySettings } from '../deploy/settings';

/** Resource name to quantity, e.g. `{ cpu: '8', memory: '16Gi', 'nvidia.com/gpu': '2' }`. */
export type ResourceList = Readonly<Record<string, string>>;

/**
 * How Volcano shares the cluster between queues. Volcano's `proportion` and `capacity` scheduler plugins
 * are alternatives: proportion divides by `weight`, capacity by `deserved` (and supports hierarchy).
 */
export type SharingPolicy = 'proportion' | 'capacity';

/** Pod Security Standards level enforced on a tenant namespace. */
export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

/** A Kubernetes PriorityClass the platform offers to workloads. */
export interface PriorityClassDefinition {
  /** Cluster-wide name, a DNS-1123 subdomain not starting with `system-`. */
  readonly name: string;
  /** Priority value; higher is scheduled (and preempts) first. At most 1,000,000,000 for user classes. */
  readonly value: number;
  /** Shown to users by `kubectl get priorityclass`; say what the class is for. */
  readonly description: string;
  /** `Never` lets pods queue ahead without evicting others. Default `PreemptLowerPriority`. */
  readonly preemptionPolicy?: 'PreemptLowerPriority' | 'Never';
  /** Whether pods without a `priorityClassName` get this class. At most one per environment. Default false. */
  readonly globalDefault?: boolean;
}

/** A Volcano Queue. */
export interface QueueDefinition {
  /** Queue name, a DNS-1123 label. `root` and `default` belong to the Volcano scheduler. */
  readonly name: string;
  /** What the queue is for; rendered as an annotation for reviewers and operators. */
  readonly description: string;
  /**
   * Whether the queue accepts work. A disabled queue is still defined and validated, but is rendered closed
   * (capability 1m cpu, 1 byte of memory, 0 of every other resource, since Volcano reads a zero cpu or memory
   * capability as unlimited and has no open/closed spec field) and without guarantee, is marked with the
   * annotation `volcano-platform.io/enabled: "false"`, and is left out of tenants' allowed queues. Default true.
   */
  readonly enabled?: boolean;
  /** Parent queue for hierarchical sharing; only with the `capacity` policy. Default: top level (`root`). */
  readonly parent?: string;
  /** Share weight, 1 to 65535; only meaningful with the `proportion` policy. Default 1. */
  readonly weight?: number;
  /** Queue order: higher priority queues are served first and reclaimed from last. Default 0. */
  readonly priority?: number;
  /** Whether other queues may reclaim resources this queue borrowed beyond its share. Default true. */
  readonly reclaimable?: boolean;
  /**
   * Hard upper limit of what the queue may use. Default: the parent's capability, or the cluster
   * capacity for top-level queues, written out in full so Volcano never sees an open-ended queue.
   */
  readonly capability?: ResourceList;
  /** The queue's fair share under the `capacity` policy (required there); not used by `proportion`. */
  readonly deserved?: ResourceList;
  /** Resources reserved for this queue and never lent to others. */
  readonly guarantee?: ResourceList;
}

/** Default requests and limits a tenant's containers get when they declare none. */
export interface ContainerDefaults {
  /** Default `resources.requests` per container. */
  readonly request: ResourceList;
  /** Default `resources.limits` per container. */
  readonly limit: ResourceList;
}

/** A tenant: a namespace, its quota, and the queues and priority classes its workloads may use. */
export interface TenantDefinition {
  /** Namespace name, a DNS-1123 label; system namespaces are refused. */
  readonly name: string;
  /** Who the tenant is and what runs there; rendered as an annotation. */
  readonly description: string;
  /** Queues the tenant's workloads may submit to (leaf queues only). */
  readonly queues: readonly string[];
  /** Priority classes the tenant's workloads may use. Default: every class of the environment. */
  readonly priorityClasses?: readonly string[];
  /** ResourceQuota `hard` limits, e.g. `{ 'requests.cpu': '16', 'requests.nvidia.com/gpu': '4', pods: '200' }`. */
  readonly quota: ResourceList;
  /** Pod Security Standards level enforced, audited and warned on. Default from the environment. */
  readonly podSecurity?: PodSecurityLevel;
  /** Container defaults for the namespace's LimitRange. Default from the environment. */
  readonly containerDefaults?: ContainerDefaults;
  /**
   * What removing the tenant from `tenants` does to its Namespace (and every workload and volume in it).
   * `keep-namespace` (default): Pulumi forgets it (`retainOnDelete`) and Flux never prunes it. To delete a
   * tenant, set `delete-namespace` and deploy, then remove the tenant and deploy again.
   */
  readonly onRemoval?: TenantRemoval;
}

/** What removing a tenant from an environment does to its Namespace. */
export type TenantRemoval = 'keep-namespace' | 'delete-namespace';

/** One environment, as written in `stacks/environments/<env>.ts`. Omitted fields take the defaults in `defaults.ts`. */
export interface EnvironmentDefinition {
  /** Environment name, a DNS-1123 label; `dist/<name>/` holds its manifests. */
  readonly name: string;
  /** Kubernetes minor version of the target cluster, `"1.30"` or newer. */
  readonly kubernetesVersion: string;
  /** What the platform may plan with: must declare `cpu` and `memory`; GPUs as `nvidia.com/gpu`. */
  readonly capacity: ResourceList;
  /** How Volcano shares the cluster between queues. */
  readonly sharingPolicy: SharingPolicy;
  /** Priority classes. Default: the platform's four classes in `defaults.ts`. */
  readonly priorityClasses?: readonly PriorityClassDefinition[];
  /** Volcano queues, in the order they are rendered. */
  readonly queues: readonly QueueDefinition[];
  /** Tenant namespaces. */
  readonly tenants: readonly TenantDefinition[];
  /** Pod Security level for tenants that do not set one. Default `restricted`. */
  readonly defaultPodSecurity?: PodSecurityLevel;
  /** LimitRange defaults for tenants that do not set them. */
  readonly defaultContainerDefaults?: ContainerDefaults;
  /** The Volcano Helm release and its scheduler configuration. Defaults in `lib/volcano/resolve.ts`. */
  readonly release?: ReleaseSettings;
  /** Admission policies: enforcement, retry limit, GPU queues, priority classes per queue, exemptions. */
  readonly admission?: AdmissionSettings;
  /** Scrape targets, alerts and dashboards; `prometheusSelector`, `runbookUrlPattern` and `grafanaUrl` are required. */
  readonly observability?: ObservabilitySettings;
  /** The workload the environment is built for, simulated on its page (`stacks/workloads/`). Default none. */
  readonly workload?: WorkloadProfile;
  /** Who deploys the environment (exempt from its own policies). Defaults in `lib/deploy/settings.ts`. */
  readonly deploy?: DeploySettings;
}

/** A queue with every default applied. */
export interface ResolvedQueue extends Required<Omit<QueueDefinition, 'parent' | 'deserved' | 'guarantee' | 'weight'>> {
  readonly parent?: string;
  readonly weight?: number;
  readonly deserved?: ResourceList;
  readonly guarantee?: ResourceList;
}

/** A tenant with every default applied. */
export type ResolvedTenant = Required<TenantDefinition>;

/** A priority class with every default applied. */
export type ResolvedPriorityClass = Required<PriorityClassDefinition>;

/** An environment with every default applied: what validation and the constructs read. */
export interface ResolvedEnvironment {
  /** Environment name. */
  readonly name: string;
  /** Kubernetes minor version of the target cluster. */
  readonly kubernetesVersion: string;
  /** Declared cluster capacity. */
  readonly capacity: ResourceList;
  /** How Volcano shares the cluster between queues. */
  readonly sharingPolicy: SharingPolicy;
  /** Priority classes, defaults applied. */
  readonly priorityClasses: readonly ResolvedPriorityClass[];
  /** Queues, defaults applied (capability written out for every resource). */
  readonly queues: readonly ResolvedQueue[];
  /** Tenants, defaults applied. */
  readonly tenants: readonly ResolvedTenant[];
  /** The Volcano release settings, defaults applied. */
  readonly release: ResolvedReleaseSettings;
  /** Admission policy settings, defaults applied. */
  readonly admission: ResolvedAdmissionSettings;
  /** Monitoring settings, defaults applied. */
  readonly observability: ResolvedObservability;
  /** The declared workload, as written; absent when none is declared. */
  readonly workload?: WorkloadProfile;
  /** Deploy settings, defaults applied. */
  readonly deploy: ResolvedDeploySettings;
}
