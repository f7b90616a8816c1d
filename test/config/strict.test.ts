import { App, Chart } from 'cdk8s';
import { SettingsError } from '../../config/errors';
import { checkKeys, editDistance, keysOf, suggest, UnknownSettingError } from '../../config/strict';
import { ObservabilityStack } from '../../constructs';
import { resolveSettings } from '../../constructs/stack/resolve';
import { StackSettings } from '../../constructs/stack/settings';
import { PROMETHEUS_KEYS } from '../../constructs/prometheus/settings';
import { fixtureSettings } from '../support/fixtures';
import { richSettings } from '../dashboards/fixtures';

const base = fixtureSettings('dev');
const demo = base.services![0];

/** The UnknownSettingError resolveSettings throws for these settings (fails the test if none). */
function unknownOf(settings: unknown): UnknownSettingError {
  try {
    resolveSettings(settings as StackSettings, 'obs');
  } catch (error) {
    expect(error).toBeInstanceOf(UnknownSettingError);
    expect(error).toBeInstanceOf(SettingsError);
    return error as UnknownSettingError;
  }
  throw new Error(`no error for ${JSON.stringify(settings)}`);
}

const resources = { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '200m', memory: '256Mi' } };
const slos = demo.alerting!.slos!;

/** [the misspelt key's full path, the settings, the suggested key] */
const misspelt: Array<[string, unknown, string]> = [
  ['promethues', { ...base, promethues: {} }, 'prometheus'],
  ['Cluster', { ...base, Cluster: 'x' }, 'cluster'],
  ['prometheus.retension', { ...base, prometheus: { retension: '30d' } }, 'retention'],
  ['prometheus.replica', { ...base, prometheus: { replica: 2 } }, 'replicas'],
  ['alertmanager.externalURL', { ...base, alertmanager: { externalURL: 'https://am.example.org' } }, 'externalUrl'],
  ['grafana.rootURL', { ...base, grafana: { rootURL: 'https://g.example.org/' } }, 'rootUrl'],
  ['grafana.ingress.tlsSecret', { ...base, grafana: { ingress: { host: 'grafana.example.org', tlsSecret: 'tls' } } }, 'tlsSecretName'],
  ['grafana.adminSecret.passwordkey', { ...base, grafana: { adminSecret: { passwordkey: 'pw' } } }, 'passwordKey'],
  [
    'nodeExporter.resources.limits.memroy',
    { ...base, nodeExporter: { resources: { ...resources, limits: { cpu: '1', memroy: '1Gi' } } } },
    'memory',
  ],
  ['kubeStateMetrics.resource', { ...base, kubeStateMetrics: { resource: resources } }, 'resources'],
  [
    'blackboxExporter.resources.request',
    { ...base, blackboxExporter: { resources: { ...resources, request: resources.requests } } },
    'requests',
  ],
  ['discovery.namespace', { ...base, discovery: { scope: 'namespaces', namespace: ['demo'] } }, 'namespaces'],
  ['priorityClassNames.agent', { ...base, priorityClassNames: { agent: 'node-critical' } }, 'agents'],
  ['services[0].namspace', { ...base, services: [{ name: 'a', namspace: 'demo', port: 80 }] }, 'namespace'],
  ['services[0].alerting.requestMetric', { ...base, services: [{ ...demo, alerting: { requestMetric: 'x_total' } }] }, 'requestsMetric'],
  ['services[0].alerting.probe.instanse', { ...base, services: [{ ...demo, alerting: { probe: { instanse: 'http://x' } } }] }, 'instance'],
  [
    'services[0].alerting.slos[1].objectve',
    { ...base, services: [{ ...demo, alerting: { slos: [slos[0], { ...slos[1], objectve: 99 }] } }] },
    'objective',
  ],
  [
    'services[0].alerting.freshness.maxage',
    { ...base, services: [{ ...demo, alerting: { freshness: { metric: 'last_run_seconds', maxage: '1h' } } }] },
    'maxAge',
  ],
  [
    'services[0].alerting.alerts.ServiceDown.treshold',
    { ...base, services: [{ ...demo, alerting: { alerts: { ServiceDown: { treshold: 1 } } } }] },
    'threshold',
  ],
  ['alerting.recievers', { ...base, alerting: { recievers: {} } }, 'receivers'],
  ['alerting.receivers.slak', { ...base, alerting: { receivers: { slak: { channel: '#a' } } } }, 'slack'],
  ['alerting.receivers.slack.chanel', { ...base, alerting: { receivers: { slack: { chanel: '#a' } } } }, 'channel'],
  [
    'alerting.receivers.email.requireTLS',
    { ...base, alerting: { receivers: { email: { ...base.alerting!.receivers!.email, requireTLS: false } } } },
    'requireTls',
  ],
  [
    'alerting.receivers.webhook.severity',
    { ...base, alerting: { receivers: { webhook: { url: 'http://hook', severity: ['critical'] } } } },
    'severities',
  ],
  ['alerting.watchdog.heartbeatURL', { ...base, alerting: { watchdog: { heartbeatURL: 'https://hb' } } }, 'heartbeatUrl'],
  ['alerting.routing.groupwait', { ...base, alerting: { routing: { groupwait: '1m' } } }, 'groupWait'],
  ['alerting.routes[0].reciever', { ...base, alerting: { routes: [{ matchers: { team: 'a' }, reciever: 'critical' }] } }, 'receiver'],
  [
    'alerting.inhibitions[0].equals',
    {
      ...base,
      alerting: {
        inhibitions: [{ source: { alertname: 'ServiceDown' }, target: { alertname: 'ServiceHighErrorRate' }, equals: ['service'] }],
      },
    },
    'equal',
  ],
  ['alerting.exporters.postgress', { ...base, alerting: { exporters: { postgress: {} } } }, 'postgres'],
  ['alerting.exporters.redis.matcher', { ...base, alerting: { exporters: { redis: { matcher: { job: 'redis' } } } } }, 'matchers'],
  ['alerting.alerts.ServiceDown.severty', { ...base, alerting: { alerts: { ServiceDown: { severty: 'info' } } } }, 'severity'],
  ['dashboards.shiped', { ...base, dashboards: { shiped: { slo: false } } }, 'shipped'],
  ['dashboards.shipped.datastore', { ...base, dashboards: { shipped: { datastore: false } } }, 'datastores'],
  [
    'ruleGroups[0].intervall',
    { ...base, ruleGroups: [{ name: 'g', intervall: '1m', rules: [{ alert: 'A', expr: 'up == 0' }] }] },
    'interval',
  ],
  [
    'ruleGroups[0].rules[0].label',
    { ...base, ruleGroups: [{ name: 'g', rules: [{ alert: 'A', expr: 'up == 0', label: { severity: 'info' } }] }] },
    'labels',
  ],
];

describe('strict settings: an unknown key is an error with a suggestion', () => {
  test.each(misspelt)('%s', (field, settings, suggestion) => {
    const error = unknownOf(settings);
    expect(error.message).toBe(`obs: unknown setting ${field}; did you mean ${suggestion}?`);
    expect(error.field).toBe(field);
    expect(error.suggestion).toBe(suggestion);
  });

  test('without a close match the allowed keys are listed', () => {
    const error = unknownOf({ ...base, prometheus: { colour: 'blue' } });
    expect(error.message).toBe(`obs: unknown setting prometheus.colour; allowed: ${PROMETHEUS_KEYS.join(', ')}`);
    expect(error.message).toContain('retention, retentionSize, scrapeInterval');
    expect(error.suggestion).toBeUndefined();
    expect(error.value).toBe('blue');
    expect(unknownOf({ ...base, services: [{ ...demo, alerting: { probe: { url: 'http://x' } } }] }).message).toBe(
      'obs: unknown setting services[0].alerting.probe.url; allowed: job, instance',
    );
  });

  test('the construct path prefixes the message', () => {
    const chart = new Chart(new App(), 'test');
    expect(() => new ObservabilityStack(chart, 'obs', { ...base, prometheus: { retension: '30d' } } as StackSettings)).toThrow(
      'test/obs: unknown setting prometheus.retension; did you mean retention?',
    );
  });

  test('a settings object that is not an object is named too', () => {
    expect(() => resolveSettings({ ...base, grafana: { ingress: 'grafana.example.org' } } as never, 'obs')).toThrow(
      'obs: invalid grafana.ingress = "grafana.example.org"; allowed: an object with the settings host, ' +
        'tlsSecretName, className, annotations',
    );
  });

  test('scope "cluster" takes no namespaces', () => {
    expect(() => resolveSettings({ ...base, discovery: { scope: 'cluster', namespaces: ['demo'] } } as never, 'obs')).toThrow(
      'obs: invalid discovery.namespaces = ["demo"]; allowed: nothing when discovery.scope is "cluster"',
    );
  });
});

describe('strict settings: every known key is accepted', () => {
  test.each([
    ['test fixtures (dev)', () => fixtureSettings('dev')],
    ['test fixtures (prod)', () => fixtureSettings('prod')],
    ['rich dashboard fixtures', richSettings],
  ])('%s resolve', (_name, settings) => {
    expect(() => resolveSettings(settings(), 'obs')).not.toThrow();
  });

  test('a settings object that sets every field resolves', () => {
    const everything: Required<StackSettings> = {
      ...base,
      namespace: 'monitoring',
      agentsNamespace: 'monitoring-agents',
      discovery: { scope: 'namespaces', namespaces: ['demo', 'shop'] },
      services: [
        {
          name: 'demo-api',
          namespace: 'demo',
          port: 8080,
          path: '/metrics',
          interval: '30s',
          scheme: 'https',
          team: 'platform',
          alerting: {
            requestsMetric: 'http_requests_total',
            durationMetric: 'http_request_duration_seconds',
            errorCodes: '5..',
            probe: { job: 'blackbox', instance: 'http://demo-api.demo.svc:8080/healthz' },
            freshness: { metric: 'pipeline_last_success_timestamp_seconds', maxAge: '2h' },
            slos: [{ name: 'latency', kind: 'latency', objective: 99, window: '30d', latencyThreshold: 0.5 }],
            alerts: { ServiceDown: { enabled: true, threshold: undefined, for: '2m', severity: 'critical', labels: { team: 'platform' } } },
          },
        },
      ],
      prometheus: {
        replicas: 1,
        resources: { requests: { cpu: '500m', memory: '2Gi' }, limits: { cpu: '1', memory: '4Gi' } },
        storage: '20Gi',
        retention: '30d',
        retentionSize: '15GB',
        scrapeInterval: '30s',
        evaluationInterval: '30s',
        verifyKubeletTls: false,
        storageClassName: 'fast',
        externalUrl: 'https://prometheus.example.org',
      },
      alertmanager: { replicas: 1, resources, storage: '1Gi', storageClassName: 'fast', externalUrl: 'https://alertmanager.example.org' },
      grafana: {
        replicas: 1,
        resources,
        storage: '1Gi',
        adminSecret: { name: 'grafana-login', userKey: 'user', passwordKey: 'password' },
        ingress: {
          host: 'grafana.example.org',
          tlsSecretName: 'grafana-tls',
          className: 'nginx',
          annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' },
        },
        rootUrl: 'https://grafana.example.org/',
      },
      nodeExporter: { replicas: 1, resources, storage: undefined },
      kubeStateMetrics: { replicas: 1, resources },
      blackboxExporter: { replicas: 1, resources },
      databases: {
        postgres: [
          {
            name: 'orders',
            address: 'orders-db.data.svc:5432',
            user: 'exporter',
            passwordSecret: { name: 'orders-db-exporter', key: 'password' },
            database: 'orders',
            sslMode: 'verify-full',
            cidr: '10.20.0.0/16',
            resources,
            thresholds: { connections: 0.9, longestTransactionSeconds: 120 },
          },
        ],
        mysql: [
          {
            name: 'shop',
            address: '10.0.0.5:3306',
            user: 'exporter',
            passwordSecret: { name: 'shop-db', key: 'exporter-password' },
            cidr: '10.0.0.5/32',
            resources,
            thresholds: { connections: 0.85, slowQueriesPerSecond: 1 },
          },
        ],
        redis: [
          {
            name: 'cache',
            address: 'cache.data.svc:6379',
            user: 'exporter',
            passwordSecret: { name: 'cache', key: 'password' },
            tls: true,
            pods: { namespace: 'data', labels: { 'app.kubernetes.io/name': 'cache' } },
            resources,
            thresholds: { connections: 0.75 },
          },
        ],
        kafka: [
          {
            name: 'events',
            brokers: ['kafka-0.kafka.data.svc:9092', 'kafka-1.kafka.data.svc:9092'],
            tls: true,
            sasl: { mechanism: 'scram-sha512', user: 'exporter', passwordSecret: { name: 'kafka-exporter', key: 'password' } },
            cidr: '10.40.0.0/16',
            resources,
            thresholds: { consumerLag: 5000 },
          },
        ],
      },
      elasticsearch: {
        replicas: 3,
        resources: { requests: { cpu: '1', memory: '4Gi' }, limits: { cpu: '2', memory: '4Gi' } },
        storage: '50Gi',
        storageClassName: 'fast',
        heap: '2g',
        bootstrap: false,
        zoneSpread: true,
        maxMapCount: 'nodeTuned',
        tls: { secretName: 'es-certs', certManagerIssuer: { name: 'ca', kind: 'ClusterIssuer' }, transport: true, http: true },
        credentialsSecret: 'es-credentials',
        logStreams: [{ name: 'app', retention: '30d' }],
        rolloverAge: '12h',
        clients: [{ name: 'vector', access: 'write', indices: ['logs-app-*'], namespace: 'monitoring' }],
        exporter: { replicas: 2, resources },
      },
      jaeger: {
        collector: { replicas: 1, resources },
        query: {
          replicas: 1,
          resources,
          ingress: { host: 'jaeger.example.org', tlsSecretName: 'jaeger-tls', className: 'nginx', annotations: {} },
        },
        retention: '30d',
        lookback: '14d',
        rotation: 'ilm',
        ilmPolicy: 'jaeger-30d',
        indexPrefix: 'prod',
        indexReplicas: 2,
        sampling: {
          default: { type: 'probabilistic', param: 0.2 },
          services: [{ service: 'checkout', type: 'ratelimiting', param: 50, operations: [{ operation: 'GET /cart', probability: 0.5 }] }],
          dropOperations: ['/healthz'],
        },
      },
      kibana: {
        replicas: 2,
        resources: { requests: { cpu: '250m', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } },
        ingress: { host: 'kibana.example.org', tlsSecretName: 'kibana-tls', className: 'nginx', annotations: {} },
        publicBaseUrl: 'https://kibana.example.org',
        encryptionKeysSecret: 'kibana-keys',
        slowRequestThreshold: '500ms',
        extraFields: ['labels.tenant'],
        savedSearches: [
          {
            id: 'tenant-errors',
            title: 'Errors by tenant',
            description: 'Errors per tenant.',
            query: { all: [{ field: 'log.level', is: 'error' }], any: [{ field: 'labels.tenant', exists: true }] },
            columns: ['labels.tenant', 'message'],
            sort: [['labels.tenant', 'asc']],
          },
        ],
      },
      logstash: {
        replicas: 2,
        resources: { requests: { cpu: '500m', memory: '2Gi' }, limits: { cpu: '2', memory: '2Gi' } },
        storage: '20Gi',
        storageClassName: 'fast',
        heap: '1g',
        queueMaxBytes: '8Gi',
        deadLetterQueueMaxBytes: '1Gi',
        pipelineWorkers: 2,
        dataset: 'app',
        fieldMappings: [{ from: 'tenant', to: 'labels.tenant', type: 'keyword', scale: 1 }],
        scrubRules: [{ name: 'session_cookie', pattern: 'sid=[a-f0-9]{32}', replacement: 'sid=[REDACTED]', ignoreCase: false }],
        sensitiveKeys: ['sessionToken'],
        geoip: true,
        exporter: { replicas: 1, resources },
      },
      filebeat: {
        replicas: 1,
        resources: { requests: { cpu: '50m', memory: '100Mi' }, limits: { cpu: '500m', memory: '200Mi' } },
        output: 'elasticsearch',
        multiline: { languages: ['java', 'python'], continuationPatterns: ['^[ \\t]*\\|'], maxLines: 200, timeout: '3s' },
        exporter: { resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '50m', memory: '32Mi' } } },
      },
      operator: {
        release: 'kps',
        monitorLabels: { release: 'kps' },
        ruleLabels: { release: 'kps', role: 'rules' },
        alertmanagerConfigLabels: { alertmanagerConfig: 'stack' },
        dashboardLabels: { grafana_dashboard: '1' },
        dashboardFolderAnnotation: 'grafana_folder',
        kubeletService: 'kube-system/kps-kubelet',
      },
      priorityClassNames: { stack: 'monitoring-high', agents: 'monitoring-node' },
      ruleGroups: [
        {
          name: 'mine',
          interval: '1m',
          rules: [
            { record: 'job:up:sum', expr: 'sum by (job) (up)', labels: { team: 'platform' } },
            { alert: 'MineDown', expr: 'job:up:sum == 0', for: '5m', labels: { severity: 'warning' }, annotations: { summary: 'down' } },
          ],
        },
      ],
      alerting: {
        alerts: { KubePodCrashLooping: { enabled: false } },
        exporters: { postgres: { matchers: { job: 'postgres' } }, mysql: {}, redis: {}, kafka: {} },
        ruleFiles: {},
        runbookBaseUrl: 'https://runbooks.example.org',
        receivers: {
          slack: { channel: '#alerts', criticalChannel: '#incidents', apiUrlKey: 'slack-url' },
          email: {
            to: 'oncall@example.org',
            from: 'am@example.org',
            smarthost: 'smtp.example.org:587',
            username: 'am',
            passwordKey: 'smtp',
            requireTls: true,
          },
          pagerduty: { routingKeyKey: 'pd' },
          webhook: { url: 'http://bridge.oncall.svc/hook', severities: ['critical'] },
        },
        watchdog: { heartbeatUrl: 'https://hb.example.org/ping', repeatInterval: '1m' },
        routing: {
          groupWait: '30s',
          groupInterval: '5m',
          repeatInterval: '4h',
          criticalGroupWait: '10s',
          criticalRepeatInterval: '30m',
          availabilityEvaluationInterval: '5s',
        },
        routes: [{ matchers: { team: 'platform' }, receiver: 'critical', continue: true }],
        inhibitions: [{ source: { alertname: 'ServiceDown' }, target: { alertname: 'ServiceHighErrorRate' }, equal: ['service'] }],
      },
      dashboards: { shipped: { datastores: false }, custom: [] },
    };
    const resolved = resolveSettings(everything, 'obs');
    expect(resolved.prometheus.retention).toBe('30d');
    expect(resolved.grafana.adminSecret.name).toBe('grafana-login');
  });
});

describe('strict settings machinery', () => {
  test('suggestions: typos, case and transpositions, nothing for unrelated names', () => {
    expect(editDistance('retension', 'retention')).toBe(1);
    expect(editDistance('memroy', 'memory')).toBe(1);
    expect(editDistance('ab', 'AB')).toBe(0);
    expect(suggest('retension', PROMETHEUS_KEYS)).toBe('retention');
    expect(suggest('retentionsize', PROMETHEUS_KEYS)).toBe('retentionSize');
    expect(suggest('colour', PROMETHEUS_KEYS)).toBeUndefined();
    expect(suggest('x', ['cpu', 'memory'])).toBeUndefined();
  });

  test('checkKeys passes undefined and known keys, and names the top level without a dot', () => {
    expect(() => checkKeys('w', 'f', undefined, ['a'])).not.toThrow();
    expect(() => checkKeys('w', 'f', { a: 1 }, ['a'])).not.toThrow();
    expect(() => checkKeys('w', '', { betta: 1 }, ['alpha', 'beta'])).toThrow('w: unknown setting betta; did you mean beta?');
    expect(() => checkKeys('w', 'f', { b: 1 }, ['a'])).toThrow('w: unknown setting f.b; allowed: a');
    expect(() => checkKeys('w', 'f', [1], ['a'])).toThrow('w: invalid f = [1]; allowed: an object with the settings a');
  });

  test('key lists are checked against their interface by tsc', () => {
    interface Example {
      readonly a?: string;
      readonly b: number;
    }
    expect(keysOf<Example>({ a: true, b: true })).toEqual(['a', 'b']);
    // @ts-expect-error a key of the interface is missing from the list
    keysOf<Example>({ a: true });
    // @ts-expect-error a key the interface does not have (a misspelling) is in the list
    keysOf<Example>({ a: true, b: true, c: true });
  });
});
