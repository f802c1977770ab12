import { ResolvedEnvironment } from '../config/model';
import { DNS1123_LABEL_RULE, isDns1123Label, isLabelKey } from '../config/names';
import { containerResourceProblem } from '../config/resources';
import { Problems } from '../config/problems';
import { closest } from '../config/suggest';
import { isPlainObject } from '../util';
import { CHART_VALUE_KEYS, CHART_VALUE_SECTIONS, RELEASE_NAME_MAX, unknownValueKeys } from './chart';
import { validateSchedulerSettings } from './scheduler-validate';
import { LabelSelectorRequirement, ResolvedReleaseSettings, VOLCANO_COMPONENTS } from './settings';
import { volcanoReleaseSpec } from './values';

/**
 * Raw values the escape hatch may not set, because a typed prop owns them (and the platform builds on
 * them: PodDisruptionBudgets follow the replicas, the scheduler configuration is validated, ...).
 */
const OWNED_VALUES: Readonly<Record<string, string>> = {
  'basic.image_tag_version': 'is pinned to the chart version (release.chartVersion); images never float',
  'custom.metrics_enable': 'must stay false: this project provides monitoring wired into the cluster\'s own Prometheus',
  'custom.leader_elect_enable': 'follows the replicas: on whenever a component runs more than one',
  'custom.scheduler_replicas': 'is set by release.components.scheduler.replicas; change it there',
  'custom.controller_replicas': 'is set by release.components.controller.replicas; change it there',
  'custom.admission_replicas': 'is set by release.components.admission.replicas; change it there',
  'custom.scheduler_config_override': 'is generated from release.scheduler, where it is validated; change it there',
  'custom.enabled_admissions': 'is set by release.admission.hooks; change it there',
  'custom.webhooks_namespace_selector_expressions': 'is set by release.admission.namespaces; change it there',
  'custom.vap_enable': 'is set by release.admission.validatingAdmissionPolicies; change it there',
  // The admission policies, samples and integration settings all name the scheduler "volcano".
  'custom.scheduler_name': 'must stay unset: the platform\'s admission policies and workloads name the scheduler "volcano"; '
    + 'another name would let jobs bypass the policies and leave Volcano pods unscheduled',
  'custom.scheduler_enable': 'must stay true: the platform\'s queues, policies and monitoring need the Volcano scheduler',
  'custom.controller_enable': 'must stay true: without the controller no Volcano Job gets pods or PodGroups',
  'custom.admission_enable': 'must stay true: Volcano\'s webhook fills in and checks Jobs, PodGroups and Queues; change which hooks run with release.admission.hooks',
};

/** Per-component image tags: empty means "use basic.image_tag_version", anything else would unpin the image. */
const COMPONENT_IMAGE_TAGS = ['controller', 'scheduler', 'agent_scheduler', 'admission', 'agent'].map((c) => `basic.${c}_image_tag_version`);

const SEMVER = /^\d+\.\d+\.\d+$/;

/** Every problem of an environment's `release`, with paths such as `release.components.scheduler.replicas`. */
export function validateRelease(env: ResolvedEnvironment, problems: Problems): void {
  const before = problems.list.length;
  const release = env.release;
  if (!isDns1123Label(release.releaseName) || release.releaseName.length > RELEASE_NAME_MAX) {
    problems.add('release.releaseName', `"${release.releaseName}" must be a DNS-1123 label of 1 to ${RELEASE_NAME_MAX} characters (Helm's limit for release names)`);
  }
  if (!isDns1123Label(release.namespace)) problems.add('release.namespace', `"${release.namespace}" ${DNS1123_LABEL_RULE}`);
  // A tenant named like the release namespace is reported on the tenant (lib/config/validate-tenants.ts).
  else if (release.namespace === 'kube-system') {
    problems.add('release.namespace', '"kube-system" cannot hold Volcano: it needs a namespace of its own');
  }
  if (!/^(https|oci):\/\/[^\s]+$/.test(String(release.repository))) {
    problems.add('release.repository', `"${release.repository}" must be an https:// or oci:// URL`);
  }
  if (!SEMVER.test(String(release.chartVersion))) {
    problems.add('release.chartVersion', `"${release.chartVersion}" must be an exact chart version such as "1.15.1" (a range would upgrade without review)`);
  }
  checkComponents(env, problems);
  checkAdmission(env, problems);
  validateSchedulerSettings(env, problems);
  checkRawValues(env, problems, problems.list.length === before);
}

function checkComponents(env: ResolvedEnvironment, problems: Problems): void {
  for (const name of VOLCANO_COMPONENTS) {
    const path = `release.components.${name}`;
    const component = env.release.components[name];
    if (!Number.isInteger(component.replicas) || component.replicas < 1) {
      problems.add(`${path}.replicas`, `${component.replicas} must be a whole number of at least 1`);
    }
    if (component.podDisruptionBudget && component.replicas < 2) {
      problems.add(`${path}.podDisruptionBudget`, 'needs at least 2 replicas: a budget over a single pod blocks every node drain');
    }
    if (component.antiAffinity === 'required' && component.replicas < 2) {
      problems.add(`${path}.antiAffinity`, '"required" needs at least 2 replicas to mean anything');
    }
    const rule = (key: string) => containerResourceProblem(key, []);
    const requests = problems.resources(`${path}.resources.requests`, component.resources?.requests, rule);
    const limits = problems.resources(`${path}.resources.limits`, component.resources?.limits, rule);
    for (const [resource, request] of requests) {
      const limit = limits.get(resource);
      if (limit && request.compare(limit) > 0) problems.add(`${path}.resources.requests.${resource}`, `${request} exceeds the limit ${limit}`);
    }
  }
}

function checkAdmission(env: ResolvedEnvironment, problems: Problems): void {
  const admission = env.release.admission;
  const seen = new Map<string, string>();
  admission.hooks.forEach((hook, i) => {
    // Unknown paths are refused by the schema (settings-schema.ts) before this runs.
    const path = `release.admission.hooks[${i}]`;
    problems.checkUnique(path, hook, `hooks[${i}]`, seen, (first) => `"${hook}" is listed twice (also ${first})`);
  });
  admission.namespaces.excluded.forEach((ns, i) => {
    if (!isDns1123Label(ns)) problems.add(`release.admission.namespaces.excluded[${i}]`, `"${ns}" ${DNS1123_LABEL_RULE}`);
  });
  admission.namespaces.extraExpressions.forEach((expression, i) => checkExpression(expression, `release.admission.namespaces.extraExpressions[${i}]`, problems));
}

/** The schema has already required `key` and an operator of In, NotIn, Exists or DoesNotExist. */
function checkExpression(expression: LabelSelectorRequirement, path: string, problems: Problems): void {
  const values = expression.values ?? [];
  const listsValues = expression.operator === 'In' || expression.operator === 'NotIn';
  if (listsValues && values.length === 0) problems.add(`${path}.values`, `must not be empty with operator "${expression.operator}"`);
  if (!listsValues && values.length > 0) problems.add(`${path}.values`, `must be empty with operator "${expression.operator}"`);
  if (!isLabelKey(expression.key)) problems.add(`${path}.key`, `"${expression.key}" is not a valid label key`);
}

function checkRawValues(env: ResolvedEnvironment, problems: Problems, releaseValid: boolean): void {
  // A map: the schema (settings-schema.ts) has refused anything else.
  const values = env.release.values;
  // The full values embed the rendered scheduler file, which only a valid release can produce:
  // until then the raw values stand in for them.
  checkValueKeys(releaseValid ? volcanoReleaseSpec(env).values : values, env.release, problems);
  for (const [section, content] of Object.entries(values)) {
    if (!isPlainObject(content)) continue;
    for (const [key, value] of Object.entries(content)) {
      const path = `${section}.${key}`;
      const owner = OWNED_VALUES[path];
      if (owner) problems.add(`release.values.${path}`, owner);
      if (COMPONENT_IMAGE_TAGS.includes(path) && value !== '' && value !== null) {
        problems.add(`release.values.${path}`, `${JSON.stringify(value)} would unpin the image: leave it empty so every component runs v${env.release.chartVersion}`);
      }
    }
  }
}

/**
 * Reports the keys of a release's full `values` (typed and raw, merged) that the chart does not know,
 * each once: a raw key on its `release.values` path, a key only the typed values set (a bug of this
 * project, not of the environment) on `release`.
 */
export function checkValueKeys(values: Readonly<Record<string, unknown>>, release: ResolvedReleaseSettings, problems: Problems): void {
  const raw = unknownValueKeys(release.values, release.allowUnknownValues);
  for (const key of raw) {
    const meant = chartValueMeant(key);
    problems.add(`release.values.${key}`, meant === undefined
      ? 'is not a value of the Volcano chart 1.15.1; list it in release.allowUnknownValues if it is intended'
      : `is not a value of the Volcano chart 1.15.1; did you mean "${meant}"? If not, list it in release.allowUnknownValues`);
  }
  for (const key of unknownValueKeys(values, release.allowUnknownValues)) {
    if (!raw.includes(key)) problems.add('release', `the typed value ${key} is not a value of the Volcano chart 1.15.1: fix typedChartValues (lib/volcano/values.ts)`);
  }
}

/**
 * What a misspelt chart value probably meant: for `custom.scheduler_replicaz`, the closest key of the
 * same section (`scheduler_replicas`); for a misspelt section, the closest section. Undefined when none is close.
 */
function chartValueMeant(key: string): string | undefined {
  const dot = key.indexOf('.');
  if (dot < 0) return closest(key, CHART_VALUE_SECTIONS);
  const section = key.slice(0, dot);
  const prefix = `${section}.`;
  const keys = [...CHART_VALUE_KEYS].filter((known) => known.startsWith(prefix)).map((known) => known.slice(prefix.length));
  return closest(key.slice(prefix.length), keys);
}
