import { stringify } from 'yaml';
import { ScrapeJob, ScrapeTopology } from '../../config/scrape';
import { alertmanagerSpec } from '../alertmanager/spec';
import { ResolvedSettings } from '../stack/settings';
import { prometheusSpec } from './spec';

/** Directory of rule files inside the Prometheus container (both targets). */
export const RULES_DIR = `${prometheusSpec.configDir}/rules`;

/** Renders `prometheus.yml` for the given settings, target topology and the scrape jobs of the stack's components. */
export function renderPrometheusConfig(
  settings: Pick<ResolvedSettings, 'namespace' | 'cluster' | 'environment' | 'prometheus'>,
  topology: ScrapeTopology,
  scrapeJobs: readonly ScrapeJob[],
  options: {
    /** Write the `alerting:` section (an Alertmanager runs beside Prometheus). @default true */ readonly alertmanager?: boolean;
  } = {},
): string {
  const rulesDir = topology.kind === 'static' ? (topology.rulesDir ?? RULES_DIR) : RULES_DIR;
  const alertmanagers =
    topology.kind === 'kubernetes'
      ? [
          {
            kubernetes_sd_configs: [{ role: 'endpointslice', namespaces: { names: [settings.namespace] } }],
            relabel_configs: [
              {
                source_labels: ['__meta_kubernetes_service_name', '__meta_kubernetes_endpointslice_port_name'],
                regex: `${alertmanagerSpec.name};${alertmanagerSpec.web.name}`,
                action: 'keep',
              },
            ],
          },
        ]
      : [{ static_configs: [{ targets: [...(topology.targets[alertmanagerSpec.name] ?? [])] }] }];
  const config = {
    global: {
      scrape_interval: settings.prometheus.scrapeInterval,
      evaluation_interval: settings.prometheus.evaluationInterval,
      external_labels: { cluster: settings.cluster, environment: settings.environment },
    },
    ...(options.alertmanager === false ? {} : { alerting: { alertmanagers } }),
    rule_files: [`${rulesDir}/*.yml`],
    scrape_configs: scrapeJobs,
  };
  return stringify(config, { lineWidth: 0 });
}
