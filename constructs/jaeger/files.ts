/**
 * What the Jaeger processes read, rendered as text: the OpenTelemetry-collector YAML of the
 * collector, of the query service and of the one dev process, and the remote sampling strategies.
 * Pure and target-neutral: the cluster and the Docker target mount these exact bytes. Secrets are
 * `${env:...}` references the collector expands from the pod's environment (a Secret reference).
 */
import { toYaml } from '../../config/yaml';
import { clusterUrl } from '../elasticsearch/files';
import { ResolvedElasticsearch } from '../elasticsearch/settings';
import { indexPattern, ResolvedJaeger, ResolvedSampling } from './settings';
import { HEALTH_PATH, JAEGER_CA_DIR, JAEGER_PORTS as P, SAMPLING_FILE } from './spec';

/** The role of one Jaeger process: the collector, the query service, or both in one (dev). */
export type JaegerRole = 'collector' | 'query' | 'single';

/** The environment variable carrying the process's Elasticsearch password (from the credentials Secret). */
export const PASSWORD_ENV = 'JAEGER_ES_PASSWORD';
/** Name of the storage backend in `jaeger_storage` (the exporter and query refer to it). */
export const STORAGE = 'elasticsearch';
/** `namespace` of the spanmetrics connector: the series are `traces_span_metrics_*` (set explicitly, not left to the default). */
export const SPAN_METRICS_NAMESPACE = 'traces.span.metrics';
/** The Prometheus names of the span metrics (the exporter turns dots into `_`, adds `_total` and the `s` unit as `_seconds`). */
export const SPAN_METRICS = {
  calls: 'traces_span_metrics_calls_total',
  duration: 'traces_span_metrics_duration_seconds',
} as const;
/** Span attributes the connector adds as dimensions (labels `http_request_method`, `http_route`, `http_response_status_code`). */
export const SPAN_METRICS_DIMENSIONS = ['http.request.method', 'http.route', 'http.response.status_code'] as const;
/** Latency buckets of the span-duration histogram, in seconds (the unit is `s`). */
export const SPAN_DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The Elasticsearch user of each role: the collector writes, query reads, the dev process does both. */
export const JAEGER_USERS: Readonly<Record<JaegerRole, string>> = {
  collector: 'jaeger-collector',
  query: 'jaeger-query',
  single: 'jaeger',
};

const listen = (port: { port: number }) => `0.0.0.0:${port.port}`;

/**
 * One index type's options: one shard, replicas tied to the cluster's nodes, and the rotation
 * every role shares (daily indices, or ILM rollover aliases).
 */
function indexOptions(jaeger: ResolvedJaeger): Record<string, unknown> {
  return {
    shards: 1,
    replicas: jaeger.indexReplicas,
    rotation:
      jaeger.rotation === 'daily'
        ? { periodic: { date_layout: '2006-01-02', rollover_frequency: 'day' } }
        : { auto_rollover: { policy_name: jaeger.ilmPolicy } },
  };
}

/**
 * The `jaeger_storage` backend: the stack's cluster as the role's user (password from the
 * environment), its CA with TLS, the shared index prefix and rotation, and the lookback. Every
 * role renders it with this one function, so query reads exactly the indices the collector writes.
 */
export function storageBackend(jaeger: ResolvedJaeger, es: Pick<ResolvedElasticsearch, 'tls'>, esNamespace: string, role: JaegerRole) {
  const index = indexOptions(jaeger);
  return {
    elasticsearch: {
      server_urls: [clusterUrl(es, esNamespace)],
      auth: { basic: { username: JAEGER_USERS[role], password: `\${env:${PASSWORD_ENV}}` } },
      tls: es.tls.http ? { ca_file: `${JAEGER_CA_DIR}/ca.crt` } : { insecure: true },
      // Templates are installed by the writer (and by the dev process); query only reads.
      create_mappings: role !== 'query',
      max_span_age: `${jaeger.lookbackDays * 24}h`,
      indices: {
        ...(jaeger.indexPrefix ? { index_prefix: jaeger.indexPrefix } : {}),
        spans: index,
        services: index,
        dependencies: index,
        sampling: index,
      },
    },
  };
}

/** The collector's own telemetry: Prometheus exposition on 8888, `service.name` = the process. */
function telemetry(name: string) {
  return {
    resource: { 'service.name': name },
    metrics: { level: 'detailed', readers: [{ pull: { exporter: { prometheus: { host: '0.0.0.0', port: P.metrics.port } } } }] },
    logs: { level: 'info' },
  };
}

const healthcheck = { use_v2: true, http: { endpoint: listen(P.health), status: { enabled: true, path: HEALTH_PATH } } };

/** The collector's part: OTLP in, memory_limiter then batch, Elasticsearch and the spanmetrics connector out, remote sampling. */
function collectorParts() {
  return {
    extensions: {
      remote_sampling: {
        file: { path: SAMPLING_FILE, reload_interval: '1m' },
        http: { endpoint: listen(P.sampling) },
        // The gRPC sampling endpoint stays on loopback: the SDKs use HTTP, and no flow admits it.
        grpc: { endpoint: 'localhost:5779' },
      },
    },
    receivers: { otlp: { protocols: { grpc: { endpoint: listen(P.otlpGrpc) }, http: { endpoint: listen(P.otlpHttp) } } } },
    processors: {
      // First in the pipeline: refuses data (the receiver answers "retry") before the heap
      // reaches the container limit, instead of being OOM-killed.
      memory_limiter: { check_interval: '1s', limit_percentage: 80, spike_limit_percentage: 20 },
      batch: { send_batch_size: 8192, timeout: '1s' },
    },
    connectors: {
      spanmetrics: {
        namespace: SPAN_METRICS_NAMESPACE,
        histogram: { unit: 's', explicit: { buckets: SPAN_DURATION_BUCKETS.map((b) => `${b}s`) } },
        dimensions: SPAN_METRICS_DIMENSIONS.map((name) => ({ name })),
        exemplars: { enabled: true },
        metrics_flush_interval: '15s',
      },
    },
    exporters: {
      // The queue is on by being present (configoptional); its size is in requests (batches).
      jaeger_storage_exporter: { trace_storage: STORAGE, queue: { num_consumers: 4, queue_size: 1000 } },
      // OpenMetrics exposition carries the exemplars (trace ids) Grafana links to Jaeger.
      prometheus: { endpoint: listen(P.spanMetrics), enable_open_metrics: true },
    },
    pipelines: {
      traces: {
        receivers: ['otlp'],
        processors: ['memory_limiter', 'batch'],
        exporters: ['jaeger_storage_exporter', 'spanmetrics'],
      },
      'metrics/spanmetrics': { receivers: ['spanmetrics'], exporters: ['prometheus'] },
    },
  };
}

/** The query service's part: UI/API over HTTP and gRPC, traces and the Monitor tab's metrics from the same storage. */
function queryParts() {
  return {
    jaeger_query: {
      storage: { traces: STORAGE, metrics: STORAGE },
      http: { endpoint: listen(P.queryHttp) },
      grpc: { endpoint: listen(P.queryGrpc) },
    },
  };
}

/**
 * The config file of a Jaeger process. `collector`: the ingest pipeline and remote sampling;
 * `query`: the UI and API, with a no-op pipeline (a collector needs one); `single`: both in one process.
 */
export function renderJaegerConfig(
  role: JaegerRole,
  jaeger: ResolvedJaeger,
  es: Pick<ResolvedElasticsearch, 'tls'>,
  esNamespace: string,
): string {
  const backend = { backends: { [STORAGE]: storageBackend(jaeger, es, esNamespace, role) } };
  const writes = role !== 'query';
  const reads = role !== 'collector';
  const c = collectorParts();
  const extensions: Record<string, unknown> = {
    jaeger_storage: reads ? { ...backend, metric_backends: { [STORAGE]: backend.backends[STORAGE] } } : backend,
    healthcheckv2: healthcheck,
    ...(writes ? c.extensions : {}),
    ...(reads ? queryParts() : {}),
  };
  const config = {
    service: {
      extensions: Object.keys(extensions),
      pipelines: writes ? c.pipelines : { traces: { receivers: ['nop'], exporters: ['nop'] } },
      telemetry: telemetry(role === 'query' ? 'jaeger-query' : role === 'collector' ? 'jaeger-collector' : 'jaeger'),
    },
    extensions,
    ...(writes
      ? { receivers: c.receivers, processors: c.processors, connectors: c.connectors, exporters: c.exporters }
      : { receivers: { nop: {} }, exporters: { nop: {} } }),
  };
  // YAML 1.1 quoting: the collector's parser reads an unquoted 2006-01-02 as a timestamp; no
  // anchors either (each role's block stands alone and reads the same in a diff).
  return toYaml(config, { aliasDuplicateObjects: false, version: '1.1' });
}

/** One strategy of the sampling file (Jaeger's `type`/`param`). */
interface StrategyJson {
  readonly type: 'probabilistic' | 'ratelimiting';
  readonly param: number;
}
/** A per-operation entry of the sampling file. */
interface OperationJson extends StrategyJson {
  readonly operation: string;
}
/** The sampling strategies file the remote_sampling extension reads (`file.path`). */
export interface SamplingStrategiesJson {
  readonly default_strategy: StrategyJson & { readonly operation_strategies: readonly OperationJson[] };
  readonly service_strategies: ReadonlyArray<
    StrategyJson & { readonly service: string; readonly operation_strategies?: readonly OperationJson[] }
  >;
}

const dropped = (ops: readonly string[]): OperationJson[] => ops.map((operation) => ({ operation, type: 'probabilistic', param: 0 }));

/**
 * `sampling-strategies.json`: the default strategy, one entry per service with its operations,
 * and the dropped operations (probability 0) in the default and in every service that lists
 * operations of its own (a service's own entry for an operation wins).
 */
export function samplingStrategies(sampling: ResolvedSampling): SamplingStrategiesJson {
  return {
    default_strategy: { ...sampling.default, operation_strategies: dropped(sampling.dropOperations) },
    service_strategies: sampling.services.map((s) => {
      const own: OperationJson[] = (s.operations ?? []).map((o) => ({
        operation: o.operation,
        type: 'probabilistic',
        param: o.probability,
      }));
      const drops = dropped(sampling.dropOperations.filter((op) => !own.some((o) => o.operation === op)));
      return { service: s.service, type: s.type, param: s.param, operation_strategies: [...own, ...drops] };
    }),
  };
}

/** The sampling file's text. */
export function renderSamplingStrategies(sampling: ResolvedSampling): string {
  return `${JSON.stringify(samplingStrategies(sampling), null, 2)}\n`;
}

/** The environment of the index cleaner: the shared prefix, the user and TLS (its password comes from the Secret). */
export function cleanerEnv(jaeger: ResolvedJaeger, es: Pick<ResolvedElasticsearch, 'tls'>): Record<string, string> {
  return {
    ...(jaeger.indexPrefix ? { INDEX_PREFIX: jaeger.indexPrefix } : {}),
    ES_USERNAME: CLEANER_USER,
    ...(es.tls.http ? { ES_TLS_ENABLED: 'true', ES_TLS_CA: `${JAEGER_CA_DIR}/ca.crt` } : {}),
  };
}

/** The cleaner's arguments: the days to keep and the cluster URL. */
export function cleanerArgs(jaeger: ResolvedJaeger, es: Pick<ResolvedElasticsearch, 'tls'>, esNamespace: string): string[] {
  return [String(jaeger.retentionDays), clusterUrl(es, esNamespace)];
}

/** The Elasticsearch user of the index cleaner (it may only delete Jaeger indices). */
export const CLEANER_USER = 'jaeger-es-index-cleaner';
/** The cleaner reads its password from this variable (es-index-cleaner binds `--es.password` to ES_PASSWORD). */
export const CLEANER_PASSWORD_ENV = 'ES_PASSWORD';

/** The index pattern every role and the cleaner use (re-exported for the cross-reference test). */
export { indexPattern };
