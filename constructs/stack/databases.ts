import { Profile } from '../../config/component';
import { checkKeys } from '../../config/strict';
import { resolveDatabaseInstances } from '../datastores/settings';
import { kafkaKind } from '../kafka-exporter/kind';
import { mysqlKind } from '../mysqld-exporter/kind';
import { postgresKind } from '../postgres-exporter/kind';
import { redisKind } from '../redis-exporter/kind';
import { DATABASES_KEYS, DatabasesSettings, ResolvedDatabases } from './settings';

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
