import { POLICIES } from '../admission/policies';
import { PolicyName } from '../admission/policies/names';
import { alertDefinitions } from '../observability/alert-rules';
import { schedulerConfiguration } from '../volcano/scheduler-derive';
import { code, table } from './markdown';
import { OverviewSection } from './overview';

/**
 * Overview sections for the concerns built beside the review pages: the scheduler configuration, the
 * alerts and the admission policies. Each reads the same resolved settings its manifests are built from.
 */

/** Scheduler actions in order, then every plugin by tier with its switches and arguments. */
export const schedulerSection: OverviewSection = (env) => {
  const configuration = schedulerConfiguration(env);
  const rows = configuration.tiers.flatMap((tier, index) =>
    tier.plugins.map((plugin, position) => {
      const { name, arguments: args, ...switches } = plugin;
      const pairs = (map: Readonly<Record<string, unknown>> | undefined) =>
        Object.keys(map ?? {}).sort().map((key) => code(`${key}: ${String(map![key])}`)).join(', ');
      return [position === 0 ? String(index + 1) : '', code(name), pairs(switches), pairs(args)];
    }),
  );
  return [
    '## Scheduler',
    '',
    `Actions, run in this order every scheduling cycle: ${configuration.actions.map(code).join(' → ')}.`,
    '',
    table(['Tier', 'Plugin', 'Switches', 'Arguments'], rows),
  ].join('\n');
};

/** Every alert with its condition (the thresholds are in it), duration and severity. */
export const alertsSection: OverviewSection = (env) => {
  const alerts = alertDefinitions(env);
  if (alerts.length === 0) return '';
  const rows = alerts.map((a) => [
    `[${code(a.name)}](../observability/runbooks/${env.name}/${a.name}.md)`,
    a.severity,
    code(a.expr.replace(/\s+/g, ' ').trim()),
    code(a.for),
  ]);
  return ['## Alerts', '', 'Thresholds are part of each condition; the name links to its runbook.', '', table(['Alert', 'Severity', 'Condition', 'For'], rows)].join('\n');
};

/** Every admission policy and how this environment enforces it. */
export const admissionSection: OverviewSection = (env) => {
  const names = Object.keys(POLICIES) as PolicyName[];
  const rows = names.map((name) => {
    const policy = POLICIES[name](env);
    const enforcement = env.admission.enforcement[name];
    return [
      `[${code(name)}](../admission/${name}.md)`,
      enforcement === 'off' ? 'off' : enforcement.join(' + '),
      policy.scope === 'tenant-namespaces' ? 'tenant namespaces' : 'cluster',
      policy.summary,
    ];
  });
  return ['## Admission policies', '', table(['Policy', 'Enforcement', 'Applies to', 'What it enforces'], rows)].join('\n');
};
