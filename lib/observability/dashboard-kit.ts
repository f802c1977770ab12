import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';

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

const PANEL_HEIGHT = 8;

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

/** Builds the dashboard JSON with the Grafana foundation SDK; ids are {@link stablePanelId}s, refused if two collide. */
export function buildDashboard(spec: DashboardSpec): dashboard.Dashboard {
  const datasource = { type: 'prometheus', uid: `\${${DATASOURCE_VARIABLE}}` };
  const builder = new dashboard.DashboardBuilder(spec.title)
    .uid(spec.uid)
    .description(spec.description)
    .tags(['volcano', 'volcano-platform'])
    .editable()
    .time({ from: 'now-6h', to: 'now' })
    .refresh('1m')
    .timezone('browser')
    .withVariable(new dashboard.DatasourceVariableBuilder(DATASOURCE_VARIABLE).label('Data source').type('prometheus'))
    .withVariable(
      new dashboard.QueryVariableBuilder(QUEUE_VARIABLE)
        .label('Queue')
        .datasource(datasource)
        .query(queueVariableQuery(spec))
        .refresh(dashboard.VariableRefresh.OnTimeRangeChanged)
        .sort(dashboard.VariableSort.AlphabeticalAsc)
        .multi(true)
        .includeAll(true)
        .allValue('.*'),
    );
  const used = new Map<number, string>();
  const claim = (id: number, what: string): number => {
    const other = used.get(id);
    if (other !== undefined) throw new Error(`dashboard ${spec.uid}: ${what} and ${other} get the same panel id ${id}; rename one`);
    used.set(id, what);
    return id;
  };
  for (const row of spec.rows) {
    builder.withRow(new dashboard.RowBuilder(row.title).id(claim(stablePanelId(row.title), `row "${row.title}"`)));
    for (const panel of row.panels) {
      builder.withPanel(panelBuilder(panel, claim(stablePanelId(row.title, panel.title), `panel "${row.title}/${panel.title}"`), datasource));
    }
  }
  return builder.build();
}

function panelBuilder(panel: PanelSpec, id: number, datasource: { type: string; uid: string }) {
  const targets = panel.queries.map((query, index) =>
    new prometheus.DataqueryBuilder()
      .expr(query.expr)
      .legendFormat(query.legend)
      .refId(String.fromCharCode(65 + index))
      .datasource(datasource),
  );
  const withCommon = <T extends timeseries.PanelBuilder | stat.PanelBuilder>(b: T): T =>
    b.id(id).title(panel.title).description(panel.description).unit(panel.unit).datasource(datasource).height(PANEL_HEIGHT).span(panel.width).targets(targets) as T;
  if (panel.kind === 'stat') return withCommon(new stat.PanelBuilder());
  // Most panels draw one series per queue (or several per queue): the legend says which is which.
  const legend = new common.VizLegendOptionsBuilder().showLegend(true).displayMode(common.LegendDisplayMode.List).placement(common.LegendPlacement.Bottom);
  return withCommon(new timeseries.PanelBuilder()).legend(legend);
}
