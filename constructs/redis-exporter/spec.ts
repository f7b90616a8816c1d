import { ComponentSpec, NOBODY } from '../../config/component';

/** Catalog entry of redis_exporter: pinned image, port, paths, user and sizing per profile. */
export const redisExporterSpec = {
  // One Deployment per declared Redis instance (replicas: see postgres-exporter). The `-alpine` variant of the
  // release: the plain one is FROM scratch, without the wget the Docker health check runs.
  name: 'redis-exporter',
  repository: 'docker.io/oliver006/redis_exporter',
  tag: 'v1.88.0-alpine',
  web: { name: 'http', port: 9121 },
  // Neither path touches the database (a down database must not make the exporter unready).
  livenessPath: '/',
  readinessPath: '/health',
  metricsPath: '/metrics',
  runAs: NOBODY,
  sizing: {
    dev: { replicas: 1, resources: { requests: { cpu: '10m', memory: '24Mi' }, limits: { cpu: '200m', memory: '64Mi' } } },
    prod: { replicas: 2, resources: { requests: { cpu: '25m', memory: '48Mi' }, limits: { cpu: '500m', memory: '128Mi' } } },
  },
} as const satisfies ComponentSpec;
