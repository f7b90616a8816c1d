import { composeDashboard, FolderedDashboard } from '../../config/dashboards/layout';
import { statPanel, THRESHOLDS, timeseriesPanel } from '../../config/dashboards/panels';
import { ALERTMANAGER_JOB } from '../alertmanager/scrape';
import { GRAFANA_JOB } from '../grafana/scrape';
import { PROMETHEUS_JOB } from './scrape';

const job = (name: string) => `job="${name}"`;
const PROM = job(PROMETHEUS_JOB);
const AM = job(ALERTMANAGER_JOB);
const GRAFANA = job(GRAFANA_JOB);
const rate = (selector: string) => `rate(${selector}[$__rate_interval])`;

/** The stack watching itself: Prometheus, Alertmanager and Grafana. */
export function stackDashboard(): FolderedDashboard {
  const model = composeDashboard(
    {
      uid: 'stack-health',
      title: 'Observability stack',
      description:
        'Prometheus ingestion, rule evaluation, TSDB size and scrapes; Alertmanager notifications by integration; Grafana requests.',
      tags: ['stack'],
    },
    [
      {
        panels: [
          statPanel({
            title: 'Targets up',
            description: 'Share of scrape targets answering. Below 1, some job is not being monitored.',
            queries: [{ expr: 'sum(up) / count(up)', instant: true }],
            unit: 'percentunit',
            min: 0,
            max: 1,
            thresholds: THRESHOLDS.goodAbove(0.9, 1),
          }),
          statPanel({
            title: 'Head series',
            description: 'Active series in the TSDB head: the main driver of Prometheus memory.',
            queries: [{ expr: `sum(prometheus_tsdb_head_series{${PROM}})`, instant: true }],
            unit: 'short',
          }),
          statPanel({
            title: 'Prometheus config loaded',
            description: '1 when the last configuration reload succeeded; 0 means Prometheus runs an older config.',
            queries: [{ expr: `min(prometheus_config_last_reload_successful{${PROM}})`, instant: true }],
            unit: 'bool',
            thresholds: [
              [null, 'red'],
              [1, 'green'],
            ],
          }),
          statPanel({
            title: 'Alertmanager config loaded',
            description: '1 when the last configuration reload succeeded.',
            queries: [{ expr: `min(alertmanager_config_last_reload_successful{${AM}})`, instant: true }],
            unit: 'bool',
            thresholds: [
              [null, 'red'],
              [1, 'green'],
            ],
          }),
        ],
      },
      {
        title: 'Prometheus',
        panels: [
          timeseriesPanel({
            title: 'Samples ingested',
            description: 'Samples appended to the TSDB head per second.',
            queries: [
              { expr: `sum by (instance) (${rate(`prometheus_tsdb_head_samples_appended_total{${PROM}}`)})`, legend: '{{instance}}' },
            ],
            unit: 'short',
          }),
          timeseriesPanel({
            title: 'Targets up by job',
            description: 'Targets answering their scrape, per job.',
            queries: [{ expr: 'sum by (job) (up)', legend: '{{job}}' }],
            unit: 'none',
          }),
          timeseriesPanel({
            title: 'Scrape duration',
            description: 'Slowest scrape per job; close to the scrape timeout means samples will be lost.',
            queries: [{ expr: 'max by (job) (scrape_duration_seconds)', legend: '{{job}}' }],
            unit: 's',
          }),
          timeseriesPanel({
            title: 'Samples per scrape',
            description: 'Samples each job returns per scrape (after relabelling): cardinality growth shows here first.',
            queries: [{ expr: 'sum by (job) (scrape_samples_post_metric_relabeling)', legend: '{{job}}' }],
            unit: 'short',
          }),
          timeseriesPanel({
            title: 'Rule group evaluation time',
            description: 'Duration of the last evaluation per rule group; above the evaluation interval, iterations are skipped.',
            queries: [{ expr: `max by (rule_group) (prometheus_rule_group_last_duration_seconds{${PROM}})`, legend: '{{rule_group}}' }],
            unit: 's',
          }),
          timeseriesPanel({
            title: 'Rule evaluation failures',
            description: 'Failed rule evaluations and skipped group iterations per second; anything above zero loses alerts or recordings.',
            queries: [
              {
                expr: `sum by (rule_group) (${rate(`prometheus_rule_evaluation_failures_total{${PROM}}`)})`,
                legend: 'failed {{rule_group}}',
              },
              {
                expr: `sum by (rule_group) (${rate(`prometheus_rule_group_iterations_missed_total{${PROM}}`)})`,
                legend: 'missed {{rule_group}}',
              },
            ],
            unit: 'short',
            thresholds: THRESHOLDS.badAbove(0.001, 0.01),
          }),
          timeseriesPanel({
            title: 'TSDB size',
            description: 'Bytes of persisted TSDB blocks (the write-ahead log comes on top); compare with the retention size.',
            queries: [{ expr: `sum by (instance) (prometheus_tsdb_storage_blocks_bytes{${PROM}})`, legend: '{{instance}}' }],
            unit: 'bytes',
          }),
          timeseriesPanel({
            title: 'Alerts sent to Alertmanager',
            description: 'Alert notifications Prometheus sent, failed to send and dropped per second.',
            queries: [
              { expr: `sum by (instance) (${rate(`prometheus_notifications_sent_total{${PROM}}`)})`, legend: '{{instance}} sent' },
              { expr: `sum by (instance) (${rate(`prometheus_notifications_errors_total{${PROM}}`)})`, legend: '{{instance}} errors' },
              { expr: `sum by (instance) (${rate(`prometheus_notifications_dropped_total{${PROM}}`)})`, legend: '{{instance}} dropped' },
            ],
            unit: 'short',
          }),
          timeseriesPanel({
            title: 'Memory of the stack',
            description: 'Resident memory of the Prometheus, Alertmanager and Grafana processes.',
            queries: [
              {
                expr:
                  `sum by (job, instance) ` +
                  `(process_resident_memory_bytes{job=~"${PROMETHEUS_JOB}|${ALERTMANAGER_JOB}|${GRAFANA_JOB}"})`,
                legend: '{{job}} {{instance}}',
              },
            ],
            unit: 'bytes',
            width: 24,
          }),
        ],
      },
      {
        title: 'Alertmanager',
        panels: [
          timeseriesPanel({
            title: 'Notifications sent by integration',
            description: 'Notifications delivered per second per integration (slack, email, pagerduty, webhook...).',
            queries: [{ expr: `sum by (integration) (${rate(`alertmanager_notifications_total{${AM}}`)})`, legend: '{{integration}}' }],
            unit: 'short',
          }),
          timeseriesPanel({
            title: 'Notifications failed by integration',
            description: 'Failed notification attempts per second per integration; a receiver is misconfigured or unreachable.',
            queries: [
              { expr: `sum by (integration) (${rate(`alertmanager_notifications_failed_total{${AM}}`)})`, legend: '{{integration}}' },
            ],
            unit: 'short',
            thresholds: THRESHOLDS.badAbove(0.001, 0.01),
          }),
          timeseriesPanel({
            title: 'Notification latency p99',
            description: '99th percentile time to deliver a notification, per integration.',
            queries: [
              {
                expr:
                  `histogram_quantile(0.99, sum by (integration, le) ` +
                  `(${rate(`alertmanager_notification_latency_seconds_bucket{${AM}}`)}))`,
                legend: '{{integration}}',
              },
            ],
            unit: 's',
          }),
          timeseriesPanel({
            title: 'Alerts in Alertmanager',
            description: 'Alerts Alertmanager holds, by state (active, suppressed, unprocessed).',
            queries: [{ expr: `sum by (state) (alertmanager_alerts{${AM}})`, legend: '{{state}}' }],
            unit: 'none',
          }),
        ],
      },
      {
        title: 'Grafana',
        panels: [
          timeseriesPanel({
            title: 'Grafana requests by status',
            description: 'HTTP requests Grafana served per second, by status code.',
            queries: [
              {
                expr: `sum by (status_code) (${rate(`grafana_http_request_duration_seconds_count{${GRAFANA}}`)})`,
                legend: '{{status_code}}',
              },
            ],
            unit: 'reqps',
            width: 8,
          }),
          timeseriesPanel({
            title: 'Grafana request latency p95',
            description: '95th percentile HTTP request duration.',
            queries: [
              {
                expr: `histogram_quantile(0.95, sum by (le) (${rate(`grafana_http_request_duration_seconds_bucket{${GRAFANA}}`)}))`,
                legend: 'p95',
              },
            ],
            unit: 's',
            width: 8,
          }),
          timeseriesPanel({
            title: 'Grafana datasource errors',
            description: 'Datasource requests that did not succeed per second, by datasource.',
            queries: [
              {
                expr: `sum by (datasource) (${rate(`grafana_datasource_request_total{${GRAFANA}, code!~"2.."}`)})`,
                legend: '{{datasource}}',
              },
            ],
            unit: 'reqps',
            width: 8,
          }),
        ],
      },
    ],
  );
  return { folder: 'stack', model };
}
