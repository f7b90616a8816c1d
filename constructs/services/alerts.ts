import { AlertDefinition } from '../../config/alerting/definition';
import { ServiceContext } from './context';

/**
 * Alerts of every monitored service, from its RED recordings and scrape health. Each rule is
 * written per service (its group), labelled with `service`, `namespace` and `team`.
 */
export const SERVICE_ALERTS: ReadonlyArray<AlertDefinition<ServiceContext>> = [
  {
    alert: 'ServiceDown',
    severity: 'critical',
    // 30s at a 15s scrape/eval interval needs three failed scrapes in a row: one blip never pages.
    for: '30s',
    expr: (s) => `up{${s.job}} == 0 or absent(up{${s.job}})`,
    summary: 'Service {{ $labels.service }} is down.',
    description:
      'Prometheus cannot scrape {{ $labels.service }} in namespace {{ $labels.namespace }} for 30 seconds, or ' +
      'no target of it is discovered.',
  },
  {
    alert: 'ServiceProbeFailed',
    severity: 'critical',
    for: '1m',
    expr: (s) => `probe_success{job=${JSON.stringify(s.probe?.job)}, instance=${JSON.stringify(s.probe?.instance)}} == 0`,
    summary: 'Health probe of {{ $labels.service }} is failing.',
    description: 'The blackbox probe {{ $labels.instance }} of {{ $labels.service }} has failed for more than a minute.',
  },
  {
    alert: 'ServiceHighErrorRate',
    severity: 'critical',
    for: '5m',
    threshold: 0.05,
    thresholdUnit: 'ratio of 5xx responses (0..1)',
    expr: (s, t) => `service:request_errors:ratio_rate5m${s.recorded} > ${t}`,
    summary: 'Service {{ $labels.service }} answers too many requests with errors.',
    description: '{{ $value | humanizePercentage }} of the requests of {{ $labels.service }} failed over the last 5 minutes.',
  },
  {
    alert: 'ServiceHighLatency',
    severity: 'warning',
    for: '10m',
    threshold: 0.5,
    thresholdUnit: 'p95 latency in seconds',
    expr: (s, t) => `service:request_duration_seconds:p95_5m${s.recorded} > ${t}`,
    summary: 'Service {{ $labels.service }} is slow.',
    description: 'The 95th percentile latency of {{ $labels.service }} is {{ $value | humanizeDuration }} over the last 5 minutes.',
  },
  {
    alert: 'ServiceTrafficDrop',
    severity: 'warning',
    for: '10m',
    threshold: 0.5,
    thresholdUnit: 'ratio of the 5m request rate to the 1h request rate (0..1)',
    expr: (s, t) => `service:requests:rate5m${s.recorded} / service:requests:rate1h${s.recorded} < ${t}`,
    summary: 'Traffic of {{ $labels.service }} dropped abnormally.',
    description: 'The request rate of {{ $labels.service }} over 5 minutes is {{ $value | humanizePercentage }} of its 1 hour rate.',
  },
  {
    alert: 'ServiceHealthCheckFailing',
    severity: 'warning',
    for: '5m',
    expr: (s) =>
      `sum by (namespace) (kube_pod_status_ready{namespace=${JSON.stringify(s.namespace)}, ` +
      `pod=~${JSON.stringify(`${s.name}-.*`)}, condition="false"}) > 0`,
    summary: 'Pods of {{ $labels.service }} fail their readiness checks.',
    description: '{{ $value }} pod(s) of {{ $labels.service }} in namespace {{ $labels.namespace }} are not ready.',
  },
  {
    alert: 'ServiceDataStale',
    severity: 'critical',
    // The default threshold is the service's freshness.maxAge (2h unless set).
    threshold: 7200,
    thresholdUnit: 'seconds since the last new data',
    expr: (s, t) => `time() - max by (service, namespace) (${s.freshness?.metric}{${s.job}}) > ${t}`,
    summary: 'Service {{ $labels.service }} has produced no new data.',
    description: 'The last new data of {{ $labels.service }} is {{ $value | humanizeDuration }} old: the pipeline looks stalled.',
    for: '5m',
  },
];

/** Which service alerts apply to a service (probe and freshness need their settings). */
export function serviceAlertApplies(alert: string, s: ServiceContext): boolean {
  if (alert === 'ServiceProbeFailed') return s.probe !== undefined;
  if (alert === 'ServiceDataStale') return s.freshness !== undefined;
  return true;
}
