import { ComponentSpec } from './component';
import { SERVICE_ACCOUNT_DIR } from './kubernetes';

/** One entry of `scrape_configs` in prometheus.yml. */
export type ScrapeJob = Record<string, unknown>;
type Relabel = Record<string, unknown>;

/**
 * How Prometheus finds its targets. `kubernetes` derives everything from the settings
 * (kubernetes_sd, in-cluster DNS); `static` lists host:port targets, used by the Docker target
 * and the loopback end-to-end tests. Job names and labels are the same in both, so alert rules
 * and dashboards do not depend on the target.
 */
export type ScrapeTopology =
  | { readonly kind: 'kubernetes' }
  | {
      readonly kind: 'static';
      /** host:port targets per component name (e.g. `prometheus`, `node-exporter`); a component without targets is not scraped. */
      readonly targets: Readonly<Record<string, readonly string[]>>;
      /** host:port targets per monitored service name. */
      readonly services: Readonly<Record<string, readonly string[]>>;
      /** Directory holding the rule files. @default the Prometheus container's rules directory */
      readonly rulesDir?: string;
      /** Directory holding the scrape-job files (`scrape_config_files`). @default the Prometheus container's scrape directory */
      readonly scrapeDir?: string;
    };

/** Copies namespace and pod name onto the target's labels. */
export function podLabels(): Relabel[] {
  return [
    { source_labels: ['__meta_kubernetes_namespace'], target_label: 'namespace' },
    { source_labels: ['__meta_kubernetes_pod_name'], target_label: 'pod' },
  ];
}

/** HTTPS with the pod's service-account token (kubelet, API server). */
export function serviceAccountAuth(verify: boolean): ScrapeJob {
  return {
    scheme: 'https',
    authorization: { credentials_file: `${SERVICE_ACCOUNT_DIR}/token` },
    tls_config: verify ? { ca_file: `${SERVICE_ACCOUNT_DIR}/ca.crt` } : { insecure_skip_verify: true },
  };
}

/**
 * The job scraping a stack component: on Kubernetes every endpoint of its Service in the stack
 * namespace (by web port name); on a static topology its listed targets, if any.
 */
export function componentJob(spec: ComponentSpec, job: string, namespace: string, topology: ScrapeTopology): ScrapeJob[] {
  if (topology.kind === 'static') return staticJob(job, topology.targets[spec.name], { namespace });
  return [
    {
      job_name: job,
      kubernetes_sd_configs: [{ role: 'endpointslice', namespaces: { names: [namespace] } }],
      relabel_configs: [
        {
          source_labels: ['__meta_kubernetes_service_name', '__meta_kubernetes_endpointslice_port_name'],
          regex: `${spec.name};${spec.web.name}`,
          action: 'keep',
        },
        ...podLabels(),
      ],
    },
  ];
}

/** A job with fixed targets and labels; none when there are no targets. */
export function staticJob(job: string, targets: readonly string[] | undefined, labels: Record<string, string>): ScrapeJob[] {
  return targets && targets.length > 0 ? [{ job_name: job, static_configs: [{ targets: [...targets], labels }] }] : [];
}
