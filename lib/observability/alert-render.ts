import type { AlertDefinition } from './alert-rules';
import { ResolvedObservability, dashboardUrl, runbookUrl } from './settings';

/** A label's value in an alert annotation template. */
export const label = (name: string) => `{{ $labels.${name} }}`;

/** A rendered alerting rule: exactly what goes into the PrometheusRule. */
export interface AlertRule {
  /** Alert name. */
  readonly alert: string;
  /** PromQL condition. */
  readonly expr: string;
  /** How long the condition must hold. */
  readonly for: string;
  /** `severity` and static labels. */
  readonly labels: Record<string, string>;
  /** `summary`, `description`, `runbook_url`, `dashboard_url`. */
  readonly annotations: Record<string, string>;
}

/** The rule as rendered: labels with severity, annotations with runbook and dashboard links. */
export function renderAlert(definition: AlertDefinition, settings: ResolvedObservability, environment: string): AlertRule {
  const dashboard = dashboardUrl(settings, definition.dashboard.uid);
  return {
    alert: definition.name,
    expr: definition.expr,
    for: definition.for,
    labels: { severity: definition.severity, ...(definition.extraLabels ?? {}) },
    annotations: {
      summary: definition.summary,
      description: definition.description,
      runbook_url: runbookUrl(settings, environment, definition.name),
      dashboard_url: definition.dashboard.byQueue ? `${dashboard}?var-queue=${label('queue')}` : dashboard,
    },
  };
}

