import { EnvironmentDefinition, QueueDefinition, TenantDefinition } from './model';

/** Changes to a queue or tenant of a base environment, by name. */
type Changes<T extends { name: string }> = Readonly<Record<string, Partial<Omit<T, 'name'>>>>;

/** The intentional differences of an environment derived from a base definition. */
export interface EnvironmentOverrides extends Partial<Omit<EnvironmentDefinition, 'queues' | 'tenants'>> {
  /** The derived environment's name. */
  readonly name: string;
  /** Field changes to existing queues, by queue name. Maps (capability, guarantee, ...) are replaced whole. */
  readonly queues?: Changes<QueueDefinition>;
  /** Field changes to existing tenants, by tenant name. */
  readonly tenants?: Changes<TenantDefinition>;
}

/**
 * An environment as a copy of `base` with a few overrides, so a file in `stacks/` shows only what is
 * intentionally different. Naming a queue or tenant the base does not have is a mistake and throws.
 */
export function deriveEnvironment(base: EnvironmentDefinition, overrides: EnvironmentOverrides): EnvironmentDefinition {
  const { queues: queueChanges = {}, tenants: tenantChanges = {}, ...fields } = overrides;
  return {
    ...base,
    ...fields,
    queues: applyChanges(base.queues, queueChanges, `${overrides.name}: overrides.queues`),
    tenants: applyChanges(base.tenants, tenantChanges, `${overrides.name}: overrides.tenants`),
  };
}

function applyChanges<T extends { name: string }>(items: readonly T[], changes: Changes<T>, path: string): T[] {
  const names = new Set(items.map((item) => item.name));
  for (const name of Object.keys(changes)) {
    if (!names.has(name)) throw new Error(`${path}.${name}: the base environment has no "${name}"; known: ${[...names].join(', ')}`);
  }
  // An override of `undefined` changes nothing: required fields cannot be removed by accident.
  const defined = (change: object | undefined) => Object.fromEntries(Object.entries(change ?? {}).filter(([, v]) => v !== undefined));
  return items.map((item) => ({ ...item, ...defined(changes[item.name]) }));
}
