import { ProvisionedDatasource } from '../../config/dashboards/datasources';
import { RenderedDashboard } from '../../config/dashboards/layout';
import { GrafanaAlertingModel, renderGrafanaAlerting } from './alerting';
import { renderGrafanaDashboardProvider, renderGrafanaDatasources, renderGrafanaIni } from './provisioning';
import { ResolvedSettings } from '../stack/settings';

/**
 * Every file Grafana reads, grouped as the targets mount them: `grafana.ini`, the datasource
 * and dashboard-provider provisioning files, the alerting file (when there are Grafana-managed
 * alerts) and the dashboards of each folder.
 */
export function grafanaFiles(
  settings: Pick<ResolvedSettings, 'grafana'>,
  dashboards: readonly RenderedDashboard[],
  datasources: readonly ProvisionedDatasource[] = [],
  alerting?: GrafanaAlertingModel,
  prometheusUrl?: string,
) {
  const folders = [...new Set(dashboards.map((d) => d.folder))].sort();
  return {
    ini: { 'grafana.ini': renderGrafanaIni(settings.grafana) },
    datasources: { 'datasources.yaml': renderGrafanaDatasources(datasources, prometheusUrl) },
    providers: { 'providers.yaml': renderGrafanaDashboardProvider() },
    alerting: alerting ? { 'alerting.yaml': renderGrafanaAlerting(alerting) } : undefined,
    dashboards: folders.map((folder) => ({
      folder,
      files: Object.fromEntries(dashboards.filter((d) => d.folder === folder).map((d) => [`${d.uid}.json`, d.json])),
    })),
  };
}
