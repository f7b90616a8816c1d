import { ComponentSpec, NOBODY } from '../../config/component';

/** Catalog entry of grafana: pinned image, ports, paths, user and sizing per profile. */
export const grafanaSpec = {
  name: 'grafana',
  repository: 'docker.io/grafana/grafana',
  tag: '12.1.1',
  web: { name: 'http', port: 3000 },
  // /healthz answers while the web server runs; /api/health also checks the database.
  livenessPath: '/healthz',
  readinessPath: '/api/health',
  metricsPath: '/metrics',
  runAs: NOBODY,
  // Stateless by design: datasources and dashboards are provisioned from files, so replicas
  // share nothing and the data dir is scratch space.
  dataDir: '/var/lib/grafana',
  configDir: '/etc/grafana/provisioning',
  sizing: {
    dev: { replicas: 1, resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } } },
    prod: { replicas: 2, resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } } },
  },
} as const satisfies ComponentSpec;
