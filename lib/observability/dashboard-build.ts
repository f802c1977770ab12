import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import { DATASOURCE_VARIABLE, DashboardSpec, PANEL_HEIGHT, PanelSpec, QUEUE_VARIABLE, queueVariableQuery, stablePanelId } from './dashboard-kit';

// The Grafana foundation SDK (some 200 modules) is loaded only by what renders dashboards: validating an
// environment reads the specs in dashboard-kit.ts and dashboard-specs.ts alone.

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
