import { AlertDefinition } from '../../config/alerting/definition';
import { ExportersAlerting } from '../../config/alerting/settings';

/** The matchers selecting an exporter's series, as text for PromQL selectors. */
export interface ExporterContext {
  /** The matchers after other matchers of a selector (`, job="postgres"`), or empty. */
  readonly extraMatchers: string;
  /** The matchers as a selector's only content (`job="postgres"`), or empty. */
  readonly matchers: string;
}

/** One kind of exporter and its alerts. */
export interface ExporterAlerts {
  readonly exporter: keyof ExportersAlerting;
  readonly alerts: ReadonlyArray<AlertDefinition<ExporterContext>>;
}

/** Alerts of databases and queues, switched on per exporter in `alerting.exporters`. */
export const DATABASE_ALERTS: readonly ExporterAlerts[] = [
  {
    exporter: 'postgres',
    alerts: [
      {
        alert: 'PostgresDown',
        severity: 'critical',
        for: '1m',
        expr: (e) => `pg_up${e.matchers ? `{${e.matchers}}` : ''} == 0`,
        summary: 'PostgreSQL {{ $labels.instance }} is down.',
        description: 'postgres_exporter cannot connect to the database at {{ $labels.instance }}.',
      },
      {
        alert: 'PostgresConnectionsNearLimit',
        severity: 'warning',
        for: '5m',
        threshold: 0.8,
        thresholdUnit: 'ratio of used to max_connections (0..1)',
        expr: (e, t) =>
          `sum by (instance) (pg_stat_activity_count{${e.matchers}}) / on (instance) max by (instance) ` +
          `(pg_settings_max_connections{${e.matchers}}) > ${t}`,
        summary: 'PostgreSQL {{ $labels.instance }} is running out of connections.',
        description: '{{ $value | humanizePercentage }} of max_connections of {{ $labels.instance }} are in use.',
      },
      {
        alert: 'PostgresSlowQueries',
        severity: 'warning',
        for: '2m',
        threshold: 60,
        thresholdUnit: 'seconds of the longest active transaction',
        expr: (e, t) => `max by (instance, datname) (pg_stat_activity_max_tx_duration{state="active"${e.extraMatchers}}) > ${t}`,
        summary: 'PostgreSQL {{ $labels.instance }} has long-running queries.',
        description:
          'A transaction on database {{ $labels.datname }} of {{ $labels.instance }} has been active for {{ $value | humanizeDuration }}.',
      },
    ],
  },
  {
    exporter: 'mysql',
    alerts: [
      {
        alert: 'MySQLDown',
        severity: 'critical',
        for: '1m',
        expr: (e) => `mysql_up${e.matchers ? `{${e.matchers}}` : ''} == 0`,
        summary: 'MySQL {{ $labels.instance }} is down.',
        description: 'mysqld_exporter cannot connect to the database at {{ $labels.instance }}.',
      },
      {
        alert: 'MySQLConnectionsNearLimit',
        severity: 'warning',
        for: '5m',
        threshold: 0.8,
        thresholdUnit: 'ratio of connected threads to max_connections (0..1)',
        expr: (e, t) =>
          `max by (instance) (mysql_global_status_threads_connected{${e.matchers}}) / on (instance) max by ` +
          `(instance) (mysql_global_variables_max_connections{${e.matchers}}) > ${t}`,
        summary: 'MySQL {{ $labels.instance }} is running out of connections.',
        description: '{{ $value | humanizePercentage }} of max_connections of {{ $labels.instance }} are in use.',
      },
      {
        alert: 'MySQLSlowQueries',
        severity: 'warning',
        for: '5m',
        threshold: 0.1,
        thresholdUnit: 'slow queries per second',
        expr: (e, t) => `sum by (instance) (rate(mysql_global_status_slow_queries{${e.matchers}}[5m])) > ${t}`,
        summary: 'MySQL {{ $labels.instance }} runs slow queries.',
        description: '{{ $labels.instance }} logs {{ $value | humanize }} slow queries per second.',
      },
    ],
  },
  {
    exporter: 'redis',
    alerts: [
      {
        alert: 'RedisDown',
        severity: 'critical',
        for: '1m',
        expr: (e) => `redis_up${e.matchers ? `{${e.matchers}}` : ''} == 0`,
        summary: 'Redis {{ $labels.instance }} is down.',
        description: 'redis_exporter cannot reach Redis at {{ $labels.instance }}.',
      },
      {
        alert: 'RedisConnectionsNearLimit',
        severity: 'warning',
        for: '5m',
        threshold: 0.8,
        thresholdUnit: 'ratio of connected clients to maxclients (0..1)',
        expr: (e, t) =>
          `max by (instance) (redis_connected_clients{${e.matchers}}) / on (instance) max by (instance) ` +
          `(redis_config_maxclients{${e.matchers}}) > ${t}`,
        summary: 'Redis {{ $labels.instance }} is running out of client connections.',
        description: '{{ $value | humanizePercentage }} of maxclients of {{ $labels.instance }} are connected.',
      },
    ],
  },
  {
    exporter: 'kafka',
    alerts: [
      {
        alert: 'KafkaConsumerGroupLag',
        severity: 'warning',
        for: '10m',
        threshold: 1000,
        thresholdUnit: 'messages behind, summed over the partitions of a topic',
        expr: (e, t) => `sum by (consumergroup, topic) (kafka_consumergroup_lag${e.matchers ? `{${e.matchers}}` : ''}) > ${t}`,
        summary: 'Consumer group {{ $labels.consumergroup }} lags on {{ $labels.topic }}.',
        description: 'Consumer group {{ $labels.consumergroup }} is {{ $value }} messages behind on topic {{ $labels.topic }}.',
      },
    ],
  },
];
