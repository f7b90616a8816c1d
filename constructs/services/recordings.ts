import { RecordingRule } from '../../config/rules';
import { SPAN_METRICS } from '../jaeger/files';
import { SPAN_METRICS_JOB } from '../jaeger/scrape';
import { ServiceContext } from './context';

/** Rate windows of the RED recordings. */
export const RED_WINDOWS = ['5m', '1h'] as const;
/** Latency quantiles recorded per window. */
export const LATENCY_QUANTILES = [
  ['p50', 0.5],
  ['p95', 0.95],
  ['p99', 0.99],
] as const;

const BY = 'sum by (service, namespace)';

/**
 * RED recordings of one service (naming contract: `service:requests:rate5m`, ...). Errors
 * divide by all requests; with no error series the ratio is 0, not absent.
 */
export function serviceRecordings(s: ServiceContext): RecordingRule[] {
  if (s.redSource === 'spanMetrics') return [...spanMetricsRecordings(s), ...databaseClientRecordings(s, { service: s.name })];
  const rules: RecordingRule[] = [];
  // The service label is on the results already; setting it keeps each service's rule distinct.
  const labels = { service: s.name };
  for (const w of RED_WINDOWS) {
    const total = `${BY} (rate(${s.requests}{${s.job}}[${w}]))`;
    const errors = `${BY} (rate(${s.requests}{${s.job}, code=~"${s.errorCodes}"}[${w}]))`;
    rules.push({ record: `service:requests:rate${w}`, expr: total, labels });
    rules.push({ record: `service:request_errors:ratio_rate${w}`, expr: `(${errors} or 0 * ${total}) / ${total}`, labels });
    for (const [name, q] of LATENCY_QUANTILES) {
      rules.push({
        record: `service:request_duration_seconds:${name}_${w}`,
        expr: `histogram_quantile(${q}, sum by (service, namespace, le) (rate(${s.duration}_bucket{${s.job}}[${w}])))`,
        labels,
      });
    }
  }
  rules.push({
    record: 'service_code:requests:rate5m',
    expr: `sum by (service, namespace, code) (rate(${s.requests}{${s.job}}[5m]))`,
    labels,
  });
  rules.push({
    record: 'service_method_route:requests:rate5m',
    expr: `sum by (service, namespace, method, route) (rate(${s.requests}{${s.job}}[5m]))`,
    labels,
  });
  rules.push(...databaseClientRecordings(s, labels));
  return rules;
}

/** Recorded pool use per instance (in use over maximum). */
export const POOL_USE = 'service_instance:db_pool_connections:ratio';
/** Recorded query-duration quantile over 5m, by quantile name (`p50`, `p99`). */
export const queryDurationRecord = (quantile: string) => `service:db_query_duration_seconds:${quantile}_5m`;

/**
 * Recordings of the service's own database metrics, when it declares them: pool use per instance
 * (in use and maximum matched label for label, so several pools with a `pool` label work) and
 * query-duration quantiles.
 */
function databaseClientRecordings(s: ServiceContext, labels: Readonly<Record<string, string>>): RecordingRule[] {
  const rules: RecordingRule[] = [];
  if (s.pool)
    rules.push({
      record: POOL_USE,
      expr: `max by (service, namespace, instance) (${s.pool.inUse}{${s.job}} / ${s.pool.max}{${s.job}})`,
      labels,
    });
  if (s.queryDuration)
    for (const [name, q] of LATENCY_QUANTILES.filter(([n]) => n !== 'p95'))
      rules.push({
        record: queryDurationRecord(name),
        expr: `histogram_quantile(${q}, sum by (service, namespace, le) (rate(${s.queryDuration}_bucket{${s.job}}[5m])))`,
        labels,
      });
  return rules;
}

/** Copies a span-metrics label to the name the RED recordings use (`code`, `method`, `route`). */
const renamed = (expr: string, to: string, from: string) => `label_replace(${expr}, "${to}", "$1", "${from}", "(.*)")`;

/**
 * The same RED recordings from Jaeger's span metrics, for a service without metrics of its own:
 * its server spans (`service_name` = the service), errors = status ERROR, latency from the span
 * duration histogram; codes, methods and routes from the connector's HTTP dimensions. The
 * recordings carry the service's `service` and `namespace`, like those of its own metrics.
 */
function spanMetricsRecordings(s: ServiceContext): RecordingRule[] {
  const labels = { service: s.name, namespace: s.namespace };
  const server = `job="${SPAN_METRICS_JOB}", service_name=${JSON.stringify(s.name)}, span_kind="SPAN_KIND_SERVER"`;
  const rules: RecordingRule[] = [];
  for (const w of RED_WINDOWS) {
    const total = `sum(rate(${SPAN_METRICS.calls}{${server}}[${w}]))`;
    const errors = `sum(rate(${SPAN_METRICS.calls}{${server}, status_code="STATUS_CODE_ERROR"}[${w}]))`;
    rules.push({ record: `service:requests:rate${w}`, expr: total, labels });
    rules.push({ record: `service:request_errors:ratio_rate${w}`, expr: `(${errors} or 0 * ${total}) / ${total}`, labels });
    for (const [name, q] of LATENCY_QUANTILES)
      rules.push({
        record: `service:request_duration_seconds:${name}_${w}`,
        expr: `histogram_quantile(${q}, sum by (le) (rate(${SPAN_METRICS.duration}_bucket{${server}}[${w}])))`,
        labels,
      });
  }
  const rate5m = `rate(${SPAN_METRICS.calls}{${server}}[5m])`;
  rules.push({
    record: 'service_code:requests:rate5m',
    expr: `sum by (code) (${renamed(rate5m, 'code', 'http_response_status_code')})`,
    labels,
  });
  rules.push({
    record: 'service_method_route:requests:rate5m',
    expr: `sum by (method, route) (${renamed(renamed(rate5m, 'method', 'http_request_method'), 'route', 'http_route')})`,
    labels,
  });
  return rules;
}
