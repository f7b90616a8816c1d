import { stringify } from 'yaml';
import { ScrapeJob, ScrapeTopology } from '../../config/scrape';
import { alertmanagerSpec } from '../alertmanager/spec';
import { ResolvedSettings } from '../stack/settings';
import { renderRemoteWrite } from './remote-write';
import { prometheusSpec } from './spec';

/** Directory of rule files inside the Prometheus container (both targets). */
export const RULES_DIR = `${prometheusSpec.configDir}/rules`;

/**
 * The external label naming the HA replica: Thanos Query deduplicates along it
 * (`--query.replica-label`), and it is dropped from alerts so both replicas send the same ones.
 */
export const REPLICA_LABEL = 'replica';

/**
 * Environment variable holding the pod name, the replica label's value. Prometheus 3 expands
 * `${VAR}` in external label values by default (the 2.x `expand-external-labels` feature became
 * the default); an unset variable expands to "" and the label is then left out.
 */
export const POD_NAME_ENV = 'POD_NAME';

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
      external_labels: { cluster: settings.cluster, environment: settings.environment, [REPLICA_LABEL]: `\${${POD_NAME_ENV}}` },
    },
    ...(options.alertmanager === false
      ? {}
      : // Without the replica label, both replicas' alerts are identical: Alertmanager deduplicates them.
        { alerting: { alert_relabel_configs: [{ action: 'labeldrop', regex: REPLICA_LABEL }], alertmanagers } }),
    rule_files: [`${rulesDir}/*.yml`],
    scrape_configs: scrapeJobs,
    ...(settings.prometheus.remoteWrite.length ? { remote_write: renderRemoteWrite(settings.prometheus.remoteWrite) } : {}),
  };
  return stringify(config, { lineWidth: 0 });
}
