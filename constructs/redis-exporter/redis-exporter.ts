import { Construct } from 'constructs';
import { standaloneExporter } from '../datastores/exporter';
import { WorkloadProps } from '../k8s/standalone';
import { redisKind } from './kind';
import { RedisInstance } from './settings';

/** Props of the RedisExporter construct: the Redis server (as in `databases`) and where the exporter runs. */
export interface RedisExporterProps extends RedisInstance, WorkloadProps {}

/**
 * A redis_exporter for one Redis server, usable alone in any chart: Deployment, Service, ServiceAccount and
 * (unless `networkPolicy: false`) a NetworkPolicy allowing egress to the server's address only.
 * The password comes from the referenced Secret; no credential is ever written into a manifest.
 */
export class RedisExporter extends Construct {
  constructor(scope: Construct, id: string, props: RedisExporterProps) {
    super(scope, id);
    standaloneExporter(this, redisKind, props);
  }
}
