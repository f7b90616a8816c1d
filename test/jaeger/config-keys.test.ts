import { parse } from 'yaml';
import { renderJaegerConfig } from '../../constructs/jaeger/files';
import { resolveJaeger } from '../../constructs/jaeger/settings';

/**
 * The keys the rendered config may use, section by section: the `mapstructure` names of the
 * config structs of the pinned releases (Jaeger 2.20.0: internal/storage/elasticsearch/config,
 * remotesampling, storageexporter, jaegerquery; OpenTelemetry Collector v0.155.0: confighttp,
 * configgrpc, exporterhelper QueueBatchConfig, memorylimiter, batch; contrib v0.155.0:
 * healthcheckv2, spanmetrics, prometheus exporter). The collector rejects an unknown key at
 * start ("has invalid keys"), which no test here can run: this is the contract instead.
 * `*` stands for any key (a name the config chooses), `[]` for the items of a list.
 */
type Shape = { readonly [key: string]: Shape | true };
const server: Shape = { endpoint: true };
const periodic: Shape = { date_layout: true, rollover_frequency: true };
const index: Shape = {
  shards: true,
  replicas: true,
  priority: true,
  rotation: { periodic, auto_rollover: { read_alias: true, write_alias: true, policy_name: true }, manual_rollover: true },
};
const backend: Shape = {
  elasticsearch: {
    server_urls: true,
    auth: { basic: { username: true, password: true, password_file: true, reload_interval: true } },
    tls: { ca_file: true, insecure: true, insecure_skip_verify: true },
    create_mappings: true,
    max_span_age: true,
    indices: { index_prefix: true, spans: index, services: index, dependencies: index, sampling: index },
  },
};
const SHAPE: Shape = {
  service: {
    extensions: true,
    pipelines: { '*': { receivers: true, processors: true, exporters: true } },
    telemetry: {
      resource: { 'service.name': true },
      metrics: { level: true, readers: { '[]': { pull: { exporter: { prometheus: { host: true, port: true } } } } } },
      logs: { level: true },
    },
  },
  extensions: {
    jaeger_storage: { backends: { '*': backend }, metric_backends: { '*': backend } },
    healthcheckv2: { use_v2: true, http: { endpoint: true, status: { enabled: true, path: true }, config: { enabled: true, path: true } } },
    remote_sampling: { file: { path: true, reload_interval: true, default_sampling_probability: true }, http: server, grpc: server },
    jaeger_query: { storage: { traces: true, traces_archive: true, metrics: true }, http: server, grpc: server, base_path: true },
  },
  receivers: { otlp: { protocols: { grpc: server, http: server } }, nop: {} },
  processors: {
    memory_limiter: { check_interval: true, limit_percentage: true, spike_limit_percentage: true, limit_mib: true, spike_limit_mib: true },
    batch: { send_batch_size: true, send_batch_max_size: true, timeout: true },
  },
  connectors: {
    spanmetrics: {
      namespace: true,
      histogram: { unit: true, disable: true, explicit: { buckets: true }, exponential: true },
      dimensions: { '[]': { name: true, default: true } },
      exemplars: { enabled: true, max_per_data_point: true },
      metrics_flush_interval: true,
    },
  },
  exporters: {
    jaeger_storage_exporter: {
      trace_storage: true,
      queue: {
        wait_for_result: true,
        sizer: true,
        queue_size: true,
        block_on_overflow: true,
        storage: true,
        num_consumers: true,
        batch: true,
      },
      retry_on_failure: true,
    },
    prometheus: { endpoint: true, enable_open_metrics: true, namespace: true },
    nop: {},
  },
};

/** Every key path of `value` that `shape` does not allow. */
function unknownKeys(value: unknown, shape: Shape | true, path: string): string[] {
  if (shape === true || value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return shape['[]'] ? value.flatMap((v, i) => unknownKeys(v, shape['[]'], `${path}[${i}]`)) : [];
  return Object.entries(value).flatMap(([key, inner]) => {
    const next = shape[key] ?? shape['*'];
    return next === undefined ? [`${path}.${key}`] : unknownKeys(inner, next, `${path}.${key}`);
  });
}

const es = { tls: { http: true, transport: true, secretName: 'elasticsearch-certs' } };
describe.each([
  ['dev, daily indices', 'dev', {}],
  ['prod, ILM rollover, prefix', 'prod', { rotation: 'ilm', indexPrefix: 'prod' }],
] as const)('%s', (_name, profile, input) => {
  const jaeger = resolveJaeger('test', 'jaeger', profile, 'monitoring', { esNodes: 3 }, input);
  it.each(['single', 'collector', 'query'] as const)('the %s config uses only keys of the pinned config structs', (role) => {
    const config = parse(renderJaegerConfig(role, jaeger, es, 'monitoring'));
    expect(unknownKeys(config, SHAPE, '')).toEqual([]);
    // Every component a pipeline names is configured, and every configured extension is started.
    for (const pipeline of Object.values(config.service.pipelines) as any[]) {
      for (const r of pipeline.receivers) expect(config.receivers[r] ?? config.connectors?.[r]).toBeDefined();
      for (const p of pipeline.processors ?? []) expect(config.processors[p]).toBeDefined();
      for (const e of pipeline.exporters) expect(config.exporters[e] ?? config.connectors?.[e]).toBeDefined();
    }
    expect([...config.service.extensions].sort()).toEqual(Object.keys(config.extensions).sort());
  });
});

test('the contract catches a key the structs do not have', () => {
  expect(unknownKeys({ exporters: { jaeger_storage_exporter: { queue: { enabled: true } } } }, SHAPE, '')).toEqual([
    '.exporters.jaeger_storage_exporter.queue.enabled',
  ]);
});
