import { ComponentSpec, NOBODY } from '../../config/component';

/** Catalog entry of node-exporter: pinned image, ports, paths, user and sizing per profile. */
export const nodeExporterSpec = {
  name: 'node-exporter',
  repository: 'quay.io/prometheus/node-exporter',
  tag: 'v1.9.1',
  web: { name: 'metrics', port: 9100 },
  livenessPath: '/',
  readinessPath: '/metrics',
  metricsPath: '/metrics',
  runAs: NOBODY,
  sizing: {
    dev: { replicas: 1, resources: { requests: { cpu: '50m', memory: '32Mi' }, limits: { cpu: '200m', memory: '64Mi' } } },
    prod: { replicas: 1, resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '250m', memory: '128Mi' } } },
  },
} as const satisfies ComponentSpec;
