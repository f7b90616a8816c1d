import { RecordingRule } from '../../config/rules';
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
  return rules;
}
