import { ResourceList } from '../config/model';
import { SchedulerAction, SchedulerTier } from './scheduler-config';

/** The three Volcano control-plane components this project sizes and protects. */
export const VOLCANO_COMPONENTS = ['scheduler', 'controller', 'admission'] as const;
export type VolcanoComponent = (typeof VOLCANO_COMPONENTS)[number];

/** Every admission path the webhook manager 1.15.1 registers; an unknown one aborts its start-up. */
export const ADMISSION_HOOKS = [
  '/jobs/mutate', '/jobs/validate', '/podgroups/mutate', '/podgroups/validate', '/pods/mutate', '/pods/validate',
  '/queues/mutate', '/queues/validate', '/hypernodes/validate', '/cronjobs/validate', '/jobflows/validate',
] as const;
export type AdmissionHook = (typeof ADMISSION_HOOKS)[number];

/** A toleration, as in a pod spec. */
export interface Toleration {
  readonly key?: string;
  readonly operator?: 'Exists' | 'Equal';
  readonly value?: string;
  readonly effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
  readonly tolerationSeconds?: number;
}

/** A label selector requirement, as in a webhook's `namespaceSelector.matchExpressions`. */
export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  /** Required for `In`/`NotIn`, forbidden for `Exists`/`DoesNotExist`. */
  readonly values?: readonly string[];
}

/** Pod-level security context of the Volcano pods (the chart's `default_sc`). */
export interface PodSecuritySettings {
  readonly runAsNonRoot?: boolean;
  readonly runAsUser?: number;
  readonly runAsGroup?: number;
  readonly fsGroup?: number;
  readonly seccompProfile?: { readonly type: 'RuntimeDefault' | 'Localhost' | 'Unconfined'; readonly localhostProfile?: string };
}

/** Container-level security context of the Volcano containers (the chart's `default_csc`). */
export interface ContainerSecuritySettings {
  readonly allowPrivilegeEscalation?: boolean;
  readonly readOnlyRootFilesystem?: boolean;
  readonly runAsNonRoot?: boolean;
  readonly runAsUser?: number;
  readonly capabilities?: { readonly add?: readonly string[]; readonly drop?: readonly string[] };
}

/** Requests and limits of one component's container. */
export interface ComponentResources {
  readonly requests?: ResourceList;
  readonly limits?: ResourceList;
}

/** How replicas of one component are kept apart. */
export type AntiAffinity = 'required' | 'preferred' | 'none';

/** Sizing and placement of one control-plane component. */
export interface ComponentSettings {
  /** Number of pods, at least 1. Default 1. More than one turns leader election on for the release. */
  readonly replicas?: number;
  /** Container requests and limits. Default: none (the chart sets none either). */
  readonly resources?: ComponentResources;
  /**
   * Spreading replicas over nodes (`kubernetes.io/hostname`): `preferred` keeps rollouts possible on
   * small clusters, `required` never co-locates two replicas. Default `preferred` with more than one replica, else `none`.
   */
  readonly antiAffinity?: AntiAffinity;
  /** Tolerations of the component's pods, e.g. for dedicated control-plane nodes. Default none. */
  readonly tolerations?: readonly Toleration[];
  /** Node selector of the component's pods. Default none. */
  readonly nodeSelector?: Readonly<Record<string, string>>;
  /**
   * Whether a PodDisruptionBudget (`maxUnavailable: 1`) protects the component from voluntary
   * evictions such as node drains. Needs at least two replicas. Default: on with more than one replica.
   */
  readonly podDisruptionBudget?: boolean;
}

/** Which namespaces the admission webhook sees. */
export interface AdmissionNamespaces {
  /**
   * `all`: every namespace except the system ones; `tenants`: only the platform's tenant namespaces
   * (labelled `volcano-platform.io/tenant`). Default `all`, so Volcano Jobs anywhere are validated.
   */
  readonly scope?: 'all' | 'tenants';
  /** Further namespaces the webhook never sees, beyond the system ones. */
  readonly excluded?: readonly string[];
  /** Further selector expressions, ANDed with the ones above. */
  readonly extraExpressions?: readonly LabelSelectorRequirement[];
}

/** The admission webhook and Volcano's own admission policies. */
export interface AdmissionSettings {
  /** Enabled admission paths. Default: the chart's list (no pod hooks, so a webhook outage never blocks plain pods). */
  readonly hooks?: readonly AdmissionHook[];
  /** Which namespaces the webhook sees. */
  readonly namespaces?: AdmissionNamespaces;
  /** Volcano's ValidatingAdmissionPolicies (the chart's `vap_enable`), checks in the API server itself. Default false. */
  readonly validatingAdmissionPolicies?: boolean;
}

/** GPU awareness of the scheduler. */
export interface GpuSchedulingSettings {
  /**
   * The `deviceshare` plugin's mode: `gpu-number` (whole GPUs counted by Volcano's device plugin),
   * `gpu-sharing` (fractions of GPU memory) or `vgpu`. Default: no deviceshare plugin (plain
   * `nvidia.com/gpu` requests need none).
   */
  readonly deviceshare?: 'gpu-number' | 'gpu-sharing' | 'vgpu';
  /** Adds `numa-aware` for pods with a NUMA topology policy (needs Numatopology objects per node). Default false. */
  readonly numaAware?: boolean;
  /** Packs GPU pods onto already busy GPU nodes (binpack over `nvidia.com/gpu`), keeping whole nodes free. Default false. */
  readonly binpackGpus?: boolean;
}

/**
 * The scheduler configuration. By default it is derived from the environment: the sharing plugin from
 * its policy, hierarchy from its queues, `reclaim` from reclaimable queues. State intent here; give
 * `actions` and/or `tiers` only to replace the derived ones (they are validated the same way).
 */
export interface SchedulerSettings {
  /** Adds the `preempt` (and `reclaim`) actions so higher-priority jobs evict lower ones. Default false. */
  readonly preemption?: boolean;
  /**
   * Adds the `sla` plugin without a cluster-wide waiting time: only jobs whose PodGroup carries the
   * `volcano.sh/sla-waiting-time` annotation (inherited from the Volcano Job or pod owner) get one, so
   * interactive work opts in and batch keeps its queue limits. Default false.
   */
  readonly sla?: boolean;
  /**
   * Adds the `sla` plugin with a cluster-wide `sla-waiting-time` (a Go duration such as `2m`). Every job
   * waiting longer is ordered first AND force-enqueued past its queue's limits, batch included: set it only
   * far above the batch waiting times you tolerate, and prefer `sla` plus the per-job annotation. Default: none.
   */
  readonly slaWaitingTime?: string;
  /** GPU awareness. Default: none. */
  readonly gpu?: GpuSchedulingSettings;
  /** Enqueue admits jobs up to this multiple of the cluster (at least 1.0). Default: Volcano's 1.2. */
  readonly overcommitFactor?: number;
  /** Replaces the derived actions. */
  readonly actions?: readonly SchedulerAction[];
  /** Replaces the derived tiers. */
  readonly tiers?: readonly SchedulerTier[];
}

/** The Volcano release of an environment (`release` in an environment file). Every field is optional. */
export interface ReleaseSettings {
  /** Helm repository URL. Default: the Volcano project's repository. */
  readonly repository?: string;
  /** Exact chart version; the images are pinned to `v<version>`. Default: the version this project was checked against. */
  readonly chartVersion?: string;
  /** Helm release name, a DNS-1123 label of at most 53 characters. Default `volcano`. */
  readonly releaseName?: string;
  /** Namespace of the release. Default `volcano-system`. */
  readonly namespace?: string;
  /** Per-component sizing and placement. */
  readonly components?: { readonly [C in VolcanoComponent]?: ComponentSettings };
  /** Pod security context of all Volcano pods. Default: non-root with the runtime's default seccomp profile. */
  readonly podSecurityContext?: PodSecuritySettings;
  /** Container security context of all Volcano containers. Default: non-root, no privilege escalation, only DAC_OVERRIDE. */
  readonly containerSecurityContext?: ContainerSecuritySettings;
  /** The admission webhook. */
  readonly admission?: AdmissionSettings;
  /** The scheduler configuration. */
  readonly scheduler?: SchedulerSettings;
  /** Raw chart values deep-merged last. Keys the chart does not know are refused unless listed in `allowUnknownValues`. */
  readonly values?: Readonly<Record<string, unknown>>;
  /** Dotted value paths (`custom.some_new_key`) accepted in `values` although the chart does not list them. */
  readonly allowUnknownValues?: readonly string[];
}

/** The namespaces the admission webhook never sees, whatever the environment says. */
export const SYSTEM_NAMESPACES = ['kube-system', 'kube-public', 'kube-node-lease'] as const;

/** A component with every default applied. */
export interface ResolvedComponent {
  readonly replicas: number;
  readonly resources?: ComponentResources;
  readonly antiAffinity: AntiAffinity;
  readonly tolerations: readonly Toleration[];
  readonly nodeSelector?: Readonly<Record<string, string>>;
  readonly podDisruptionBudget: boolean;
}

/** The release settings with every default applied (the scheduler configuration is derived in `scheduler-derive.ts`). */
export interface ResolvedReleaseSettings {
  readonly repository: string;
  readonly chartVersion: string;
  readonly releaseName: string;
  readonly namespace: string;
  readonly components: { readonly [C in VolcanoComponent]: ResolvedComponent };
  readonly podSecurityContext: PodSecuritySettings;
  readonly containerSecurityContext: ContainerSecuritySettings;
  readonly admission: Required<Omit<AdmissionSettings, 'namespaces'>> & { readonly namespaces: Required<AdmissionNamespaces> };
  readonly scheduler: SchedulerSettings;
  readonly values: Readonly<Record<string, unknown>>;
  readonly allowUnknownValues: readonly string[];
}

// lib/config/resolve.ts imports the resolver from here, next to the types it produces.
