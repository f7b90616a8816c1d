import { HostPort, hostPort } from '../../config/address';
import { keysOf } from '../../config/strict';
import {
  DatabaseGrafanaDatasource,
  DatabaseInstanceSettings,
  INSTANCE_BASE_KEYS,
  plainName,
  secretKeyReference,
  SecretKeyReference,
  validateGrafanaDatasource,
} from '../datastores/settings';

/** Alert thresholds of one MySQL/MariaDB instance. */
export interface MysqlThresholds {
  /** MySQLConnectionsNearLimit: ratio of connected threads to max_connections, in (0, 1]. @default 0.8 */
  readonly connections?: number;
  /** MySQLSlowQueries: slow queries per second. @default 0.1 */
  readonly slowQueriesPerSecond?: number;
}

/** A MySQL or MariaDB server the stack runs a mysqld_exporter for. */
export interface MysqlInstance extends DatabaseInstanceSettings {
  /** The server's `host:port` (`--mysqld.address`); the `instance` label of its series. @default none (required) */
  readonly address: string;
  /** User of the exporter (`--mysqld.username`, a name, not a secret). @default none (required) */
  readonly user: string;
  /** Secret key holding the user's password; set as MYSQLD_EXPORTER_PASSWORD from the Secret. @default none (required) */
  readonly passwordSecret: SecretKeyReference;
  /** Alert thresholds. @default the catalog's */
  readonly thresholds?: MysqlThresholds;
  /**
   * A read-only Grafana datasource for this server (uid `mysql-<name>`), for panels and
   * Grafana-managed SQL alerts; Grafana gets egress to `address` only.
   * @default none
   */
  readonly grafanaDatasource?: DatabaseGrafanaDatasource;
}

export const MYSQL_INSTANCE_KEYS = keysOf<MysqlInstance>({
  ...INSTANCE_BASE_KEYS,
  address: true,
  user: true,
  passwordSecret: true,
  thresholds: true,
  grafanaDatasource: true,
});

/** Checks the MySQL fields of an instance; its one address is the server. */
export function validateMysql(where: string, field: string, instance: MysqlInstance): HostPort[] {
  const address = hostPort(where, `${field}.address`, instance.address);
  plainName(where, `${field}.user`, instance.user, 'the MySQL user of the exporter');
  secretKeyReference(where, `${field}.passwordSecret`, instance.passwordSecret);
  validateGrafanaDatasource(where, `${field}.grafanaDatasource`, 'mysql', instance.name, instance.grafanaDatasource);
  return [address];
}
