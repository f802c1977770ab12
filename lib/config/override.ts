import { EnvironmentDefinition, QueueDefinition, TenantDefinition } from './model';
import { statedFields } from '../util';

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

/** How a derived environment came about: validation checks the overrides against the base. */
export interface Derivation {
  /** The definition the environment was derived from. */
  readonly base: EnvironmentDefinition;
  /** The overrides as written, before they were applied. */
  readonly overrides: EnvironmentOverrides;
}

/**
 * Where a derived definition keeps its derivation: a symbol key, so it survives `{ ...derived }` but is
 * no field of the definition (`Object.keys` never lists it, so the schema does not see it).
 */
const DERIVATION = Symbol('volcano-platform.derivation');

/** The base and overrides a definition was derived from with {@link deriveEnvironment}, if it was. */
export function derivationOf(definition: EnvironmentDefinition): Derivation | undefined {
  return (definition as { [DERIVATION]?: Derivation })[DERIVATION];
}

/**
 * An environment as a copy of `base` with a few overrides, so a file in `stacks/environments/` shows only
 * what is intentionally different. It never throws: a change to a queue or tenant the base does not have
 * (or any other mistake in the overrides) is reported by validation with the other problems, with a
 * did-you-mean, and nothing is written.
 */
export function deriveEnvironment(base: EnvironmentDefinition, overrides: EnvironmentOverrides): EnvironmentDefinition {
  const { queues: queueChanges, tenants: tenantChanges, ...fields } = overrides ?? ({} as EnvironmentOverrides);
  const derived: EnvironmentDefinition = {
    ...base,
    // A field changed to `undefined` is not changed, as in a queue's or tenant's changes.
    ...statedFields(fields),
    queues: applyChanges(base.queues, queueChanges),
    tenants: applyChanges(base.tenants, tenantChanges),
  };
  return Object.assign(derived, { [DERIVATION]: { base, overrides } });
}

/** Each item with its changes; names the base does not have change nothing here (validation reports them). */
function applyChanges<T extends { name: string }>(items: readonly T[], changes: Changes<T> | undefined): T[] {
  if (!Array.isArray(items)) return items as T[];
  const byName = changes !== null && typeof changes === 'object' ? changes : {};
  // An override of `undefined` changes nothing: required fields cannot be removed by accident.
  return items.map((item) => {
    const change = item !== null && typeof item === 'object' && Object.prototype.hasOwnProperty.call(byName, item.name) ? byName[item.name] : undefined;
    return change !== null && typeof change === 'object' ? { ...item, ...statedFields(change) } : item;
  });
}

/** Thrown inside {@link definitionsKey} at the first value that is not plain data. */
const NOT_PLAIN = Symbol('not plain data');

/**
 * The definitions as plain data holding everything validation and rendering read from them, derivations
 * included (a symbol key is invisible to serialization, so two definitions differing only in their
 * overrides would otherwise look the same): the key under which a synthesis of them is kept. A derived
 * definition becomes a Map, which nothing written as an object literal can serialize like. Undefined when
 * the definitions hold anything else (another symbol key, a function, an accessor, a class instance, a
 * cycle): such definitions are always synthesized afresh.
 */
export function definitionsKey(definitions: readonly EnvironmentDefinition[]): unknown {
  const inProgress = new Set<object>();
  const plain = (value: unknown): unknown => {
    if (typeof value === 'function' || typeof value === 'symbol') throw NOT_PLAIN;
    if (value === null || typeof value !== 'object') return value;
    if (inProgress.has(value)) throw NOT_PLAIN;
    inProgress.add(value);
    try {
      if (Array.isArray(value)) return value.map(plain);
      const prototype = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) throw NOT_PLAIN;
      const fields: Record<string, unknown> = {};
      let derivation: unknown;
      for (const key of Reflect.ownKeys(value)) {
        const property = Object.getOwnPropertyDescriptor(value, key)!;
        if (property.get || property.set) throw NOT_PLAIN;
        if (key === DERIVATION) derivation = plain(property.value);
        else if (typeof key === 'symbol') throw NOT_PLAIN;
        else fields[key] = plain(property.value);
      }
      return derivation === undefined ? fields : new Map<string, unknown>([['definition', fields], ['derivation', derivation]]);
    } finally {
      inProgress.delete(value);
    }
  };
  try {
    return definitions.map(plain);
  } catch (error) {
    if (error === NOT_PLAIN) return undefined;
    throw error;
  }
}
