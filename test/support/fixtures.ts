import { Profile } from '../../config/component';
import { StackSettings } from '../../constructs/stack/settings';

/**
 * The tests' own settings: every feature switched on, with one monitored service (`demo-api`
 * in namespace `demo`). A copy of what synth-settings.ts shipped with, kept here so that users
 * editing synth-settings.ts (as the README tells them to) cannot break the tests or their
 * snapshots. Change it only together with the snapshots.
 */
export function fixtureSettings(profile: Profile): StackSettings {
  return {
    profile,
    cluster: profile === 'prod' ? 'prod-cluster' : 'dev-cluster',
    environment: profile,
    namespace: 'monitoring',
    agentsNamespace: 'monitoring-agents',
    discovery: { scope: 'namespaces', namespaces: ['demo'] },
    services: [
      {
        name: 'demo-api',
        namespace: 'demo',
        port: 8080,
        path: '/metrics',
        team: 'platform',
        alerting: {
          requestsMetric: 'http_requests_total',
          durationMetric: 'http_request_duration_seconds',
          probe: { instance: 'http://demo-api.demo.svc:8080/healthz' },
          databaseClient: {
            poolInUseMetric: 'db_pool_connections_in_use',
            poolMaxMetric: 'db_pool_connections_max',
            queryDurationMetric: 'db_query_duration_seconds',
          },
          slos: [
            { name: 'availability', kind: 'availability', objective: 99.9, window: '30d' },
            { name: 'latency', kind: 'latency', objective: 99, latencyThreshold: 0.5, window: '30d' },
          ],
        },
      },
    ],
    alerting: {
      // Receivers read their credentials from the Secret `alertmanager-receivers`
      // (keys slack-api-url, smtp-password, pagerduty-routing-key). Add `pagerduty: {}` once
      // that Secret carries a routing key; a receiver without its secret is left out with a warning.
      // Critical alerts page through Slack's #incidents and the on-call mailbox.
      receivers: {
        slack: { channel: '#alerts', criticalChannel: '#incidents' },
        email: { to: 'oncall@example.org', from: 'alertmanager@example.org', smarthost: 'smtp.example.org:587' },
      },
      // The prod profile requires a dead-man's switch and clickable runbook links: the Watchdog
      // posts to the URL in the Secret key `watchdog-heartbeat-url`, and the runbooks are this
      // repository's pages (point it at where you publish them).
      ...(profile === 'prod'
        ? {
            watchdog: { heartbeat: { urlKey: 'watchdog-heartbeat-url' } },
            runbookBaseUrl: 'https://github.com/example-org/observability-stack/blob/main/docs/runbooks',
          }
        : {}),
    },
  };
}

/**
 * One instance of every database kind, with Secrets referenced (never values): the settings
 * the exporter tests (and `databaseFixtureSettings`) use.
 */
export function databaseFixture(): NonNullable<StackSettings['databases']> {
  return {
    postgres: [
      {
        name: 'orders',
        address: 'orders-db.data.svc:5432',
        user: 'exporter',
        passwordSecret: { name: 'orders-db-exporter', key: 'password' },
        database: 'orders',
        thresholds: { connections: 0.9 },
      },
      { name: 'billing', address: '10.20.3.4:5432', user: 'exporter', passwordSecret: { name: 'billing-db', key: 'exporter-password' } },
    ],
    mysql: [
      {
        name: 'shop',
        address: 'shop-db.data.svc:3306',
        user: 'exporter',
        passwordSecret: { name: 'shop-db', key: 'password' },
        pods: { namespace: 'data', labels: { 'app.kubernetes.io/name': 'shop-db' } },
      },
    ],
    redis: [
      { name: 'cache', address: 'cache.data.svc:6379', user: 'exporter', passwordSecret: { name: 'cache-exporter', key: 'password' } },
    ],
    kafka: [
      {
        name: 'events',
        brokers: ['kafka-0.kafka.data.svc:9092', 'kafka-1.kafka.data.svc:9092'],
        cidr: '10.40.0.0/16',
        sasl: { mechanism: 'scram-sha512', user: 'exporter', passwordSecret: { name: 'kafka-exporter', key: 'password' } },
        thresholds: { consumerLag: 5000 },
      },
    ],
  };
}

/** The fixture settings plus one instance of every database kind (two PostgreSQL servers). */
export function databaseFixtureSettings(profile: Profile): StackSettings {
  return { ...fixtureSettings(profile), databases: databaseFixture() };
}

/** A shared PostgreSQL for Grafana (the password in the Secret `grafana-db`, key `password`). */
export const GRAFANA_DATABASE = {
  host: 'grafana-db.data.svc',
  name: 'grafana',
  user: 'grafana',
  passwordSecret: { name: 'grafana-db' },
} as const;
