import { Profile } from './config/component';
import { StackSettings } from './constructs/stack/settings';

/**
 * The settings `npm run synth` uses: every feature switched on (the logs store too), with one example monitored
 * service (`demo-api` in namespace `demo`). Replace `services` with your own.
 */
export function defaultSettings(profile: Profile): StackSettings {
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
          slos: [
            { name: 'availability', kind: 'availability', objective: 99.9, window: '30d' },
            { name: 'latency', kind: 'latency', objective: 99, latencyThreshold: 0.5, window: '30d' },
          ],
        },
      },
    ],
    // prod: one example PostgreSQL server and one Redis (the exporters read their password from
    // the Secrets named here; create them before the pods can start). Replace with your own.
    ...(profile === 'prod'
      ? {
          databases: {
            postgres: [
              {
                name: 'orders',
                address: 'orders-db.demo.svc:5432',
                user: 'exporter',
                passwordSecret: { name: 'orders-db-exporter', key: 'password' },
                database: 'orders',
              },
            ],
            redis: [
              {
                name: 'cache',
                address: 'cache.demo.svc:6379',
                user: 'exporter',
                passwordSecret: { name: 'cache-exporter', key: 'password' },
              },
            ],
          },
        }
      : {}),
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
    // The logs store. It reads the TLS Secret `elasticsearch-certs` (tls.crt, tls.key, ca.crt; or set
    // tls.certManagerIssuer) and the passwords in `elasticsearch-credentials` (keys elastic,
    // kibana_system, exporter, grafana); the Pulumi cluster target creates the latter. See docs/elasticsearch.md.
    // Kibana comes with it (set `kibana: false` to leave it out); it reads its encryption keys from
    // the Secret `kibana-encryption-keys` (the Pulumi targets generate it). See docs/kibana.md.
    elasticsearch: {},
    // Traces: Jaeger v2 on that Elasticsearch (one process in dev, collector and query in prod), with
    // its users' passwords under the keys jaeger* of `elasticsearch-credentials`. See docs/tracing.md.
    jaeger: {},
  };
}
