import { ComponentSpec } from '../../config/component';

/** Catalog entry of cadvisor: pinned image, ports, paths, user and sizing per profile. */
export const cadvisorSpec = {
  // Docker target only: on Kubernetes the kubelet's built-in /metrics/cadvisor is scraped instead.
  name: 'cadvisor',
  repository: 'gcr.io/cadvisor/cadvisor',
  tag: 'v0.52.1',
  web: { name: 'http', port: 8080 },
  livenessPath: '/healthz',
  readinessPath: '/healthz',
  metricsPath: '/metrics',
  runAs: 0,
  sizing: {
    dev: { replicas: 1, resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '300m', memory: '256Mi' } } },
    prod: { replicas: 1, resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } } },
  },
} as const satisfies ComponentSpec;
