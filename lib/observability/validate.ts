import { DNS1123_LABEL_RULE, DNS1123_SUBDOMAIN_RULE, LABEL_KEY_RULE, LABEL_VALUE_RULE, isDns1123Label, isDns1123Subdomain, isLabelKey, isLabelValue } from '../config/names';
import { EnvironmentDefinition, ResolvedEnvironment } from '../config/model';
import { Problems } from '../config/problems';
import { itemPath } from '../config/schema';
import { suggestion } from '../config/suggest';
import { catalogMetricsMentioned, labelProblems, metricProblems, recordedSeriesLabels } from './metric-check';
import { dashboardSpecs } from './dashboard-specs';
import { alertRuleGroups, recordingRuleGroups } from './rule-groups';
import { enabledSchedulerPlugins, schedulerConfiguration } from '../volcano/scheduler-derive';
import { AlertThresholds, DEFAULT_ALERT_THRESHOLDS, KeyValue, ResolvedObservability, durationSeconds, longestSla } from './settings';

type AlertName = keyof AlertThresholds;

const FOR_RULE = 'must be a whole number of minutes or hours such as "5m" or "1h"';

/** Validates `observability` of an environment. */
export function validateObservability(definition: EnvironmentDefinition, env: ResolvedEnvironment, problems: Problems): void {
  const o = env.observability;
  const given = definition.observability;

  if (given?.prometheusSelector === undefined || Object.keys(given.prometheusSelector).length === 0) {
    problems.add('observability.prometheusSelector', 'is required: the labels the cluster\'s Prometheus selects ServiceMonitors and PrometheusRules by, e.g. { release: "kube-prometheus-stack" }');
  } else {
    for (const [key, value] of Object.entries(given.prometheusSelector)) checkLabel(`observability.prometheusSelector.${key}`, { key, value }, problems);
  }
  if (given?.runbookUrlPattern === undefined) {
    problems.add('observability.runbookUrlPattern', 'is required: an https URL containing {alert} (and {environment}, where the runbooks of several environments live side by side), where each alert\'s runbook lives');
  } else if (!/^https:\/\/[^\s]+$/.test(o.runbookUrlPattern) || !o.runbookUrlPattern.includes('{alert}')) {
    problems.add('observability.runbookUrlPattern', `"${o.runbookUrlPattern}" must be an https URL containing {alert}`);
  }
  if (given?.grafanaUrl === undefined) {
    problems.add('observability.grafanaUrl', 'is required: the https base URL of the Grafana that shows the dashboards');
  } else if (!/^https:\/\/[^\s?#]+$/.test(o.grafanaUrl)) {
    problems.add('observability.grafanaUrl', `"${o.grafanaUrl}" must be an https URL without query or fragment`);
  }
  if (!isDns1123Label(o.prometheusNamespace)) problems.add('observability.prometheusNamespace', `"${o.prometheusNamespace}" ${DNS1123_LABEL_RULE}`);
  if (o.prometheusServiceAccount !== undefined) {
    const { namespace, name } = o.prometheusServiceAccount;
    if (!isDns1123Label(namespace)) problems.add('observability.prometheusServiceAccount.namespace', `"${namespace}" ${DNS1123_LABEL_RULE}`);
    // A service account name is a DNS-1123 subdomain, and the RoleBinding's subject must name it exactly.
    if (!isDns1123Subdomain(name)) problems.add('observability.prometheusServiceAccount.name', `"${name}" ${DNS1123_SUBDOMAIN_RULE}`);
  }
  checkLabel('observability.grafana.discoveryLabel', o.grafana.discoveryLabel, problems);
  if (!isLabelKey(o.grafana.folderAnnotation.key)) problems.add('observability.grafana.folderAnnotation.key', `"${o.grafana.folderAnnotation.key}" ${LABEL_KEY_RULE}`);
  if (!o.grafana.folderAnnotation.value) problems.add('observability.grafana.folderAnnotation.value', 'must name a Grafana folder');
  if (!isDns1123Label(o.grafana.namespace)) problems.add('observability.grafana.namespace', `"${o.grafana.namespace}" ${DNS1123_LABEL_RULE}`);
  checkAlertThresholds(o, problems);
  checkGangTiming(o, problems);
  checkSlas(env, problems);
  checkSlaCoverage(env, problems);

  // The rules and the scheduler configuration can only be built from a valid environment (quantities,
  // queues, release settings): check what the rules use once everything else holds. This runs last.
  if (problems.list.length === 0) {
    const actions = schedulerConfiguration(env).actions;
    for (const problem of metricAvailabilityProblems(env, enabledSchedulerPlugins(env), actions)) problems.add('observability', problem);
  }
}

/**
 * Every use, in the environment's alerts, recording rules and dashboards, of a metric that will not exist
 * with these scheduler plugins (or never exists), or never changes without a scheduler action. Takes the
 * plugin and action lists as parameters: the scheduler configuration decides them.
 */
export function metricAvailabilityProblems(env: ResolvedEnvironment, enabledPlugins: readonly string[], enabledActions: readonly string[]): string[] {
  const recorded = recordingRuleGroups(env).flatMap((g) => g.rules);
  const recordedNames = new Set(recorded.map((r) => r.record!));
  const recordedLabels = recordedLabelSets(recorded);
  const uses: Array<{ where: string; expr: string }> = [
    ...recorded.map((r) => ({ where: `recording rule ${r.record}`, expr: r.expr })),
    ...alertRuleGroups(env).flatMap((g) => g.rules).map((r) => ({ where: `alert ${r.alert}`, expr: r.expr })),
    ...dashboardSpecs(env).flatMap((d) => d.rows.flatMap((row) => row.panels.flatMap((p) => p.queries.map((q) => ({ where: `dashboard "${d.title}" panel "${p.title}"`, expr: q.expr }))))),
  ];
  const problems = uses.flatMap(({ where, expr }) => [
    ...metricProblems(catalogMetricsMentioned(expr), enabledPlugins, recordedNames, enabledActions),
    ...labelProblems(expr, recordedLabels),
  ].map((p) => `${where} ${p}`));
  return [...new Set(problems)];
}

/** The labels each recorded series may carry, rule by rule (a rule may read the series of earlier ones). */
export function recordedLabelSets(rules: ReadonlyArray<{ record?: string; expr: string; labels?: Readonly<Record<string, string>> }>): Map<string, Set<string>> {
  const labels = new Map<string, Set<string>>();
  for (const rule of rules) {
    const own = recordedSeriesLabels(rule.expr, Object.keys(rule.labels ?? {}), labels);
    const name = rule.record!;
    labels.set(name, new Set([...(labels.get(name) ?? []), ...own]));
  }
  return labels;
}

/**
 * Each alert's settings replace its default whole; the schema (`settings-schema.ts`) has already refused
 * unknown alerts and fields, missing thresholds and unknown severities. What is left: the reason for
 * setting them (the alert catalog prints it) and the values themselves.
 */
function checkAlertThresholds(o: ResolvedObservability, problems: Problems): void {
  for (const [name, settings] of Object.entries(o.alerts) as unknown as Array<[string, Record<string, unknown>]>) {
    // Defaults need no reason: only what the environment set is checked.
    if (settings === (DEFAULT_ALERT_THRESHOLDS as unknown as Record<string, unknown>)[name]) continue;
    const path = `observability.alerts.${name}`;
    const fields = Object.keys(DEFAULT_ALERT_THRESHOLDS[name as AlertName]);
    if (typeof settings.reason !== 'string' || settings.reason.trim() === '') {
      problems.add(`${path}.reason`, 'is required: say why this environment sets the alert\'s thresholds (the alert catalog prints it next to them)');
    }
    // The schema requires `for` and every threshold (a string and finite numbers): only their values are left.
    if (!isWholeMinutes(settings.for as string)) problems.add(`${path}.for`, `"${settings.for}" ${FOR_RULE}`);
    for (const [field, value] of Object.entries(settings) as Array<[string, number]>) {
      // `reason` and `severity` are not thresholds.
      if (field === 'for' || !fields.includes(field)) continue;
      const isRatio = field === 'ratio';
      const isCount = field === 'minFinishedJobs' || field === 'minRequests';
      const ok = value > 0 && (!isRatio || value <= 1) && (!isCount || Number.isInteger(value));
      if (!ok) problems.add(`${path}.${field}`, `${value} must be ${isRatio ? 'a ratio above 0 and at most 1' : isCount ? 'a whole number above 0' : 'a number above 0'}`);
    }
  }
}

/**
 * A `gangUnschedulable.for` the environment sets is at least its longest SLA p95: the alert waits that long
 * in any case (`gangUnschedulableFor` in alert-rules.ts), since the gang plugin counts a gang waiting its turn
 * as unschedulable, so a shorter value would not be what runs. The default takes that floor as documented.
 */
function checkGangTiming(o: ResolvedObservability, problems: Problems): void {
  const gang = o.alerts.gangUnschedulable;
  if (gang === DEFAULT_ALERT_THRESHOLDS.gangUnschedulable) return;
  const given = durationSeconds(gang.for);
  const longest = longestSla(o.schedulingSlas);
  if (given === undefined || longest === undefined || given >= (durationSeconds(longest.p95) ?? 0)) return;
  problems.add(
    'observability.alerts.gangUnschedulable.for',
    `"${gang.for}" is shorter than the longest scheduling SLA p95 (${longest.p95}, SLA "${longest.name}"): the gang plugin counts a gang `
      + `that waits its turn as unschedulable, so the alert waits at least that long; set ${longest.p95} or longer`,
  );
}

function checkSlas(env: ResolvedEnvironment, problems: Problems): void {
  const queues = new Map(env.queues.map((q) => [q.name, q] as const));
  const names = new Map<string, string>();
  const coveredBy = new Map<string, string>();
  env.observability.schedulingSlas.forEach((sla, index) => {
    const path = itemPath('observability.schedulingSlas', index, sla);
    if (!isDns1123Label(sla.name)) problems.add(`${path}.name`, `"${sla.name}" ${DNS1123_LABEL_RULE}`);
    problems.checkUnique(`${path}.name`, sla.name, `schedulingSlas[${index}]`, names, (first) => `duplicate SLA name "${sla.name}" (also ${first})`);
    if (!sla.queues || sla.queues.length === 0) problems.add(`${path}.queues`, 'must name at least one queue');
    (sla.queues ?? []).forEach((queue, i) => {
      if (!queues.has(queue)) problems.add(`${path}.queues[${i}]`, `unknown queue "${queue}"${suggestion(queue, [...queues.keys()])}`);
      const other = coveredBy.get(queue);
      if (other !== undefined) problems.add(`${path}.queues[${i}]`, `queue "${queue}" is already covered by SLA "${other}"`);
      else coveredBy.set(queue, sla.name);
    });
    if (durationSeconds(sla.p95) === undefined) problems.add(`${path}.p95`, `"${sla.p95}" must be a duration in whole seconds, minutes or hours such as "90s", "2m" or "4h"`);
    if (!isWholeMinutes(sla.for)) problems.add(`${path}.for`, `"${sla.for}" ${FOR_RULE}`);
    if (!Number.isInteger(sla.minJobs) || sla.minJobs < 1) problems.add(`${path}.minJobs`, `${sla.minJobs} must be a whole number of jobs above 0`);
  });
}

/**
 * Every enabled leaf queue is watched by an SLA or said to need none (`queuesWithoutSla`), so that a new
 * queue cannot go unwatched by accident; a queue cannot be both.
 */
function checkSlaCoverage(env: ResolvedEnvironment, problems: Problems): void {
  const covered = new Set(env.observability.schedulingSlas.flatMap((sla) => sla.queues ?? []));
  const known = env.queues.map((q) => q.name);
  const without = new Map<string, string>();
  env.observability.queuesWithoutSla.forEach((name, i) => {
    const path = `observability.queuesWithoutSla[${i}]`;
    if (!known.includes(name)) problems.add(path, `unknown queue "${name}"${suggestion(name, known)}`);
    else if (covered.has(name)) problems.add(path, `queue "${name}" is covered by a scheduling SLA; remove it here or from the SLA`);
    else problems.checkUnique(path, name, `queuesWithoutSla[${i}]`, without, (first) => `queue "${name}" is listed twice (also ${first})`);
  });
  const parents = new Set(env.queues.flatMap((q) => (q.parent === undefined ? [] : [q.parent])));
  env.queues.forEach((queue, i) => {
    if (!queue.enabled || parents.has(queue.name) || covered.has(queue.name) || without.has(queue.name)) return;
    problems.add(itemPath('queues', i, queue), 'is covered by no scheduling SLA: add it to the queues of an observability.schedulingSlas entry, '
      + 'or list it in observability.queuesWithoutSla if nobody waits on it');
  });
}

/** Alert durations fall on whole minutes, so the `for:` boundary is exact at a one-minute evaluation step. */
function isWholeMinutes(duration: string): boolean {
  const seconds = durationSeconds(duration);
  return seconds !== undefined && seconds % 60 === 0;
}

function checkLabel(path: string, label: KeyValue, problems: Problems): void {
  if (!isLabelKey(label.key)) problems.add(`${path}`, `key "${label.key}" ${LABEL_KEY_RULE}`);
  if (!isLabelValue(label.value)) problems.add(`${path}`, `value "${label.value}" ${LABEL_VALUE_RULE}`);
}
