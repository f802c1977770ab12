import { ADMISSION_SETTINGS_SCHEMA } from '../admission/settings-schema';
import { DEPLOY_SETTINGS_SCHEMA } from '../deploy/settings-schema';
import { OBSERVABILITY_SETTINGS_SCHEMA } from '../observability/settings-schema';
import { isPlainObject } from '../util';
import { WORKLOAD_SCHEMA } from '../simulation/settings-schema';
import { RELEASE_SETTINGS_SCHEMA } from '../volcano/settings-schema';
import { EnvironmentDefinition } from './model';
import { Schema } from './schema';
import { SettingsSections, environmentSchema, overridesSchema } from './model-schema';
import { derivationOf } from './override';
import { Problems } from './problems';

/**
 * The settings sections of an environment, each owned by its concern, which declares the section's
 * schema beside its settings type. A new section is added to `EnvironmentDefinition` (model.ts) and
 * here; the compiler points at this line until it is.
 */
function sections(): SettingsSections {
  return { release: RELEASE_SETTINGS_SCHEMA, admission: ADMISSION_SETTINGS_SCHEMA, observability: OBSERVABILITY_SETTINGS_SCHEMA, workload: WORKLOAD_SCHEMA, deploy: DEPLOY_SETTINGS_SCHEMA };
}

let environment: Schema | undefined;

/**
 * The structure every other rule relies on, checked first: no key the model does not have (with what it
 * probably meant), required fields present, scalars of the right type, enumerated values known, and
 * for a derived environment, overrides that name only what the base has. Reported field by field, so
 * that a definition typed loosely (plain JavaScript, `as` casts, transpile-only synthesis) is never
 * half-understood by the later rules. Returns whether the structure holds.
 */
export function checkShape(definition: EnvironmentDefinition, problems: Problems): boolean {
  const before = problems.list.length;
  if (!isPlainObject(definition)) {
    problems.add('definition', `must be an environment definition (a map), got ${Array.isArray(definition) ? 'a list' : String(definition)}`);
    return false;
  }
  const derivation = derivationOf(definition);
  if (derivation !== undefined && isPlainObject(derivation.base)) {
    overridesSchema(sections(), derivation.base).check(derivation.overrides, 'overrides', problems);
    // Problems in the overrides are reported there; the derived definition would repeat them.
    if (problems.list.length > before) return false;
  }
  environment ??= environmentSchema(sections());
  environment.check(definition, '', problems);
  return problems.list.length === before;
}
