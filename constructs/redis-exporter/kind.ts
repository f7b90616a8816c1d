import { ExporterKind } from '../datastores/settings';
import { redisProcess } from './files';
import { REDIS_INSTANCE_KEYS, RedisInstance, validateRedis } from './settings';
import { redisExporterSpec } from './spec';

/** Redis for the shared exporter machinery: settings, thresholds and the exporter process. */
export const redisKind: ExporterKind<RedisInstance> = {
  kind: 'redis',
  spec: redisExporterSpec,
  title: 'Redis',
  keys: REDIS_INSTANCE_KEYS,
  thresholds: { connections: { alert: 'RedisConnectionsNearLimit', range: 'ratio' } },
  validate: validateRedis,
  process: redisProcess,
};
