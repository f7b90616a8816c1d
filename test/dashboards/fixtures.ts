import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboards } from '../../constructs/stack/dashboards';
import { dataPanels } from '../../config/dashboards/validate';
import { databaseFixture, fixtureSettings } from '../support/fixtures';
import { ResolvedSettings, StackSettings } from '../../constructs/stack/settings';
import { resolveSettings } from '../../constructs/stack/resolve';

/** Default settings plus SLOs, a service with custom RED metric names and every datastore exporter. */
export function richSettings(): StackSettings {
  const base = fixtureSettings('dev');
  return {
    ...base,
    elasticsearch: {},
    jaeger: {},
    services: [
      {
        ...base.services![0],
        alerting: {
          slos: [
            { name: 'availability', kind: 'availability', objective: 99.9 },
            { name: 'fast-requests', kind: 'latency', objective: 99, latencyThreshold: 0.5, window: '28d' },
          ],
        },
      },
      {
        name: 'checkout',
        namespace: 'shop',
        port: 9000,
        alerting: { requestsMetric: 'checkout_requests_total', durationMetric: 'checkout_request_seconds' },
      },
    ],
    alerting: {
      exporters: {
        postgres: { matchers: { job: 'postgres' } },
        mysql: { matchers: { job: 'mysql' } },
        redis: { matchers: { job: 'redis' } },
        kafka: { matchers: { job: 'kafka' } },
      },
    },
    // A deployed PostgreSQL exporter with pg_stat_statements: the statement panels are on too.
    databases: { postgres: [{ ...databaseFixture().postgres![0], queryStatistics: true }] },
  };
}

export const resolve = (settings: StackSettings): ResolvedSettings => resolveSettings(settings, 'test');

/** Every PromQL query of a dashboard with the panel it belongs to. */
export function queriesOf(model: dashboard.Dashboard): Array<{ panel: string; expr: string }> {
  return dataPanels(model).flatMap((panel) =>
    (panel.targets ?? []).map((target) => ({ panel: panel.title ?? '', expr: (target as unknown as { expr: string }).expr })),
  );
}

/** The shipped dashboards for the rich settings, by UID. */
export function richDashboards(): Map<string, dashboard.Dashboard> {
  return new Map(buildDashboards(resolve(richSettings())).map(({ model }) => [model.uid!, model]));
}
