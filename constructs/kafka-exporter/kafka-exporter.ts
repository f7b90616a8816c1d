import { Construct } from 'constructs';
import { standaloneExporter } from '../datastores/exporter';
import { WorkloadProps } from '../k8s/standalone';
import { kafkaKind } from './kind';
import { KafkaInstance } from './settings';

/** Props of the KafkaExporter construct: the Kafka cluster (as in `databases`) and where the exporter runs. */
export interface KafkaExporterProps extends KafkaInstance, WorkloadProps {}

/**
 * A kafka_exporter for one Kafka cluster, usable alone in any chart: Deployment, Service, ServiceAccount and
 * (unless `networkPolicy: false`) a NetworkPolicy allowing egress to the server's address only.
 * The password comes from the referenced Secret; no credential is ever written into a manifest.
 */
export class KafkaExporter extends Construct {
  constructor(scope: Construct, id: string, props: KafkaExporterProps) {
    super(scope, id);
    standaloneExporter(this, kafkaKind, props);
  }
}
