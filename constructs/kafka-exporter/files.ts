import { ComponentSpec } from '../../config/component';
import { ExporterProcess } from '../datastores/settings';
import { KafkaInstance } from './settings';

/**
 * kafka_exporter for one cluster: one `--kafka.server` per broker, TLS and SASL flags; the SASL
 * password comes from SASL_USER_PASSWORD, set from the Secret (the exporter reads it when
 * `--sasl.password` is empty).
 */
export function kafkaProcess(instance: KafkaInstance, spec: ComponentSpec): ExporterProcess {
  const sasl = instance.sasl;
  return {
    args: [
      `--web.listen-address=:${spec.web.port}`,
      `--web.telemetry-path=${spec.metricsPath}`,
      ...instance.brokers.map((b) => `--kafka.server=${b}`),
      ...(instance.tls ? ['--tls.enabled'] : []),
      ...(sasl ? ['--sasl.enabled', `--sasl.mechanism=${sasl.mechanism}`, `--sasl.username=${sasl.user}`] : []),
    ],
    env: {},
    secrets: sasl ? [{ secret: sasl.passwordSecret, env: 'SASL_USER_PASSWORD' }] : [],
  };
}
