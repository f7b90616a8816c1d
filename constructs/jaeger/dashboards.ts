import { composeDashboard, FolderedDashboard } from '../../config/dashboards/layout';
import { statPanel, THRESHOLDS, timeseriesPanel } from '../../config/dashboards/panels';
import { SPAN_METRICS } from './files';
import { JAEGER_JOB, SPAN_METRICS_JOB } from './scrape';

const J = `job="${JAEGER_JOB}"`;
const SM = `job="${SPAN_METRICS_JOB}"`;
const rate = (metric: string, selector = J) => `rate(${metric}{${selector}}[$__rate_interval])`;
const SERVER = `${SM}, span_kind="SPAN_KIND_SERVER"`;
const ERRORS = `${SERVER}, status_code="STATUS_CODE_ERROR"`;

/**
 * The tracing pipeline: spans accepted and refused at the OTLP receivers, sent and failed at the
 * Elasticsearch exporter, its queue, bulk-index errors, and the span metrics per service.
 */
export function tracingDashboard(): FolderedDashboard {
  const model = composeDashboard(
    {
      uid: 'tracing-pipeline',
      title: 'Tracing pipeline (Jaeger)',
      description: 'Spans in and out of the Jaeger collectors, the Elasticsearch exporter queue and the RED span metrics per service.',
      tags: ['traces', 'jaeger'],
      refresh: '30s',
    },
    [
      {
        panels: [
          statPanel({
            title: 'Collectors up',
            description: 'Jaeger processes answering their scrape.',
            queries: [{ expr: `sum(up{${J}})`, instant: true }],
            unit: 'none',
            thresholds: [
              [null, 'red'],
              [1, 'green'],
            ],
          }),
          statPanel({
            title: 'Spans accepted',
            description: 'Spans per second the OTLP receivers accepted.',
            queries: [{ expr: `sum(${rate('otelcol_receiver_accepted_spans_total')})`, instant: true }],
            unit: 'short',
          }),
          statPanel({
            title: 'Spans refused',
            description: 'Spans per second the receivers refused (memory_limiter over its limit).',
            queries: [{ expr: `sum(${rate('otelcol_receiver_refused_spans_total')}) or vector(0)`, instant: true }],
            unit: 'short',
            thresholds: THRESHOLDS.badAbove(0.001, 1),
          }),
          statPanel({
            title: 'Export failures',
            description: 'Spans per second the exporters failed to send.',
            queries: [{ expr: `sum(${rate('otelcol_exporter_send_failed_spans_total')}) or vector(0)`, instant: true }],
            unit: 'short',
            thresholds: THRESHOLDS.badAbove(0.001, 1),
          }),
        ],
      },
      {
        title: 'Pipeline',
        panels: [
          timeseriesPanel({
            title: 'Spans in, by receiver',
            description: 'Accepted and refused spans per second per receiver and transport.',
            queries: [
              {
                expr: `sum by (receiver, transport) (${rate('otelcol_receiver_accepted_spans_total')})`,
                legend: 'accepted {{receiver}} {{transport}}',
              },
              {
                expr: `sum by (receiver, transport) (${rate('otelcol_receiver_refused_spans_total')})`,
                legend: 'refused {{receiver}} {{transport}}',
              },
            ],
            unit: 'short',
          }),
          timeseriesPanel({
            title: 'Spans out, by exporter',
            description: 'Sent and failed spans per second per exporter.',
            queries: [
              { expr: `sum by (exporter) (${rate('otelcol_exporter_sent_spans_total')})`, legend: 'sent {{exporter}}' },
              { expr: `sum by (exporter) (${rate('otelcol_exporter_send_failed_spans_total')})`, legend: 'failed {{exporter}}' },
            ],
            unit: 'short',
          }),
          timeseriesPanel({
            title: 'Exporter queue use',
            description: 'Queue size over capacity per exporter; at 1 new spans are dropped.',
            queries: [
              {
                expr: `max by (exporter) (otelcol_exporter_queue_size{${J}} / otelcol_exporter_queue_capacity{${J}})`,
                legend: '{{exporter}}',
              },
            ],
            unit: 'percentunit',
            min: 0,
            max: 1,
            thresholds: THRESHOLDS.badAbove(0.6, 0.8),
          }),
          timeseriesPanel({
            title: 'Elasticsearch bulk writes',
            description: 'Bulk-index inserts and errors per second of the Jaeger writers.',
            queries: [
              { expr: `sum(${rate('jaeger_storage_bulk_index_inserts_total')})`, legend: 'inserts' },
              { expr: `sum(${rate('jaeger_storage_bulk_index_errors_total')})`, legend: 'errors' },
            ],
            unit: 'short',
          }),
        ],
      },
      {
        title: 'Span metrics (RED per service)',
        panels: [
          timeseriesPanel({
            title: 'Server spans per service',
            description: 'Server spans per second per service, from the spanmetrics connector.',
            queries: [
              {
                expr: `sum by (service_name) (${rate(SPAN_METRICS.calls, SERVER)})`,
                legend: '{{service_name}}',
              },
            ],
            unit: 'reqps',
          }),
          timeseriesPanel({
            title: 'Error ratio per service',
            description: 'Share of server spans with status ERROR.',
            queries: [
              {
                expr:
                  `sum by (service_name) (${rate(SPAN_METRICS.calls, ERRORS)}) / ` +
                  `sum by (service_name) (${rate(SPAN_METRICS.calls, SERVER)})`,
                legend: '{{service_name}}',
              },
            ],
            unit: 'percentunit',
            min: 0,
          }),
          timeseriesPanel({
            title: 'p99 server span duration per service',
            description: '99th percentile duration of server spans; exemplars link to the traces.',
            queries: [
              {
                expr: `histogram_quantile(0.99, sum by (service_name, le) (${rate(`${SPAN_METRICS.duration}_bucket`, SERVER)}))`,
                legend: '{{service_name}}',
              },
            ],
            unit: 's',
            min: 0,
          }),
        ],
      },
    ],
  );
  return { folder: 'tracing', model };
}
