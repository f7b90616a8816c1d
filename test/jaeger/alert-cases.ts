import type { AlertCase } from '../alerting/promtool-cases';

/**
 * promtool cases of the Jaeger alerts (rule file jaeger.yml), on the series Jaeger 2.20.0's
 * telemetry port gives as the stack scrapes it: job `jaeger`, the `component` label from the
 * Service name, the OpenTelemetry Collector v0.155.0 attributes (receiver, transport, exporter,
 * data_type) and Jaeger's storage namespace labels (name, role).
 */
const target = 'job="jaeger", namespace="monitoring", component="jaeger-collector", pod="jaeger-collector-7d9f-abcde"';
const labels = { namespace: 'monitoring', component: 'jaeger-collector' };
const refused = `otelcol_receiver_refused_spans_total{${target}, receiver="otlp", transport="grpc"}`;
const failed = `otelcol_exporter_send_failed_spans_total{${target}, exporter="jaeger_storage_exporter"}`;
const queue = (m: string) => `otelcol_exporter_queue_${m}{${target}, exporter="jaeger_storage_exporter", data_type="traces"}`;
const bulkErrors = `jaeger_storage_bulk_index_errors_total{${target}, name="elasticsearch", role="tracestore"}`;
const up = (component: string, pod: string) => `up{job="jaeger", namespace="monitoring", component="${component}", pod="${pod}"}`;

export const JAEGER_ALERT_CASES: readonly AlertCase[] = [
  {
    alert: 'JaegerSpansRefused',
    suite: 'jaeger',
    why: 'memory_limiter refuses 10 spans/s for 15 minutes',
    series: { [refused]: '0+600x20' },
    at: '16m',
    fires: [{ labels: { ...labels, severity: 'warning' } }],
  },
  {
    alert: 'JaegerSpansRefused',
    suite: 'jaeger',
    why: 'a burst of 5 minutes, then nothing: pending, never firing',
    series: { [refused]: '0+600x5 3000x15' },
    at: '16m',
    fires: [],
  },
  {
    alert: 'JaegerSpansRefused',
    suite: 'jaeger',
    why: 'the counter exists but stays flat',
    series: { [refused]: '0x20' },
    at: '16m',
    fires: [],
  },
  {
    alert: 'JaegerExporterSendFailed',
    suite: 'jaeger',
    why: 'the Elasticsearch exporter fails 100 spans a minute for 15 minutes',
    series: { [failed]: '0+100x20' },
    at: '16m',
    fires: [{ labels: { ...labels, exporter: 'jaeger_storage_exporter', severity: 'warning' } }],
  },
  {
    alert: 'JaegerExporterSendFailed',
    suite: 'jaeger',
    why: 'no failure',
    series: { [failed]: '0x20' },
    at: '16m',
    fires: [],
  },
  {
    alert: 'JaegerExporterQueueNearlyFull',
    suite: 'jaeger',
    why: 'the queue holds 900 of 1000 batches for 15 minutes',
    series: { [queue('size')]: '900x20', [queue('capacity')]: '1000x20' },
    at: '16m',
    fires: [{ labels: { ...labels, exporter: 'jaeger_storage_exporter', severity: 'warning' }, value: '90%' }],
  },
  {
    alert: 'JaegerExporterQueueNearlyFull',
    suite: 'jaeger',
    why: 'half full',
    series: { [queue('size')]: '500x20', [queue('capacity')]: '1000x20' },
    at: '16m',
    fires: [],
  },
  {
    alert: 'JaegerStorageWriteErrors',
    suite: 'jaeger',
    why: 'bulk index errors for 15 minutes',
    series: { [bulkErrors]: '0+20x20' },
    at: '16m',
    fires: [{ labels: { ...labels, severity: 'warning' } }],
  },
  {
    alert: 'JaegerStorageWriteErrors',
    suite: 'jaeger',
    why: 'errors stopped 10 minutes ago',
    series: { [bulkErrors]: '0+20x5 100x15' },
    at: '16m',
    fires: [],
  },
  {
    alert: 'JaegerCollectorDown',
    suite: 'jaeger',
    why: 'both collector replicas down for 10 minutes (query still up)',
    series: {
      [up('jaeger-collector', 'jaeger-collector-a')]: '0x10',
      [up('jaeger-collector', 'jaeger-collector-b')]: '0x10',
      [up('jaeger-query', 'jaeger-query-a')]: '1x10',
    },
    at: '10m',
    fires: [{ labels: { severity: 'critical' } }],
  },
  {
    alert: 'JaegerCollectorDown',
    suite: 'jaeger',
    why: 'one of two collectors down: the other takes the traffic',
    series: { [up('jaeger-collector', 'jaeger-collector-a')]: '0x10', [up('jaeger-collector', 'jaeger-collector-b')]: '1x10' },
    at: '10m',
    fires: [],
  },
  {
    alert: 'JaegerCollectorDown',
    suite: 'jaeger',
    why: 'the one dev process is up (it is the collector)',
    series: { [up('jaeger', 'jaeger-a')]: '1x10' },
    at: '10m',
    fires: [],
  },
  {
    alert: 'JaegerQueryDown',
    suite: 'jaeger',
    why: 'no query target for 10 minutes (the collectors are up)',
    series: { [up('jaeger-query', 'jaeger-query-a')]: '0x10', [up('jaeger-collector', 'jaeger-collector-a')]: '1x10' },
    at: '10m',
    fires: [{ labels: { severity: 'warning' } }],
  },
  {
    alert: 'JaegerQueryDown',
    suite: 'jaeger',
    why: 'query answers',
    series: { [up('jaeger-query', 'jaeger-query-a')]: '1x10' },
    at: '10m',
    fires: [],
  },
];
