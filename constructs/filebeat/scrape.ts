import { podLabels, ScrapeJob, ScrapeTopology, staticJob } from '../../config/scrape';
import { ResolvedSettings } from '../stack/settings';
import { filebeatExporterSpec, filebeatSpec } from './spec';

/** Scrape job of the Filebeat exporters (alerts select it by this name). */
export const FILEBEAT_JOB = 'filebeat';

/**
 * Every Filebeat pod's exporter port, through the endpoints of its headless Service in
 * Filebeat's namespace (not-ready pods included, so a stuck one shows as down); `node` and
 * `instance` are the node's name, so an alert says which node lost its shipper. On a static
 * topology: the exporter's listed target.
 */
export function filebeatScrapeJobs(settings: ResolvedSettings, topology: ScrapeTopology): ScrapeJob[] {
  const fb = settings.filebeat;
  if (!fb) return [];
  if (topology.kind === 'static') return staticJob(FILEBEAT_JOB, topology.targets[filebeatExporterSpec.name], { namespace: fb.namespace });
  return [
    {
      job_name: FILEBEAT_JOB,
      kubernetes_sd_configs: [{ role: 'endpointslice', namespaces: { names: [fb.namespace] } }],
      relabel_configs: [
        {
          source_labels: ['__meta_kubernetes_service_name', '__meta_kubernetes_endpointslice_port_name'],
          regex: `${filebeatSpec.name};${filebeatExporterSpec.web.name}`,
          action: 'keep',
        },
        ...podLabels(),
        { source_labels: ['__meta_kubernetes_pod_node_name'], target_label: 'node' },
        { source_labels: ['__meta_kubernetes_pod_node_name'], target_label: 'instance' },
      ],
    },
  ];
}
