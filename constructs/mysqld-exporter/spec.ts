import { ComponentSpec, NOBODY } from '../../config/component';

/** Catalog entry of mysqld_exporter: pinned image, port, paths, user and sizing per profile. */
export const mysqldExporterSpec = {
  // One Deployment per declared MySQL/MariaDB instance (replicas: see postgres-exporter).
  name: 'mysqld-exporter',
  repository: 'docker.io/prom/mysqld-exporter',
  tag: 'v0.20.0',
  web: { name: 'http', port: 9104 },
  // Readiness: the exporter-toolkit landing page, its only path besides /metrics (which would
  // query the database on every probe); liveness: a TCP connect, so the two probes differ.
  livenessPath: '/',
  livenessCheck: 'tcp',
  readinessPath: '/',
  metricsPath: '/metrics',
  runAs: NOBODY,
  sizing: {
    dev: { replicas: 1, resources: { requests: { cpu: '25m', memory: '32Mi' }, limits: { cpu: '250m', memory: '96Mi' } } },
    prod: { replicas: 2, resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '192Mi' } } },
  },
} as const satisfies ComponentSpec;
