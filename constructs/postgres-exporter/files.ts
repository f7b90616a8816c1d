import { ComponentSpec } from '../../config/component';
import { ExporterProcess } from '../datastores/settings';
import { PostgresInstance } from './settings';

/** File name of the mounted password in the exporter's secrets directory. */
export const POSTGRES_PASSWORD_FILE = 'password';

/**
 * postgres_exporter for one server: DATA_SOURCE_URI (`host:port/database?sslmode=...`), the
 * role in DATA_SOURCE_USER and the password read from the mounted Secret file
 * (DATA_SOURCE_PASS_FILE); the exporter builds the URL itself, escaping the password.
 */
export function postgresProcess(instance: PostgresInstance, spec: ComponentSpec): ExporterProcess {
  const file = `${spec.secretsDir}/${POSTGRES_PASSWORD_FILE}`;
  const database = encodeURIComponent(instance.database ?? 'postgres');
  return {
    args: [
      `--web.listen-address=:${spec.web.port}`,
      `--web.telemetry-path=${spec.metricsPath}`,
      ...(instance.queryStatistics ? ['--collector.stat_statements'] : []),
    ],
    env: {
      DATA_SOURCE_URI: `${instance.address}/${database}?sslmode=${instance.sslMode ?? 'require'}`,
      DATA_SOURCE_USER: instance.user,
      DATA_SOURCE_PASS_FILE: file,
    },
    secrets: [{ secret: instance.passwordSecret, file }],
  };
}
