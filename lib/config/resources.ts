import { isDns1123Subdomain, isResourceName } from './names';
import { closest } from './suggest';

/**
 * Resource names as Kubernetes itself judges them (pkg/apis/core/helper: `standardQuotaResources`,
 * `IsExtendedResourceName`, `IsNativeResource`; pkg/apis/core/validation: `ValidateResourceQuotaResourceName`,
 * `ValidateResourceQuantityValue`), narrowed to what has an effect: each rule returns the problem with a
 * name, in words and with a suggestion, or undefined when the name is fine.
 */

/**
 * The resources that mean GPUs: whole NVIDIA GPUs from the device plugin, and the GPU memory and GPU
 * count of Volcano's own device plugin (the `deviceshare` plugin's GPU sharing and GPU number modes).
 */
export const GPU_RESOURCES: readonly string[] = ['nvidia.com/gpu', 'volcano.sh/gpu-memory', 'volcano.sh/gpu-number'];

/** What queues and the cluster capacity are planned in, besides extended resources. */
const QUEUE_NATIVE = ['cpu', 'memory', 'ephemeral-storage', 'pods'];
/** What a container requests (a LimitRange's defaults): `pods` is no container resource. */
const CONTAINER_NATIVE = ['cpu', 'memory', 'ephemeral-storage'];

/** Quota names without a `/` that Kubernetes accepts (`standardQuotaResources`); hugepages come on top. */
const STANDARD_QUOTA = [
  'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory', 'pods', 'requests.ephemeral-storage', 'limits.ephemeral-storage',
  'requests.storage', 'persistentvolumeclaims', 'cpu', 'memory', 'ephemeral-storage', 'services', 'services.loadbalancers',
  'services.nodeports', 'secrets', 'configmaps', 'replicationcontrollers', 'resourcequotas',
];
/** Counts of objects: whole numbers by Kubernetes' rule (`IsIntegerResourceName`). */
const OBJECT_COUNTS = ['pods', 'services', 'services.loadbalancers', 'services.nodeports', 'secrets', 'configmaps', 'replicationcontrollers', 'resourcequotas', 'persistentvolumeclaims'];
const HUGEPAGES = /^(requests\.)?hugepages-[0-9A-Za-z]+$/;
const STORAGE_CLASS_QUOTA = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?\.storageclass\.storage\.k8s\.io\/(requests\.storage|persistentvolumeclaims)$/;

/** A resource outside Kubernetes' own namespace, with a domain: `nvidia.com/gpu`, `volcano.sh/gpu-memory`. */
export function isExtendedResource(name: string): boolean {
  return name.includes('/') && !name.includes('kubernetes.io/') && !name.startsWith('requests.') && isResourceName(name);
}

/** Whether quantities of this resource (or quota key) must be whole: extended resources and object counts. */
export function isCountedResource(name: string): boolean {
  const resource = name.replace(/^(requests|limits)\./, '');
  return isExtendedResource(resource) || OBJECT_COUNTS.includes(name) || name.startsWith('count/');
}

/** The resource a name probably meant: the prefix-less name, a domain-qualified name with the same local part, or the closest. */
function meant(name: string, candidates: readonly string[]): string | undefined {
  const bare = name.replace(/^(requests|limits)\./, '');
  if (bare !== name && candidates.includes(bare)) return bare;
  const local = bare.slice(bare.lastIndexOf('/') + 1);
  return candidates.find((c) => c.includes('/') && c.slice(c.lastIndexOf('/') + 1) === local) ?? closest(name, candidates);
}

const hint = (match: string | undefined) => (match === undefined ? '' : `; did you mean "${match}"?`);

function plannedResourceProblem(name: string, native: readonly string[], declared: readonly string[], what: string): string | undefined {
  if (native.includes(name) || isExtendedResource(name)) return undefined;
  const extended = [...new Set([...declared.filter(isExtendedResource), ...GPU_RESOURCES])];
  return `is not ${what}: ${native.join(', ')}, or an extended resource with its domain such as nvidia.com/gpu${hint(meant(name, [...native, ...extended]))}`;
}

/** The problem with a resource name of a queue or the cluster capacity, if any. `declared`: the capacity's names. */
export function queueResourceProblem(name: string, declared: readonly string[]): string | undefined {
  return plannedResourceProblem(name, QUEUE_NATIVE, declared, 'a resource Volcano queues are planned in');
}

/** The problem with a resource name of a container's default requests or limits (a LimitRange), if any. */
export function containerResourceProblem(name: string, declared: readonly string[]): string | undefined {
  return plannedResourceProblem(name, CONTAINER_NATIVE, declared, 'a container resource');
}

/**
 * The problem with a ResourceQuota `hard` key, if any: standard names, `count/<resource>[.<group>]`,
 * storage-class quotas, and extended resources only as `requests.<domain>/<name>` (Kubernetes' quota
 * does not support `limits.` for them, and a bare extended name constrains nothing).
 */
export function quotaKeyProblem(key: string, declared: readonly string[]): string | undefined {
  if (STANDARD_QUOTA.includes(key) || HUGEPAGES.test(key) || STORAGE_CLASS_QUOTA.test(key)) return undefined;
  if (key.startsWith('count/')) {
    return isDns1123Subdomain(key.slice('count/'.length)) ? undefined : 'must be count/<resource> or count/<resource>.<group>, e.g. count/jobs.batch.volcano.sh';
  }
  const resource = key.replace(/^(requests|limits)\./, '');
  if (isExtendedResource(resource)) {
    if (key.startsWith('requests.')) return undefined;
    if (key.startsWith('limits.')) return `Kubernetes quotas extended resources only as requests.${resource} (limits are not supported for them); did you mean "requests.${resource}"?`;
    return `a bare extended resource in a quota constrains nothing; did you mean "requests.${resource}"?`;
  }
  const extended = [...new Set([...declared.filter(isExtendedResource), ...GPU_RESOURCES])].map((r) => `requests.${r}`);
  return 'is not a ResourceQuota resource: a standard name (requests.cpu, limits.memory, pods, ...), count/<resource>[.<group>], '
    + `or requests.<domain>/<name> for an extended resource${hint(meant(key, [...STANDARD_QUOTA, ...extended]))}`;
}

/** The cluster resource a quota key caps the requests of (`requests.cpu` and `cpu` both cap cpu), if any. */
export function requestedResource(key: string): string | undefined {
  if (key.startsWith('requests.')) return key.slice('requests.'.length);
  return ['cpu', 'memory', 'ephemeral-storage'].includes(key) ? key : undefined;
}
