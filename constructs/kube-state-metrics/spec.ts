import { ComponentSpec, NOBODY } from '../../config/component';

/** Catalog entry of kube-state-metrics: pinned image, ports, paths, user and sizing per profile. */
export const kubeStateMetricsSpec = {
  name: 'kube-state-metrics',
  repository: 'registry.k8s.io/kube-state-metrics/kube-state-metrics',
  tag: 'v2.16.0',
  web: { name: 'http', port: 8080 },
  extraPorts: [{ name: 'telemetry', port: 8081 }],
  livenessPath: '/livez',
  readinessPath: '/readyz',
  readinessPort: 'telemetry',
  metricsPath: '/metrics',
  runAs: NOBODY,
  sizing: {
    dev: { replicas: 1, resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '256Mi' } } },
    prod: { replicas: 2, resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } } },
  },
} as const satisfies ComponentSpec;
