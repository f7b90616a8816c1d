import { ComponentSpec } from '../../config/component';
import { ExporterProcess } from '../datastores/settings';
import { MysqlInstance } from './settings';

/**
 * Collectors switched on beyond mysqld_exporter's defaults, for the database dashboard: query
 * counts and latency by statement digest (performance_schema) and InnoDB lock metrics.
 */
export const MYSQL_EXTRA_COLLECTORS = ['perf_schema.eventsstatementssum', 'info_schema.innodb_metrics'] as const;

/**
 * mysqld_exporter (>= 0.15) for one server: `--mysqld.address` and `--mysqld.username`; the
 * password comes from MYSQLD_EXPORTER_PASSWORD, set from the Secret (the exporter has no
 * password-file flag and reads `.my.cnf` only for the rest).
 */
export function mysqlProcess(instance: MysqlInstance, spec: ComponentSpec): ExporterProcess {
  return {
    args: [
      `--web.listen-address=:${spec.web.port}`,
      `--web.telemetry-path=${spec.metricsPath}`,
      `--mysqld.address=${instance.address}`,
      `--mysqld.username=${instance.user}`,
      ...MYSQL_EXTRA_COLLECTORS.map((c) => `--collect.${c}`),
    ],
    env: {},
    secrets: [{ secret: instance.passwordSecret, env: 'MYSQLD_EXPORTER_PASSWORD' }],
  };
}
