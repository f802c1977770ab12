import { DNS1123_LABEL_RULE, isDns1123Label } from './names';
import { ResolvedEnvironment, ResolvedTenant } from './model';
import { Problems } from './problems';
import { Quantity } from './quantity';
import { containerResourceProblem, isExtendedResource, quotaKeyProblem, requestedResource } from './resources';
import { itemPath } from './schema';
import { suggestion } from './suggest';
import { RESERVED_QUEUE_NAMES } from './validate-queues';

/** Namespaces that belong to Kubernetes or to the platform itself, never to a tenant; the release's and the monitoring ones are added per environment. */
export const RESERVED_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease', 'volcano-monitoring'];

/** Checks tenants: names, references to queues and priority classes, quota and container defaults. */
export function validateTenants(env: ResolvedEnvironment, problems: Problems): void {
  const queues = new Map(env.queues.map((q) => [q.name, q] as const));
  const knownQueues = [...queues.keys()].filter((name) => !RESERVED_QUEUE_NAMES.includes(name));
  // Under proportion `parent` is itself an error (reported with the queue); it makes no queue a parent.
  const parents = new Set(env.sharingPolicy === 'capacity' ? env.queues.flatMap((q) => (q.parent === undefined ? [] : [q.parent])) : []);
  const classNames = env.priorityClasses.map((pc) => pc.name);
  const seenNames = new Map<string, string>();
  const platformNamespaces = namespacesOfThePlatform(env);
  env.tenants.forEach((tenant, index) => {
    const path = itemPath('tenants', index, tenant);
    if (!isDns1123Label(tenant.name)) {
      problems.add(`${path}.name`, `"${tenant.name}" ${DNS1123_LABEL_RULE}`);
    } else if (RESERVED_NAMESPACES.includes(tenant.name)) {
      problems.add(`${path}.name`, `"${tenant.name}" is a system namespace and cannot be a tenant`);
    } else if (platformNamespaces.has(tenant.name)) {
      problems.add(`${path}.name`, `"${tenant.name}" is ${platformNamespaces.get(tenant.name)!.join(' and ')} and cannot be a tenant`);
    }
    problems.checkUnique(`${path}.name`, tenant.name, `tenants[${index}]`, seenNames, (first) => `duplicate tenant name "${tenant.name}" (also ${first})`);

    if (tenant.queues.length === 0) problems.add(`${path}.queues`, 'must name at least one queue');
    const seenQueues = new Map<string, string>();
    tenant.queues.forEach((name, i) => {
      const at = `${path}.queues[${i}]`;
      // A repeat is reported as such; the first entry carries the other checks.
      if (!problems.checkUnique(at, name, `queues[${i}]`, seenQueues, (first) => `queue "${name}" is listed twice (also ${first})`)) return;
      if (!queues.has(name)) {
        problems.add(`${path}.queues[${i}]`, `queue "${name}" does not exist${suggestion(name, knownQueues)}`);
      } else if (parents.has(name)) {
        problems.add(`${path}.queues[${i}]`, `queue "${name}" has child queues; Volcano only admits work to leaf queues`);
      }
    });
    // Only when every queue exists: a misspelt one is probably the enabled queue meant, and is reported as such.
    const listed = tenant.queues.flatMap((name) => queues.get(name) ?? []);
    if (listed.length > 0 && listed.length === tenant.queues.length && listed.every((q) => !q.enabled)) {
      problems.add(
        `${path}.queues`,
        `every queue it lists is disabled (${[...new Set(tenant.queues)].join(', ')}): the tenant could submit nowhere; enable one, or add an enabled queue`,
      );
    }
    const seenClasses = new Map<string, string>();
    tenant.priorityClasses.forEach((name, i) => {
      const at = `${path}.priorityClasses[${i}]`;
      if (!problems.checkUnique(at, name, `priorityClasses[${i}]`, seenClasses, (first) => `priority class "${name}" is listed twice (also ${first})`)) return;
      if (!classNames.includes(name)) {
        problems.add(at, `priority class "${name}" does not exist${suggestion(name, classNames)}`);
      }
    });
    checkAdmittedClasses(env, tenant, parents, path, problems);
    checkQuota(env, tenant, path, problems);
    checkContainerDefaults(env, tenant, path, problems);
  });
}

/**
 * Each enabled queue of the tenant admits at least one of its priority classes
 * (`admission.priorityClassesByQueue`, resolved for every queue): otherwise its jobs there could only run
 * without a class, and its pages would tell its users to use one the queue refuses. Classes and queues that
 * do not exist, and parent queues, are reported where they are named, and left out here.
 */
function checkAdmittedClasses(env: ResolvedEnvironment, tenant: ResolvedTenant, parents: ReadonlySet<string>, path: string, problems: Problems): void {
  const known = new Set(env.priorityClasses.map((pc) => pc.name));
  const classes = tenant.priorityClasses.filter((name) => known.has(name));
  if (classes.length === 0) return;
  for (const name of new Set(tenant.queues)) {
    const queue = env.queues.find((q) => q.name === name);
    const admitted = env.admission.priorityClassesByQueue[name];
    if (queue === undefined || !queue.enabled || parents.has(name) || admitted === undefined || classes.some((pc) => admitted.includes(pc))) continue;
    const admits = admitted.filter((pc) => known.has(pc));
    const setting = `admission.priorityClassesByQueue.${name}`;
    problems.add(
      `${path}.priorityClasses`,
      admits.length === 0
        ? `none is admitted by its queue "${name}", which admits no class (${setting})`
        : `none is admitted by its queue "${name}", which admits ${admits.join(', ')} (${setting}); add one of those`,
    );
  }
}

/**
 * The namespaces this environment's settings give to the platform, each with what claims it: a tenant's
 * restricted Pod Security, quota and LimitRange there would break Volcano, Prometheus or Grafana's sidecar.
 * The monitoring namespaces default to the release's, which is then named alone.
 */
function namespacesOfThePlatform(env: ResolvedEnvironment): Map<string, string[]> {
  const claims: Array<[string, string]> = [
    [env.release.namespace, 'the Volcano release\'s namespace (release.namespace)'],
    [env.observability.prometheusNamespace, 'the Prometheus namespace (observability.prometheusNamespace)'],
    [env.observability.grafana.namespace, 'the Grafana dashboards\' namespace (observability.grafana.namespace)'],
  ];
  const byNamespace = new Map<string, string[]>();
  for (const [namespace, claim] of claims) {
    if (namespace === env.release.namespace && byNamespace.has(namespace)) continue;
    byNamespace.set(namespace, [...(byNamespace.get(namespace) ?? []), claim]);
  }
  return byNamespace;
}

/**
 * Quota keys as Kubernetes' quota understands them (see `resources.ts`), and no request quota above the
 * cluster: a tenant cannot use more than there is, so it is almost always a typo (100 GPUs on 32). An
 * extended resource (GPUs) the capacity does not declare is refused as on a queue; native resources such as
 * storage may be capped without the capacity planning them.
 */
function checkQuota(env: ResolvedEnvironment, tenant: ResolvedTenant, path: string, problems: Problems): void {
  const declared = Object.keys(env.capacity);
  const quota = problems.resources(`${path}.quota`, tenant.quota, (key) => quotaKeyProblem(key, declared));
  for (const [key, amount] of quota) {
    const resource = requestedResource(key);
    if (resource !== undefined && isExtendedResource(resource) && env.capacity[resource] === undefined) {
      problems.add(`${path}.quota.${key}`, `the cluster capacity declares no ${resource}`);
      continue;
    }
    const available = resource === undefined ? undefined : Quantity.tryParse(env.capacity[resource]);
    if (available !== undefined && amount.compare(available) > 0) {
      problems.add(`${path}.quota.${key}`, `${amount} exceeds the cluster capacity ${available} (capacity.${resource}); a quota above the whole cluster is almost always a typo`);
    }
  }
}

function checkContainerDefaults(env: ResolvedEnvironment, tenant: ResolvedTenant, path: string, problems: Problems): void {
  const base = `${path}.containerDefaults`;
  const declared = Object.keys(env.capacity);
  const rule = (key: string) => containerResourceProblem(key, declared);
  const request = problems.resources(`${base}.request`, tenant.containerDefaults.request, rule);
  const limit = problems.resources(`${base}.limit`, tenant.containerDefaults.limit, rule);
  for (const [resource, amount] of request) {
    const max = limit.get(resource);
    if (max !== undefined && amount.compare(max) > 0) {
      problems.add(`${base}.request.${resource}`, `${amount} exceeds the default limit ${max}`);
    }
  }
}
