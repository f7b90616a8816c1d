import { ExporterAlerting, ExportersAlerting } from '../../config/alerting/settings';
import { ResolvedSettings } from '../stack/settings';
import { composeDashboard, FolderedDashboard, Section } from '../../config/dashboards/layout';
import { gaugePanel, THRESHOLDS, timeseriesPanel } from '../../config/dashboards/panels';

/** Kinds of exporters the datastore dashboard has panels for (`alerting.exporters` keys). */
export const DATASTORE_KINDS = ['postgres', 'mysql', 'redis', 'kafka'] as const satisfies ReadonlyArray<keyof ExportersAlerting>;

/** Matchers of the exporter's series: its declared matchers. */
function matchers(exporter: ExporterAlerting): string {
  return Object.entries(exporter.matchers ?? {})
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ');
}

const rate = (metric: string, m: string) => `rate(${metric}{${m}}[$__rate_interval])`;
const ratio = { unit: 'percentunit', min: 0, max: 1 } as const;

const SECTIONS: Record<(typeof DATASTORE_KINDS)[number], (m: string) => Section> = {
  postgres: (m) => ({
    title: 'PostgreSQL',
    panels: [
      timeseriesPanel({
        title: 'Transactions',
        description: 'Commits and rollbacks per second per database.',
        queries: [
          { expr: `sum by (datname) (${rate('pg_stat_database_xact_commit', m)})`, legend: '{{datname}} commit' },
          { expr: `sum by (datname) (${rate('pg_stat_database_xact_rollback', m)})`, legend: '{{datname}} rollback' },
        ],
        unit: 'short',
      }),
      gaugePanel({
        title: 'Connection pool used',
        description: 'Open connections divided by max_connections; at 1 new clients are refused.',
        queries: [{ expr: `sum(pg_stat_activity_count{${m}}) / max(pg_settings_max_connections{${m}})`, instant: true }],
        ...ratio,
        thresholds: THRESHOLDS.badAbove(0.8, 0.9),
      }),
      gaugePanel({
        title: 'Buffer cache hit ratio',
        description: 'Share of block reads served from shared buffers; low values mean disk reads.',
        queries: [
          {
            expr:
              `sum(${rate('pg_stat_database_blks_hit', m)}) / (sum(${rate('pg_stat_database_blks_hit', m)}) ` +
              `+ sum(${rate('pg_stat_database_blks_read', m)}))`,
            instant: true,
          },
        ],
        ...ratio,
        thresholds: THRESHOLDS.goodAbove(0.9, 0.99),
      }),
      timeseriesPanel({
        title: 'Longest transaction',
        description: 'Age of the oldest running transaction per state: long ones hold locks and block vacuum (query latency proxy).',
        queries: [{ expr: `max by (state) (pg_stat_activity_max_tx_duration{${m}})`, legend: '{{state}}' }],
        unit: 's',
      }),
      timeseriesPanel({
        title: 'Deadlocks',
        description: 'Deadlocks per second per database.',
        queries: [{ expr: `sum by (datname) (${rate('pg_stat_database_deadlocks', m)})`, legend: '{{datname}}' }],
        unit: 'short',
      }),
    ],
  }),
  mysql: (m) => ({
    title: 'MySQL',
    panels: [
      timeseriesPanel({
        title: 'Queries',
        description: 'Statements executed per second, and the slow ones.',
        queries: [
          { expr: `sum(${rate('mysql_global_status_queries', m)})`, legend: 'queries' },
          { expr: `sum(${rate('mysql_global_status_slow_queries', m)})`, legend: 'slow' },
        ],
        unit: 'short',
      }),
      gaugePanel({
        title: 'Connection pool used',
        description: 'Connected threads divided by max_connections.',
        queries: [
          { expr: `sum(mysql_global_status_threads_connected{${m}}) / max(mysql_global_variables_max_connections{${m}})`, instant: true },
        ],
        ...ratio,
        thresholds: THRESHOLDS.badAbove(0.8, 0.9),
      }),
      gaugePanel({
        title: 'InnoDB buffer pool hit ratio',
        description: 'Share of page reads served from the buffer pool.',
        queries: [
          {
            expr:
              `1 - sum(${rate('mysql_global_status_innodb_buffer_pool_reads', m)}) / ` +
              `sum(${rate('mysql_global_status_innodb_buffer_pool_read_requests', m)})`,
            instant: true,
          },
        ],
        ...ratio,
        thresholds: THRESHOLDS.goodAbove(0.9, 0.99),
      }),
    ],
  }),
  redis: (m) => ({
    title: 'Redis',
    panels: [
      timeseriesPanel({
        title: 'Commands',
        description: 'Commands processed per second.',
        queries: [{ expr: `sum by (instance) (${rate('redis_commands_processed_total', m)})`, legend: '{{instance}}' }],
        unit: 'short',
      }),
      gaugePanel({
        title: 'Cache hit ratio',
        description: 'Keyspace hits divided by hits plus misses.',
        queries: [
          {
            expr:
              `sum(${rate('redis_keyspace_hits_total', m)}) / (sum(${rate('redis_keyspace_hits_total', m)}) ` +
              `+ sum(${rate('redis_keyspace_misses_total', m)}))`,
            instant: true,
          },
        ],
        ...ratio,
        thresholds: THRESHOLDS.goodAbove(0.5, 0.8),
      }),
      timeseriesPanel({
        title: 'Command latency',
        description: 'Average time per command, per command type.',
        queries: [
          {
            expr:
              `topk(10, sum by (cmd) (${rate('redis_commands_duration_seconds_total', m)}) ` +
              `/ sum by (cmd) (${rate('redis_commands_total', m)}))`,
            legend: '{{cmd}}',
          },
        ],
        unit: 's',
      }),
      timeseriesPanel({
        title: 'Connected clients',
        description: 'Client connections per Redis instance.',
        queries: [{ expr: `sum by (instance) (redis_connected_clients{${m}})`, legend: '{{instance}} clients' }],
        unit: 'none',
      }),
    ],
  }),
  kafka: (m) => ({
    title: 'Kafka',
    panels: [
      timeseriesPanel({
        title: 'Consumer group lag',
        description: 'Messages not yet consumed per consumer group and topic.',
        queries: [{ expr: `sum by (consumergroup, topic) (kafka_consumergroup_lag{${m}})`, legend: '{{consumergroup}} {{topic}}' }],
        unit: 'short',
        width: 24,
      }),
    ],
  }),
};

/** Exporter kinds declared in `alerting.exporters`, in a fixed order. */
export function declaredDatastores(settings: ResolvedSettings): Array<(typeof DATASTORE_KINDS)[number]> {
  return DATASTORE_KINDS.filter((kind) => settings.alerting.exporters?.[kind] !== undefined);
}

/** Database, cache and queue panels for the exporters declared in `alerting.exporters`. */
export function datastoresDashboard(settings: ResolvedSettings): FolderedDashboard {
  const model = composeDashboard(
    {
      uid: 'datastores',
      title: 'Databases and caches',
      description: 'Query rate, latency, connection-pool use and cache hit ratio of the declared database, cache and queue exporters.',
      tags: ['infrastructure', 'datastores'],
    },
    declaredDatastores(settings).map((kind) => SECTIONS[kind](matchers(settings.alerting.exporters?.[kind] ?? {}))),
  );
  return { folder: 'infrastructure', model };
}
