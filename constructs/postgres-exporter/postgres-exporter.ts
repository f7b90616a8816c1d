import { Construct } from 'constructs';
import { standaloneExporter } from '../datastores/exporter';
import { WorkloadProps } from '../k8s/standalone';
import { postgresKind } from './kind';
import { PostgresInstance } from './settings';

/** Props of the PostgresExporter construct: the PostgreSQL server (as in `databases`) and where the exporter runs. */
export interface PostgresExporterProps extends PostgresInstance, WorkloadProps {}

/**
 * A postgres_exporter for one PostgreSQL server, usable alone in any chart: Deployment, Service, ServiceAccount and
 * (unless `networkPolicy: false`) a NetworkPolicy allowing egress to the server's address only.
 * The password comes from the referenced Secret; no credential is ever written into a manifest.
 */
export class PostgresExporter extends Construct {
  constructor(scope: Construct, id: string, props: PostgresExporterProps) {
    super(scope, id);
    standaloneExporter(this, postgresKind, props);
  }
}
