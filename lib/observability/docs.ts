import { ResolvedEnvironment } from '../config/model';
import { OutputFile } from '../synth/render';
import { alertDefinitions, omittedAlerts, QUEUE_LABEL } from './alert-rules';
import { dashboardSpecs } from './dashboard-specs';
import { DashboardSpec } from './dashboard-kit';
import { runsSchedulerAction } from './scheduler-actions';
import { EXTERNAL_METRICS, NEVER_EMITTED_METRICS, VOLCANO_METRICS } from './metrics';
import { runbooksFor } from './runbooks';
import { AlertsByEnv, HEADER, cell, runbookDoc } from './runbook-docs';

/** The generated observability docs: alert catalog, one runbook per alert and environment, dashboards, metrics used. */
export function observabilityDocs(envs: readonly ResolvedEnvironment[]): OutputFile[] {
  const alertsByEnv: AlertsByEnv = envs.map((env) => ({ env, alerts: alertDefinitions(env), omitted: omittedAlerts(env), runbooks: runbooksFor(env) }));
  const names = [...new Set(alertsByEnv.flatMap(({ alerts }) => alerts.map((a) => a.name)))];
  for (const { env, alerts, runbooks } of alertsByEnv) {
    const missing = [...new Set(alerts.map((a) => a.name))].filter((name) => runbooks[name] === undefined);
    if (missing.length > 0) throw new Error(`${env.name}: alerts without a runbook in lib/observability/runbooks*.ts: ${missing.join(', ')}`);
  }
  return [
    { path: 'alerts.md', content: alertCatalog(names, alertsByEnv) },
    { path: 'dashboards.md', content: dashboardsDoc(envs) },
    { path: 'metrics.md', content: metricsDoc() },
    ...alertsByEnv.flatMap(({ env, alerts, runbooks }) =>
      [...new Set(alerts.map((a) => a.name))].map((name) => ({ path: `runbooks/${env.name}/${name}.md`, content: runbookDoc(name, runbooks[name], env, alertsByEnv) }))),
  ];
}

/** Per environment: severity, labels, settings key (and why it was set), `for:` and expression; or why the alert is left out. */
function catalogTable(name: string, alertsByEnv: AlertsByEnv): string {
  const rows = alertsByEnv.flatMap(({ env, alerts, omitted }) => {
    const rules = alerts.filter((a) => a.name === name);
    if (rules.length === 0) {
      const reason = omitted.find((o) => o.name === name)?.reason;
      if (reason === undefined) throw new Error(`${env.name}: alert ${name} is neither rendered nor listed by omittedAlerts (lib/observability/alert-conditions.ts)`);
      return [`| ${env.name} | not rendered: ${reason} | | | | |`];
    }
    return rules.map((a) => {
      const labels = ['severity', ...Object.keys(a.extraLabels ?? {}), ...a.resultLabels].map((l) => `\`${l}\``).join(', ');
      const key = `\`${a.settingsKey}\`${a.reason ? `: ${cell(a.reason)}` : a.settingsKey.startsWith('observability.alerts.') ? ' (default)' : ''}`;
      return `| [${env.name}](runbooks/${env.name}/${name}.md) | ${a.severity} | ${labels} | ${key} | ${a.for} | \`${cell(a.expr)}\` |`;
    });
  });
  return ['| Environment (runbook) | Severity | Labels | Settings key: why set | For | Expression |', '|---|---|---|---|---|---|', ...rows].join('\n');
}

function alertCatalog(names: string[], alertsByEnv: AlertsByEnv): string {
  const sample = (name: string) => alertsByEnv.flatMap(({ alerts }) => alerts).find((a) => a.name === name)!;
  const meaning = (name: string) => alertsByEnv.find(({ runbooks }) => runbooks[name])!.runbooks[name].meaning;
  const severities = (name: string) => alertsByEnv.map(({ env, alerts }) => {
    const own = [...new Set(alerts.filter((a) => a.name === name).map((a) => a.severity))];
    return `${env.name}: ${own.join('/') || 'not rendered'}`;
  }).join(', ');
  const sections = names.map((name) => [
    `## ${name}`,
    '',
    `Group \`${sample(name).group}\`. ${meaning(name)}`,
    '',
    catalogTable(name, alertsByEnv),
  ].join('\n'));
  const namespaces = alertsByEnv.map(({ env }) => `\`${env.name}\`: \`${env.release.namespace}\``).join(', ');
  return (
    HEADER +
    '# Volcano alert catalog\n\n' +
    'Every alert carries the label `severity` (and `sla` for SLA alerts) and the annotations `summary`, `description`, ' +
    '`runbook_url` (the runbook of its environment) and `dashboard_url`. ' +
    `Every alert and recording rule about a queue names it with the label \`${QUEUE_LABEL}\` (never \`queue_name\`, Volcano's own label on its queue metrics), ` +
    `so one Alertmanager route or silence on \`${QUEUE_LABEL}\` covers all of a queue's alerts. ` +
    'Thresholds, durations and severity overrides are environment settings: the settings key of each alert below, in the environment\'s ' +
    'definition under `stacks/`; an environment that sets a key says why. Change them there, run `npm run synth`, and open a pull request. ' +
    `Volcano namespace per environment: ${namespaces}.\n\n` +
    '| Alert | Group | Severity per environment |\n|---|---|---|\n' +
    names.map((n) => `| [${n}](#${n.toLowerCase()}) | ${sample(n).group} | ${severities(n)} |`).join('\n') +
    '\n\n' +
    sections.join('\n\n') +
    '\n'
  );
}

function dashboardsDoc(envs: readonly ResolvedEnvironment[]): string {
  // Panels differ between environments in the extra resources of the queue dashboard and the preemption
  // panels: describe, per dashboard, the environment's version with the most panels.
  const widest = [...envs].sort((a, b) => Object.keys(b.capacity).length - Object.keys(a.capacity).length)[0];
  const panelCount = (d: DashboardSpec) => d.rows.reduce((n, r) => n + r.panels.length, 0);
  const fullest = dashboardSpecs(widest).map((_d, i) =>
    envs.map((env) => dashboardSpecs(env)[i]).reduce((best, d) => (panelCount(d) > panelCount(best) ? d : best)));
  const preempting = envs.filter((env) => runsSchedulerAction(env, 'preempt')).map((env) => env.name);
  const sections = fullest.map((d) => {
    const rows = d.rows.map((row) => [
      `### ${row.title}`,
      '',
      '| Panel | Unit | What it shows |',
      '|---|---|---|',
      ...row.panels.map((p) => `| ${cell(p.title)} | \`${p.unit}\` | ${cell(p.description)} |`),
    ].join('\n'));
    return [`## ${d.title} (uid \`${d.uid}\`)`, '', d.description, '', ...rows.flatMap((r) => [r, ''])].join('\n');
  });
  // A panel drawn differently per environment (the overuse panel follows the sharing plugin) is described for each.
  const variants = fullest.flatMap((d, i) => d.rows.flatMap((row) => row.panels.flatMap((panel) => {
    const byEnv = envs.map((env) => ({ env: env.name, panel: dashboardSpecs(env)[i].rows.find((r) => r.title === row.title)?.panels.find((p) => p.title === panel.title) }));
    const descriptions = [...new Set(byEnv.flatMap((e) => (e.panel ? [e.panel.description] : [])))];
    if (descriptions.length < 2) return [];
    return descriptions.map((description) =>
      `"${panel.title}" (${d.title}) in ${byEnv.filter((e) => e.panel?.description === description).map((e) => e.env).join(', ')}: ${description}\n`);
  })));
  const placement = envs
    .map((env) => `| ${env.name} | \`${env.observability.grafana.namespace}\` | \`${env.observability.grafana.discoveryLabel.key}: "${env.observability.grafana.discoveryLabel.value}"\` | \`${env.observability.grafana.folderAnnotation.key}: ${env.observability.grafana.folderAnnotation.value}\` |`)
    .join('\n');
  return (
    HEADER +
    '# Volcano dashboards\n\n' +
    'Each dashboard is one ConfigMap in `50-monitoring-dashboards.yaml`, picked up by the Grafana sidecar. Both have a ' +
    '`datasource` variable (any Prometheus) and a multi-value `queue` variable; alert links preselect the queue.\n\n' +
    '| Environment | Namespace | Sidecar label | Folder annotation |\n|---|---|---|---|\n' +
    placement +
    '\n\n' +
    sections.join('\n') +
    `\n${variants.map((v) => `${v}\n`).join('')}` +
    `Resource panels are drawn for cpu, memory and every other resource in the environment's capacity (here: ${Object.keys(widest.capacity).join(', ')}).\n` +
    `The preemption panels (and the VolcanoPreemptionRateHigh alert) exist only where the scheduler runs the preempt action (here: ${preempting.join(', ') || 'none'}).\n`
  );
}

function metricsDoc(): string {
  const rows = [...VOLCANO_METRICS, ...EXTERNAL_METRICS].map((m) =>
    `| \`${m.name}\` | ${m.type} | ${m.unit} | ${m.source} | ${m.labels.map((l) => `\`${l}\``).join(', ') || '-'} | ${m.requiresOneOfPlugins?.join(' or ') ?? (m.requiresAction ? `action ${m.requiresAction}` : '-')} | ${cell(m.meaning)} |`);
  return (
    HEADER +
    '# Metrics the rules and dashboards use\n\n' +
    'The catalog in `lib/observability/metrics.ts` (Volcano v1.15.1). An expression using anything else, or a metric whose ' +
    'scheduler plugin the environment does not enable, is refused by validation and by the tests.\n\n' +
    '| Metric | Type | Unit | Exported by | Labels | Needs plugin or action | Meaning |\n|---|---|---|---|---|---|---|\n' +
    rows.join('\n') +
    `\n\nNever used because Volcano v1.15.1 never updates them: ${NEVER_EMITTED_METRICS.map((n) => `\`${n}\``).join(', ')}.\n`
  );
}
