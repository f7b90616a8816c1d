import { podLabels, ScrapeJob, ScrapeTopology, staticJob } from '../../config/scrape';
import { logstashExporterSpec, logstashSpec } from './spec';

/** Scrape job of the Logstash exporter sidecars (alerts and dashboards select it by this name). */
export const LOGSTASH_JOB = 'logstash';

/**
 * Every Logstash pod's exporter sidecar, through the Logstash Service's endpoints (its `metrics`
 * port); on a static topology the exporter's listed targets.
 */
export function logstashScrapeJobs(topology: ScrapeTopology, namespace: string): ScrapeJob[] {
  if (topology.kind === 'static') return staticJob(LOGSTASH_JOB, topology.targets[logstashExporterSpec.name], { namespace });
  return [
    {
      job_name: LOGSTASH_JOB,
      kubernetes_sd_configs: [{ role: 'endpointslice', namespaces: { names: [namespace] } }],
      relabel_configs: [
        {
          source_labels: ['__meta_kubernetes_service_name', '__meta_kubernetes_endpointslice_port_name'],
          regex: `${logstashSpec.name};${logstashExporterSpec.web.name}`,
          action: 'keep',
        },
        ...podLabels(),
      ],
    },
  ];
}
