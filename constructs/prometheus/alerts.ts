import { AlertDefinition } from '../../config/alerting/definition';

/** What the stack's own alerts need from the settings. */
export interface SelfContext {
  /** Regex of the monitored services' jobs (ServiceDown covers those), or empty. */
  readonly serviceJobs: string;
  /** Size of Prometheus's data volume in bytes. */
  readonly prometheusVolumeBytes: number;
}

/** Prometheus watching itself and the pipeline: dead-man's switch, scrapes, rules, notifications, storage. */
export const PROMETHEUS_ALERTS: ReadonlyArray<AlertDefinition<SelfContext>> = [
  {
    alert: 'Watchdog',
    severity: 'none',
    expr: () => 'vector(1)',
    summary: 'Always firing: proves the alerting pipeline delivers end to end.',
    description: 'This alert fires permanently. If its heartbeat receiver stops getting it, Prometheus or Alertmanager is down.',
  },
  {
    alert: 'TargetDown',
    severity: 'warning',
    for: '5m',
    expr: (c) => (c.serviceJobs ? `up{job!~${JSON.stringify(c.serviceJobs)}} == 0` : 'up == 0'),
    summary: 'Scrape target {{ $labels.job }}/{{ $labels.instance }} is down.',
    description: 'Prometheus has failed to scrape {{ $labels.instance }} of job {{ $labels.job }} for 5 minutes.',
  },
  {
    alert: 'PrometheusConfigReloadFailed',
    severity: 'warning',
    for: '10m',
    expr: () => 'max_over_time(prometheus_config_last_reload_successful[5m]) == 0',
    summary: 'Prometheus {{ $labels.instance }} failed to reload its configuration.',
    description: 'The last configuration reload of {{ $labels.instance }} failed; it keeps running the previous configuration.',
  },
  {
    alert: 'PrometheusRuleEvaluationFailures',
    severity: 'critical',
    for: '15m',
    expr: () => 'increase(prometheus_rule_evaluation_failures_total[5m]) > 0',
    summary: 'Prometheus {{ $labels.instance }} fails to evaluate rules.',
    description: 'Evaluations of rule group {{ $labels.rule_group }} on {{ $labels.instance }} keep failing: alerts may be missed.',
  },
  {
    alert: 'PrometheusNotificationQueueFilling',
    severity: 'warning',
    for: '15m',
    threshold: 0.8,
    thresholdUnit: 'ratio of queue length to capacity (0..1)',
    expr: (_, t) => 'prometheus_notifications_queue_length / prometheus_notifications_queue_capacity > ' + t,
    summary: 'Alert notification queue of {{ $labels.instance }} is filling.',
    description: 'The queue of alerts waiting to be sent to Alertmanager is {{ $value | humanizePercentage }} full.',
  },
  {
    alert: 'PrometheusTsdbCompactionsFailing',
    severity: 'warning',
    expr: () => 'increase(prometheus_tsdb_compactions_failed_total[3h]) > 0',
    summary: 'Prometheus {{ $labels.instance }} fails to compact its storage.',
    description: 'TSDB compactions of {{ $labels.instance }} failed in the last 3 hours; blocks pile up and queries slow down.',
  },
  {
    alert: 'PrometheusStorageFilling',
    severity: 'warning',
    for: '15m',
    threshold: 0.9,
    thresholdUnit: 'ratio of blocks and WAL to the data volume (0..1)',
    expr: (c, t) => `(prometheus_tsdb_storage_blocks_bytes + prometheus_tsdb_wal_storage_size_bytes) / ${c.prometheusVolumeBytes} > ${t}`,
    summary: 'Storage of Prometheus {{ $labels.instance }} is filling.',
    description: 'Blocks and WAL of {{ $labels.instance }} use {{ $value | humanizePercentage }} of the data volume.',
  },
  {
    alert: 'PrometheusNotConnectedToAlertmanagers',
    severity: 'critical',
    for: '10m',
    expr: () => 'max_over_time(prometheus_notifications_alertmanagers_discovered[5m]) < 1',
    summary: 'Prometheus {{ $labels.instance }} is connected to no Alertmanager.',
    description: 'Prometheus {{ $labels.instance }} has discovered no Alertmanager for 10 minutes: every alert it fires is lost.',
  },
  {
    alert: 'PrometheusErrorSendingAlerts',
    severity: 'warning',
    for: '15m',
    threshold: 0.01,
    thresholdUnit: 'ratio of failed to sent notifications per Alertmanager (0..1)',
    expr: (_, t) => `rate(prometheus_notifications_errors_total[5m]) / rate(prometheus_notifications_sent_total[5m]) > ${t}`,
    summary: 'Prometheus {{ $labels.instance }} fails to send alerts to {{ $labels.alertmanager }}.',
    description: '{{ $value | humanizePercentage }} of the alerts {{ $labels.instance }} sends to {{ $labels.alertmanager }} fail.',
  },
  {
    alert: 'PrometheusMissingRuleEvaluations',
    severity: 'warning',
    for: '15m',
    expr: () => 'increase(prometheus_rule_group_iterations_missed_total[5m]) > 0',
    summary: 'Prometheus {{ $labels.instance }} skips evaluations of rule group {{ $labels.rule_group }}.',
    description: 'Rule group {{ $labels.rule_group }} takes longer than its interval, so iterations are skipped and alerts come late.',
  },
  {
    alert: 'PrometheusSDRefreshFailure',
    severity: 'warning',
    for: '20m',
    expr: () => 'increase(prometheus_sd_refresh_failures_total[10m]) > 0',
    summary: 'Prometheus {{ $labels.instance }} fails to refresh {{ $labels.mechanism }} discovery.',
    description: 'Service discovery {{ $labels.mechanism }} of {{ $labels.instance }} keeps failing: new or moved targets are not scraped.',
  },
];
