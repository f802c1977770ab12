import { validateAdmission } from '../admission/settings';
import { isPlainObject } from '../util';
import { DNS1123_LABEL_RULE, DNS1123_SUBDOMAIN_RULE, isDns1123Label, isDns1123Subdomain } from './names';
import { EnvironmentDefinition, ResolvedEnvironment } from './model';
import { EnvironmentValidationError, Problems } from './problems';
import { derivationOf } from './override';
import { resolveEnvironment } from './resolve';
import { queueResourceProblem } from './resources';
import { itemPath } from './schema';
import { REQUIRED_CAPACITY, validateQueues } from './validate-queues';
import { checkShape } from './validate-shape';
import { validateTenants } from './validate-tenants';
import { validateRelease } from '../volcano/validate';
import { validateObservability } from '../observability/validate';
import { validateWorkload } from '../simulation/validate';
import { validateDeploySettings } from '../deploy/settings';

/** Oldest supported Kubernetes minor: ValidatingAdmissionPolicy is GA (admissionregistration.k8s.io/v1) from 1.30. */
export const MIN_KUBERNETES_MINOR = 30;
/** The API server refuses user PriorityClasses above this value. */
export const MAX_USER_PRIORITY = 1_000_000_000;

/**
 * Every problem of an environment definition, each as `<env>: <field path>: <rule broken>`.
 * An empty list means the environment is valid.
 */
export function validateEnvironment(definition: EnvironmentDefinition): string[] {
  return checkEnvironment(definition).problems;
}

/** The problems of a definition, and the environment resolved on the way (absent when its shape is broken). */
function checkEnvironment(definition: EnvironmentDefinition): { problems: string[]; env?: ResolvedEnvironment } {
  const problems = new Problems(environmentName(definition));
  if (!checkShape(definition, problems)) return { problems: [...problems.list] };
  const env = resolveEnvironment(definition);

  if (!isDns1123Label(definition.name)) problems.add('name', `"${definition.name}" ${DNS1123_LABEL_RULE}`);
  checkKubernetesVersion(definition.kubernetesVersion, problems);
  const declared = Object.keys(definition.capacity);
  const cluster = problems.resources('capacity', definition.capacity, (key) => queueResourceProblem(key, declared));
  for (const required of REQUIRED_CAPACITY) {
    if (definition.capacity?.[required] === undefined) problems.add(`capacity.${required}`, 'is required: the platform plans queues against it');
  }
  checkPriorityClasses(env, problems);
  validateQueues(definition, env, cluster, problems);
  validateTenants(env, problems);
  validateRelease(env, problems);
  validateAdmission(definition.admission, env, problems);
  validateDeploySettings(env, problems);
  // Last: it renders the rules to check their metrics, which needs everything above to hold.
  validateObservability(definition, env, problems);
  // Last: what it checks against a queue's share or simulates needs everything above to hold.
  validateWorkload(definition.workload, env, problems, problems.list.length === 0);
  return { problems: [...problems.list], env };
}

/** Resolves an environment after validating it; throws an {@link EnvironmentValidationError} listing every problem. */
export function prepareEnvironment(definition: EnvironmentDefinition): ResolvedEnvironment {
  return prepareEnvironments([definition])[0];
}

/** Validates all definitions first (reporting the problems of all of them at once), then resolves them. */
export function prepareEnvironments(definitions: readonly EnvironmentDefinition[]): ResolvedEnvironment[] {
  const checked = definitions.map(checkEnvironment);
  const names = definitions.map(environmentName);
  const problems = checked.flatMap((c, i) => withoutInherited(c.problems, i, definitions, checked.map((d) => d.problems), names));
  names.forEach((name, i) => {
    if (names.indexOf(name) !== i) problems.push(`${name}: name: two environments are named "${name}"`);
  });
  if (problems.length > 0) throw new EnvironmentValidationError(problems);
  // Without problems every shape held, so every definition was resolved while it was validated.
  return checked.map((c) => c.env!);
}

/**
 * A derived environment repeats every problem of the base lines it copies: when its base is validated in
 * the same run, such a problem is reported once, on the base, whose file holds the line to fix. A copied
 * line may show up in the overrides (`admission: { ...prod.admission }` in dev.ts), where its problem is
 * reported at `overrides.<path>`: that is compared with the base at `<path>`, a queue or tenant change
 * (`overrides.queues.batch`) with the base's item (`queues[1] (batch)`).
 */
function withoutInherited(
  problems: readonly string[],
  index: number,
  definitions: readonly EnvironmentDefinition[],
  all: ReadonlyArray<readonly string[]>,
  names: readonly string[],
): readonly string[] {
  const derivation = isPlainObject(definitions[index]) ? derivationOf(definitions[index]) : undefined;
  const base = derivation === undefined ? -1 : definitions.indexOf(derivation.base);
  if (base < 0) return problems;
  const rule = (problem: string, i: number) => problem.slice(names[i].length + 2);
  const inBase = new Set(all[base].map((p) => rule(p, base)));
  const baseDefinition = definitions[base];
  return problems.filter((p) => !inBase.has(rule(p, index)) && !inBase.has(asBasePath(rule(p, index), baseDefinition)));
}

const OVERRIDES = 'overrides.';

/**
 * A problem in the overrides as the base would report the same line: `overrides.admission.maxRetrys: ...`
 * as `admission.maxRetrys: ...`, `overrides.queues.batch.enable: ...` as `queues[1] (batch).enable: ...`.
 * Other problems are returned unchanged.
 */
function asBasePath(problem: string, base: EnvironmentDefinition): string {
  if (!problem.startsWith(OVERRIDES)) return problem;
  const inBase = problem.slice(OVERRIDES.length);
  for (const list of ['queues', 'tenants'] as const) {
    const items: readonly unknown[] = Array.isArray(base[list]) ? base[list] : [];
    for (const [index, item] of items.entries()) {
      const name = isPlainObject(item) ? item.name : undefined;
      const change = `${list}.${name}`;
      if (typeof name === 'string' && (inBase.startsWith(`${change}.`) || inBase.startsWith(`${change}:`))) {
        return `${itemPath(list, index, item)}${inBase.slice(change.length)}`;
      }
    }
  }
  return inBase;
}

/** The name messages give an environment: its own, if it has a usable one. */
function environmentName(definition: EnvironmentDefinition): string {
  const name: unknown = isPlainObject(definition) ? definition.name : undefined;
  return typeof name === 'string' && name !== '' ? name : '<unnamed>';
}

function checkKubernetesVersion(version: string, problems: Problems): void {
  const match = /^1\.(\d+)$/.exec(String(version));
  if (!match) {
    problems.add('kubernetesVersion', `"${version}" must be a Kubernetes minor version such as "1.30"`);
  } else if (Number(match[1]) < MIN_KUBERNETES_MINOR) {
    problems.add('kubernetesVersion', `${version} is too old: the platform needs Kubernetes 1.${MIN_KUBERNETES_MINOR} or newer (ValidatingAdmissionPolicy v1)`);
  }
}

function checkPriorityClasses(env: ResolvedEnvironment, problems: Problems): void {
  const seenNames = new Map<string, string>();
  let globalDefault: number | undefined;
  env.priorityClasses.forEach((pc, index) => {
    const path = itemPath('priorityClasses', index, pc);
    if (!isDns1123Subdomain(pc.name)) {
      problems.add(`${path}.name`, `"${pc.name}" ${DNS1123_SUBDOMAIN_RULE}`);
    } else if (pc.name.startsWith('system-')) {
      problems.add(`${path}.name`, `"${pc.name}": the "system-" prefix is reserved for Kubernetes`);
    }
    problems.checkUnique(`${path}.name`, pc.name, `priorityClasses[${index}]`, seenNames, (first) => `duplicate priority class name "${pc.name}" (also ${first})`);
    if (!Number.isInteger(pc.value) || pc.value > MAX_USER_PRIORITY || pc.value < -MAX_USER_PRIORITY) {
      problems.add(`${path}.value`, `${pc.value} must be a whole number from -${MAX_USER_PRIORITY} to ${MAX_USER_PRIORITY}`);
    }
    if (pc.globalDefault) {
      if (globalDefault !== undefined) {
        problems.add(`${path}.globalDefault`, `only one priority class may be the global default (also priorityClasses[${globalDefault}])`);
      } else {
        globalDefault = index;
      }
    }
  });
}
