import { ComponentSpec, NOBODY } from '../../config/component';

/** Catalog entry of prometheus: pinned image, ports, paths, user and sizing per profile. */
export const prometheusSpec = {
  name: 'prometheus',
  repository: 'quay.io/prometheus/prometheus',
  tag: 'v3.5.0',
  web: { name: 'web', port: 9090 },
  livenessPath: '/-/healthy',
  readinessPath: '/-/ready',
  metricsPath: '/metrics',
  runAs: NOBODY,
  dataDir: '/prometheus',
  configDir: '/etc/prometheus',
  secretsDir: '/etc/prometheus/secrets',
  sizing: {
    dev: { replicas: 1, storage: '10Gi', resources: { requests: { cpu: '200m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } } },
    prod: { replicas: 2, storage: '100Gi', resources: { requests: { cpu: '1', memory: '4Gi' }, limits: { cpu: '2', memory: '8Gi' } } },
  },
} as const satisfies ComponentSpec;
