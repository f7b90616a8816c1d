import { fail } from '../../config/errors';
import { HostPort, hostPort } from '../../config/address';
import { keysOf } from '../../config/strict';
import {
  checkInstanceKeys,
  DatabaseInstanceSettings,
  INSTANCE_BASE_KEYS,
  oneOf,
  optionalBoolean,
  plainName,
  secretKeyReference,
  SecretKeyReference,
} from '../datastores/settings';

/** SASL mechanisms kafka_exporter accepts with a user name and password. */
export const KAFKA_SASL_MECHANISMS = ['plain', 'scram-sha256', 'scram-sha512'] as const;

/** SASL login of the exporter. */
export interface KafkaSasl {
  /** `plain`, `scram-sha256` or `scram-sha512`. @default none (required) */
  readonly mechanism: (typeof KAFKA_SASL_MECHANISMS)[number];
  /** SASL user name (not a secret). @default none (required) */
  readonly user: string;
  /** Secret key holding the SASL password; set as SASL_USER_PASSWORD from the Secret. @default none (required) */
  readonly passwordSecret: SecretKeyReference;
}

/** Alert thresholds of one Kafka cluster. */
export interface KafkaThresholds {
  /** KafkaConsumerGroupLag: messages behind, summed over a topic's partitions. @default 1000 */
  readonly consumerLag?: number;
}

/** A Kafka cluster the stack runs a kafka_exporter for. */
export interface KafkaInstance extends DatabaseInstanceSettings {
  /**
   * Every broker's `host:port` (`--kafka.server`; a Kafka client connects to each broker, so the
   * NetworkPolicy allows each). The first is the `instance` label of the series. @default none (required)
   */
  readonly brokers: readonly string[];
  /** Connect over TLS. @default false */
  readonly tls?: boolean;
  /** SASL login. @default none (no SASL) */
  readonly sasl?: KafkaSasl;
  /** Alert thresholds. @default the catalog's */
  readonly thresholds?: KafkaThresholds;
}

export const KAFKA_INSTANCE_KEYS = keysOf<KafkaInstance>({
  ...INSTANCE_BASE_KEYS,
  brokers: true,
  tls: true,
  sasl: true,
  thresholds: true,
});
export const KAFKA_SASL_KEYS = keysOf<KafkaSasl>({ mechanism: true, user: true, passwordSecret: true });

/** Checks the Kafka fields of an instance; its addresses are the brokers. */
export function validateKafka(where: string, field: string, instance: KafkaInstance): HostPort[] {
  const brokers: unknown = instance.brokers;
  if (!Array.isArray(brokers) || brokers.length === 0)
    fail(where, `${field}.brokers`, brokers, 'a non-empty list of broker "host:port" addresses');
  const addresses = brokers.map((b, i) => hostPort(where, `${field}.brokers[${i}]`, b));
  const texts = addresses.map((a) => `${a.host}:${a.port}`);
  const repeated = texts.findIndex((t, i) => texts.indexOf(t) !== i);
  if (repeated >= 0) fail(where, `${field}.brokers[${repeated}]`, texts[repeated], 'a broker address not listed twice');
  optionalBoolean(where, `${field}.tls`, instance.tls);
  if (instance.sasl !== undefined) {
    checkInstanceKeys(where, `${field}.sasl`, instance.sasl, KAFKA_SASL_KEYS);
    oneOf(where, `${field}.sasl.mechanism`, instance.sasl.mechanism, KAFKA_SASL_MECHANISMS);
    plainName(where, `${field}.sasl.user`, instance.sasl.user, 'a SASL user name');
    secretKeyReference(where, `${field}.sasl.passwordSecret`, instance.sasl.passwordSecret);
  }
  return addresses;
}
