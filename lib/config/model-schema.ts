import type { ContainerDefaults, EnvironmentDefinition, PriorityClassDefinition, QueueDefinition, TenantDefinition } from './model';
import type { EnvironmentOverrides } from './override';
import { Fields, Schema, anything, bool, keyed, list, map, num, object, oneOf, text } from './schema';
import { suggestion } from './suggest';

/**
 * The runtime schema of the core environment model (`model.ts`): every key an environment file may
 * write, checked before anything else (see `schema.ts`). To add a field: add it to the type in
 * `model.ts`, then here (the compiler insists), then to the validators if it has rules. A settings
 * section owned by a concern (`release`, `admission`, `observability`, `workload`, `deploy`) declares its schema in its own
 * folder and is composed in `validate-shape.ts`.
 */

export const SHARING_POLICIES = ['proportion', 'capacity'] as const;
export const POD_SECURITY_LEVELS = ['privileged', 'baseline', 'restricted'] as const;

/** Quantities are checked where they are read (`Problems.quantities`), which names the rule for each. */
const RESOURCES = map(anything, 'a map of resource name to quantity');
const POD_SECURITY = oneOf(POD_SECURITY_LEVELS, 'a Pod Security level');

const PRIORITY_CLASS = object<PriorityClassDefinition>({
  name: text,
  value: num,
  description: text,
  preemptionPolicy: oneOf(['PreemptLowerPriority', 'Never'], 'a preemption policy'),
  globalDefault: bool,
}, {
  what: 'a priority class definition',
  required: { name: 'the class name, a string', value: 'the priority value, a number', description: 'what the class is for, a string' },
});

const QUEUE_FIELDS: Fields<QueueDefinition> = {
  name: text,
  description: text,
  enabled: bool,
  parent: text,
  weight: num,
  priority: num,
  reclaimable: bool,
  capability: RESOURCES,
  deserved: RESOURCES,
  guarantee: RESOURCES,
};

const CONTAINER_DEFAULTS = object<ContainerDefaults>({ request: RESOURCES, limit: RESOURCES }, {
  what: 'container defaults',
  required: { request: 'the default requests, a map of resource name to quantity', limit: 'the default limits, a map of resource name to quantity' },
});

const TENANT_FIELDS: Fields<TenantDefinition> = {
  name: text,
  description: text,
  queues: list(text, 'a list of queue names'),
  priorityClasses: list(text, 'a list of priority class names'),
  quota: map(anything, 'the ResourceQuota hard limits, a map of resource to quantity'),
  podSecurity: POD_SECURITY,
  containerDefaults: CONTAINER_DEFAULTS,
  onRemoval: oneOf(['keep-namespace', 'delete-namespace'], 'a removal choice'),
};

/**
 * The fields of an environment that are settings sections of a concern, each with its schema. A new
 * concern's section: add its key here and its schema in `validate-shape.ts`; any other new field of
 * `EnvironmentDefinition` is a core field, which `coreFields` below must list.
 */
export type SettingsSections = Fields<Pick<EnvironmentDefinition, 'release' | 'admission' | 'observability' | 'workload' | 'deploy'>>;
type CoreFields = Fields<Omit<EnvironmentDefinition, keyof SettingsSections>>;

function coreFields(queues: Schema, tenants: Schema): Omit<CoreFields, 'queues' | 'tenants'> & { queues: Schema; tenants: Schema } {
  return {
    name: text,
    kubernetesVersion: text,
    capacity: RESOURCES,
    sharingPolicy: oneOf(SHARING_POLICIES, 'a sharing policy'),
    priorityClasses: list(PRIORITY_CLASS, 'a list of priority classes'),
    queues,
    tenants,
    defaultPodSecurity: POD_SECURITY,
    defaultContainerDefaults: CONTAINER_DEFAULTS,
  };
}

/** The schema of a whole environment definition, with each concern's settings section. */
export function environmentSchema(sections: SettingsSections): Schema {
  const queue = object<QueueDefinition>(QUEUE_FIELDS, {
    what: 'a queue definition',
    required: { name: 'the queue name, a string', description: 'what the queue is for, a string' },
  });
  const tenant = object<TenantDefinition>(TENANT_FIELDS, {
    what: 'a tenant definition',
    required: {
      name: 'the namespace name, a string',
      description: 'who the tenant is, a string',
      queues: 'a list of queue names',
      quota: 'the ResourceQuota hard limits, a map of resource to quantity',
    },
  });
  return object<EnvironmentDefinition>({ ...coreFields(list(queue, 'a list of queue definitions'), list(tenant, 'a list of tenant definitions')), ...sections }, {
    what: 'an environment definition',
    required: {
      name: 'the environment name, a string',
      kubernetesVersion: 'the cluster\'s Kubernetes minor version, a string such as "1.30"',
      capacity: 'a map of resource name to quantity',
      sharingPolicy: 'how Volcano shares the cluster, "proportion" or "capacity"',
      queues: 'a list of queue definitions',
      tenants: 'a list of tenant definitions',
    },
  });
}

/** Changes to the named items of a base environment: only names the base has, each with the item's fields but `name`. */
function changes(names: readonly string[], fields: Readonly<Record<string, Schema>>, noun: string): Schema {
  const { name: _name, ...changeable } = fields;
  const change = keyed(changeable, {
    what: `changes to a ${noun}`,
    retired: { name: `cannot be changed by an override: rename the ${noun} in the base environment, and its overrides with it` },
  });
  return keyed(Object.fromEntries(names.map((n) => [n, change])), {
    what: `a map of ${noun} name to changes`,
    unknown: (key, known) => `the base environment has no ${noun} "${key}"${suggestion(key, known)}`,
  });
}

/**
 * The schema of `deriveEnvironment`'s overrides for this base: the environment's fields, every one
 * optional but `name`, and changes only to the base's own queues and tenants.
 */
export function overridesSchema(sections: SettingsSections, base: Pick<EnvironmentDefinition, 'queues' | 'tenants'>): Schema {
  const names = (items: unknown) => (Array.isArray(items) ? items.map((item) => String(item?.name)) : []);
  return object<EnvironmentOverrides>({
    ...coreFields(changes(names(base.queues), QUEUE_FIELDS, 'queue'), changes(names(base.tenants), TENANT_FIELDS, 'tenant')),
    ...sections,
  }, { what: 'the overrides of a derived environment', required: { name: 'the derived environment\'s name, a string' } });
}
