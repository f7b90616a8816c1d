import { Profile } from '../../config/component';
import { postgresFreshnessCheck } from '../../constructs/grafana/alerting-settings';
import { StackSettings } from '../../constructs/stack/settings';
import { databaseFixture, fixtureSettings } from '../support/fixtures';

/** Grafana's read-only login on the orders database: its own user and Secret, not the exporter's. */
export const ORDERS_READER = { user: 'grafana_reader', passwordSecret: { name: 'orders-db-grafana', key: 'password' }, database: 'orders' };

/** The example of the docs: a critical "no new orders in 2 h" check on the orders database. */
export const ORDERS_FRESHNESS = postgresFreshnessCheck({
  name: 'OrdersNotWritten',
  datasource: 'postgres-orders',
  table: 'shop.orders',
  timestampColumn: 'created_at',
  maxAge: '2h',
  folder: 'infrastructure',
});

/**
 * The database fixture with read-only Grafana datasources on the `orders` PostgreSQL and the
 * `shop` MySQL servers, and the freshness check in Grafana-managed alerts (plus `extra` checks).
 */
export function grafanaAlertsSettings(profile: Profile, grafana: StackSettings['grafana'] = {}): StackSettings {
  const databases = databaseFixture();
  const [orders, ...postgres] = databases.postgres!;
  const [shop] = databases.mysql!;
  return {
    ...fixtureSettings(profile),
    databases: {
      ...databases,
      postgres: [{ ...orders, grafanaDatasource: ORDERS_READER }, ...postgres],
      mysql: [
        {
          ...shop,
          grafanaDatasource: { user: 'grafana_reader', passwordSecret: { name: 'shop-db-grafana', key: 'password' }, database: 'shop' },
        },
      ],
    },
    grafana: { alerts: { sqlChecks: [ORDERS_FRESHNESS] }, ...grafana },
  };
}
