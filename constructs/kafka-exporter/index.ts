import { databaseExporterComponent } from '../datastores/exporter-component';
import { kafkaKind } from './kind';

/** kafka_exporter, one per Kafka cluster declared in `databases.kafka`. */
export const kafkaExporterComponent = databaseExporterComponent('kafkaExporter', kafkaKind, (s) => s.databases.kafka);
