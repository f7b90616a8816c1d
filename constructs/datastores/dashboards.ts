import { ExportersAlerting } from '../../config/alerting/settings';
import { ResolvedSettings } from '../stack/settings';
import { composeDashboard, FolderedDashboard, Section } from '../../config/dashboards/layout';
import { gaugePanel, statPanel, THRESHOLDS, timeseriesPanel } from '../../config/dashboards/panels';
import { labelVariable } from '../../config/dashboards/variables';

/**
 * The database performance, cache health and queue health dashboards. Every metric a panel
 * reads is one the pinned exporter exposes (postgres_exporter v0.20.1, mysqld_exporter v0.20.0
 * with the perf_schema.eventsstatementssum and info_schema.innodb_metrics collectors,
 * redis_exporter v1.88.0, kafka_exporter v1.9.0); test/dashboards/exporter-metrics.ts lists them.
 */

/** Kinds of exporters the dashboards have panels for (`alerting.exporters` and `databases` keys). */
export const DATASTORE_KINDS = ['postgres', 'mysql', 'redis', 'kafka'] as const satisfies ReadonlyArray<keyof ExportersAlerting>;
type Kind = (typeof DATASTORE_KINDS)[number];

/** Per kind: the `up` metric of the exporter (instance variable) and the variable's name and title. */
const KIND_VARIABLES: Record<Kind, { readonly up: string; readonly variable: string; readonly title: string }> = {
  postgres: { up: 'pg_up', variable: 'postgres', title: 'PostgreSQL' },
  mysql: { up: 'mysql_up', variable: 'mysql', title: 'MySQL' },
  redis: { up: 'redis_up', variable: 'redis', title: 'Redis' },
  kafka: { up: 'kafka_brokers', variable: 'kafka', title: 'Kafka' },
};

/**
 * The matchers selecting a kind's series: those declared in `alerting.exporters.<kind>` (exporters
 * the user runs), else `job="<kind>"` (the exporters `databases.<kind>` deploys); as a list.
 */
function kindMatchers(settings: ResolvedSettings, kind: Kind): string[] {
  const declared = settings.alerting.exporters?.[kind];
  return declared ? Object.entries(declared.matchers ?? {}).map(([k, v]) => `${k}=${JSON.stringify(v)}`) : [`job="${kind}"`];
}

/** Kinds with exporters, declared in `alerting.exporters` or `databases`, in a fixed order. */
export function declaredDatastores(settings: ResolvedSettings): Kind[] {
  return DATASTORE_KINDS.filter((kind) => settings.alerting.exporters?.[kind] !== undefined || settings.databases[kind].length > 0);
}

const rate = (metric: string, m: string) => `rate(${metric}{${m}}[$__rate_interval])`;
const ratio = { unit: 'percentunit', min: 0, max: 1 } as const;

/** Whether some declared PostgreSQL instance collects pg_stat_statements (`queryStatistics`). */
const statStatements = (settings: ResolvedSettings) => settings.databases.postgres.some((i) => i.settings.queryStatistics === true);

/** Statement panels from pg_stat_statements (only with `queryStatistics`; the collector is off by default). */
const statementPanels = (m: string) => [
  timeseriesPanel({
    title: 'Statement calls (pg_stat_statements)',
    description: 'Calls per second of the ten busiest statements by query id (look the text up in pg_stat_statements).',
    queries: [
      { expr: `topk(10, sum by (instance, queryid) (${rate('pg_stat_statements_calls_total', m)}))`, legend: '{{instance}} {{queryid}}' },
    ],
    unit: 'ops',
  }),
  timeseriesPanel({
    title: 'Statement duration (pg_stat_statements)',
    description: 'Average execution time per call of the ten slowest statements by query id.',
    queries: [
      {
        expr:
          `topk(10, sum by (instance, queryid) (${rate('pg_stat_statements_seconds_total', m)}) / ` +
          `sum by (instance, queryid) (${rate('pg_stat_statements_calls_total', m)}))`,
        legend: '{{instance}} {{queryid}}',
      },
    ],
    unit: 's',
  }),
];

/** Panels of one kind; `m` selects its series (matchers + the instance variable). */
const SECTIONS: Record<Kind, (m: string, settings: ResolvedSettings) => Section> = {
  postgres: (m, settings) => ({
    title: 'PostgreSQL',
    panels: [
      ...(statStatements(settings) ? statementPanels(m) : []),
      timeseriesPanel({
        title: 'Transactions',
        description: 'Commits and rollbacks per second per instance; a rise in rollbacks means failing application transactions.',
        queries: [
          { expr: `sum by (instance) (${rate('pg_stat_database_xact_commit', m)})`, legend: '{{instance}} commit' },
          { expr: `sum by (instance) (${rate('pg_stat_database_xact_rollback', m)})`, legend: '{{instance}} rollback' },
        ],
        unit: 'ops',
      }),
      timeseriesPanel({
        title: 'Rows by operation',
        description: 'Rows fetched, inserted, updated and deleted per second (pg_stat_database): the query mix by operation.',
        queries: [
          { expr: `sum by (instance) (${rate('pg_stat_database_tup_fetched', m)})`, legend: '{{instance}} fetched' },
          { expr: `sum by (instance) (${rate('pg_stat_database_tup_inserted', m)})`, legend: '{{instance}} inserted' },
          { expr: `sum by (instance) (${rate('pg_stat_database_tup_updated', m)})`, legend: '{{instance}} updated' },
          { expr: `sum by (instance) (${rate('pg_stat_database_tup_deleted', m)})`, legend: '{{instance}} deleted' },
        ],
        unit: 'rowsps',
      }),
      timeseriesPanel({
        title: 'Connections vs max_connections',
        description: 'Open connections by state against max_connections; at the limit new clients are refused.',
        queries: [
          { expr: `sum by (instance, state) (pg_stat_activity_count{${m}})`, legend: '{{instance}} {{state}}' },
          { expr: `max by (instance) (pg_settings_max_connections{${m}})`, legend: '{{instance}} max_connections' },
        ],
        unit: 'short',
      }),
      gaugePanel({
        title: 'Connection pool used',
        description: 'Open connections divided by max_connections (highest instance); PostgresConnectionsNearLimit fires above 80%.',
        queries: [
          {
            expr:
              `max(sum by (instance) (pg_stat_activity_count{${m}}) / on (instance) ` +
              `max by (instance) (pg_settings_max_connections{${m}}))`,
            instant: true,
          },
        ],
        ...ratio,
        thresholds: THRESHOLDS.badAbove(0.8, 0.9),
      }),
      gaugePanel({
        title: 'Buffer cache hit ratio',
        description: 'Share of block reads served from shared buffers; low values mean reads from disk.',
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
        queries: [{ expr: `max by (instance, state) (pg_stat_activity_max_tx_duration{${m}})`, legend: '{{instance}} {{state}}' }],
        unit: 's',
      }),
      timeseriesPanel({
        title: 'Locks by mode',
        description: 'Locks held or awaited per lock mode (pg_locks); many exclusive locks point at contention.',
        queries: [{ expr: `sum by (instance, mode) (pg_locks_count{${m}})`, legend: '{{instance}} {{mode}}' }],
        unit: 'short',
      }),
      timeseriesPanel({
        title: 'Deadlocks',
        description: 'Deadlocks detected per second per database.',
        queries: [{ expr: `sum by (instance, datname) (${rate('pg_stat_database_deadlocks', m)})`, legend: '{{instance}} {{datname}}' }],
        unit: 'short',
      }),
      timeseriesPanel({
        title: 'Replication lag',
        description: 'Seconds since the last replayed transaction on replicas (pg_replication_lag_seconds; primaries report 0).',
        queries: [{ expr: `max by (instance) (pg_replication_lag_seconds{${m}})`, legend: '{{instance}}' }],
        unit: 's',
      }),
    ],
  }),
  mysql: (m) => ({
    title: 'MySQL',
    panels: [
      timeseriesPanel({
        title: 'Statements by command',
        description: 'Statements executed per second by command (Com_* counters), the ten busiest.',
        queries: [{ expr: `topk(10, sum by (command) (${rate('mysql_global_status_commands_total', m)}))`, legend: '{{command}}' }],
        unit: 'ops',
      }),
      timeseriesPanel({
        title: 'Statement latency',
        description: 'Average statement time from performance_schema digests, and slow queries per second.',
        queries: [
          {
            expr:
              `sum by (instance) (${rate('mysql_perf_schema_events_statements_sum_timer_wait', m)}) / ` +
              `sum by (instance) (${rate('mysql_perf_schema_events_statements_sum_total', m)})`,
            legend: '{{instance}} average',
          },
        ],
        unit: 's',
      }),
      timeseriesPanel({
        title: 'Queries and slow queries',
        description: 'Queries per second and those slower than long_query_time (MySQLSlowQueries fires above 0.1/s).',
        queries: [
          { expr: `sum by (instance) (${rate('mysql_global_status_queries', m)})`, legend: '{{instance}} queries' },
          { expr: `sum by (instance) (${rate('mysql_global_status_slow_queries', m)})`, legend: '{{instance}} slow' },
        ],
        unit: 'ops',
      }),
      timeseriesPanel({
        title: 'Connections vs max_connections',
        description: 'Connected threads and the highest since start against max_connections.',
        queries: [
          { expr: `max by (instance) (mysql_global_status_threads_connected{${m}})`, legend: '{{instance}} connected' },
          { expr: `max by (instance) (mysql_global_status_max_used_connections{${m}})`, legend: '{{instance}} max used' },
          { expr: `max by (instance) (mysql_global_variables_max_connections{${m}})`, legend: '{{instance}} max_connections' },
        ],
        unit: 'short',
      }),
      gaugePanel({
        title: 'Connection pool used',
        description: 'Connected threads divided by max_connections (highest instance).',
        queries: [
          {
            expr:
              `max(max by (instance) (mysql_global_status_threads_connected{${m}}) / on (instance) ` +
              `max by (instance) (mysql_global_variables_max_connections{${m}}))`,
            instant: true,
          },
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
      timeseriesPanel({
        title: 'Lock waits',
        description: 'InnoDB row lock waits and table lock waits per second.',
        queries: [
          { expr: `sum by (instance) (${rate('mysql_global_status_innodb_row_lock_waits', m)})`, legend: '{{instance}} row locks' },
          { expr: `sum by (instance) (${rate('mysql_global_status_table_locks_waited', m)})`, legend: '{{instance}} table locks' },
        ],
        unit: 'short',
      }),
      timeseriesPanel({
        title: 'Deadlocks',
        description: 'InnoDB deadlocks per second (MySQL: information_schema.innodb_metrics; MariaDB: the Innodb_deadlocks status).',
        queries: [
          {
            expr:
              `sum by (instance) (${rate('mysql_info_schema_innodb_metrics_lock_lock_deadlocks_total', m)}) or ` +
              `sum by (instance) (${rate('mysql_global_status_innodb_deadlocks', m)})`,
            legend: '{{instance}}',
          },
        ],
        unit: 'short',
      }),
      timeseriesPanel({
        title: 'Replication lag',
        description: 'Seconds behind the source on replicas (SHOW REPLICA/SLAVE STATUS; absent on a primary).',
        queries: [
          {
            expr:
              `max by (instance) (mysql_slave_status_seconds_behind_master{${m}}) or ` +
              `max by (instance) (mysql_slave_status_seconds_behind_source{${m}})`,
            legend: '{{instance}}',
          },
        ],
        unit: 's',
      }),
    ],
  }),
  redis: (m) => ({
    title: 'Redis',
    panels: [
      statPanel({
        title: 'Up',
        description: 'Whether each exporter reaches its Redis (RedisDown fires after a minute at 0).',
        queries: [{ expr: `min(redis_up{${m}})`, instant: true }],
        thresholds: [
          [null, 'red'],
          [1, 'green'],
        ],
        unit: 'none',
      }),
      gaugePanel({
        title: 'Cache hit rate',
        description: 'Keyspace hits divided by hits plus misses: the share of lookups the cache answered.',
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
      gaugePanel({
        title: 'Memory used of maxmemory',
        description: 'Used memory divided by maxmemory (highest instance); near 1 the eviction policy starts removing keys.',
        queries: [
          {
            expr:
              `max(max by (instance) (redis_memory_used_bytes{${m}}) / on (instance) ` +
              `(max by (instance) (redis_memory_max_bytes{${m}}) > 0))`,
            instant: true,
          },
        ],
        ...ratio,
        thresholds: THRESHOLDS.badAbove(0.8, 0.95),
      }),
      gaugePanel({
        title: 'Clients of maxclients',
        description: 'Connected clients divided by maxclients (highest instance); RedisConnectionsNearLimit fires above 80%.',
        queries: [
          {
            expr:
              `max(max by (instance) (redis_connected_clients{${m}}) / on (instance) ` +
              `max by (instance) (redis_config_maxclients{${m}}))`,
            instant: true,
          },
        ],
        ...ratio,
        thresholds: THRESHOLDS.badAbove(0.8, 0.9),
      }),
      timeseriesPanel({
        title: 'Commands by command',
        description: 'Commands per second by command, the ten busiest.',
        queries: [{ expr: `topk(10, sum by (cmd) (${rate('redis_commands_total', m)}))`, legend: '{{cmd}}' }],
        unit: 'ops',
      }),
      timeseriesPanel({
        title: 'Command latency',
        description: 'Average time per call by command, the ten slowest.',
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
        title: 'Memory vs maxmemory',
        description: 'Used memory against the configured maxmemory (0 = no limit) per instance.',
        queries: [
          { expr: `max by (instance) (redis_memory_used_bytes{${m}})`, legend: '{{instance}} used' },
          { expr: `max by (instance) (redis_memory_max_bytes{${m}})`, legend: '{{instance}} maxmemory' },
        ],
        unit: 'bytes',
      }),
      timeseriesPanel({
        title: 'Evictions and expirations',
        description: 'Keys evicted for memory and keys expired per second; evictions mean the cache is too small.',
        queries: [
          { expr: `sum by (instance) (${rate('redis_evicted_keys_total', m)})`, legend: '{{instance}} evicted' },
          { expr: `sum by (instance) (${rate('redis_expired_keys_total', m)})`, legend: '{{instance}} expired' },
        ],
        unit: 'short',
      }),
      timeseriesPanel({
        title: 'Connected clients',
        description: 'Client connections and clients blocked on a blocking command, against maxclients.',
        queries: [
          { expr: `sum by (instance) (redis_connected_clients{${m}})`, legend: '{{instance}} connected' },
          { expr: `sum by (instance) (redis_blocked_clients{${m}})`, legend: '{{instance}} blocked' },
          { expr: `max by (instance) (redis_config_maxclients{${m}})`, legend: '{{instance}} maxclients' },
        ],
        unit: 'short',
      }),
      timeseriesPanel({
        title: 'Keys',
        description: 'Keys per database.',
        queries: [{ expr: `sum by (instance, db) (redis_db_keys{${m}})`, legend: '{{instance}} {{db}}' }],
        unit: 'short',
      }),
    ],
  }),
  kafka: (m) => ({
    title: 'Kafka',
    panels: [
      statPanel({
        title: 'Brokers',
        description: 'Brokers in the cluster as the exporter sees them.',
        queries: [{ expr: `max(kafka_brokers{${m}})`, instant: true }],
        unit: 'none',
      }),
      statPanel({
        title: 'Under-replicated partitions',
        description: 'Partitions with fewer in-sync replicas than replicas; above 0 a broker is down or lagging.',
        queries: [{ expr: `sum(kafka_topic_partition_under_replicated_partition{${m}})`, instant: true }],
        thresholds: THRESHOLDS.badAbove(1, 1),
        unit: 'none',
      }),
      timeseriesPanel({
        title: 'Consumer group lag',
        description: 'Messages not yet consumed per consumer group and topic; KafkaConsumerGroupLag fires above its threshold.',
        queries: [{ expr: `sum by (consumergroup, topic) (kafka_consumergroup_lag{${m}})`, legend: '{{consumergroup}} {{topic}}' }],
        unit: 'short',
        width: 24,
      }),
      timeseriesPanel({
        title: 'Messages in by topic',
        description: 'Messages produced per second per topic (growth of the partitions\u2019 newest offsets).',
        queries: [{ expr: `sum by (topic) (${rate('kafka_topic_partition_current_offset', m)})`, legend: '{{topic}}' }],
        unit: 'short',
      }),
      timeseriesPanel({
        title: 'Under-replicated partitions by topic',
        description: 'Under-replicated partitions per topic.',
        queries: [{ expr: `sum by (topic) (kafka_topic_partition_under_replicated_partition{${m}})`, legend: '{{topic}}' }],
        unit: 'short',
      }),
      timeseriesPanel({
        title: 'Consumer group members',
        description: 'Members per consumer group; a group at 0 members no longer consumes.',
        queries: [{ expr: `sum by (consumergroup) (kafka_consumergroup_members{${m}})`, legend: '{{consumergroup}}' }],
        unit: 'short',
      }),
    ],
  }),
};

/** A dashboard of some kinds: one instance variable and one section per declared kind. */
function kindsDashboard(
  settings: ResolvedSettings,
  kinds: readonly Kind[],
  meta: { uid: string; title: string; description: string; tags: string[] },
): FolderedDashboard {
  const declared = declaredDatastores(settings).filter((k) => kinds.includes(k));
  const model = composeDashboard(
    {
      ...meta,
      variables: declared.map((k) => {
        const v = KIND_VARIABLES[k];
        return labelVariable(v.variable, 'instance', `${v.up}{${kindMatchers(settings, k).join(', ')}}`, `${v.title} instance`);
      }),
    },
    declared.map((k) => SECTIONS[k]([...kindMatchers(settings, k), `instance=~"$${KIND_VARIABLES[k].variable}"`].join(', '), settings)),
  );
  return { folder: 'infrastructure', model };
}

/** Database performance: PostgreSQL and MySQL sections for the declared servers. */
export function datastoresDashboard(settings: ResolvedSettings): FolderedDashboard {
  return kindsDashboard(settings, ['postgres', 'mysql'], {
    uid: 'datastores',
    title: 'Database performance',
    description:
      'Query and transaction rates, statement latency, connections against the limit, locks, deadlocks, replication lag and ' +
      'cache hit ratio of the PostgreSQL and MySQL servers.',
    tags: ['infrastructure', 'datastores', 'databases'],
  });
}

/** Cache health: Redis hit rate, commands, memory against maxmemory, evictions and clients. */
export function cacheDashboard(settings: ResolvedSettings): FolderedDashboard {
  return kindsDashboard(settings, ['redis'], {
    uid: 'cache-health',
    title: 'Cache health',
    description: 'Hit rate, operations by command, memory against maxmemory, evictions and connected clients of the Redis servers.',
    tags: ['infrastructure', 'datastores', 'cache'],
  });
}

/** Queue health: Kafka consumer lag by group and topic, under-replicated partitions. */
export function queueDashboard(settings: ResolvedSettings): FolderedDashboard {
  return kindsDashboard(settings, ['kafka'], {
    uid: 'queue-health',
    title: 'Queue health',
    description: 'Consumer lag by group and topic, under-replicated partitions, brokers and message rates of the Kafka clusters.',
    tags: ['infrastructure', 'datastores', 'queues'],
  });
}
