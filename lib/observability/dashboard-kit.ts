/** Name of the datasource variable every panel queries through. */
export const DATASOURCE_VARIABLE = 'datasource';
/** Name of the queue variable; queries filter with `=~"$queue"`. */
export const QUEUE_VARIABLE = 'queue';

/** One query of a panel. */
export interface PanelQuery {
  readonly expr: string;
  /** Legend template, e.g. `{{queue_name}}`. */
  readonly legend: string;
}

/** One panel, described independently of the SDK so docs and tests can read it too. */
export interface PanelSpec {
  readonly title: string;
  /** What the panel shows and how to read it. */
  readonly description: string;
  /** Grafana unit id (`ms`, `s`, `short`, `bytes`, `percentunit`, `cpm`, ...). */
  readonly unit: string;
  /** `stat` for single current numbers, `timeseries` otherwise. */
  readonly kind: 'timeseries' | 'stat';
  /** Grid width out of 24. */
  readonly width: number;
  readonly queries: readonly PanelQuery[];
}

/** A titled row of panels. */
export interface RowSpec {
  readonly title: string;
  readonly panels: readonly PanelSpec[];
}

/** A whole dashboard. */
export interface DashboardSpec {
  readonly uid: string;
  readonly title: string;
  /** One paragraph for the generated docs and the dashboard's own description. */
  readonly description: string;
  /** Metric whose `queue_name` label values fill the queue variable. */
  readonly queueVariableMetric: string;
  readonly rows: readonly RowSpec[];
}

/** The query of the queue variable (Grafana's `label_values`, not PromQL). */
export function queueVariableQuery(spec: DashboardSpec): string {
  return `label_values(${spec.queueVariableMetric}, queue_name)`;
}

export const PANEL_HEIGHT = 8;

/**
 * A panel's id, derived from its row and title (FNV-1a, 31 bits) rather than its position: inserting or
 * removing a panel leaves every other panel's id, and Grafana links such as `viewPanel=<id>`, unchanged.
 */
export function stablePanelId(rowTitle: string, panelTitle?: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(panelTitle === undefined ? `row\u0000${rowTitle}` : `${rowTitle}\u0000${panelTitle}`, 'utf8')) {
    hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  }
  return (hash >>> 1) || 1;
}
