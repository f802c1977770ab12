import { isPlainObject } from '../util';
import { EnvironmentDefinition } from './model';
import { Problems } from './problems';


/**
 * The structure every other rule relies on: required fields present with the right shape. Checked
 * first, so that a definition typed loosely (plain JavaScript, `as` casts, overrides with `undefined`)
 * is reported field by field instead of crashing the later rules. Returns whether the shape holds.
 */
export function checkShape(definition: EnvironmentDefinition, problems: Problems): boolean {
  const before = problems.list.length;
  const required = (value: unknown, path: string, what: string, ok: (v: unknown) => boolean) => {
    if (value === undefined || value === null) problems.add(path, `is required: ${what}`);
    else if (!ok(value)) problems.add(path, `must be ${what}`);
  };
  const isString = (v: unknown) => typeof v === 'string';
  required(definition.capacity, 'capacity', 'a map of resource name to quantity', isPlainObject);
  required(definition.queues, 'queues', 'a list of queue definitions', Array.isArray);
  required(definition.tenants, 'tenants', 'a list of tenant definitions', Array.isArray);
  if (definition.priorityClasses !== undefined) required(definition.priorityClasses, 'priorityClasses', 'a list of priority classes', Array.isArray);
  (Array.isArray(definition.queues) ? definition.queues : []).forEach((queue, i) => {
    required(queue, `queues[${i}]`, 'a queue definition', isPlainObject);
    if (!isPlainObject(queue)) return;
    required(queue.name, `queues[${i}].name`, 'the queue name, a string', isString);
    required(queue.description, `queues[${i}].description`, 'what the queue is for, a string', isString);
  });
  (Array.isArray(definition.tenants) ? definition.tenants : []).forEach((tenant, i) => {
    required(tenant, `tenants[${i}]`, 'a tenant definition', isPlainObject);
    if (!isPlainObject(tenant)) return;
    required(tenant.name, `tenants[${i}].name`, 'the namespace name, a string', isString);
    required(tenant.description, `tenants[${i}].description`, 'who the tenant is, a string', isString);
    required(tenant.queues, `tenants[${i}].queues`, 'a list of queue names', (v) => Array.isArray(v) && v.every(isString));
    required(tenant.quota, `tenants[${i}].quota`, 'the ResourceQuota hard limits, a map of resource to quantity', isPlainObject);
  });
  (Array.isArray(definition.priorityClasses) ? definition.priorityClasses : []).forEach((pc, i) => {
    required(pc, `priorityClasses[${i}]`, 'a priority class definition', isPlainObject);
  });
  return problems.list.length === before;
}
