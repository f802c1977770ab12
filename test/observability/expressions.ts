import { parser } from '@prometheus-io/lezer-promql';
import { ResolvedEnvironment } from '../../lib/config';
import { alertRuleGroups, recordingRuleGroups } from '../../lib/observability/rule-groups';
import { allObjects } from '../support/render';

/** A PromQL expression we ship, and where it is. */
export interface ShippedExpression {
  readonly where: string;
  readonly expr: string;
}

/** Every PromQL expression of an environment's rendered rules and dashboard ConfigMaps (as shipped). */
export function shippedExpressions(env: ResolvedEnvironment): ShippedExpression[] {
  const rules = [...recordingRuleGroups(env), ...alertRuleGroups(env)].flatMap((g) =>
    g.rules.map((r) => ({ where: `${g.name}: ${r.record ?? r.alert}${r.labels ? ` ${JSON.stringify(r.labels)}` : ''}`, expr: r.expr })));
  const panels = renderedDashboards(env.name).flatMap((d) =>
    (d.panels as any[]).flatMap((p) => (p.targets ?? []).map((t: any) => ({ where: `${d.uid}: panel ${p.id} "${p.title}"`, expr: t.expr as string }))));
  return [...rules, ...panels];
}

/** The dashboards as parsed back from the rendered ConfigMaps of an environment. */
export function renderedDashboards(environment: string): any[] {
  return allObjects()
    .filter((o) => o.environment === environment && o.object.kind === 'ConfigMap' && o.fileName === '50-monitoring-dashboards.yaml')
    .flatMap((o) => Object.values(o.object.data as Record<string, string>).map((json) => JSON.parse(json)));
}

/** Syntax errors (with position) and the series names an expression selects, from the real PromQL grammar. */
export function parsePromQL(expr: string): { errors: string[]; metricNames: string[] } {
  const errors: string[] = [];
  const metricNames: string[] = [];
  parser.parse(expr).iterate({
    enter: (node) => {
      if (node.type.isError) errors.push(`syntax error at ${node.from}: "${expr.slice(Math.max(0, node.from - 10), node.to + 10)}"`);
      if (node.name === 'Identifier' && node.node.parent?.name === 'VectorSelector') metricNames.push(expr.slice(node.from, node.to));
    },
  });
  return { errors, metricNames };
}
