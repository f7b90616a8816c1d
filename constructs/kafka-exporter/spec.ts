import { ComponentSpec, NOBODY } from '../../config/component';

/** Catalog entry of kafka_exporter: pinned image, port, paths, user and sizing per profile. */
export const kafkaExporterSpec = {
  // One Deployment per declared Kafka cluster (replicas: see postgres-exporter). It exits when no
  // broker answers at start (the pod restarts until one does; TargetDown covers that).
  name: 'kafka-exporter',
  repository: 'docker.io/danielqsj/kafka-exporter',
  tag: 'v1.9.0',
  web: { name: 'http', port: 9308 },
  // Neither path touches the database (a down database must not make the exporter unready).
  livenessPath: '/',
  readinessPath: '/healthz',
  metricsPath: '/metrics',
  runAs: NOBODY,
  sizing: {
    // Memory grows with the number of topics, partitions and consumer groups.
    dev: { replicas: 1, resources: { requests: { cpu: '25m', memory: '48Mi' }, limits: { cpu: '250m', memory: '128Mi' } } },
    prod: { replicas: 2, resources: { requests: { cpu: '50m', memory: '96Mi' }, limits: { cpu: '500m', memory: '256Mi' } } },
  },
} as const satisfies ComponentSpec;
