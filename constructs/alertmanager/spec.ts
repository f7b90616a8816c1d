import { ComponentSpec, NOBODY } from '../../config/component';

/** Catalog entry of alertmanager: pinned image, ports, paths, user and sizing per profile. */
export const alertmanagerSpec = {
  name: 'alertmanager',
  repository: 'quay.io/prometheus/alertmanager',
  tag: 'v0.28.1',
  web: { name: 'web', port: 9093 },
  extraPorts: [{ name: 'cluster', port: 9094 }],
  livenessPath: '/-/healthy',
  readinessPath: '/-/ready',
  metricsPath: '/metrics',
  runAs: NOBODY,
  dataDir: '/alertmanager',
  configDir: '/etc/alertmanager/config',
  secretsDir: '/etc/alertmanager/secrets',
  sizing: {
    dev: { replicas: 1, storage: '1Gi', resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } } },
    prod: {
      replicas: 3,
      storage: '5Gi',
      resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
    },
  },
} as const satisfies ComponentSpec;
