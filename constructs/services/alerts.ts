import { AlertDefinition } from '../../config/alerting/definition';
import { ServiceContext } from './context';

/**
 * Alerts of every monitored service, from its RED recordings and scrape health. Each rule is
 * written per service (its group), labelled with `service`, `namespace` and `team`.
 */
export const SERVICE_ALERTS: ReadonlyArray<AlertDefinition<ServiceContext>> = [
  {
    alert: 'ServiceInstanceDown',
    severity: 'warning',
    // One bad pod of several: a ticket, not a page. 5m rides out a pod restart or a slow rollout step.
    for: '5m',
    expr: (s) => `up{${s.job}} == 0`,
    summary: 'Instance {{ $labels.instance }} of {{ $labels.service }} is down.',
    description:
      'Prometheus has failed to scrape {{ $labels.instance }} of {{ $labels.service }} in namespace {{ $labels.namespace }} ' +
      'for 5 minutes. The other instances may still serve; ServiceDown pages when too many are down.',
  },
  {
    alert: 'ServiceDown',
    severity: 'critical',
    // 30s at a 15s scrape/eval interval needs three failed scrapes in a row: one blip never pages.
    for: '30s',
    threshold: 1,
    thresholdUnit: 'fraction of the instances down (1 = all of them)',
    thresholdRange: { above: 0, atMost: 1 },
    expr: (s, t) => `1 - avg by (job) (up{${s.job}}) >= ${t}`,
    summary: 'Service {{ $labels.service }} is down.',
    description:
      '{{ $value | humanizePercentage }} of the instances of {{ $labels.service }} in namespace {{ $labels.namespace }} ' +
      'are failing their scrapes (three failed scrapes in a row at least, with the shipped timing).',
  },
  {
    alert: 'ServiceTargetMissing',
    severity: 'critical',
    // A rollout keeps at least one endpoint (RollingUpdate) or replaces it within minutes (Recreate, a slow
    // image pull, a Prometheus restart re-running discovery); 15m only pages when the target stays gone.
    for: '15m',
    expr: (s) => `absent(up{${s.job}})`,
    summary: 'No scrape target of {{ $labels.service }} is discovered.',
    description:
      'Prometheus has discovered no target of job {{ $labels.job }} ({{ $labels.service }} in namespace {{ $labels.namespace }}) ' +
      'for 15 minutes: its Service, the endpoints on the metrics port or the discovery is gone, and no other alert of this ' +
      'service can fire.',
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
