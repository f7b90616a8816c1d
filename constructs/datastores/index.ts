import { Component } from '../component';
import { resolveDatabases } from './databases';
import { DATABASE_ALERTS } from './alerts';
import { cacheDashboard, datastoresDashboard, declaredDatastores, queueDashboard } from './dashboards';
import { databaseGroups, databaseWarnings } from './rules';

/**
 * Database, cache and queue alerts and dashboards: for the exporters the user runs (`alerting.exporters`)
 * and those the stack deploys per instance (`databases`, the postgres/mysqld/redis/kafka-exporter components).
 */
export const datastoresComponent: Component<'databases', 'datastores' | 'caches' | 'queues'> = {
  key: 'datastores',
  settings: {
    keys: ['databases'],
    resolve: ({ where, profile, input }) => ({ databases: resolveDatabases(where, profile, input.databases) }),
  },
  targets: [],
  alerts: DATABASE_ALERTS.flatMap((d) => d.alerts) as Component['alerts'],
  ruleFiles: (s) => ({ 'databases.yml': databaseGroups(s) }),
  warnings: databaseWarnings,
  dashboards: {
    datastores: {
      build: datastoresDashboard,
      byDefault: (s) => declaredDatastores(s).some((k) => k === 'postgres' || k === 'mysql'),
      order: 80,
    },
    caches: { build: cacheDashboard, byDefault: (s) => declaredDatastores(s).includes('redis'), order: 90 },
    queues: { build: queueDashboard, byDefault: (s) => declaredDatastores(s).includes('kafka'), order: 100 },
  },
};
