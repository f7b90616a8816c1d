import { Construct } from 'constructs';
import { standaloneExporter } from '../datastores/exporter';
import { WorkloadProps } from '../k8s/standalone';
import { mysqlKind } from './kind';
import { MysqlInstance } from './settings';

/** Props of the MysqldExporter construct: the MySQL or MariaDB server (as in `databases`) and where the exporter runs. */
export interface MysqldExporterProps extends MysqlInstance, WorkloadProps {}

/**
 * A mysqld_exporter for one MySQL or MariaDB server, usable alone in any chart: Deployment, Service, ServiceAccount and
 * (unless `networkPolicy: false`) a NetworkPolicy allowing egress to the server's address only.
 * The password comes from the referenced Secret; no credential is ever written into a manifest.
 */
export class MysqldExporter extends Construct {
  constructor(scope: Construct, id: string, props: MysqldExporterProps) {
    super(scope, id);
    standaloneExporter(this, mysqlKind, props);
  }
}
