import { ScrapeJob, ScrapeTopology, staticJob } from '../../config/scrape';
import { ResolvedSettings } from '../stack/settings';
import { nodeExporterSpec } from './spec';

/** Scrape job of node-exporter. */
export const NODE_EXPORTER_JOB = 'node-exporter';

/** node-exporter runs on the host network: on Kubernetes the node's InternalIP is its address. */
export function nodeExporterScrapeJobs(settings: ResolvedSettings, topology: ScrapeTopology): ScrapeJob[] {
  if (topology.kind === 'static')
    return staticJob(NODE_EXPORTER_JOB, topology.targets[nodeExporterSpec.name], { namespace: settings.namespace });
  return [
    {
      job_name: NODE_EXPORTER_JOB,
      kubernetes_sd_configs: [{ role: 'node' }],
      relabel_configs: [
        {
          source_labels: ['__meta_kubernetes_node_address_InternalIP'],
          target_label: '__address__',
          replacement: `$1:${nodeExporterSpec.web.port}`,
        },
        { source_labels: ['__meta_kubernetes_node_name'], target_label: 'node' },
        { source_labels: ['__meta_kubernetes_node_name'], target_label: 'instance' },
      ],
    },
  ];
}
