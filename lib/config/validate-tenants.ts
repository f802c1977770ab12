import { DNS1123_LABEL_RULE, isDns1123Label, isResourceName } from './names';
import { ResolvedEnvironment, ResolvedTenant } from './model';
import { Problems } from './problems';
import { RESERVED_QUEUE_NAMES } from './validate-queues';

/** Namespaces that belong to Kubernetes or to the platform itself, never to a tenant; the release's own is added per environment. */
export const RESERVED_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease', 'volcano-monitoring'];

const POD_SECURITY_LEVELS = ['privileged', 'baseline', 'restricted'];
const NATIVE_COMPUTE = ['cpu', 'memory', 'ephemeral-storage'];

/** ResourceQuota keys: compute (`requests.cpu`, `limits.memory`), extended resources (`requests.nvidia.com/gpu`), counts. */
function isQuotaKey(key: string): boolean {
  const [scope, ...rest] = key.split('.');
  const resource = rest.join('.');
  if (scope === 'requests' || scope === 'limits') return isResourceName(resource);
  if (key.startsWith('count/')) return key.length > 'count/'.length;
  return isResourceName(key);
}

/** Checks tenants: names, references to queues and priority classes, quota and container defaults. */
export function validateTenants(env: ResolvedEnvironment, problems: Problems): void {
  const queues = new Map(env.queues.map((q) => [q.name, q] as const));
  const knownQueues = [...queues.keys()].filter((name) => !RESERVED_QUEUE_NAMES.includes(name));
  // Under proportion `parent` is itself an error (reported with the queue); it makes no queue a parent.
  const parents = new Set(env.sharingPolicy === 'capacity' ? env.queues.flatMap((q) => (q.parent === undefined ? [] : [q.parent])) : []);
  const classNames = env.priorityClasses.map((pc) => pc.name);
  const seenNames = new Map<string, string>();
  env.tenants.forEach((tenant, index) => {
    const path = `tenants[${index}]`;
    if (!isDns1123Label(tenant.name)) {
      problems.add(`${path}.name`, `"${tenant.name}" ${DNS1123_LABEL_RULE}`);
    } else if (RESERVED_NAMESPACES.includes(tenant.name)) {
      problems.add(`${path}.name`, `"${tenant.name}" is a system namespace and cannot be a tenant`);
    } else if (tenant.name === env.release.namespace) {
      problems.add(`${path}.name`, `"${tenant.name}" is the Volcano release's namespace (release.namespace) and cannot be a tenant`);
    }
    problems.checkUnique(`${path}.name`, tenant.name, path, seenNames, (first) => `duplicate tenant name "${tenant.name}" (also ${first})`);

    if (tenant.queues.length === 0) problems.add(`${path}.queues`, 'must name at least one queue');
    if (tenant.onRemoval !== 'keep-namespace' && tenant.onRemoval !== 'delete-namespace') {
      problems.add(`${path}.onRemoval`, `"${tenant.onRemoval}" must be "keep-namespace" or "delete-namespace"`);
    }
    const seenQueues = new Map<string, string>();
    tenant.queues.forEach((name, i) => {
      const at = `${path}.queues[${i}]`;
      // A repeat is reported as such; the first entry carries the other checks.
      if (!problems.checkUnique(at, name, `queues[${i}]`, seenQueues, (first) => `queue "${name}" is listed twice (also ${first})`)) return;
      if (!queues.has(name)) {
        problems.add(`${path}.queues[${i}]`, `queue "${name}" does not exist; known queues: ${knownQueues.join(', ')}`);
      } else if (parents.has(name)) {
        problems.add(`${path}.queues[${i}]`, `queue "${name}" has child queues; Volcano only admits work to leaf queues`);
      }
    });
    tenant.priorityClasses.forEach((name, i) => {
      if (!classNames.includes(name)) {
        problems.add(`${path}.priorityClasses[${i}]`, `priority class "${name}" does not exist; known classes: ${classNames.join(', ')}`);
      }
    });
    if (!POD_SECURITY_LEVELS.includes(tenant.podSecurity)) {
      problems.add(`${path}.podSecurity`, `must be one of ${POD_SECURITY_LEVELS.join(', ')}, got "${tenant.podSecurity}"`);
    }
    checkQuota(tenant, path, problems);
    checkContainerDefaults(tenant, path, problems);
  });
}

function checkQuota(tenant: ResolvedTenant, path: string, problems: Problems): void {
  const quota = problems.quantities(`${path}.quota`, tenant.quota, isQuotaKey, 'is not a ResourceQuota resource name (e.g. requests.cpu, limits.memory, requests.nvidia.com/gpu, pods)');
  for (const key of quota.keys()) {
    const resource = key.slice('limits.'.length);
    if (key.startsWith('limits.') && resource.includes('/') && !NATIVE_COMPUTE.includes(resource)) {
      problems.add(`${path}.quota.${key}`, `Kubernetes quotas extended resources only as requests.${resource}`);
    }
  }
}

function checkContainerDefaults(tenant: ResolvedTenant, path: string, problems: Problems): void {
  const base = `${path}.containerDefaults`;
  const request = problems.quantities(`${base}.request`, tenant.containerDefaults.request, isResourceName, 'is not a valid resource name');
  const limit = problems.quantities(`${base}.limit`, tenant.containerDefaults.limit, isResourceName, 'is not a valid resource name');
  for (const [resource, amount] of request) {
    const max = limit.get(resource);
    if (max !== undefined && amount.compare(max) > 0) {
      problems.add(`${base}.request.${resource}`, `${amount} exceeds the default limit ${max}`);
    }
  }
}
