import { ResolvedEnvironment, ResourceList } from '../config';
import { enabledSchedulerPlugins, schedulerConfiguration } from '../volcano/scheduler-derive';
import { code, table } from './markdown';

/**
 * `docs/environments/compare.md`: the environments side by side, showing only the settings that differ,
 * so the intentional differences (dev is prod shrunk, gpu-lab is another platform) are visible at once.
 * Settings come from the resolved specs (sizes, the control plane and scheduler configuration as rendered,
 * admission enforcement, alert thresholds and SLAs); descriptions are prose and left out.
 */

/** One setting of an environment. */
export interface Setting {
  readonly value: string;
  /** The queue, tenant, priority class or SLA the setting belongs to, e.g. `queue batch`; none for environment-wide ones. */
  readonly item?: string;
}

/** Flattens a resolved environment into `setting → value`, in spec order, with the item lists first. */
export function environmentSettings(env: ResolvedEnvironment): Map<string, Setting> {
  const settings = new Map<string, Setting>();
  const put = (path: string, value: string | number | boolean | undefined) => {
    if (value === undefined) return;
    const item = /^((?:queue|tenant|priority class|sla) [^:]+):/.exec(path)?.[1];
    settings.set(path, item ? { value: String(value), item } : { value: String(value) });
  };
  const putList = (path: string, list: ResourceList | undefined) => {
    for (const [key, amount] of Object.entries(list ?? {})) put(`${path}.${key}`, amount);
  };
  put('kubernetesVersion', env.kubernetesVersion);
  put('sharingPolicy', env.sharingPolicy);
  putList('capacity', env.capacity);
  put('queues', env.queues.map((q) => (q.enabled ? q.name : `${q.name} (disabled)`)).join(', '));
  put('tenants', env.tenants.map((t) => t.name).join(', '));
  put('priority classes', env.priorityClasses.map((pc) => `${pc.name} (${pc.value})`).join(', '));
  releaseSettings(env, put);
  admissionSettings(env, put);
  observabilitySettings(env, put);
  for (const q of env.queues) {
    const at = `queue ${q.name}`;
    put(`${at}: enabled`, q.enabled);
    put(`${at}: parent`, q.parent ?? 'root');
    if (env.sharingPolicy === 'proportion') put(`${at}: weight`, q.weight);
    put(`${at}: priority`, q.priority);
    put(`${at}: reclaimable`, q.reclaimable);
    putList(`${at}: guarantee`, q.guarantee);
    putList(`${at}: deserved`, q.deserved);
    putList(`${at}: capability`, q.capability);
  }
  for (const t of env.tenants) {
    const at = `tenant ${t.name}`;
    put(`${at}: queues`, t.queues.join(', '));
    put(`${at}: priority classes`, t.priorityClasses.join(', '));
    put(`${at}: pod security`, t.podSecurity);
    putList(`${at}: quota`, t.quota);
    putList(`${at}: default request`, t.containerDefaults.request);
    putList(`${at}: default limit`, t.containerDefaults.limit);
  }
  for (const pc of env.priorityClasses) {
    const at = `priority class ${pc.name}`;
    put(`${at}: value`, pc.value);
    put(`${at}: preemption`, pc.preemptionPolicy);
    put(`${at}: global default`, pc.globalDefault);
  }
  return settings;
}

type Put = (path: string, value: string | number | boolean | undefined) => void;

/** The control plane and the scheduler configuration actually rendered (derived or given). */
function releaseSettings(env: ResolvedEnvironment, put: Put): void {
  for (const [name, c] of Object.entries(env.release.components)) {
    const at = `release.components.${name}`;
    put(`${at}.replicas`, c.replicas);
    put(`${at}.podDisruptionBudget`, c.podDisruptionBudget);
    put(`${at}.antiAffinity`, c.antiAffinity);
  }
  const configuration = schedulerConfiguration(env);
  put('release.scheduler.preemption', env.release.scheduler.preemption ?? false);
  put('release.scheduler.actions', configuration.actions.join(', '));
  put('release.scheduler.plugins', enabledSchedulerPlugins(env).join(', '));
}

/** How strictly the admission policies act, per policy. */
function admissionSettings(env: ResolvedEnvironment, put: Put): void {
  const admission = env.admission;
  for (const [policy, enforcement] of Object.entries(admission.enforcement)) {
    put(`admission.enforcement.${policy}`, Array.isArray(enforcement) ? enforcement.join(', ') : String(enforcement));
  }
  put('admission.maxRetry', admission.maxRetry);
  put('admission.volcanoSchedulerEnabled', admission.volcanoSchedulerEnabled);
}

/** Where alerts and dashboards point, every alert threshold, and the scheduling SLAs. */
function observabilitySettings(env: ResolvedEnvironment, put: Put): void {
  const o = env.observability;
  put('observability.grafanaUrl', o.grafanaUrl);
  put('observability.runbookUrlPattern', o.runbookUrlPattern);
  put('observability.prometheusSelector', Object.entries(o.prometheusSelector).map(([k, v]) => `${k}=${v}`).join(', '));
  for (const [alert, settings] of Object.entries(o.alerts)) {
    for (const [field, value] of Object.entries(settings as unknown as Record<string, unknown>)) put(`observability.alerts.${alert}.${field}`, String(value));
  }
  put('observability.schedulingSlas', o.schedulingSlas.map((sla) => sla.name).join(', ') || 'none');
  for (const sla of o.schedulingSlas) {
    const at = `sla ${sla.name}`;
    put(`${at}: queues`, sla.queues.join(', '));
    put(`${at}: p95`, sla.p95);
    put(`${at}: for`, sla.for);
    put(`${at}: severity`, sla.severity);
    put(`${at}: minJobs`, String(sla.minJobs));
  }
}

/**
 * Rows of the settings that are not the same in all of `envs`. The settings of a queue, tenant or
 * priority class are compared only where every environment has it; the item lists show the rest.
 */
export function differingSettings(envs: readonly ResolvedEnvironment[]): Array<{ setting: string; values: Array<string | undefined> }> {
  const perEnvironment = envs.map(environmentSettings);
  const items = (settings: Map<string, Setting>) => new Set([...settings.values()].flatMap((s) => s.item ?? []));
  const everywhere = perEnvironment.map(items).reduce((shared, next) => new Set([...shared].filter((item) => next.has(item))));
  const rows = new Map<string, Array<string | undefined>>();
  perEnvironment.forEach((settings, index) => {
    for (const [path, setting] of settings) {
      if (setting.item !== undefined && !everywhere.has(setting.item)) continue;
      const row = rows.get(path) ?? envs.map(() => undefined);
      row[index] = setting.value;
      rows.set(path, row);
    }
  });
  return [...rows.entries()]
    .map(([setting, values]) => ({ setting, values }))
    .filter(({ values }) => values.some((v) => v !== values[0]));
}

/**
 * Pairs worth comparing on their own: environments built from the same base, recognised by sharing a
 * queue name (dev and prod share all of theirs; a different platform shares none).
 */
function relatedPairs(envs: readonly ResolvedEnvironment[]): Array<[ResolvedEnvironment, ResolvedEnvironment]> {
  const pairs: Array<[ResolvedEnvironment, ResolvedEnvironment]> = [];
  envs.forEach((a, i) => envs.slice(i + 1).forEach((b) => {
    const names = new Set(a.queues.map((q) => q.name));
    if (b.queues.some((q) => names.has(q.name))) pairs.push([a, b]);
  }));
  return pairs;
}

function settingsTable(envs: readonly ResolvedEnvironment[]): string {
  const rows = differingSettings(envs).map(({ setting, values }) => [setting, ...values.map((v) => (v === undefined ? '—' : code(v)))]);
  if (rows.length === 0) return 'No differences.';
  return table(['Setting', ...envs.map((e) => code(e.name))], rows);
}

/** The comparison page of all environments. */
export function renderComparison(envs: readonly ResolvedEnvironment[]): string {
  const sections = [
    '# Environments compared',
    '',
    'Generated by `npm run synth` from `stacks/environments/`; do not edit. Only settings that differ are listed, with every default applied. The settings of a queue, tenant or priority class are compared where every environment in the table has it; the lists of queues, tenants and priority classes show the others. Descriptions are left out. To compare the rendered objects instead: `npm run diff -- --env <a> --against <b>`.',
  ];
  for (const [a, b] of relatedPairs(envs)) {
    sections.push('', `## ${code(a.name)} and ${code(b.name)}`, '', settingsTable([a, b]));
  }
  if (envs.length > 2 || relatedPairs(envs).length === 0) {
    sections.push('', '## All environments', '', settingsTable(envs));
  }
  return sections.join('\n') + '\n';
}
