import { parseHostPort } from '../../config/names';
import { podLabels, ScrapeJob, ScrapeTopology } from '../../config/scrape';
import { ResolvedJaeger } from './settings';
import { JAEGER_PORTS as P, jaegerCollectorSpec, jaegerQuerySpec, jaegerSpec } from './spec';

/** Scrape job of the Jaeger processes' own telemetry (`otelcol_*`, `jaeger_*`); the alerts select it. */
export const JAEGER_JOB = 'jaeger';
/** Scrape job of the span metrics (`traces_span_metrics_*`); the RED recordings of span-metrics services select it. */
export const SPAN_METRICS_JOB = 'jaeger-spanmetrics';

/** The Jaeger workloads and which of them expose span metrics. */
function workloads(jaeger: Pick<ResolvedJaeger, 'shape'>) {
  return jaeger.shape === 'single'
    ? { all: [jaegerSpec], writers: [jaegerSpec] }
    : { all: [jaegerCollectorSpec, jaegerQuerySpec], writers: [jaegerCollectorSpec] };
}

/** One job over the endpoints of the named Services' port (Kubernetes), or the listed hosts on that port (static). */
function portJob(
  job: string,
  names: readonly string[],
  port: { name: string; port: number },
  namespace: string,
  topology: ScrapeTopology,
): ScrapeJob[] {
  if (topology.kind === 'static') {
    const configs = names
      .filter((name) => (topology.targets[name] ?? []).length > 0)
      .map((name) => ({
        targets: topology.targets[name].map((t) => `${parseHostPort(t)?.host ?? t}:${port.port}`),
        labels: { namespace, component: name },
      }));
    return configs.length > 0 ? [{ job_name: job, static_configs: configs }] : [];
  }
  return [
    {
      job_name: job,
      kubernetes_sd_configs: [{ role: 'endpointslice', namespaces: { names: [namespace] } }],
      relabel_configs: [
        {
          source_labels: ['__meta_kubernetes_service_name', '__meta_kubernetes_endpointslice_port_name'],
          regex: `(${names.join('|')});${port.name}`,
          action: 'keep',
        },
        ...podLabels(),
        // Which Jaeger process a series comes from (jaeger, jaeger-collector or jaeger-query).
        { source_labels: ['__meta_kubernetes_service_name'], target_label: 'component' },
      ],
    },
  ];
}

/**
 * The telemetry of every Jaeger process (port 8888), and the span metrics of the writers (8889).
 * Span metrics keep their own `service_name`, `span_name`, ... labels; `honor_labels` is off, so
 * the connector's `job`/`instance` become `exported_job`/`exported_instance`.
 */
export function jaegerScrapeJobs(jaeger: ResolvedJaeger | undefined, namespace: string, topology: ScrapeTopology): ScrapeJob[] {
  if (!jaeger) return [];
  const { all, writers } = workloads(jaeger);
  return [
    ...portJob(
      JAEGER_JOB,
      all.map((s) => s.name),
      P.metrics,
      namespace,
      topology,
    ),
    ...portJob(
      SPAN_METRICS_JOB,
      writers.map((s) => s.name),
      P.spanMetrics,
      namespace,
      topology,
    ),
  ];
}
