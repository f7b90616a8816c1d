import { toYaml } from '../../config/yaml';
import { fail } from '../../config/errors';
import { ScrapeJob, ScrapeTopology } from '../../config/scrape';
import { alertmanagerSpec } from '../alertmanager/spec';
import { ResolvedSettings } from '../stack/settings';
import { renderRemoteWrite } from './remote-write';
import { prometheusSpec } from './spec';

/** Directory of rule files inside the Prometheus container (both targets). */
export const RULES_DIR = `${prometheusSpec.configDir}/rules`;
/** Directory of scrape-job files (`scrape_config_files`) inside the Prometheus container (both targets). */
export const SCRAPE_DIR = `${prometheusSpec.configDir}/scrape`;

/*
 * Scale: the jobs of the monitored services grow with the user's input (about 690 bytes each),
 * so they are not written into prometheus.yml. Each is a file `<job>.yml` of its own, read
 * through Prometheus 3's `scrape_config_files` glob; the ConfigMaps holding these files are
 * sharded like the rule files (rule-shards.ts), so 1000 services stay far inside the 256 KiB a
 * ConfigMap may hold for `kubectl apply`. We chose this over one discovery job serving every
 * service through relabelling: each service keeps its own job, so its `job` label, scrape
 * interval, timeout, path and scheme, its `up` series and its scrape-pool metrics stay what they
 * were, and no alert rule, dashboard or operator-mode monitor changes. Prometheus shares
 * identical discovery configs between jobs, so 1000 jobs in 20 namespaces still open one watch
 * per namespace. The stack's own jobs, bounded in number, stay in prometheus.yml.
 */

/** A job name that is also a safe file name and ConfigMap key. */
const FILE_JOB_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

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
    /** Jobs kept out of `scrape_configs`, one file each (renderScrapeFiles). @default none */ readonly fileJobs?: readonly string[];
  } = {},
): string {
  const rulesDir = topology.kind === 'static' ? (topology.rulesDir ?? RULES_DIR) : RULES_DIR;
  const scrapeDir = topology.kind === 'static' ? (topology.scrapeDir ?? SCRAPE_DIR) : SCRAPE_DIR;
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
  const fileJobs = new Set(options.fileJobs ?? []);
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
    ...(scrapeJobs.some((job) => fileJobs.has(job.job_name as string)) ? { scrape_config_files: [`${scrapeDir}/*.yml`] } : {}),
    scrape_configs: scrapeJobs.filter((job) => !fileJobs.has(job.job_name as string)),
    ...(settings.prometheus.remoteWrite.length ? { remote_write: renderRemoteWrite(settings.prometheus.remoteWrite) } : {}),
  };
  return toYaml(config);
}

/** The scrape-job files: `<job>.yml` holding `scrape_configs: [job]` for each job named in `fileJobs`, in job order. */
export function renderScrapeFiles(scrapeJobs: readonly ScrapeJob[], fileJobs: readonly string[], where: string): Record<string, string> {
  const names = new Set(fileJobs);
  const files: Record<string, string> = {};
  for (const job of scrapeJobs.filter((j) => names.has(j.job_name as string))) {
    const name = job.job_name as string;
    if (!FILE_JOB_NAME.test(name))
      fail(where, 'props.scrapeFileJobs', name, 'job names of lowercase letters, digits, "-" and "." (each names its file)');
    files[`${name}.yml`] = toYaml({ scrape_configs: [job] });
  }
  return files;
}
