import { ExporterKind } from '../datastores/settings';
import { postgresProcess } from './files';
import { POSTGRES_INSTANCE_KEYS, PostgresInstance, validatePostgres } from './settings';
import { postgresExporterSpec } from './spec';

/** PostgreSQL for the shared exporter machinery: settings, thresholds and the exporter process. */
export const postgresKind: ExporterKind<PostgresInstance> = {
  kind: 'postgres',
  spec: postgresExporterSpec,
  title: 'PostgreSQL',
  keys: POSTGRES_INSTANCE_KEYS,
  thresholds: {
    connections: { alert: 'PostgresConnectionsNearLimit', range: 'ratio' },
    longestTransactionSeconds: { alert: 'PostgresSlowQueries', range: 'positive' },
  },
  validate: validatePostgres,
  process: postgresProcess,
  grafanaDatasource: (instance) =>
    instance.grafanaDatasource && {
      settings: instance.grafanaDatasource,
      // Grafana's PostgreSQL plugin reads `sslmode` from jsonData; the server's mode, as the exporter uses.
      flavour: { type: 'grafana-postgresql-datasource', jsonData: { sslmode: instance.sslMode ?? 'require' } },
    },
};
