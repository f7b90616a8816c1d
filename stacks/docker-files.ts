import { renderAlertmanagerFiles, renderRuleFiles } from '../constructs/stack/alerting';
import { renderBlackboxConfig } from '../constructs/blackbox-exporter/files';
import { grafanaFiles } from '../constructs/grafana/files';
import { ScrapeTopology } from '../config/scrape';
import { stackPrometheusConfig } from '../constructs/registry';
import { stackDashboards } from '../constructs/stack/dashboards';
import { ruleConfigMaps } from '../constructs/prometheus/rule-shards';
import { ResolvedSettings } from '../constructs/stack/settings';
import { alertmanagerSpec } from '../constructs/alertmanager/spec';
import { blackboxExporterSpec } from '../constructs/blackbox-exporter/spec';
import { grafanaSpec } from '../constructs/grafana/spec';
import { prometheusSpec } from '../constructs/prometheus/spec';

/**
 * The file contents of each ConfigMap the workloads mount, rendered by the same `config/`
 * functions the constructs call. The Docker target uploads them where the pod spec mounts the
 * ConfigMap. Only `prometheus.yml` differs: it is rendered for the Docker topology (static
 * targets on the Docker network instead of Kubernetes discovery).
 */
export function dockerConfigFiles(settings: ResolvedSettings, topology: Extract<ScrapeTopology, { kind: 'static' }>): Record<string, Record<string, string>> {
  const grafana = grafanaFiles(settings, stackDashboards(settings));
  return {
    [`${prometheusSpec.name}-config`]: { 'prometheus.yml': stackPrometheusConfig(settings, topology) },
    ...ruleConfigMaps(renderRuleFiles(settings), 'docker'),
    [`${alertmanagerSpec.name}-config`]: renderAlertmanagerFiles(settings),
    [`${grafanaSpec.name}-config`]: grafana.ini,
    [`${grafanaSpec.name}-datasources`]: grafana.datasources,
    [`${grafanaSpec.name}-dashboard-providers`]: grafana.providers,
    ...Object.fromEntries(grafana.dashboards.map((d) => [`${grafanaSpec.name}-dashboards-${d.folder}`, d.files])),
    [`${blackboxExporterSpec.name}-config`]: { 'blackbox.yml': renderBlackboxConfig() },
  };
}
