import { Profile } from '../../config/component';
import { checkKeys, keysOf } from '../../config/strict';
import { kafkaKind } from '../kafka-exporter/kind';
import { KafkaInstance } from '../kafka-exporter/settings';
import { mysqlKind } from '../mysqld-exporter/kind';
import { MysqlInstance } from '../mysqld-exporter/settings';
import { postgresKind } from '../postgres-exporter/kind';
import { PostgresInstance } from '../postgres-exporter/settings';
import { redisKind } from '../redis-exporter/kind';
import { RedisInstance } from '../redis-exporter/settings';
import { resolveDatabaseInstances, ResolvedDatabaseInstance } from './settings';

declare module '../stack/settings' {
  interface StackSettings {
    /** Databases, caches and queues to deploy an exporter for, per instance. @default none */
    readonly databases?: DatabasesSettings;
  }
  interface ResolvedSettings {
    readonly databases: ResolvedDatabases;
  }
}

declare module '../../config/dashboards/settings' {
  interface ShippedDashboards {
    /** Database performance (PostgreSQL, MySQL). @default on when such exporters are declared in `databases` or `alerting.exporters` */
    readonly datastores: true;
    /** Redis. @default on when such exporters are declared */
    readonly caches: true;
    /** Kafka. @default on when such exporters are declared */
    readonly queues: true;
  }
}

/**
 * Databases, caches and queues the stack runs an exporter for, one Deployment per instance;
 * each instance's series carry `job` = the kind and `instance` = the database address, and the
 * database alerts are switched on for it. (`alerting.exporters` is for exporters you run yourself.)
 */
export interface DatabasesSettings {
  /** PostgreSQL servers (postgres_exporter). @default none */
  readonly postgres?: readonly PostgresInstance[];
  /** MySQL or MariaDB servers (mysqld_exporter). @default none */
  readonly mysql?: readonly MysqlInstance[];
  /** Redis servers (redis_exporter). @default none */
  readonly redis?: readonly RedisInstance[];
  /** Kafka clusters (kafka_exporter). @default none */
  readonly kafka?: readonly KafkaInstance[];
}
export const DATABASES_KEYS = keysOf<DatabasesSettings>({ postgres: true, mysql: true, redis: true, kafka: true });

/** The declared instances of every kind, validated (empty lists for undeclared kinds). */
export type ResolvedDatabases = {
  readonly [K in keyof Required<DatabasesSettings>]: ReadonlyArray<ResolvedDatabaseInstance<NonNullable<DatabasesSettings[K]>[number]>>;
};

/** Validates `databases` (every kind's instances) and fills the defaults. */
export function resolveDatabases(where: string, profile: Profile, input: DatabasesSettings | undefined): ResolvedDatabases {
  checkKeys(where, 'databases', input, DATABASES_KEYS);
  return {
    postgres: resolveDatabaseInstances(where, profile, postgresKind, input?.postgres),
    mysql: resolveDatabaseInstances(where, profile, mysqlKind, input?.mysql),
    redis: resolveDatabaseInstances(where, profile, redisKind, input?.redis),
    kafka: resolveDatabaseInstances(where, profile, kafkaKind, input?.kafka),
  };
}
