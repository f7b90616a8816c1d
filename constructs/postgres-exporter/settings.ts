import { HostPort, hostPort } from '../../config/address';
import { keysOf } from '../../config/strict';
import {
  DatabaseGrafanaDatasource,
  DatabaseInstanceSettings,
  INSTANCE_BASE_KEYS,
  oneOf,
  optionalBoolean,
  plainName,
  secretKeyReference,
  SecretKeyReference,
  validateGrafanaDatasource,
} from '../datastores/settings';

/** libpq `sslmode` values the exporter's driver (lib/pq) accepts. */
export const POSTGRES_SSL_MODES = ['disable', 'require', 'verify-ca', 'verify-full'] as const;

/** Alert thresholds of one PostgreSQL instance. */
export interface PostgresThresholds {
  /** PostgresConnectionsNearLimit: ratio of open connections to max_connections, in (0, 1]. @default 0.8 */
  readonly connections?: number;
  /** PostgresSlowQueries: seconds the longest active transaction may run. @default 60 */
  readonly longestTransactionSeconds?: number;
}

/** A PostgreSQL server the stack runs a postgres_exporter for. */
export interface PostgresInstance extends DatabaseInstanceSettings {
  /** The server's `host:port`; the `instance` label of its series. @default none (required) */
  readonly address: string;
  /** Login role of the exporter, granted `pg_monitor` (a name, not a secret). @default none (required) */
  readonly user: string;
  /** Secret key holding the role's password; mounted as a file, read through DATA_SOURCE_PASS_FILE. @default none (required) */
  readonly passwordSecret: SecretKeyReference;
  /** Database the exporter connects to. @default `postgres` */
  readonly database?: string;
  /** libpq sslmode: `disable`, `require`, `verify-ca` or `verify-full`. @default `require` (lib/pq's default) */
  readonly sslMode?: (typeof POSTGRES_SSL_MODES)[number];
  /**
   * Also collect calls and time per statement from pg_stat_statements (`--collector.stat_statements`;
   * the extension must be created in `database`); adds the statement panels to the dashboard.
   * @default false
   */
  readonly queryStatistics?: boolean;
  /** Alert thresholds. @default the catalog's */
  readonly thresholds?: PostgresThresholds;
  /**
   * A read-only Grafana datasource for this server (uid `postgres-<name>`, same `sslMode`), for
   * panels and Grafana-managed SQL alerts; Grafana gets egress to `address` only.
   * @default none
   */
  readonly grafanaDatasource?: DatabaseGrafanaDatasource;
}

export const POSTGRES_INSTANCE_KEYS = keysOf<PostgresInstance>({
  ...INSTANCE_BASE_KEYS,
  address: true,
  user: true,
  passwordSecret: true,
  database: true,
  sslMode: true,
  queryStatistics: true,
  thresholds: true,
  grafanaDatasource: true,
});
export const POSTGRES_THRESHOLD_KEYS = keysOf<PostgresThresholds>({ connections: true, longestTransactionSeconds: true });

/** Checks the PostgreSQL fields of an instance; its one address is the server. */
export function validatePostgres(where: string, field: string, instance: PostgresInstance): HostPort[] {
  const address = hostPort(where, `${field}.address`, instance.address);
  plainName(where, `${field}.user`, instance.user, 'the login role of the exporter');
  secretKeyReference(where, `${field}.passwordSecret`, instance.passwordSecret);
  if (instance.database !== undefined) plainName(where, `${field}.database`, instance.database, 'a database name');
  if (instance.sslMode !== undefined) oneOf(where, `${field}.sslMode`, instance.sslMode, POSTGRES_SSL_MODES);
  optionalBoolean(where, `${field}.queryStatistics`, instance.queryStatistics);
  validateGrafanaDatasource(where, `${field}.grafanaDatasource`, 'postgres', instance.name, instance.grafanaDatasource);
  return [address];
}
