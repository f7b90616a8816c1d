import { podLabels, ScrapeJob, ScrapeTopology } from '../../config/scrape';
import { ResolvedSettings } from '../stack/settings';
import { ResolvedService } from './settings';
import { FAST_DETECTION } from './context';

/**
 * The jobs written one per file (`scrape_config_files`) instead of into prometheus.yml: one per
 * monitored service, since their number grows with the user's input (see prometheus/files.ts).
 */
export function serviceJobNames(settings: Pick<ResolvedSettings, 'services'>): string[] {
  return settings.services.map((service) => service.name);
}

/** Scrape job of pods that opt in with the `prometheus.io/scrape` annotation. */
export const ANNOTATED_PODS_JOB = 'kubernetes-pods';

function scrapeOptions(settings: ResolvedSettings, service: ResolvedService): ScrapeJob {
  const interval = service.alerting?.fastDetection ? FAST_DETECTION.scrapeInterval : service.interval;
  return {
    ...(interval && interval !== settings.prometheus.scrapeInterval ? { scrape_interval: interval } : {}),
    metrics_path: service.path,
    scheme: service.scheme,
  };
}

/** Pods that opt in with `prometheus.io/scrape: "true"`; path, port and scheme annotations override. */
function annotatedPodsJob(settings: ResolvedSettings): ScrapeJob {
  const namespaces = settings.discovery.scope === 'namespaces' ? { namespaces: { names: [...settings.discovery.namespaces] } } : {};
  return {
    job_name: ANNOTATED_PODS_JOB,
    kubernetes_sd_configs: [{ role: 'pod', ...namespaces }],
    relabel_configs: [
      { source_labels: ['__meta_kubernetes_pod_annotation_prometheus_io_scrape'], regex: 'true', action: 'keep' },
      { source_labels: ['__meta_kubernetes_pod_phase'], regex: 'Pending|Succeeded|Failed', action: 'drop' },
      { source_labels: ['__meta_kubernetes_pod_annotation_prometheus_io_scheme'], regex: '(https?)', target_label: '__scheme__' },
      { source_labels: ['__meta_kubernetes_pod_annotation_prometheus_io_path'], regex: '(.+)', target_label: '__metrics_path__' },
      {
        source_labels: ['__address__', '__meta_kubernetes_pod_annotation_prometheus_io_port'],
        regex: '([^:]+)(?::\\d+)?;(\\d+)',
        replacement: '$1:$2',
        target_label: '__address__',
      },
      { regex: '__meta_kubernetes_pod_label_(.+)', action: 'labelmap' },
      ...podLabels(),
    ],
  };
}

/**
 * One job per monitored service, named after it and labelled `service`, `namespace` and `team`:
 * on Kubernetes the Service's endpoints on its port (EndpointSlice discovery), plus annotated
 * pods; on a static topology the listed host:port targets.
 */
export function servicesScrapeJobs(settings: ResolvedSettings, topology: ScrapeTopology): ScrapeJob[] {
  if (topology.kind === 'static') {
    return settings.services.map((service) => ({
      job_name: service.name,
      ...scrapeOptions(settings, service),
      static_configs: [
        {
          targets: [...(topology.services[service.name] ?? [])],
          labels: { namespace: service.namespace, service: service.name, ...(service.team ? { team: service.team } : {}) },
        },
      ],
    }));
  }
  return [
    annotatedPodsJob(settings),
    ...settings.services.map((service) => ({
      job_name: service.name,
      ...scrapeOptions(settings, service),
      kubernetes_sd_configs: [{ role: 'endpointslice', namespaces: { names: [service.namespace] } }],
      relabel_configs: [
        {
          source_labels: ['__meta_kubernetes_service_name', '__meta_kubernetes_endpointslice_port'],
          regex: `${service.name};${service.port}`,
          action: 'keep',
        },
        ...podLabels(),
        { target_label: 'service', replacement: service.name },
        ...(service.team ? [{ target_label: 'team', replacement: service.team }] : []),
      ],
    })),
  ];
}
