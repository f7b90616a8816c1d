import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { fail } from '../../config/errors';
import { ShippedDashboardEntry } from '../component';
import { enabledComponents, SHIPPED_DASHBOARDS, stackDatasourceUids } from '../registry';
import { ResolvedSettings } from './settings';
import { FolderedDashboard, RenderedDashboard } from '../../config/dashboards/layout';
import { ShippedDashboard, UserDashboard } from '../../config/dashboards/settings';
import { allPanels, dashboardWhere, validateDashboard } from '../../config/dashboards/validate';

/** The shipped dashboards of the enabled components, by `dashboards.shipped` key. */
function shippedEntries(settings: ResolvedSettings): Partial<Record<ShippedDashboard, ShippedDashboardEntry>> {
  return Object.assign({}, ...enabledComponents(settings).map((c) => c.dashboards ?? {}));
}

const isBuilder = (value: UserDashboard['dashboard']): value is cog.Builder<dashboard.Dashboard> =>
  typeof (value as { build?: unknown }).build === 'function';

/** Builds a user dashboard; panels without an id get the next free one. */
function userDashboard(entry: UserDashboard, index: number): FolderedDashboard {
  if (!entry || typeof entry !== 'object' || !entry.dashboard || typeof entry.dashboard !== 'object') {
    fail(
      'dashboards',
      `custom[${index}].dashboard`,
      entry?.dashboard,
      'a DashboardBuilder from @grafana/grafana-foundation-sdk/dashboard or the dashboard model it builds',
    );
  }
  const model: dashboard.Dashboard = JSON.parse(JSON.stringify(isBuilder(entry.dashboard) ? entry.dashboard.build() : entry.dashboard));
  const panels = allPanels(model);
  let next = Math.max(0, ...panels.map((p) => p.id ?? 0)) + 1;
  for (const panel of panels) if (panel.id === undefined) panel.id = next++;
  return { folder: entry.folder ?? 'custom', model };
}

/** The enabled shipped dashboards followed by the user's own, validated. */
export function buildDashboards(settings: ResolvedSettings): FolderedDashboard[] {
  const shipped = settings.dashboards.shipped ?? {};
  const entries = shippedEntries(settings);
  const built = [
    ...SHIPPED_DASHBOARDS.flatMap((name) => {
      const entry = entries[name];
      return entry && (shipped[name] ?? entry.byDefault(settings)) ? [entry.build(settings)] : [];
    }),
    ...(settings.dashboards.custom ?? []).map(userDashboard),
  ];
  const seen = new Map<string, string>();
  const datasources = stackDatasourceUids(settings);
  for (const { folder, model } of built) {
    validateDashboard(folder, model, datasources);
    const other = seen.get(model.uid!.toLowerCase());
    if (other !== undefined)
      fail(
        dashboardWhere(model),
        'uid',
        model.uid,
        `a UID not already used by dashboard "${other}" (UIDs are unique per Grafana instance, compared case-insensitively)`,
      );
    seen.set(model.uid!.toLowerCase(), model.title ?? '');
  }
  return built;
}

/** Every dashboard the stack ships for these settings, plus the user's own, as JSON files. */
export function stackDashboards(settings: ResolvedSettings): RenderedDashboard[] {
  return buildDashboards(settings).map(({ folder, model }) => ({ folder, uid: model.uid!, json: `${JSON.stringify(model, null, 2)}\n` }));
}

export { composeDashboard } from '../../config/dashboards/layout';
export type { DashboardMeta, FolderedDashboard, Section } from '../../config/dashboards/layout';
export {
  barGaugePanel,
  gaugePanel,
  pieChartPanel,
  PROMETHEUS,
  statPanel,
  stateTimelinePanel,
  tablePanel,
  THRESHOLDS,
  timeseriesPanel,
} from '../../config/dashboards/panels';
export type { PanelQuery, PanelSpec, SizedPanel } from '../../config/dashboards/panels';
export { metricNamesIn, panelQueryError, substituteVariables, variablesIn } from '../../config/dashboards/promql-variables';
export { SHIPPED_DASHBOARDS } from '../registry';
export type { DashboardSettings, ShippedDashboard, UserDashboard } from '../../config/dashboards/settings';
export { instanceVariable, labelVariable, namespaceVariable, serviceVariable } from '../../config/dashboards/variables';
