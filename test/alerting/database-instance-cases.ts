import { AlertCase } from './promtool-cases';

/**
 * promtool cases of the database alerts switched on per declared instance (`databases` in
 * databaseFixtureSettings): each rule selects `job="<kind>", instance="<database address>"`,
 * with the instance's typed thresholds. Series use the pinned exporters' metric names.
 */
const PG_ORDERS = 'orders-db.data.svc:5432'; // thresholds.connections 0.9
const PG_BILLING = '10.20.3.4:5432'; // catalog thresholds
const MYSQL = 'shop-db.data.svc:3306';
const REDIS = 'cache.data.svc:6379';
const KAFKA = 'kafka-0.kafka.data.svc:9092'; // thresholds.consumerLag 5000

const sel = (job: string, instance: string, extra = '') => `{job="${job}", instance="${instance}"${extra}}`;
const pg = (metric: string, instance: string, extra = '') => `${metric}${sel('postgres', instance, extra)}`;
const connections = (instance: string, used: number) => ({
  [pg('pg_stat_activity_count', instance, ', datname="app", state="active"')]: `${used}x10`,
  [pg('pg_settings_max_connections', instance)]: '100x10',
});

export const DATABASE_INSTANCE_CASES: readonly AlertCase[] = [
  {
    alert: 'PostgresDown',
    suite: 'databases',
    why: 'a declared server down for 2 minutes pages with its database address',
    series: { [pg('pg_up', PG_ORDERS)]: '0x5', [pg('pg_up', PG_BILLING)]: '1x5' },
    at: '3m',
    fires: [{ labels: { job: 'postgres', instance: PG_ORDERS, database: 'orders', severity: 'critical' } }],
  },
  {
    alert: 'PostgresDown',
    suite: 'databases',
    why: 'a server that is not declared is not selected',
    series: { [pg('pg_up', 'other-db:5432')]: '0x5', [pg('pg_up', PG_ORDERS)]: '1x5' },
    at: '3m',
    fires: [],
  },
  {
    alert: 'PostgresConnectionsNearLimit',
    suite: 'databases',
    why: '85 of 100 connections on the server with the catalog threshold (0.8)',
    series: connections(PG_BILLING, 85),
    at: '8m',
    fires: [{ labels: { instance: PG_BILLING, database: 'billing', severity: 'warning' }, value: '85%' }],
  },
  {
    alert: 'PostgresConnectionsNearLimit',
    suite: 'databases',
    why: '85 of 100 stays below the typed threshold 0.9 of orders',
    series: connections(PG_ORDERS, 85),
    at: '8m',
    fires: [],
  },
  {
    alert: 'PostgresConnectionsNearLimit',
    suite: 'databases',
    why: '95 of 100 crosses the typed threshold 0.9 of orders',
    series: connections(PG_ORDERS, 95),
    at: '8m',
    fires: [{ labels: { instance: PG_ORDERS, database: 'orders', severity: 'warning' }, value: '95%' }],
  },
  {
    alert: 'PostgresSlowQueries',
    suite: 'databases',
    why: 'a 2-minute active transaction',
    series: { [pg('pg_stat_activity_max_tx_duration', PG_BILLING, ', datname="app", state="active"')]: '120x5' },
    at: '3m',
    fires: [{ labels: { instance: PG_BILLING, database: 'billing', datname: 'app', severity: 'warning' }, value: '2m 0s' }],
  },
  {
    alert: 'PostgresSlowQueries',
    suite: 'databases',
    why: 'a 30-second transaction',
    series: { [pg('pg_stat_activity_max_tx_duration', PG_BILLING, ', datname="app", state="active"')]: '30x5' },
    at: '3m',
    fires: [],
  },
  {
    alert: 'MySQLDown',
    suite: 'databases',
    why: 'the declared server is down',
    series: { [`mysql_up${sel('mysql', MYSQL)}`]: '0x5' },
    at: '3m',
    fires: [{ labels: { job: 'mysql', instance: MYSQL, database: 'shop', severity: 'critical' } }],
  },
  { alert: 'MySQLDown', suite: 'databases', why: 'up', series: { [`mysql_up${sel('mysql', MYSQL)}`]: '1x5' }, at: '3m', fires: [] },
  {
    alert: 'MySQLConnectionsNearLimit',
    suite: 'databases',
    why: '90 of 100 threads',
    series: {
      [`mysql_global_status_threads_connected${sel('mysql', MYSQL)}`]: '90x10',
      [`mysql_global_variables_max_connections${sel('mysql', MYSQL)}`]: '100x10',
    },
    at: '8m',
    fires: [{ labels: { instance: MYSQL, database: 'shop', severity: 'warning' }, value: '90%' }],
  },
  {
    alert: 'MySQLConnectionsNearLimit',
    suite: 'databases',
    why: '10 of 100 threads',
    series: {
      [`mysql_global_status_threads_connected${sel('mysql', MYSQL)}`]: '10x10',
      [`mysql_global_variables_max_connections${sel('mysql', MYSQL)}`]: '100x10',
    },
    at: '8m',
    fires: [],
  },
  {
    alert: 'MySQLSlowQueries',
    suite: 'databases',
    why: 'one slow query per second',
    series: { [`mysql_global_status_slow_queries${sel('mysql', MYSQL)}`]: '0+60x15' },
    at: '12m',
    fires: [{ labels: { instance: MYSQL, database: 'shop', severity: 'warning' }, value: '1' }],
  },
  {
    alert: 'MySQLSlowQueries',
    suite: 'databases',
    why: 'no slow queries',
    series: { [`mysql_global_status_slow_queries${sel('mysql', MYSQL)}`]: '3x15' },
    at: '12m',
    fires: [],
  },
  {
    alert: 'RedisDown',
    suite: 'databases',
    why: 'the declared server is down',
    series: { [`redis_up${sel('redis', REDIS)}`]: '0x5' },
    at: '3m',
    fires: [{ labels: { job: 'redis', instance: REDIS, database: 'cache', severity: 'critical' } }],
  },
  { alert: 'RedisDown', suite: 'databases', why: 'up', series: { [`redis_up${sel('redis', REDIS)}`]: '1x5' }, at: '3m', fires: [] },
  {
    alert: 'RedisConnectionsNearLimit',
    suite: 'databases',
    why: '9000 of 10000 clients',
    series: { [`redis_connected_clients${sel('redis', REDIS)}`]: '9000x10', [`redis_config_maxclients${sel('redis', REDIS)}`]: '10000x10' },
    at: '8m',
    fires: [{ labels: { instance: REDIS, database: 'cache', severity: 'warning' }, value: '90%' }],
  },
  {
    alert: 'RedisConnectionsNearLimit',
    suite: 'databases',
    why: '100 of 10000 clients',
    series: { [`redis_connected_clients${sel('redis', REDIS)}`]: '100x10', [`redis_config_maxclients${sel('redis', REDIS)}`]: '10000x10' },
    at: '8m',
    fires: [],
  },
  {
    alert: 'KafkaConsumerGroupLag',
    suite: 'databases',
    why: '6000 behind crosses the typed threshold 5000 of the cluster',
    series: {
      [`kafka_consumergroup_lag${sel('kafka', KAFKA, ', consumergroup="billing", topic="orders", partition="0"')}`]: '4000x15',
      [`kafka_consumergroup_lag${sel('kafka', KAFKA, ', consumergroup="billing", topic="orders", partition="1"')}`]: '2000x15',
    },
    at: '12m',
    fires: [{ labels: { consumergroup: 'billing', topic: 'orders', database: 'events', severity: 'warning' }, value: '6000' }],
  },
  {
    alert: 'KafkaConsumerGroupLag',
    suite: 'databases',
    why: '3000 behind would page at the catalog threshold (1000) but not at the typed 5000',
    series: { [`kafka_consumergroup_lag${sel('kafka', KAFKA, ', consumergroup="billing", topic="orders", partition="0"')}`]: '3000x15' },
    at: '12m',
    fires: [],
  },
];
