import { renderAlertmanagerFiles, renderRuleFiles } from '../constructs/stack/alerting';
import { renderBlackboxConfig } from '../constructs/blackbox-exporter/files';
import { CATALOG } from '../config/catalog';
import { grafanaFiles } from '../constructs/grafana/files';
import { renderPrometheusConfig, ScrapeTopology } from '../constructs/prometheus/files';
import { ruleConfigMaps } from '../constructs/prometheus/rule-shards';
import { ResolvedSettings } from '../constructs/stack/settings';

/**
 * The file contents of each ConfigMap the workloads mount, rendered by the same `config/`
 * functions the constructs call. The Docker target uploads them where the pod spec mounts the
 * ConfigMap. Only `prometheus.yml` differs: it is rendered for the Docker topology (static
 * targets on the Docker network instead of Kubernetes discovery).
 */
export function dockerConfigFiles(settings: ResolvedSettings, topology: Extract<ScrapeTopology, { kind: 'static' }>): Record<string, Record<string, string>> {
  const grafana = grafanaFiles(settings);
  return {
    [`${CATALOG.prometheus.name}-config`]: { 'prometheus.yml': renderPrometheusConfig(settings, topology) },
    ...ruleConfigMaps(renderRuleFiles(settings), 'docker'),
    [`${CATALOG.alertmanager.name}-config`]: renderAlertmanagerFiles(settings),
    [`${CATALOG.grafana.name}-config`]: grafana.ini,
    [`${CATALOG.grafana.name}-datasources`]: grafana.datasources,
    [`${CATALOG.grafana.name}-dashboard-providers`]: grafana.providers,
    ...Object.fromEntries(grafana.dashboards.map((d) => [`${CATALOG.grafana.name}-dashboards-${d.folder}`, d.files])),
    [`${CATALOG.blackboxExporter.name}-config`]: { 'blackbox.yml': renderBlackboxConfig() },
  };
}
