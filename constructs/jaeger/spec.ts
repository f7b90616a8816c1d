import { ComponentSpec, NOBODY, PortSpec } from '../../config/component';

/**
 * Catalog entries of Jaeger v2 (an OpenTelemetry Collector distribution, configured by one YAML
 * file). The version is written once, here: every Jaeger image of the stack (the collector, the
 * query service, the all-in-one process of dev and the index cleaner) carries this tag.
 * 2.20.0 is the newest tag of jaegertracing/jaeger whose source we could read.
 */
export const JAEGER_VERSION = '2.20.0';
const repository = 'docker.io/jaegertracing/jaeger';

/** Every port a Jaeger process may listen on (each is written once, here). */
export const JAEGER_PORTS = {
  /** OTLP over gRPC, from the instrumented applications. */
  otlpGrpc: { name: 'otlp-grpc', port: 4317 },
  /** OTLP over HTTP (`/v1/traces`), from the instrumented applications. */
  otlpHttp: { name: 'otlp-http', port: 4318 },
  /** Remote sampling strategies over HTTP (`/sampling?service=`), read by the SDKs' Jaeger remote sampler. */
  sampling: { name: 'sampling', port: 5778 },
  /** The UI and its HTTP API. */
  queryHttp: { name: 'query-http', port: 16686 },
  /** The query gRPC API (api_v2 and api_v3). */
  queryGrpc: { name: 'query-grpc', port: 16685 },
  /** The collector's own telemetry (Prometheus exposition of the `otelcol_*` and `jaeger_*` series). */
  metrics: { name: 'metrics', port: 8888 },
  /** The span metrics the `spanmetrics` connector computes, exposed by the `prometheus` exporter. */
  spanMetrics: { name: 'spanmetrics', port: 8889 },
  /** healthcheckv2 (`/status`: 200 once every pipeline and extension is up). */
  health: { name: 'health', port: 13133 },
} as const satisfies Record<string, PortSpec>;
const P = JAEGER_PORTS;

/** The readiness path of healthcheckv2 (`use_v2: true`). */
export const HEALTH_PATH = '/status';

// Shared by the three Jaeger workloads: readiness is healthcheckv2's status, liveness a TCP
// connect to the main port (readiness and liveness must differ); the image's files are
// world-readable and Jaeger writes nothing to disk, so it runs as the stack's non-root uid.
const common = {
  repository,
  tag: JAEGER_VERSION,
  livenessPath: '/',
  livenessCheck: 'tcp',
  readinessPath: HEALTH_PATH,
  readinessPort: P.health.name,
  metricsPath: '/metrics',
  runAs: NOBODY,
  configDir: '/etc/jaeger',
} as const;

/**
 * The one Jaeger process of the dev profile (and of the Docker target): collector pipeline,
 * query service and remote sampling in one pod, from the same config functions as the split shape.
 */
export const jaegerSpec = {
  ...common,
  name: 'jaeger',
  web: P.queryHttp,
  extraPorts: [P.queryGrpc, P.otlpGrpc, P.otlpHttp, P.sampling, P.metrics, P.spanMetrics, P.health],
  sizing: {
    // Sized so the whole dev stack (metrics, logs, traces) fits 4Gi / 2 CPU of requests.
    dev: { replicas: 1, resources: { requests: { cpu: '100m', memory: '160Mi' }, limits: { cpu: '500m', memory: '512Mi' } } },
    prod: { replicas: 1, resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } } },
  },
} as const satisfies ComponentSpec;

/** The collector of the prod profile: OTLP in, memory_limiter then batch, Elasticsearch and span metrics out. */
export const jaegerCollectorSpec = {
  ...common,
  name: 'jaeger-collector',
  web: P.otlpHttp,
  extraPorts: [P.otlpGrpc, P.sampling, P.metrics, P.spanMetrics, P.health],
  sizing: {
    dev: { replicas: 1, resources: { requests: { cpu: '100m', memory: '160Mi' }, limits: { cpu: '500m', memory: '512Mi' } } },
    prod: { replicas: 2, resources: { requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } } },
  },
} as const satisfies ComponentSpec;

/** The query service of the prod profile: the UI and API, reading what the collector writes. */
export const jaegerQuerySpec = {
  ...common,
  name: 'jaeger-query',
  web: P.queryHttp,
  extraPorts: [P.queryGrpc, P.metrics, P.health],
  sizing: {
    dev: { replicas: 1, resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } } },
    prod: { replicas: 2, resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } } },
  },
} as const satisfies ComponentSpec;

/**
 * The `es-index-cleaner` CronJob: deletes the daily Jaeger indices older than the retention.
 * Its image is the Jaeger release's own (`jaegertracing/jaeger-es-index-cleaner`, same tag).
 * No port: it only makes requests.
 */
export const jaegerCleanerSpec = {
  name: 'jaeger-es-index-cleaner',
  repository: 'docker.io/jaegertracing/jaeger-es-index-cleaner',
  tag: JAEGER_VERSION,
  web: { name: 'none', port: 0 },
  livenessPath: '/',
  readinessPath: '/',
  metricsPath: '/metrics',
  runAs: NOBODY,
  sizing: {
    dev: { replicas: 1, resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '200m', memory: '128Mi' } } },
    prod: { replicas: 1, resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '200m', memory: '128Mi' } } },
  },
} as const satisfies ComponentSpec;

/** Where the Jaeger config file is mounted (inside `configDir`). */
export const CONFIG_FILE = `${common.configDir}/config.yaml`;
/** Where the remote sampling strategies file is mounted. */
export const SAMPLING_FILE = `${common.configDir}/sampling-strategies.json`;
/** Where the Elasticsearch CA certificate is mounted (with TLS on HTTP). */
export const JAEGER_CA_DIR = '/etc/jaeger/elasticsearch-ca';
