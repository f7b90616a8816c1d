import { API_SERVER_ADDRESS } from '../../config/kubernetes';
import { ScrapeJob, ScrapeTopology, serviceAccountAuth } from '../../config/scrape';
import { ResolvedSettings } from '../stack/settings';

/** Scrape job of the kubelets. */
export const KUBELET_JOB = 'kubelet';
/** Scrape job of the API server. */
export const APISERVER_JOB = 'apiserver';

/** Node name as the `node` and `instance` labels of kubelet targets. */
export function nodeRelabel(): ScrapeJob[] {
  return [
    { source_labels: ['__meta_kubernetes_node_name'], target_label: 'node' },
    { source_labels: ['__meta_kubernetes_node_name'], target_label: 'instance' },
  ];
}

/** The kubelets (through node discovery, no nodes/proxy) and the API server. Kubernetes only. */
export function kubernetesScrapeJobs(settings: ResolvedSettings, topology: ScrapeTopology): ScrapeJob[] {
  if (topology.kind !== 'kubernetes') return [];
  return [
    {
      job_name: KUBELET_JOB,
      ...serviceAccountAuth(settings.prometheus.verifyKubeletTls),
      kubernetes_sd_configs: [{ role: 'node' }],
      relabel_configs: nodeRelabel(),
    },
    { job_name: APISERVER_JOB, ...serviceAccountAuth(true), static_configs: [{ targets: [API_SERVER_ADDRESS] }] },
  ];
}
