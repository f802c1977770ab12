import { Quantity } from './quantity';
import { ResourceList } from './model';
import { isCountedResource } from './resources';

/** Collects validation problems for one environment, each as `<env>: <field path>: <rule broken>`. */
export class Problems {
  private readonly messages: string[] = [];

  constructor(private readonly environment: string) {}

  public add(path: string, rule: string): void {
    this.messages.push(`${this.environment}: ${path}: ${rule}`);
  }

  /**
   * Checks that `name` was not seen before: records where it first appeared (`at`, e.g. `queues[0]`) in
   * `seen`, or, for a repeat, adds `rule(first)` at `path`, where `first` is the earlier `at`.
   * Returns whether the name was new.
   */
  public checkUnique<K>(path: string, name: K, at: string, seen: Map<K, string>, rule: (first: string) => string): boolean {
    const first = seen.get(name);
    if (first === undefined) {
      seen.set(name, at);
      return true;
    }
    this.add(path, rule(first));
    return false;
  }

  public get list(): readonly string[] {
    return this.messages;
  }

  /** {@link resources} with one rule for every name `isKey` refuses. */
  public quantities(path: string, list: ResourceList | undefined, isKey: (key: string) => boolean, keyRule: string): Map<string, Quantity> {
    return this.resources(path, list, (key) => (isKey(key) ? undefined : keyRule));
  }

  /**
   * Parses every quantity of a resource list, reporting the ones that are not valid, non-negative
   * quantities, and the names `keyProblem` finds wrong (it returns the rule, with a suggestion, or
   * undefined). Counted resources (extended resources such as GPUs, object counts) must be whole numbers.
   * Returns the ones that parsed.
   */
  public resources(path: string, list: ResourceList | undefined, keyProblem: (key: string) => string | undefined): Map<string, Quantity> {
    const parsed = new Map<string, Quantity>();
    // A map when given: the schemas (lib/config/schema.ts) have refused anything else.
    if (list === undefined) return parsed;
    for (const key of Object.keys(list).sort()) {
      const fieldPath = `${path}.${key}`;
      const keyRule = keyProblem(key);
      if (keyRule !== undefined) {
        this.add(fieldPath, keyRule);
        continue;
      }
      const quantity = Quantity.tryParse(list[key]);
      if (quantity === undefined) {
        this.add(fieldPath, `"${list[key]}" is not a Kubernetes quantity (e.g. 500m, 4, 16Gi)`);
      } else if (quantity.isNegative()) {
        this.add(fieldPath, `${quantity} must not be negative`);
      } else if (isCountedResource(key) && !quantity.isWhole()) {
        this.add(fieldPath, `${quantity} must be a whole number: ${key} is counted in whole units`);
      } else {
        parsed.set(key, quantity);
      }
    }
    return parsed;
  }
}

/** Thrown when one or more environments are invalid; the message lists every problem, one per line. */
export class EnvironmentValidationError extends Error {
  constructor(public readonly problems: readonly string[]) {
    super(`invalid environment definition (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvironmentValidationError';
  }
}
