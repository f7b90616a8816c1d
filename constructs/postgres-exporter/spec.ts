import { ComponentSpec, NOBODY } from '../../config/component';

/** Catalog entry of postgres_exporter: pinned image, port, paths, user and sizing per profile. */
export const postgresExporterSpec = {
  // One Deployment per declared PostgreSQL instance. Prometheus scrapes it through its Service,
  // so the prod profile's second replica is a standby that adds no queries to the database.
  name: 'postgres-exporter',
  repository: 'quay.io/prometheuscommunity/postgres-exporter',
  tag: 'v0.20.1',
  web: { name: 'http', port: 9187 },
  // Readiness: the exporter-toolkit landing page, its only path besides /metrics (which would
  // query the database on every probe); liveness: a TCP connect, so the two probes differ.
  livenessPath: '/',
  livenessCheck: 'tcp',
  readinessPath: '/',
  metricsPath: '/metrics',
  runAs: NOBODY,
  secretsDir: '/etc/postgres-exporter/secrets',
  sizing: {
    dev: { replicas: 1, resources: { requests: { cpu: '25m', memory: '32Mi' }, limits: { cpu: '250m', memory: '96Mi' } } },
    prod: { replicas: 2, resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '192Mi' } } },
  },
} as const satisfies ComponentSpec;
