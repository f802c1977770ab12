import { validateAdmission } from '../admission/settings';
import { DNS1123_LABEL_RULE, DNS1123_SUBDOMAIN_RULE, isDns1123Label, isDns1123Subdomain, isResourceName } from './names';
import { EnvironmentDefinition, ResolvedEnvironment } from './model';
import { EnvironmentValidationError, Problems } from './problems';
import { resolveEnvironment } from './resolve';
import { REQUIRED_CAPACITY, validateQueues } from './validate-queues';
import { checkShape } from './validate-shape';
import { validateTenants } from './validate-tenants';
import { validateRelease } from '../volcano/validate';
import { validateObservability } from '../observability/validate';
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
  const problems = new Problems(typeof definition.name === 'string' && definition.name ? definition.name : '<unnamed>');
  if (!checkShape(definition, problems)) return { problems: [...problems.list] };
  const env = resolveEnvironment(definition);

  if (!isDns1123Label(definition.name)) problems.add('name', `"${definition.name}" ${DNS1123_LABEL_RULE}`);
  checkKubernetesVersion(definition.kubernetesVersion, problems);
  const cluster = problems.quantities('capacity', definition.capacity, isResourceName, 'is not a valid resource name (e.g. cpu, memory, nvidia.com/gpu)');
  for (const required of REQUIRED_CAPACITY) {
    if (definition.capacity?.[required] === undefined) problems.add(`capacity.${required}`, 'is required: the platform plans queues against it');
  }
  if (definition.sharingPolicy !== 'proportion' && definition.sharingPolicy !== 'capacity') {
    problems.add('sharingPolicy', `must be "proportion" or "capacity", got "${definition.sharingPolicy}"`);
  }
  checkPriorityClasses(env, problems);
  validateQueues(definition, env, cluster, problems);
  validateTenants(env, problems);
  validateRelease(definition.release, env, problems);
  validateAdmission(definition.admission, env, problems);
  validateDeploySettings(env, problems);
  // Last: it renders the rules to check their metrics, which needs everything above to hold.
  validateObservability(definition, env, problems);
  return { problems: [...problems.list], env };
}

/** Resolves an environment after validating it; throws an {@link EnvironmentValidationError} listing every problem. */
export function prepareEnvironment(definition: EnvironmentDefinition): ResolvedEnvironment {
  return prepareEnvironments([definition])[0];
}

/** Validates all definitions first (reporting the problems of all of them at once), then resolves them. */
export function prepareEnvironments(definitions: readonly EnvironmentDefinition[]): ResolvedEnvironment[] {
  const checked = definitions.map(checkEnvironment);
  const problems = checked.flatMap((c) => c.problems);
  const names = definitions.map((d) => d.name);
  names.forEach((name, i) => {
    if (names.indexOf(name) !== i) problems.push(`${name}: name: two environments are named "${name}"`);
  });
  if (problems.length > 0) throw new EnvironmentValidationError(problems);
  // Without problems every shape held, so every definition was resolved while it was validated.
  return checked.map((c) => c.env!);
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
    const path = `priorityClasses[${index}]`;
    if (!isDns1123Subdomain(pc.name)) {
      problems.add(`${path}.name`, `"${pc.name}" ${DNS1123_SUBDOMAIN_RULE}`);
    } else if (pc.name.startsWith('system-')) {
      problems.add(`${path}.name`, `"${pc.name}": the "system-" prefix is reserved for Kubernetes`);
    }
    problems.checkUnique(`${path}.name`, pc.name, path, seenNames, (first) => `duplicate priority class name "${pc.name}" (also ${first})`);
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
