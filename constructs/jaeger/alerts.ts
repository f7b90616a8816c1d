import { AlertDefinition, NoContext } from '../../config/alerting/definition';
import { absentJobAlert } from '../../config/alerting/coverage';
import { JAEGER_JOB, SPAN_METRICS_JOB } from './scrape';
import { jaegerCollectorSpec, jaegerQuerySpec, jaegerSpec } from './spec';

/** Rule file of the Jaeger alerts. */
export const JAEGER_RULE_FILE = 'jaeger.yml';

const job = `job="${JAEGER_JOB}"`;
/** The processes that ingest (the dev process or the collectors), and those that serve query. */
const collectors = `${job}, component=~"${jaegerSpec.name}|${jaegerCollectorSpec.name}"`;
const queries = `${job}, component=~"${jaegerSpec.name}|${jaegerQuerySpec.name}"`;

/**
 * Alerts on the tracing pipeline, on the names Jaeger 2.20.0 exposes on its telemetry port:
 * the OpenTelemetry Collector v0.155.0 helpers' counters (`otelcol_receiver_refused_spans`,
 * `otelcol_exporter_send_failed_spans`, gauges `otelcol_exporter_queue_size`/`_capacity`; the
 * Prometheus reader adds `_total` to counters) and Jaeger's Elasticsearch bulk writer
 * (`jaeger_storage_bulk_index_errors_total`, namespace storage, writer bulk_index).
 */
export const JAEGER_ALERTS: ReadonlyArray<AlertDefinition<NoContext>> = [
  {
    alert: 'JaegerSpansRefused',
    severity: 'warning',
    for: '10m',
    expr: () => `sum by (namespace, component) (rate(otelcol_receiver_refused_spans_total{${job}}[5m])) > 0`,
    summary: 'Jaeger {{ $labels.component }} refuses spans.',
    description:
      'The OTLP receiver of {{ $labels.component }} in {{ $labels.namespace }} has refused spans for 10 minutes, usually because ' +
      'memory_limiter is over its limit: applications retry, then drop traces.',
  },
  {
    alert: 'JaegerExporterSendFailed',
    severity: 'warning',
    for: '10m',
    expr: () => `sum by (namespace, component, exporter) (rate(otelcol_exporter_send_failed_spans_total{${job}}[5m])) > 0`,
    summary: 'Jaeger {{ $labels.component }} fails to send spans ({{ $labels.exporter }}).',
    description:
      'Exporter {{ $labels.exporter }} of {{ $labels.component }} in {{ $labels.namespace }} has failed to send spans for 10 ' +
      'minutes: those spans are lost once the retries give up.',
  },
  {
    alert: 'JaegerExporterQueueNearlyFull',
    severity: 'warning',
    for: '10m',
    threshold: 0.8,
    thresholdUnit: 'share of the queue capacity',
    thresholdRange: { above: 0, atMost: 1 },
    expr: (_c, threshold) =>
      `max by (namespace, component, exporter) (otelcol_exporter_queue_size{${job}} / ` +
      `otelcol_exporter_queue_capacity{${job}}) > ${threshold}`,
    summary: 'The {{ $labels.exporter }} queue of Jaeger {{ $labels.component }} is nearly full.',
    description:
      'The sending queue of {{ $labels.exporter }} in {{ $labels.namespace }} is {{ $value | humanizePercentage }} full: once it ' +
      'is full, new spans are dropped. Elasticsearch is slow or unreachable.',
  },
  {
    alert: 'JaegerStorageWriteErrors',
    severity: 'warning',
    for: '10m',
    expr: () => `sum by (namespace, component) (rate(jaeger_storage_bulk_index_errors_total{${job}}[5m])) > 0`,
    summary: 'Jaeger {{ $labels.component }} fails to write spans to Elasticsearch.',
    description:
      'Bulk index requests of {{ $labels.component }} in {{ $labels.namespace }} have failed for 10 minutes: the spans in them ' +
      'are not stored (look for mapping, permission or disk watermark errors).',
  },
  {
    alert: 'JaegerCollectorDown',
    severity: 'critical',
    for: '5m',
    expr: () => `absent(up{${collectors}} == 1)`,
    summary: 'No Jaeger collector is up.',
    description: 'No Jaeger collector target has answered its scrape for 5 minutes: applications cannot send traces.',
  },
  {
    alert: 'JaegerQueryDown',
    severity: 'warning',
    for: '5m',
    expr: () => `absent(up{${queries}} == 1)`,
    summary: 'No Jaeger query service is up.',
    description:
      'No Jaeger query target has answered its scrape for 5 minutes: traces are still stored, but nobody can search them in ' +
      'Jaeger or Grafana.',
  },
  absentJobAlert('JaegerAbsent', JAEGER_JOB, "Jaeger's own telemetry"),
  absentJobAlert('JaegerSpanMetricsAbsent', SPAN_METRICS_JOB, 'span metrics'),
];
