import { HostPort, hostPort } from '../../config/address';
import { keysOf } from '../../config/strict';
import {
  DatabaseInstanceSettings,
  INSTANCE_BASE_KEYS,
  optionalBoolean,
  plainName,
  secretKeyReference,
  SecretKeyReference,
} from '../datastores/settings';

/** Alert thresholds of one Redis instance. */
export interface RedisThresholds {
  /** RedisConnectionsNearLimit: ratio of connected clients to maxclients, in (0, 1]. @default 0.8 */
  readonly connections?: number;
}

/** A Redis server the stack runs a redis_exporter for. */
export interface RedisInstance extends DatabaseInstanceSettings {
  /** The server's `host:port`; the `instance` label of its series. @default none (required) */
  readonly address: string;
  /** ACL user of the exporter (Redis 6+; a name, not a secret). @default none (the `default` user) */
  readonly user?: string;
  /** Secret key holding the password; set as REDIS_PASSWORD from the Secret. @default none (no AUTH) */
  readonly passwordSecret?: SecretKeyReference;
  /** Connect over TLS (`rediss://`). @default false */
  readonly tls?: boolean;
  /** Alert thresholds. @default the catalog's */
  readonly thresholds?: RedisThresholds;
}

export const REDIS_INSTANCE_KEYS = keysOf<RedisInstance>({
  ...INSTANCE_BASE_KEYS,
  address: true,
  user: true,
  passwordSecret: true,
  tls: true,
  thresholds: true,
});

/** Checks the Redis fields of an instance; its one address is the server. */
export function validateRedis(where: string, field: string, instance: RedisInstance): HostPort[] {
  const address = hostPort(where, `${field}.address`, instance.address);
  if (instance.user !== undefined) plainName(where, `${field}.user`, instance.user, 'a Redis ACL user name');
  if (instance.passwordSecret !== undefined) secretKeyReference(where, `${field}.passwordSecret`, instance.passwordSecret);
  optionalBoolean(where, `${field}.tls`, instance.tls);
  return [address];
}
