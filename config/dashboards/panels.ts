import * as bargauge from '@grafana/grafana-foundation-sdk/bargauge';
import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as gauge from '@grafana/grafana-foundation-sdk/gauge';
import * as piechart from '@grafana/grafana-foundation-sdk/piechart';
import * as prometheus from '@grafana/grafana-foundation-sdk/prometheus';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as statetimeline from '@grafana/grafana-foundation-sdk/statetimeline';
import * as table from '@grafana/grafana-foundation-sdk/table';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import { DATASOURCE_UIDS } from './datasources';

/** The provisioned Prometheus datasource, referenced by UID. */
export const PROMETHEUS: common.DataSourceRef = { type: 'prometheus', uid: DATASOURCE_UIDS.prometheus };

/** One PromQL query of a panel. */
export interface PanelQuery {
  /** PromQL; Grafana variables (`$service`, `$__rate_interval`) allowed. */
  readonly expr: string;
  /** Legend template, e.g. `{{instance}}`. @default Grafana's (the series labels) */
  readonly legend?: string;
  /** Evaluate once at the end of the range (stat, gauge, table panels). @default range query */
  readonly instant?: boolean;
  /** Return a table frame (one row per series). @default time series */
  readonly table?: boolean;
}

/** A threshold step: from `value` upwards the colour applies; the first step has value null (base). */
export type Step = readonly [value: number | null, color: string];

/** What every panel helper accepts. */
export interface PanelSpec {
  /** Panel title. */
  readonly title: string;
  /** Hover help: what the panel shows and what a bad value means. */
  readonly description: string;
  /** Queries, given refIds A, B, C... in order. */
  readonly queries: readonly PanelQuery[];
  /** Grafana unit id (`percentunit`, `reqps`, `s`, `bytes`...). @default `short` */
  readonly unit?: string;
  /** Threshold steps. @default green base only */
  readonly thresholds?: readonly Step[];
  /** Axis/scale minimum. @default auto */
  readonly min?: number;
  /** Axis/scale maximum. @default auto */
  readonly max?: number;
  /** Grid width in columns (1-24). @default 12 for graphs, 6 for single values */
  readonly width?: number;
  /** Grid height in rows. @default 8 for graphs, 5 for single values */
  readonly height?: number;
}

/** A panel builder with the grid size the layout gives it. */
export interface SizedPanel {
  readonly panel: cog.Builder<dashboard.Panel>;
  readonly width: number;
  readonly height: number;
}

/** Threshold presets. */
export const THRESHOLDS = {
  /** Ratio of something bad (errors, usage): amber from `warn`, red from `critical`. */
  badAbove: (warn: number, critical: number): Step[] => [
    [null, 'green'],
    [warn, 'orange'],
    [critical, 'red'],
  ],
  /** Ratio of something good (budget left, availability): red below `critical`, amber below `warn`. */
  goodAbove: (critical: number, warn: number): Step[] => [
    [null, 'red'],
    [critical, 'orange'],
    [warn, 'green'],
  ],
  /** Any value is fine. */
  neutral: (): Step[] => [[null, 'green']],
};

/** Builds a Prometheus query against the provisioned datasource. */
export function promQuery(query: PanelQuery, index: number): prometheus.DataqueryBuilder {
  const builder = new prometheus.DataqueryBuilder()
    .refId(String.fromCharCode(65 + index))
    .datasource(PROMETHEUS)
    .expr(query.expr);
  if (query.legend !== undefined) builder.legendFormat(query.legend);
  if (query.instant) builder.instant();
  else builder.range();
  if (query.table) builder.format(prometheus.PromQueryFormat.Table);
  return builder;
}

/** The setters every SDK panel builder shares. */
interface CommonPanelBuilder<T> extends cog.Builder<dashboard.Panel> {
  title(title: string): T;
  description(description: string): T;
  datasource(datasource: common.DataSourceRef): T;
  withTarget(target: cog.Builder<cog.Dataquery>): T;
  unit(unit: string): T;
  thresholds(thresholds: cog.Builder<dashboard.ThresholdsConfig>): T;
  min(min: number): T;
  max(max: number): T;
}

function common_<T extends CommonPanelBuilder<T>>(builder: T, spec: PanelSpec): T {
  builder
    .title(spec.title)
    .description(spec.description)
    .datasource(PROMETHEUS)
    .unit(spec.unit ?? 'short');
  spec.queries.forEach((query, i) => builder.withTarget(promQuery(query, i)));
  const steps = (spec.thresholds ?? THRESHOLDS.neutral()).map(([value, color]) => ({ value, color }));
  builder.thresholds(new dashboard.ThresholdsConfigBuilder().mode(dashboard.ThresholdsMode.Absolute).steps(steps));
  if (spec.min !== undefined) builder.min(spec.min);
  if (spec.max !== undefined) builder.max(spec.max);
  return builder;
}

const sized = (panel: cog.Builder<dashboard.Panel>, spec: PanelSpec, width: number, height: number): SizedPanel => ({
  panel,
  width: spec.width ?? width,
  height: spec.height ?? height,
});

function legend(asTable: boolean): common.VizLegendOptionsBuilder {
  return new common.VizLegendOptionsBuilder()
    .showLegend(true)
    .displayMode(asTable ? common.LegendDisplayMode.Table : common.LegendDisplayMode.List)
    .placement(asTable ? common.LegendPlacement.Right : common.LegendPlacement.Bottom)
    .calcs(asTable ? ['mean', 'max', 'lastNotNull'] : []);
}

const lastValue = () => new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false);

/** A time series graph. `stack` stacks the series; `legendTable` shows mean/max/last per series. */
export function timeseriesPanel(spec: PanelSpec & { readonly stack?: boolean; readonly legendTable?: boolean }): SizedPanel {
  const builder = common_(new timeseries.PanelBuilder(), spec)
    .legend(legend(spec.legendTable ?? false))
    .tooltip(new common.VizTooltipOptionsBuilder().mode(common.TooltipDisplayMode.Multi).sort(common.SortOrder.Descending))
    .lineWidth(1)
    .fillOpacity(spec.stack ? 30 : 10)
    .showPoints(common.VisibilityMode.Never)
    .thresholdsStyle(
      new common.GraphThresholdsStyleConfigBuilder().mode(
        spec.thresholds ? common.GraphThresholdsStyleMode.Dashed : common.GraphThresholdsStyleMode.Off,
      ),
    );
  if (spec.stack) builder.stacking(new common.StackingConfigBuilder().mode(common.StackingMode.Normal));
  return sized(builder, spec, 12, 8);
}

/** A single big number (last value), coloured by thresholds, with a sparkline. */
export function statPanel(spec: PanelSpec): SizedPanel {
  const builder = common_(new stat.PanelBuilder(), spec)
    .reduceOptions(lastValue())
    .graphMode(common.BigValueGraphMode.Area)
    .colorMode(common.BigValueColorMode.Value)
    .textMode(common.BigValueTextMode.Auto);
  return sized(builder, spec, 6, 5);
}

/** A gauge of the last value between min and max, coloured by thresholds. */
export function gaugePanel(spec: PanelSpec): SizedPanel {
  const builder = common_(new gauge.PanelBuilder(), spec).reduceOptions(lastValue()).showThresholdMarkers(true);
  return sized(builder, spec, 6, 5);
}

/** Horizontal bars, one per series (last value): rankings such as "top firing alerts". */
export function barGaugePanel(spec: PanelSpec): SizedPanel {
  const builder = common_(new bargauge.PanelBuilder(), spec)
    .reduceOptions(lastValue())
    .orientation(common.VizOrientation.Horizontal)
    .displayMode(common.BarGaugeDisplayMode.Gradient);
  return sized(builder, spec, 12, 8);
}

/** A donut of the last value per series: shares such as the status-code distribution. */
export function pieChartPanel(spec: PanelSpec): SizedPanel {
  const builder = common_(new piechart.PanelBuilder(), spec)
    .reduceOptions(lastValue())
    .pieType(piechart.PieChartType.Donut)
    .legend(
      new piechart.PieChartLegendOptionsBuilder()
        .showLegend(true)
        .displayMode(common.LegendDisplayMode.Table)
        .placement(common.LegendPlacement.Right)
        .values([piechart.PieChartLegendValues.Percent]),
    );
  return sized(builder, spec, 12, 8);
}

/** A table of instant values, one row per series. */
export function tablePanel(spec: PanelSpec): SizedPanel {
  const builder = common_(new table.PanelBuilder(), spec).showHeader(true);
  return sized(builder, spec, 24, 8);
}

/** Coloured bands over time per series (state changes such as alerts firing). */
export function stateTimelinePanel(spec: PanelSpec): SizedPanel {
  const builder = common_(new statetimeline.PanelBuilder(), spec)
    .showValue(common.VisibilityMode.Never)
    .mergeValues(true)
    .legend(legend(false));
  return sized(builder, spec, 24, 8);
}
