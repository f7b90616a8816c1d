import { ExporterKind } from '../datastores/settings';
import { kafkaProcess } from './files';
import { KAFKA_INSTANCE_KEYS, KafkaInstance, validateKafka } from './settings';
import { kafkaExporterSpec } from './spec';

/** Kafka for the shared exporter machinery: settings, thresholds and the exporter process. */
export const kafkaKind: ExporterKind<KafkaInstance> = {
  kind: 'kafka',
  spec: kafkaExporterSpec,
  title: 'Kafka',
  keys: KAFKA_INSTANCE_KEYS,
  thresholds: { consumerLag: { alert: 'KafkaConsumerGroupLag', range: 'positive' } },
  validate: validateKafka,
  process: kafkaProcess,
};
