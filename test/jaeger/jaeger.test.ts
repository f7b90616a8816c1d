import { App, Chart } from 'cdk8s';
import { parse } from 'yaml';
import { clientRole, setupPlan } from '../../constructs/elasticsearch/files';
import { renderGrafanaDatasources } from '../../constructs/grafana/provisioning';
import { CLEANER_USER, JAEGER_USERS, renderJaegerConfig, samplingStrategies, SPAN_METRICS } from '../../constructs/jaeger/files';
import { jaegerTraceUrl } from '../../constructs/jaeger/grafana-datasource';
import { Jaeger } from '../../constructs/jaeger/jaeger';
import { indexPattern, resolveJaeger, resolveSampling } from '../../constructs/jaeger/settings';
import { JAEGER_PORTS, JAEGER_VERSION } from '../../constructs/jaeger/spec';
import { stackGrafanaDatasources, stackPrometheusConfig } from '../../constructs/registry';
import { footprint } from '../../constructs/stack/footprint';
import { stackFlows } from '../../constructs/stack/network-policies';
import { resolveSettings } from '../../constructs/stack/resolve';
import { StackSettings } from '../../constructs/stack/settings';
import { synthesize } from '../../constructs/stack/synthesize';
import { defaultSettings } from '../../synth-settings';
import { fixtureSettings } from '../support/fixtures';

const withTracing = (profile: 'dev' | 'prod', jaeger: StackSettings['jaeger'] = {}, elasticsearch = {}): StackSettings => ({
  ...fixtureSettings(profile),
  elasticsearch,
  jaeger,
});
const manifests = (settings: StackSettings) => synthesize(settings).manifests as any[];
const find = (objects: any[], kind: string, name: string) => objects.find((m) => m.kind === kind && m.metadata.name === name);
const esTls = { tls: { http: true, transport: true, secretName: 'elasticsearch-certs' } };
const resolved = (profile: 'dev' | 'prod', input = {}, esNodes = 1) =>
  resolveJaeger('test', 'jaeger', profile, 'monitoring', { esNodes }, input);
const config = (role: 'collector' | 'query' | 'single', jaeger = resolved('prod', {}, 3)) =>
  parse(renderJaegerConfig(role, jaeger, esTls, 'monitoring'));

describe('the collector config (rendered once, read by both targets)', () => {
  const c = config('collector');
  it('takes OTLP gRPC on 4317 and HTTP on 4318 on every interface', () => {
    expect(c.receivers.otlp.protocols).toEqual({ grpc: { endpoint: '0.0.0.0:4317' }, http: { endpoint: '0.0.0.0:4318' } });
  });
  it('runs memory_limiter first, then batch, and exports to Elasticsearch and the spanmetrics connector', () => {
    expect(c.service.pipelines.traces).toEqual({
      receivers: ['otlp'],
      processors: ['memory_limiter', 'batch'],
      exporters: ['jaeger_storage_exporter', 'spanmetrics'],
    });
    expect(c.processors.memory_limiter.limit_percentage).toBeLessThan(100);
    expect(c.service.pipelines['metrics/spanmetrics']).toEqual({ receivers: ['spanmetrics'], exporters: ['prometheus'] });
    expect(c.exporters.prometheus.endpoint).toBe(`0.0.0.0:${JAEGER_PORTS.spanMetrics.port}`);
  });
  it('names the span metrics explicitly (namespace and seconds), so the Prometheus names are fixed', () => {
    expect(c.connectors.spanmetrics.namespace).toBe('traces.span.metrics');
    expect(c.connectors.spanmetrics.histogram.unit).toBe('s');
    expect(c.connectors.spanmetrics.exemplars).toEqual({ enabled: true });
    expect(SPAN_METRICS).toEqual({ calls: 'traces_span_metrics_calls_total', duration: 'traces_span_metrics_duration_seconds' });
  });
  it('serves its telemetry on 8888, health on 13133 and remote sampling over HTTP on 5778', () => {
    expect(c.service.telemetry.metrics.readers[0].pull.exporter.prometheus).toEqual({ host: '0.0.0.0', port: 8888 });
    expect(c.extensions.healthcheckv2.http.endpoint).toBe('0.0.0.0:13133');
    expect(c.extensions.remote_sampling.http.endpoint).toBe('0.0.0.0:5778');
    expect(c.extensions.remote_sampling.grpc.endpoint).toMatch(/^localhost:/);
    expect(c.extensions.jaeger_query).toBeUndefined();
  });
  it('writes as the writer user, password from the environment, creating its templates', () => {
    const es = c.extensions.jaeger_storage.backends.elasticsearch.elasticsearch;
    expect(es.auth.basic).toEqual({ username: 'jaeger-collector', password: '${env:JAEGER_ES_PASSWORD}' });
    expect(es.create_mappings).toBe(true);
    expect(es.tls).toEqual({ ca_file: '/etc/jaeger/elasticsearch-ca/ca.crt' });
    expect(es.server_urls).toEqual(['https://elasticsearch.monitoring.svc:9200']);
  });
  it('quotes the date layout (an unquoted 2006-01-02 is a YAML timestamp) and uses no anchors', () => {
    const text = renderJaegerConfig('collector', resolved('prod', {}, 3), esTls, 'monitoring');
    expect(text).toContain('date_layout: "2006-01-02"');
    expect(text).not.toMatch(/[&*]a\d/);
  });
});

describe('the query config', () => {
  const q = config('query');
  it('serves the UI/API on 16686 and gRPC on 16685, traces and Monitor-tab metrics from the same storage', () => {
    expect(q.extensions.jaeger_query).toEqual({
      storage: { traces: 'elasticsearch', metrics: 'elasticsearch' },
      http: { endpoint: '0.0.0.0:16686' },
      grpc: { endpoint: '0.0.0.0:16685' },
    });
    expect(q.extensions.jaeger_storage.metric_backends.elasticsearch).toEqual(q.extensions.jaeger_storage.backends.elasticsearch);
  });
  it('receives nothing (a no-op pipeline) and only reads, as the reader', () => {
    expect(q.service.pipelines).toEqual({ traces: { receivers: ['nop'], exporters: ['nop'] } });
    expect(q.receivers).toEqual({ nop: {} });
    const es = q.extensions.jaeger_storage.backends.elasticsearch.elasticsearch;
    expect(es.auth.basic.username).toBe('jaeger-query');
    expect(es.create_mappings).toBe(false);
  });
  it('the dev process is both: the collector pipeline and the query extension', () => {
    const s = config('single', resolved('dev'));
    expect(s.service.extensions).toEqual(['jaeger_storage', 'healthcheckv2', 'remote_sampling', 'jaeger_query']);
    expect(s.service.pipelines.traces.processors).toEqual(['memory_limiter', 'batch']);
    expect(s.extensions.jaeger_storage.backends.elasticsearch.elasticsearch.auth.basic.username).toBe('jaeger');
  });
});

describe('Elasticsearch storage: one shard, replicas tied to the nodes', () => {
  const indices = (jaeger: ReturnType<typeof resolved>) =>
    config('collector', jaeger).extensions.jaeger_storage.backends.elasticsearch.elasticsearch.indices;
  it('0 replicas on a single node, 1 on three; every index type alike', () => {
    for (const [nodes, replicas] of [
      [1, 0],
      [3, 1],
    ]) {
      const i = indices(resolved('prod', {}, nodes));
      for (const type of ['spans', 'services', 'dependencies', 'sampling']) expect(i[type]).toMatchObject({ shards: 1, replicas });
    }
  });
  it('daily indices by default; ILM rollover aliases with the policy as an option', () => {
    expect(indices(resolved('prod', {}, 3)).spans.rotation).toEqual({ periodic: { date_layout: '2006-01-02', rollover_frequency: 'day' } });
    expect(indices(resolved('prod', { rotation: 'ilm', ilmPolicy: 'traces-30d' }, 3)).spans.rotation).toEqual({
      auto_rollover: { policy_name: 'traces-30d' },
    });
  });
  it('the lookback (max_span_age) defaults to the retention', () => {
    const es = (input: object) =>
      config('query', resolved('prod', input, 3)).extensions.jaeger_storage.backends.elasticsearch.elasticsearch;
    expect(es({}).max_span_age).toBe(`${14 * 24}h`);
    expect(es({ retention: '30d', lookback: '7d' }).max_span_age).toBe(`${7 * 24}h`);
  });
});

describe('cross-reference: one index prefix, one retention, for the collector, query, the cleaner and the roles', () => {
  for (const [name, jaeger, elasticsearch] of [
    ['prod, prefix "prod", 3 nodes', { indexPrefix: 'prod', retention: '21d' }, {}],
    ['prod, no prefix', {}, {}],
  ] as const) {
    it(name, () => {
      const settings = withTracing('prod', jaeger, elasticsearch);
      const objects = manifests(settings);
      const prefixOf = (workload: string) => {
        const cfg = parse(find(objects, 'ConfigMap', `${workload}-config`).data['config.yaml']);
        return cfg.extensions.jaeger_storage.backends.elasticsearch.elasticsearch.indices.index_prefix ?? '';
      };
      const cron = find(objects, 'CronJob', 'jaeger-es-index-cleaner');
      const cleaner = cron.spec.jobTemplate.spec.template.spec.containers[0];
      const env = Object.fromEntries(cleaner.env.filter((e: any) => e.value !== undefined).map((e: any) => [e.name, e.value]));
      const written = prefixOf('jaeger-collector');
      expect(prefixOf('jaeger-query')).toBe(written);
      expect(env.INDEX_PREFIX ?? '').toBe(written);
      // The roles grant exactly the indices the three use: <prefix>-jaeger-* (es-index-cleaner adds the "-").
      const expected = `${written ? `${written}-` : ''}jaeger-*`;
      const s = resolveSettings(settings, 'test');
      const jaegerClients = s.elasticsearch!.clients.filter((c) => c.name.startsWith('jaeger'));
      expect(jaegerClients.map((c) => c.name).sort()).toEqual(['jaeger-collector', 'jaeger-es-index-cleaner', 'jaeger-query']);
      for (const client of jaegerClients) expect(clientRole(client).indices).toEqual([expect.objectContaining({ names: [expected] })]);
      // The days the cleaner keeps are the retention, and the lookback query uses is within it.
      expect(cleaner.args[0]).toBe(String(s.jaeger!.retentionDays));
      const lookback = parse(find(objects, 'ConfigMap', 'jaeger-query-config').data['config.yaml']).extensions.jaeger_storage.backends
        .elasticsearch.elasticsearch.max_span_age;
      expect(lookback).toBe(`${s.jaeger!.retentionDays * 24}h`);
    });
  }
});

describe('least-privilege users', () => {
  const clients = resolveSettings(withTracing('prod'), 'test').elasticsearch!.clients;
  const role = (name: string) => clientRole(clients.find((c) => c.name === name)!);
  it('the writer creates its indices and templates and indexes; it cannot read or delete', () => {
    expect(role(JAEGER_USERS.collector).cluster).toEqual(['monitor', 'manage_index_templates']);
    expect(role(JAEGER_USERS.collector).indices![0].privileges).toEqual(['create_index', 'index', 'view_index_metadata']);
  });
  it('the reader only reads; the cleaner only deletes', () => {
    expect(role(JAEGER_USERS.query).indices![0].privileges).toEqual(['read', 'view_index_metadata']);
    expect(role(CLEANER_USER).indices![0].privileges).toEqual(['delete_index', 'view_index_metadata']);
    expect(role(CLEANER_USER).cluster).toEqual(['monitor']);
  });
  it('the setup Job creates each user with its password key in the credentials Secret', () => {
    const es = resolveSettings(withTracing('prod'), 'test').elasticsearch!;
    const users = setupPlan(es).steps.flatMap((s: any) => (s.op === 'user' ? [s.user] : []));
    expect(users).toEqual(expect.arrayContaining(['jaeger-collector', 'jaeger-query', 'jaeger-es-index-cleaner']));
  });
});

describe('remote sampling strategies', () => {
  const sampling = resolveSampling('test', 'jaeger.sampling', 'prod', {
    default: { type: 'probabilistic', param: 0.2 },
    services: [
      { service: 'checkout', type: 'ratelimiting', param: 50, operations: [{ operation: 'GET /cart', probability: 0.5 }] },
      { service: 'search', type: 'probabilistic', param: 0.05 },
    ],
  });
  const file = samplingStrategies(sampling);
  it('renders the default, each service and its operations in Jaeger file format', () => {
    expect(file.default_strategy).toMatchObject({ type: 'probabilistic', param: 0.2 });
    expect(file.service_strategies.map((s) => [s.service, s.type, s.param])).toEqual([
      ['checkout', 'ratelimiting', 50],
      ['search', 'probabilistic', 0.05],
    ]);
    expect(file.service_strategies[0].operation_strategies![0]).toEqual({ operation: 'GET /cart', type: 'probabilistic', param: 0.5 });
  });
  it('drops health and metrics endpoints by default, in the default and in every service', () => {
    const dropped = file.default_strategy.operation_strategies.filter((o) => o.param === 0).map((o) => o.operation);
    expect(dropped).toEqual(expect.arrayContaining(['/health', '/healthz', '/metrics']));
    for (const s of file.service_strategies)
      expect(s.operation_strategies!.filter((o) => o.param === 0).map((o) => o.operation)).toEqual(expect.arrayContaining(['/metrics']));
  });
  it('samples everything in dev, 10% in prod, unless set', () => {
    expect(resolveSampling('t', 'f', 'dev').default).toEqual({ type: 'probabilistic', param: 1 });
    expect(resolveSampling('t', 'f', 'prod').default).toEqual({ type: 'probabilistic', param: 0.1 });
    expect(samplingStrategies(resolveSampling('t', 'f', 'dev', { dropOperations: [] })).default_strategy.operation_strategies).toEqual([]);
  });
});

describe('the objects per profile', () => {
  it('dev: one Jaeger process (Deployment, Service with every port but health), the cleaner CronJob', () => {
    const objects = manifests(withTracing('dev'));
    const d = find(objects, 'Deployment', 'jaeger');
    expect(d.spec.replicas).toBe(1);
    const c = d.spec.template.spec.containers[0];
    expect(c.image).toBe(`docker.io/jaegertracing/jaeger:${JAEGER_VERSION}`);
    expect(c.args).toEqual(['--config', '/etc/jaeger/config.yaml']);
    expect(c.env).toEqual([
      { name: 'JAEGER_ES_PASSWORD', valueFrom: { secretKeyRef: { name: 'elasticsearch-credentials', key: 'jaeger' } } },
    ]);
    expect(c.readinessProbe.httpGet).toEqual({ path: '/status', port: 'health' });
    expect(c.livenessProbe.tcpSocket).toEqual({ port: 'query-http' });
    const ports = find(objects, 'Service', 'jaeger').spec.ports.map((p: any) => p.port);
    expect(ports.sort((a: number, b: number) => a - b)).toEqual([4317, 4318, 5778, 8888, 8889, 16685, 16686]);
    expect(objects.some((o) => o.metadata.name === 'jaeger-collector' || o.metadata.name === 'jaeger-query')).toBe(false);
  });
  it('prod: collector with 2 replicas, anti-affinity and a PDB; query with 2 replicas and a PDB', () => {
    const objects = manifests(withTracing('prod'));
    for (const name of ['jaeger-collector', 'jaeger-query']) {
      const d = find(objects, 'Deployment', name);
      expect(d.spec.replicas).toBe(2);
      expect(
        d.spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey,
      ).toBe('kubernetes.io/hostname');
      expect(find(objects, 'PodDisruptionBudget', name).spec.maxUnavailable).toBe(1);
    }
    expect(find(objects, 'HorizontalPodAutoscaler', 'jaeger-collector')).toBeUndefined();
  });
  it('prod with autoscaling: an HPA owns the collector replicas (none on the Deployment)', () => {
    const objects = manifests(withTracing('prod', { collector: { autoscaling: { maxReplicas: 8, targetCpuPercent: 60 } } }));
    const hpa = find(objects, 'HorizontalPodAutoscaler', 'jaeger-collector');
    expect(hpa.spec).toMatchObject({ minReplicas: 2, maxReplicas: 8, scaleTargetRef: { kind: 'Deployment', name: 'jaeger-collector' } });
    expect(hpa.spec.metrics[0].resource.target.averageUtilization).toBe(60);
    expect(find(objects, 'Deployment', 'jaeger-collector').spec.replicas).toBeUndefined();
  });
  it('the query Ingress has TLS and routes to the UI port', () => {
    const objects = manifests(withTracing('prod', { query: { ingress: { host: 'jaeger.example.org', tlsSecretName: 'jaeger-tls' } } }));
    const ingress = find(objects, 'Ingress', 'jaeger-query');
    expect(ingress.spec.tls).toEqual([{ hosts: ['jaeger.example.org'], secretName: 'jaeger-tls' }]);
    expect(ingress.spec.rules[0].http.paths[0].backend.service).toEqual({ name: 'jaeger-query', port: { number: 16686 } });
  });
  it('the cleaner: a daily CronJob, never two at once, deleting indices older than the retention', () => {
    const cron = find(manifests(withTracing('prod', { retention: '10d' })), 'CronJob', 'jaeger-es-index-cleaner');
    expect(cron.spec).toMatchObject({ schedule: '55 23 * * *', concurrencyPolicy: 'Forbid', startingDeadlineSeconds: 3600 });
    const c = cron.spec.jobTemplate.spec.template.spec.containers[0];
    expect(c.image).toBe(`docker.io/jaegertracing/jaeger-es-index-cleaner:${JAEGER_VERSION}`);
    expect(c.args).toEqual(['10', 'https://elasticsearch.monitoring.svc:9200']);
    expect(c.env).toContainEqual({
      name: 'ES_PASSWORD',
      valueFrom: { secretKeyRef: { name: 'elasticsearch-credentials', key: 'jaeger-es-index-cleaner' } },
    });
    expect(c.env).toContainEqual({ name: 'ES_TLS_CA', value: '/etc/jaeger/elasticsearch-ca/ca.crt' });
  });
  it('ILM rollover: no cleaner (the policy deletes) and no cleaner user', () => {
    const objects = manifests(withTracing('prod', { rotation: 'ilm' }));
    expect(objects.filter((o) => o.kind === 'CronJob')).toEqual([]);
    expect(resolveSettings(withTracing('prod', { rotation: 'ilm' }), 'test').elasticsearch!.clients.map((c) => c.name)).not.toContain(
      CLEANER_USER,
    );
  });
  it('the construct works alone in a chart, with its own NetworkPolicies', () => {
    const chart = new Chart(new App(), 'alone');
    new Jaeger(chart, 'jaeger', { profile: 'prod', elasticsearch: { tls: { http: false, transport: true } } });
    const objects = chart.toJson() as any[];
    expect(
      objects
        .filter((o) => o.kind === 'NetworkPolicy')
        .map((o) => o.metadata.name)
        .sort(),
    ).toEqual(['jaeger-collector', 'jaeger-es-index-cleaner', 'jaeger-query']);
    const cfg = parse(find(objects, 'ConfigMap', 'jaeger-collector-config').data['config.yaml']);
    expect(cfg.extensions.jaeger_storage.backends.elasticsearch.elasticsearch.tls).toEqual({ insecure: true });
  });
  it('no password in any Jaeger object', () => {
    const text = JSON.stringify(
      manifests(withTracing('prod')).filter((o) => o.metadata.labels?.['app.kubernetes.io/name']?.startsWith('jaeger')),
    );
    expect(text).not.toMatch(/"password":"(?!\$\{env:)/);
  });
});

describe('network flows', () => {
  const flows = stackFlows(resolveSettings(withTracing('prod'), 'test'));
  const to = (name: string) => flows.filter((f) => f.to.kind === 'component' && f.to.name === name);
  it('applications in the monitored namespaces send OTLP (and fetch sampling) to the collector', () => {
    const f = to('jaeger-collector').find((x) => x.from.kind === 'namespaces')!;
    expect(f.from).toEqual({ kind: 'namespaces', namespaces: ['demo'] });
    expect(f.ports).toEqual([4317, 4318, 5778].map((port) => ({ port, protocol: 'TCP' })));
  });
  it('Grafana reaches query; Prometheus scrapes the metrics ports; collector, query and cleaner reach Elasticsearch', () => {
    expect(to('jaeger-query').some((f) => f.from.kind === 'component' && f.from.name === 'grafana')).toBe(true);
    const scrape = to('jaeger-collector').find((f) => f.from.kind === 'component' && f.from.name === 'prometheus')!;
    expect(scrape.ports).toEqual([8888, 8889].map((port) => ({ port, protocol: 'TCP' })));
    const es = to('elasticsearch').map((f) => (f.from.kind === 'component' ? f.from.name : ''));
    expect(es).toEqual(expect.arrayContaining(['jaeger-collector', 'jaeger-query', 'jaeger-es-index-cleaner']));
  });
});

describe('scraping and span metrics', () => {
  it('prometheus.yml scrapes the telemetry of every Jaeger process and the span metrics of the writers', () => {
    const cfg = parse(stackPrometheusConfig(resolveSettings(withTracing('prod'), 'test'), { kind: 'kubernetes' }));
    const job = (name: string) => cfg.scrape_configs.find((j: any) => j.job_name === name);
    expect(job('jaeger').relabel_configs[0].regex).toBe('(jaeger-collector|jaeger-query);metrics');
    expect(job('jaeger-spanmetrics').relabel_configs[0].regex).toBe('(jaeger-collector);spanmetrics');
  });
  it('on a static topology (Docker), the same jobs on the host of each process', () => {
    const cfg = parse(
      stackPrometheusConfig(resolveSettings(withTracing('dev'), 'test'), {
        kind: 'static',
        targets: { jaeger: ['jaeger:16686'] },
        services: {},
      }),
    );
    const job = (name: string) => cfg.scrape_configs.find((j: any) => j.job_name === name);
    expect(job('jaeger').static_configs).toEqual([{ targets: ['jaeger:8888'], labels: { namespace: 'monitoring', component: 'jaeger' } }]);
    expect(job('jaeger-spanmetrics').static_configs[0].targets).toEqual(['jaeger:8889']);
  });
});

describe('Grafana correlations', () => {
  const settings = resolveSettings(withTracing('prod', { query: { ingress: { host: 'jaeger.example.org', tlsSecretName: 't' } } }), 'test');
  const datasources = parse(renderGrafanaDatasources(stackGrafanaDatasources(settings))).datasources as any[];
  const byUid = (uid: string) => datasources.find((d) => d.uid === uid);
  it('a Jaeger datasource on the query Service, linked to logs (trace.id) and to the span metrics', () => {
    const jaeger = byUid('jaeger');
    expect(jaeger).toMatchObject({ type: 'jaeger', url: 'http://jaeger-query:16686' });
    expect(jaeger.jsonData.tracesToLogsV2).toMatchObject({ datasourceUid: 'elasticsearch-logs', query: 'trace.id:"${__trace.traceId}"' });
    expect(jaeger.jsonData.tracesToMetrics.datasourceUid).toBe('prometheus');
    expect(jaeger.jsonData.tracesToMetrics.queries[0].query).toContain('traces_span_metrics_calls_total');
  });
  it('Prometheus exemplars link to Jaeger; a log line trace.id links to Jaeger', () => {
    expect(byUid('prometheus').jsonData.exemplarTraceIdDestinations).toEqual([{ name: 'trace_id', datasourceUid: 'jaeger' }]);
    expect(byUid('elasticsearch-logs').jsonData.dataLinks).toEqual([
      { field: 'trace.id', url: '${__value.raw}', datasourceUid: 'jaeger', urlDisplayLabel: 'View trace' },
    ]);
  });
  it('without tracing, none of the links (and no Jaeger datasource)', () => {
    const plain = parse(
      renderGrafanaDatasources(stackGrafanaDatasources(resolveSettings({ ...fixtureSettings('prod'), elasticsearch: {} }, 'test'))),
    ).datasources as any[];
    expect(plain.find((d) => d.uid === 'jaeger')).toBeUndefined();
    expect(plain.find((d) => d.uid === 'prometheus').jsonData.exemplarTraceIdDestinations).toBeUndefined();
    expect(plain.find((d) => d.uid === 'elasticsearch-logs').jsonData.dataLinks).toBeUndefined();
  });
  it('every datasource UID a correlation names is provisioned: a dangling one fails at synth', () => {
    const extra = stackGrafanaDatasources(settings).filter((d) => d.entry.uid !== 'elasticsearch-logs');
    expect(() => renderGrafanaDatasources(extra)).toThrow(
      'grafana datasources: invalid datasources["jaeger"].jsonData.tracesToLogsV2.datasourceUid = "elasticsearch-logs"; ' +
        'allowed: a provisioned datasource UID',
    );
  });
  it("Kibana's logs data view shows trace.id as a link to the trace in the Jaeger UI", () => {
    const objects = manifests(withTracing('prod', { query: { ingress: { host: 'jaeger.example.org', tlsSecretName: 't' } } }));
    const setup = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'kibana-setup-config');
    const view = JSON.parse(setup.data['data-view-logs-all.json']).data_view;
    expect(view.fieldFormats['trace.id']).toEqual({
      id: 'url',
      params: { urlTemplate: 'https://jaeger.example.org/trace/{{value}}', labelTemplate: '{{value}}' },
    });
    expect(jaegerTraceUrl({})).toBe('http://localhost:16686/trace/{{value}}');
  });
});

describe('footprint and the default synth stack', () => {
  it('the dev Jaeger is about 100m / 160Mi and the whole dev stack stays within 2 CPU / 4Gi', () => {
    const rows = footprint(manifests(defaultSettings('dev')));
    const jaeger = rows.find((r) => r.component === 'jaeger')!;
    expect(jaeger.cpuRequest).toBeCloseTo(0.1);
    expect(jaeger.memoryRequest).toBe(160 * 1024 ** 2);
    expect(rows.reduce((t, r) => t + r.cpuRequest, 0)).toBeLessThanOrEqual(2);
    expect(rows.reduce((t, r) => t + r.memoryRequest, 0)).toBeLessThanOrEqual(4 * 1024 ** 3);
  });
  it('`npm run synth` includes tracing in both profiles', () => {
    expect(defaultSettings('dev').jaeger).toBeDefined();
    expect(defaultSettings('prod').jaeger).toBeDefined();
  });
});

// The index pattern is written once: every name above derives from it.
test('indexPattern', () => {
  expect(indexPattern({ indexPrefix: '' })).toBe('jaeger-*');
  expect(indexPattern({ indexPrefix: 'prod' })).toBe('prod-jaeger-*');
});
