import { ComponentSpec, NOBODY } from '../../config/component';

/** The Thanos release of the sidecar and of Thanos Query (one image, one tag for both). */
const THANOS_IMAGE = { repository: 'quay.io/thanos/thanos', tag: 'v0.42.4' } as const;

/** Thanos's gRPC StoreAPI port (the sidecar serves it, Thanos Query fans out to it). */
export const THANOS_GRPC_PORT = { name: 'grpc', port: 10901 } as const;

/**
 * Catalog entry of Thanos Query: the deduplicating query layer in front of the Prometheus
 * replicas' sidecars. Stateless; its HTTP port serves the Prometheus query API, the UI and
 * /metrics. It runs as the stack's non-root uid (the image's files are world-readable).
 */
export const thanosQuerySpec = {
  name: 'thanos-query',
  ...THANOS_IMAGE,
  web: { name: 'http', port: 10902 },
  livenessPath: '/-/healthy',
  readinessPath: '/-/ready',
  metricsPath: '/metrics',
  runAs: NOBODY,
  sizing: {
    dev: { replicas: 1, resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '512Mi' } } },
    prod: { replicas: 2, resources: { requests: { cpu: '200m', memory: '512Mi' }, limits: { cpu: '1', memory: '2Gi' } } },
  },
} as const satisfies ComponentSpec;

/**
 * Catalog entry of the Thanos sidecar, a second container of each Prometheus pod: it serves the
 * replica's data over the StoreAPI (gRPC) and, with object storage, uploads its blocks. It runs
 * as the Prometheus pod's uid. Its HTTP port (probes, /metrics) is named apart from
 * Prometheus's `web` because both share the pod.
 */
export const thanosSidecarSpec = {
  name: 'thanos-sidecar',
  ...THANOS_IMAGE,
  web: { name: 'sidecar-http', port: 10902 },
  extraPorts: [THANOS_GRPC_PORT],
  livenessPath: '/-/healthy',
  readinessPath: '/-/ready',
  metricsPath: '/metrics',
  runAs: NOBODY,
  configDir: '/etc/thanos',
  secretsDir: '/etc/thanos/objstore',
  sizing: {
    dev: { replicas: 1, resources: { requests: { cpu: '25m', memory: '64Mi' }, limits: { cpu: '250m', memory: '256Mi' } } },
    prod: { replicas: 2, resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } } },
  },
} as const satisfies ComponentSpec;
