import { ComponentSpec } from '../../config/component';
import { ExporterProcess } from '../datastores/settings';
import { RedisInstance } from './settings';

/**
 * redis_exporter for one server: REDIS_ADDR (`redis://` or `rediss://`), REDIS_USER for an ACL
 * user, and REDIS_PASSWORD set from the Secret. (Its REDIS_PASSWORD_FILE is a JSON map of
 * URI -> password for multi-target scraping, not a file holding one password.)
 */
export function redisProcess(instance: RedisInstance, spec: ComponentSpec): ExporterProcess {
  return {
    args: [`--web.listen-address=:${spec.web.port}`, `--web.telemetry-path=${spec.metricsPath}`],
    env: {
      REDIS_ADDR: `${instance.tls ? 'rediss' : 'redis'}://${instance.address}`,
      ...(instance.user !== undefined ? { REDIS_USER: instance.user } : {}),
    },
    secrets: instance.passwordSecret ? [{ secret: instance.passwordSecret, env: 'REDIS_PASSWORD' }] : [],
  };
}
