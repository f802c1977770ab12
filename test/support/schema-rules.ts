import { Environment } from '@marcbachmann/cel-js';
import { toCel } from './kubernetes-cel';

/**
 * The `x-kubernetes-validations` rules of a CRD schema, evaluated as the API server does on create: at
 * each node of the object that has rules, with `self` bound to that node's value. Rules about the old
 * object (`oldSelf`, transition rules) only apply to updates and are left out. Ajv does not know these
 * rules; Flux's HelmRelease, for one, requires exactly one of `spec.chart` and `spec.chartRef` with one.
 */
type Schema = Record<string, any>;

let environment: Environment | undefined;
/** Only `self` exists, as in CRD validation rules; literals must be homogeneous, as in Kubernetes. */
const celEnvironment = () => (environment ??= new Environment({ unlistedVariablesAreDyn: false, homogeneousAggregateLiterals: true }).registerVariable('self', 'dyn'));

/** Each rule the object breaks, as `<path> violates x-kubernetes-validations rule: <rule>`. */
export function ruleViolations(root: Schema, object: unknown): string[] {
  const problems: string[] = [];
  const resolve = (schema: Schema): Schema => {
    const ref: unknown = schema.$ref;
    if (typeof ref !== 'string') return schema;
    const target = root.$defs?.[ref.replace('#/$defs/', '')];
    if (!target) throw new Error(`schema reference ${ref} does not resolve`);
    return resolve(target);
  };
  const visit = (given: Schema, value: unknown, at: string) => {
    if (value === undefined || value === null) return;
    const schema = resolve(given);
    for (const { rule } of (schema['x-kubernetes-validations'] ?? []) as Array<{ rule: string }>) {
      if (/\boldSelf\b/.test(rule)) continue;
      let result: unknown;
      try {
        result = celEnvironment().evaluate(rule, { self: toCel(value) });
      } catch (error) {
        result = `error: ${(error as Error).message}`;
      }
      if (result !== true) problems.push(`${at || '/'} violates x-kubernetes-validations rule: ${rule}${typeof result === 'string' ? ` (${result})` : ''}`);
    }
    if (Array.isArray(value)) {
      if (schema.items) value.forEach((item, i) => visit(schema.items, item, `${at}/${i}`));
    } else if (typeof value === 'object') {
      for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
        const sub = schema.properties?.[key] ?? (typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined);
        if (sub) visit(sub, child, `${at}/${key}`);
      }
    }
  };
  visit(root, object, '');
  return problems;
}
