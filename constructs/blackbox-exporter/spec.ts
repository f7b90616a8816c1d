import { ComponentSpec, NOBODY } from '../../config/component';

/** Catalog entry of blackbox-exporter: pinned image, ports, paths, user and sizing per profile. */
export const blackboxExporterSpec = {
  // Deployed when a monitored service declares a probe. http/tcp/dns probers only: ICMP would
  // need NET_RAW or an unsafe sysctl.
  name: 'blackbox-exporter',
  repository: 'quay.io/prometheus/blackbox-exporter',
  tag: 'v0.27.0',
  web: { name: 'http', port: 9115 },
  livenessPath: '/-/healthy',
  readinessPath: '/-/ready',
  metricsPath: '/metrics',
  runAs: NOBODY,
  configDir: '/etc/blackbox-exporter',
  sizing: {
    dev: { replicas: 1, resources: { requests: { cpu: '25m', memory: '32Mi' }, limits: { cpu: '200m', memory: '64Mi' } } },
    prod: { replicas: 2, resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } } },
  },
} as const satisfies ComponentSpec;
