import { ResolvedSettings, StackSettings } from '../../constructs/stack/settings';
import { resolveSettings } from '../../constructs/stack/resolve';

/** The example service with every per-service feature switched on. */
export const DEMO = { service: 'demo-api', namespace: 'demo', team: 'platform' } as const;
export const PROBE_INSTANCE = 'http://demo-api.demo:8080/healthz';
export const FRESHNESS_METRIC = 'pipeline_last_success_timestamp_seconds';
/** The example service's own database metrics (alerting.databaseClient). */
export const DATABASE_CLIENT = {
  poolInUseMetric: 'db_pool_connections_in_use',
  poolMaxMetric: 'db_pool_connections_max',
  queryDurationMetric: 'db_query_duration_seconds',
} as const;

/** Settings with every alert of the catalog enabled (probe, freshness, SLOs, all exporters, all receivers, Elasticsearch, Thanos). */
export function fullInput(overrides: Partial<StackSettings> = {}): StackSettings {
  return {
    profile: 'dev',
    cluster: 'test-cluster',
    environment: 'test',
    prometheus: { storage: '10Gi', thanos: true },
    services: [
      {
        name: DEMO.service,
        namespace: DEMO.namespace,
        port: 8080,
        team: DEMO.team,
        alerting: {
          probe: { instance: PROBE_INSTANCE },
          freshness: { metric: FRESHNESS_METRIC, maxAge: '2h' },
          databaseClient: DATABASE_CLIENT,
          slos: [
            { name: 'availability', kind: 'availability', objective: 99.9 },
            { name: 'latency', kind: 'latency', objective: 99, latencyThreshold: 0.5 },
          ],
        },
      },
    ],
    alerting: {
      exporters: { postgres: { matchers: { job: 'postgres' } }, mysql: {}, redis: {}, kafka: {} },
      receivers: {
        slack: { channel: '#alerts', criticalChannel: '#incidents' },
        email: { to: 'oncall@example.org', from: 'alertmanager@example.org', smarthost: 'smtp.example.org:587' },
        pagerduty: {},
        webhook: { url: 'http://bridge.oncall.svc:8080/hook' },
      },
      watchdog: { heartbeatUrl: 'http://heartbeat.example.org/ping' },
    },
    elasticsearch: {},
    jaeger: {},
    ...overrides,
  };
}

export function fullSettings(overrides: Partial<StackSettings> = {}): ResolvedSettings {
  return resolveSettings(fullInput(overrides), 'test');
}

/** `fullSettings` with a changed `alerting` block (merged shallowly). */
export function withAlerting(alerting: NonNullable<StackSettings['alerting']>, services?: StackSettings['services']): ResolvedSettings {
  const base = fullInput();
  return resolveSettings({ ...base, ...(services ? { services } : {}), alerting: { ...base.alerting, ...alerting } }, 'test');
}
