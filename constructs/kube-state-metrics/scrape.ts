import { ScrapeJob, ScrapeTopology } from '../../config/scrape';
import { ResolvedSettings } from '../stack/settings';
import { kubeStateMetricsSpec } from './spec';

/** Scrape job of kube-state-metrics. */
export const KUBE_STATE_METRICS_JOB = 'kube-state-metrics';

/**
 * Through the Service: every replica serves the same objects, so one target avoids duplicates.
 * honor_labels keeps the exported objects' own namespace/pod labels. Kubernetes only.
 */
export function kubeStateMetricsScrapeJobs(settings: ResolvedSettings, topology: ScrapeTopology): ScrapeJob[] {
  if (topology.kind !== 'kubernetes') return [];
  return [
    {
      job_name: KUBE_STATE_METRICS_JOB,
      honor_labels: true,
      static_configs: [{ targets: [`${kubeStateMetricsSpec.name}.${settings.namespace}.svc:${kubeStateMetricsSpec.web.port}`] }],
    },
  ];
}
