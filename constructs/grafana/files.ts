import { ProvisionedDatasource } from '../../config/dashboards/datasources';
import { RenderedDashboard } from '../../config/dashboards/layout';
import { renderGrafanaDashboardProvider, renderGrafanaDatasources, renderGrafanaIni } from './provisioning';
import { ResolvedSettings } from '../stack/settings';

/**
 * Every file Grafana reads, grouped as the targets mount them: `grafana.ini`, the datasource
 * and dashboard-provider provisioning files, and the dashboards of each folder.
 */
export function grafanaFiles(
  settings: Pick<ResolvedSettings, 'grafana'>,
  dashboards: readonly RenderedDashboard[],
  datasources: readonly ProvisionedDatasource[] = [],
) {
  const folders = [...new Set(dashboards.map((d) => d.folder))].sort();
  return {
    ini: { 'grafana.ini': renderGrafanaIni(settings.grafana) },
    datasources: { 'datasources.yaml': renderGrafanaDatasources(datasources) },
    providers: { 'providers.yaml': renderGrafanaDashboardProvider() },
    dashboards: folders.map((folder) => ({
      folder,
      files: Object.fromEntries(dashboards.filter((d) => d.folder === folder).map((d) => [`${d.uid}.json`, d.json])),
    })),
  };
}
