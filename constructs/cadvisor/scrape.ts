import { ScrapeJob, ScrapeTopology, serviceAccountAuth, staticJob } from '../../config/scrape';
import { nodeRelabel } from '../kubernetes/scrape';
import { ResolvedSettings } from '../stack/settings';
import { cadvisorSpec } from './spec';

/** Scrape job of container metrics (the kubelet's built-in cAdvisor, or the cAdvisor container on Docker). */
export const CADVISOR_JOB = 'cadvisor';

/** Container metrics: the kubelet's `/metrics/cadvisor` on Kubernetes, the cAdvisor container elsewhere. */
export function cadvisorScrapeJobs(settings: ResolvedSettings, topology: ScrapeTopology): ScrapeJob[] {
  if (topology.kind === 'static') return staticJob(CADVISOR_JOB, topology.targets[cadvisorSpec.name], { namespace: settings.namespace });
  return [
    {
      job_name: CADVISOR_JOB,
      metrics_path: '/metrics/cadvisor',
      ...serviceAccountAuth(settings.prometheus.verifyKubeletTls),
      kubernetes_sd_configs: [{ role: 'node' }],
      relabel_configs: nodeRelabel(),
      // Per-container series of the pause container and cgroup slices are noise.
      metric_relabel_configs: [{ source_labels: ['__name__', 'container'], regex: 'container_.*;POD', action: 'drop' }],
    },
  ];
}
