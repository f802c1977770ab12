import { resolveAdmission } from '../admission/settings';
import {
  DEFAULT_CONTAINER_DEFAULTS,
  DEFAULT_GLOBAL_DEFAULT,
  DEFAULT_POD_SECURITY,
  DEFAULT_PREEMPTION_POLICY,
  DEFAULT_PRIORITY_CLASSES,
  DEFAULT_QUEUE_ENABLED,
  DEFAULT_QUEUE_PRIORITY,
  DEFAULT_QUEUE_RECLAIMABLE,
  DEFAULT_QUEUE_WEIGHT,
  DEFAULT_TENANT_REMOVAL,
} from './defaults';
import { resolveReleaseSettings } from '../volcano/resolve';
import {
  EnvironmentDefinition,
  QueueDefinition,
  ResolvedEnvironment,
  ResolvedQueue,
  ResolvedTenant,
  ResourceList,
} from './model';
import { resolveObservability } from '../observability/settings';
import { resolveDeploySettings } from '../deploy/settings';
import { statedFields } from '../util';

/**
 * Applies the defaults to an environment definition. Pure, and total: it never throws on bad input
 * (a missing parent or a cycle simply falls back to the cluster capacity), so that validation can
 * report every problem at once afterwards. A field written as `undefined` is not stated: it takes the default.
 */
export function resolveEnvironment(definition: EnvironmentDefinition): ResolvedEnvironment {
  const priorityClasses = (definition.priorityClasses ?? DEFAULT_PRIORITY_CLASSES).map((pc) => ({
    preemptionPolicy: DEFAULT_PREEMPTION_POLICY,
    globalDefault: DEFAULT_GLOBAL_DEFAULT,
    ...statedFields(pc),
  }));
  const capabilities = resolveCapabilities(definition.queues ?? [], definition.capacity ?? {});
  const queues: ResolvedQueue[] = (definition.queues ?? []).map((queue) => ({
    enabled: DEFAULT_QUEUE_ENABLED,
    weight: DEFAULT_QUEUE_WEIGHT,
    priority: DEFAULT_QUEUE_PRIORITY,
    reclaimable: DEFAULT_QUEUE_RECLAIMABLE,
    ...statedFields(queue),
    capability: capabilities.get(queue) ?? {},
  }));
  const allClassNames = priorityClasses.map((pc) => pc.name);
  const tenants: ResolvedTenant[] = (definition.tenants ?? []).map((tenant) => ({
    priorityClasses: allClassNames,
    podSecurity: definition.defaultPodSecurity ?? DEFAULT_POD_SECURITY,
    containerDefaults: definition.defaultContainerDefaults ?? DEFAULT_CONTAINER_DEFAULTS,
    onRemoval: DEFAULT_TENANT_REMOVAL,
    ...statedFields(tenant),
  }));
  const release = resolveReleaseSettings(definition.release);
  const deploy = resolveDeploySettings(definition.deploy);
  return {
    name: definition.name,
    kubernetesVersion: definition.kubernetesVersion,
    capacity: definition.capacity ?? {},
    sharingPolicy: definition.sharingPolicy,
    priorityClasses,
    queues,
    tenants,
    release,
    admission: resolveAdmission(definition.admission, { queues, priorityClasses, release, deploy }, definition.queues ?? []),
    observability: resolveObservability(definition.observability, { release }),
    ...(definition.workload !== undefined ? { workload: definition.workload } : {}),
    deploy,
  };
}

/**
 * Each queue's capability, written out for every resource: the resources the queue sets itself, and for
 * the others its parent's capability (recursively), else the cluster capacity. Volcano treats a resource
 * missing from a capability as unlimited, so nothing is left out. A queue on a parent cycle has no real
 * parent: it inherits the cluster capacity, so that validation reports the cycle and no limit taken from
 * around it (the queue that closes the cycle would otherwise inherit from a queue it contains).
 */
function resolveCapabilities(queues: readonly QueueDefinition[], clusterCapacity: ResourceList): Map<QueueDefinition, ResourceList> {
  const byName = new Map(queues.map((q) => [q.name, q] as const));
  const parentOf = (queue: QueueDefinition) => (queue.parent === undefined ? undefined : byName.get(queue.parent));
  const onCycle = (queue: QueueDefinition): boolean => {
    const seen = new Set<QueueDefinition>();
    for (let cursor = parentOf(queue); cursor && !seen.has(cursor); cursor = parentOf(cursor)) {
      if (cursor === queue) return true;
      seen.add(cursor);
    }
    return false;
  };
  const resolved = new Map<QueueDefinition, ResourceList>();
  const visit = (queue: QueueDefinition): ResourceList => {
    const known = resolved.get(queue);
    if (known) return known;
    const parent = parentOf(queue);
    // Off a cycle the walk up ends: at the top, or at a queue on a cycle, which inherits the cluster capacity.
    const inherited = parent && !onCycle(queue) ? visit(parent) : clusterCapacity;
    const capability = { ...inherited, ...(queue.capability ?? {}) };
    resolved.set(queue, capability);
    return capability;
  };
  for (const queue of queues) visit(queue);
  return resolved;
}
