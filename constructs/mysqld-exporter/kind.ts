import { ExporterKind } from '../datastores/settings';
import { mysqlProcess } from './files';
import { MYSQL_INSTANCE_KEYS, MysqlInstance, validateMysql } from './settings';
import { mysqldExporterSpec } from './spec';

/** MySQL/MariaDB for the shared exporter machinery: settings, thresholds and the exporter process. */
export const mysqlKind: ExporterKind<MysqlInstance> = {
  kind: 'mysql',
  spec: mysqldExporterSpec,
  title: 'MySQL',
  keys: MYSQL_INSTANCE_KEYS,
  thresholds: {
    connections: { alert: 'MySQLConnectionsNearLimit', range: 'ratio' },
    slowQueriesPerSecond: { alert: 'MySQLSlowQueries', range: 'positive' },
  },
  validate: validateMysql,
  process: mysqlProcess,
  grafanaDatasource: (instance) =>
    instance.grafanaDatasource && { settings: instance.grafanaDatasource, flavour: { type: 'mysql', jsonData: {} } },
};
