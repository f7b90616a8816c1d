import { App, Chart } from 'cdk8s';
import { parse } from 'yaml';
import { SettingsError } from '../../config/errors';
import { ObservabilityStack } from '../../constructs/observability-stack';
import { stackPrometheusConfig, stackScrapeJobs } from '../../constructs/registry';
import { stackFlows } from '../../constructs/stack/network-policies';
import { stackWarnings } from '../../constructs/stack/alerting';
import { resolveSettings } from '../../constructs/stack/resolve';
import { StackSettings } from '../../constructs/stack/settings';
import { databaseFixture, databaseFixtureSettings, fixtureSettings } from '../support/fixtures';

const resolved = (profile: 'dev' | 'prod' = 'dev') => resolveSettings(databaseFixtureSettings(profile), 'obs');
const withDatabases = (databases: unknown): StackSettings => ({ ...fixtureSettings('dev'), databases }) as StackSettings;
const postgres = databaseFixture().postgres![0];

function errorOf(settings: StackSettings): SettingsError {
  try {
    resolveSettings(settings, 'obs');
  } catch (error) {
    if (error instanceof SettingsError) return error;
    throw error;
  }
  throw new Error('expected the settings to be rejected');
}

describe('databases settings resolve', () => {
  it('gives each instance its exporter workload, instance label and addresses', () => {
    const { databases } = resolved();
    expect(databases.postgres.map((i) => [i.component.spec.name, i.instance])).toEqual([
      ['postgres-exporter-orders', 'orders-db.data.svc:5432'],
      ['postgres-exporter-billing', '10.20.3.4:5432'],
    ]);
    expect(databases.mysql[0].component.spec.name).toBe('mysqld-exporter-shop');
    expect(databases.redis[0].component.spec.name).toBe('redis-exporter-cache');
    expect(databases.kafka[0].instance).toBe('kafka-0.kafka.data.svc:9092');
    expect(databases.kafka[0].addresses.map((a) => a.port)).toEqual([9092, 9092]);
    // prod runs a standby replica behind the Service (each scrape still queries the database once).
    expect(resolved('dev').databases.postgres[0].component.replicas).toBe(1);
    expect(resolved('prod').databases.postgres[0].component.replicas).toBe(2);
  });

  it('turns the typed thresholds into overrides of the catalog alerts', () => {
    const { databases } = resolved();
    expect(databases.postgres[0].alerts).toEqual({ PostgresConnectionsNearLimit: { threshold: 0.9 } });
    expect(databases.postgres[1].alerts).toEqual({});
    expect(databases.kafka[0].alerts).toEqual({ KafkaConsumerGroupLag: { threshold: 5000 } });
  });

  it('leaves every kind empty when nothing is declared', () => {
    expect(resolveSettings(fixtureSettings('dev'), 'obs').databases).toEqual({ postgres: [], mysql: [], redis: [], kafka: [] });
  });

  it('queryStatistics switches on the pg_stat_statements collector of that instance only', () => {
    const chart = new Chart(new App(), 'qs', { disableResourceNameHashes: true });
    new ObservabilityStack(
      chart,
      'obs',
      withDatabases({ postgres: [{ ...postgres, queryStatistics: true }, databaseFixture().postgres![1]] }),
    );
    const args = (name: string) =>
      (chart.toJson() as any[]).find((m) => m.kind === 'Deployment' && m.metadata.name === name).spec.template.spec.containers[0].args;
    expect(args('postgres-exporter-orders')).toContain('--collector.stat_statements');
    expect(args('postgres-exporter-billing')).not.toContain('--collector.stat_statements');
  });

  it('takes per-instance resources over the profile sizing', () => {
    const resources = { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '100m', memory: '32Mi' } };
    const settings = resolveSettings(withDatabases({ postgres: [{ ...postgres, resources }] }), 'obs');
    expect(settings.databases.postgres[0].component.resources).toEqual(resources);
  });
});

describe('bad databases settings name the field, the value and what is allowed', () => {
  const cases: Array<[string, unknown, string, RegExp]> = [
    ['unknown kind', { postgress: [] }, 'databases.postgress', /did you mean postgres/],
    ['unknown instance key', { postgres: [{ ...postgres, adress: 'x:1' }] }, 'databases.postgres[0].adress', /did you mean address/],
    ['bad port', { postgres: [{ ...postgres, address: 'db.data.svc:70000' }] }, 'databases.postgres[0].address', /port from 1 to 65535/],
    ['no port', { mysql: [{ ...databaseFixture().mysql![0], address: 'shop-db' }] }, 'databases.mysql[0].address', /host:port/],
    ['bad host', { redis: [{ ...databaseFixture().redis![0], address: 'cache_db..svc:6379' }] }, 'databases.redis[0].address', /DNS/],
    ['bad IP', { postgres: [{ ...postgres, address: '10.0.0.300:5432' }] }, 'databases.postgres[0].address', /IPv4/],
    ['leading dash', { postgres: [{ ...postgres, address: '-db.data.svc:5432' }] }, 'databases.postgres[0].address', /DNS name/],
    ['port 0', { postgres: [{ ...postgres, address: 'db.data.svc:0' }] }, 'databases.postgres[0].address', /port from 1 to 65535/],
    ['IPv6', { postgres: [{ ...postgres, address: '[::1]:5432' }] }, 'databases.postgres[0].address', /IPv4 address or DNS name/],
    ['URL', { postgres: [{ ...postgres, address: 'postgres://db:5432' }] }, 'databases.postgres[0].address', /host:port/],
    ['not a string', { postgres: [{ ...postgres, address: 5432 }] }, 'databases.postgres[0].address', /host:port/],
    ['bad user', { postgres: [{ ...postgres, user: 'ex porter' }] }, 'databases.postgres[0].user', /no whitespace/],
    ['tls not boolean', { redis: [{ ...databaseFixture().redis![0], tls: 'yes' }] }, 'databases.redis[0].tls', /true or false/],
    ['bad name', { postgres: [{ ...postgres, name: 'Orders' }] }, 'databases.postgres[0].name', /DNS-1123 label/],
    ['long name', { postgres: [{ ...postgres, name: 'a'.repeat(46) }] }, 'databases.postgres[0].name', /at most 45 characters/],
    ['no Secret', { postgres: [{ ...postgres, passwordSecret: undefined }] }, 'databases.postgres[0].passwordSecret', /existing Secret/],
    [
      'bad Secret name',
      { postgres: [{ ...postgres, passwordSecret: { name: 'Orders_DB', key: 'password' } }] },
      'databases.postgres[0].passwordSecret.name',
      /Secret name/,
    ],
    ['bad sslMode', { postgres: [{ ...postgres, sslMode: 'prefer' }] }, 'databases.postgres[0].sslMode', /"verify-full"/],
    [
      'threshold out of range',
      { postgres: [{ ...postgres, thresholds: { connections: 80 } }] },
      'databases.postgres[0].thresholds.connections',
      /ratio greater than 0 and at most 1 \(threshold of PostgresConnectionsNearLimit\)/,
    ],
    [
      'unknown threshold',
      { redis: [{ ...databaseFixture().redis![0], thresholds: { memory: 0.9 } }] },
      'databases.redis[0].thresholds.memory',
      /allowed: connections/,
    ],
    ['bad CIDR', { postgres: [{ ...postgres, cidr: '10.0.0.0/33' }] }, 'databases.postgres[0].cidr', /IPv4 CIDR/],
    [
      'pods and cidr',
      { postgres: [{ ...postgres, cidr: '10.0.0.0/8', pods: { namespace: 'data', labels: { app: 'db' } } }] },
      'databases.postgres[0].cidr',
      /one or the other/,
    ],
    [
      'pods without labels',
      { postgres: [{ ...postgres, pods: { namespace: 'data', labels: {} } }] },
      'databases.postgres[0].pods.labels',
      /at least one label/,
    ],
    [
      'pods bad namespace',
      { postgres: [{ ...postgres, pods: { namespace: 'Data', labels: { app: 'db' } } }] },
      'databases.postgres[0].pods.namespace',
      /DNS-1123/,
    ],
    [
      'pods bad label value',
      { postgres: [{ ...postgres, pods: { namespace: 'data', labels: { app: 'orders db' } } }] },
      'databases.postgres[0].pods.labels.app',
      /label value/,
    ],
    ['no brokers', { kafka: [{ name: 'events', brokers: [] }] }, 'databases.kafka[0].brokers', /non-empty list/],
    [
      'repeated broker',
      { kafka: [{ name: 'events', brokers: ['k:9092', 'k:9092'] }] },
      'databases.kafka[0].brokers[1]',
      /not listed twice/,
    ],
    [
      'bad SASL mechanism',
      { kafka: [{ ...databaseFixture().kafka![0], sasl: { ...databaseFixture().kafka![0].sasl!, mechanism: 'gssapi' } }] },
      'databases.kafka[0].sasl.mechanism',
      /"scram-sha512"/,
    ],
    ['not a list', { postgres: postgres }, 'databases.postgres', /a list of PostgreSQL instances/],
  ];
  it.each(cases)('%s', (_name, databases, field, allowed) => {
    const error = errorOf(withDatabases(databases));
    expect(error.where).toBe('obs');
    expect(error.field).toBe(field);
    expect(error.message).toMatch(allowed);
  });

  it('a repeated name names both entries', () => {
    const error = errorOf(withDatabases({ postgres: [postgres, { ...postgres, address: 'other:5432' }] }));
    expect(error.field).toBe('databases.postgres[1].name');
    expect(error.message).toContain('databases.postgres[0] is also "orders"');
    // The same name in another kind is fine: the exporters have different names.
    expect(() =>
      resolveSettings(withDatabases({ postgres: [postgres], redis: [{ ...databaseFixture().redis![0], name: 'orders' }] }), 'obs'),
    ).not.toThrow();
  });

  it('an address carrying a user and password is rejected without showing it', () => {
    const error = errorOf(withDatabases({ postgres: [{ ...postgres, address: 'exporter:hunter2@orders-db:5432' }] }));
    expect(error.field).toBe('databases.postgres[0].address');
    expect(error.message).toContain('without credentials');
    expect(`${error.message} ${JSON.stringify(error.value)}`).not.toContain('hunter2');
  });

  it('a password given where the Secret reference goes is rejected without showing it', () => {
    const error = errorOf(withDatabases({ postgres: [{ ...postgres, passwordSecret: 'hunter2' }] }));
    expect(error.field).toBe('databases.postgres[0].passwordSecret');
    expect(error.message).toContain('not the value itself');
    expect(`${error.message} ${JSON.stringify(error.value)}`).not.toContain('hunter2');
  });

  it.each([
    ['password', { postgres: [{ ...postgres, password: 'hunter2' }] }, 'databases.postgres[0].password'],
    ['dsn', { postgres: [{ ...postgres, dsn: 'postgresql://u:hunter2@db:5432/x' }] }, 'databases.postgres[0].dsn'],
    [
      'SASL password',
      { kafka: [{ ...databaseFixture().kafka![0], sasl: { ...databaseFixture().kafka![0].sasl!, password: 'hunter2' } }] },
      'databases.kafka[0].sasl.password',
    ],
  ])('a literal credential (%s) is rejected without showing it', (_name, databases, field) => {
    const error = errorOf(withDatabases(databases));
    expect(error.field).toBe(field);
    expect(error.message).toMatch(/no literal credential in settings: reference a key of an existing Secret with passwordSecret/);
    expect(error.message).not.toContain('hunter2');
    expect(JSON.stringify(error.value)).not.toContain('hunter2');
  });
});

describe('database scrape jobs', () => {
  const jobOf = (config: any, name: string) => config.scrape_configs.find((j: any) => j.job_name === name);

  it('on Kubernetes: one job per kind, one target per instance Service, instance relabelled to the database', () => {
    const config = parse(stackPrometheusConfig(resolved(), { kind: 'kubernetes' }));
    expect(config.scrape_configs.map((j: any) => j.job_name)).toEqual(expect.arrayContaining(['postgres', 'mysql', 'redis', 'kafka']));
    expect(jobOf(config, 'postgres')).toEqual({
      job_name: 'postgres',
      static_configs: [
        { targets: ['postgres-exporter-orders.monitoring.svc:9187'], labels: { __database_address: 'orders-db.data.svc:5432' } },
        { targets: ['postgres-exporter-billing.monitoring.svc:9187'], labels: { __database_address: '10.20.3.4:5432' } },
      ],
      relabel_configs: [{ source_labels: ['__database_address'], target_label: 'instance' }],
    });
    expect(jobOf(config, 'kafka').static_configs).toEqual([
      { targets: ['kafka-exporter-events.monitoring.svc:9308'], labels: { __database_address: 'kafka-0.kafka.data.svc:9092' } },
    ]);
  });

  it('on a static topology (Docker, loopback tests): the listed exporter targets, same job and instance labels', () => {
    const config = parse(
      stackPrometheusConfig(resolved(), {
        kind: 'static',
        targets: { 'postgres-exporter-orders': ['127.0.0.1:19187'], 'redis-exporter-cache': ['redis-exporter-cache:9121'] },
        services: {},
      }),
    );
    expect(jobOf(config, 'postgres').static_configs).toEqual([
      { targets: ['127.0.0.1:19187'], labels: { __database_address: 'orders-db.data.svc:5432' } },
    ]);
    expect(jobOf(config, 'redis').relabel_configs).toEqual([{ source_labels: ['__database_address'], target_label: 'instance' }]);
    // Kinds without a listed exporter get no job at all.
    expect(jobOf(config, 'mysql')).toBeUndefined();
    expect(jobOf(config, 'kafka')).toBeUndefined();
  });

  it('no job without declared instances', () => {
    const jobs = stackScrapeJobs(resolveSettings(fixtureSettings('dev'), 'obs'), { kind: 'kubernetes' }).map((j) => j.job_name);
    expect(jobs).not.toEqual(expect.arrayContaining(['postgres']));
    expect(jobs.some((j) => ['postgres', 'mysql', 'redis', 'kafka'].includes(j as string))).toBe(false);
  });
});

describe('database exporter flows', () => {
  const flows = stackFlows(resolved());
  const of = (name: string) => flows.filter((f) => f.from.kind === 'component' && f.from.name === name);
  const to = (name: string) => flows.filter((f) => f.to.kind === 'component' && f.to.name === name);

  it('each exporter reaches exactly its database address and port', () => {
    expect(of('postgres-exporter-orders')).toEqual([
      {
        from: { kind: 'component', name: 'postgres-exporter-orders', namespace: 'monitoring' },
        to: { kind: 'address', label: 'PostgreSQL orders', host: 'orders-db.data.svc' },
        ports: [{ port: 5432, protocol: 'TCP' }],
        purpose: 'PostgreSQL orders',
      },
    ]);
    expect(of('kafka-exporter-events').map((f) => f.to)).toEqual([
      { kind: 'address', label: 'Kafka events', host: 'kafka-0.kafka.data.svc', cidr: '10.40.0.0/16' },
      { kind: 'address', label: 'Kafka events', host: 'kafka-1.kafka.data.svc', cidr: '10.40.0.0/16' },
    ]);
  });

  it('only Prometheus scrapes them, on the exporter port', () => {
    expect(to('redis-exporter-cache')).toEqual([
      {
        from: { kind: 'component', name: 'prometheus', namespace: 'monitoring' },
        to: { kind: 'component', name: 'redis-exporter-cache', namespace: 'monitoring' },
        ports: [{ port: 9121, protocol: 'TCP' }],
        purpose: 'scrape',
      },
    ]);
  });
});

describe('database exporters in the stack manifests', () => {
  const chart = new Chart(new App(), 'db', { disableResourceNameHashes: true });
  new ObservabilityStack(chart, 'obs', databaseFixtureSettings('dev'));
  const manifests = chart.toJson() as any[];
  const find = (kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name);
  const container = (name: string) => find('Deployment', name).spec.template.spec.containers[0];
  const policy = (name: string) => find('NetworkPolicy', name).spec;

  it('the exporter objects match their snapshot (reviewed: no credential value, only Secret references)', () => {
    const exporters = manifests.filter((m) => /^(postgres|mysqld|redis|kafka)-exporter-/.test(m.metadata.name));
    // ServiceAccount, Service, Deployment and NetworkPolicy of each of the five instances.
    expect(exporters).toHaveLength(5 * 4);
    expect(JSON.stringify(exporters)).not.toMatch(/"(password|pass|dsn)":/i);
    expect(exporters).toMatchSnapshot();
  });

  it('one Deployment, Service and NetworkPolicy per instance', () => {
    for (const name of [
      'postgres-exporter-orders',
      'postgres-exporter-billing',
      'mysqld-exporter-shop',
      'redis-exporter-cache',
      'kafka-exporter-events',
    ]) {
      expect(find('Deployment', name)?.spec.replicas).toBe(1);
      expect(find('Service', name)?.spec.selector).toEqual({ 'app.kubernetes.io/name': name });
      expect(find('NetworkPolicy', name)?.spec.podSelector).toEqual({ matchLabels: { 'app.kubernetes.io/name': name } });
    }
  });

  it('egress to the declared address only: the /32 of an IP, the CIDR when given, any address on the port for a DNS name', () => {
    const egress = (name: string) => policy(name).egress.filter((r: any) => r.ports?.[0]?.port !== 53);
    expect(egress('postgres-exporter-billing')).toEqual([
      { to: [{ ipBlock: { cidr: '10.20.3.4/32' } }], ports: [{ port: 5432, protocol: 'TCP' }] },
    ]);
    expect(egress('kafka-exporter-events')).toEqual([
      { to: [{ ipBlock: { cidr: '10.40.0.0/16' } }], ports: [{ port: 9092, protocol: 'TCP' }] },
      { to: [{ ipBlock: { cidr: '10.40.0.0/16' } }], ports: [{ port: 9092, protocol: 'TCP' }] },
    ]);
    // An in-cluster server with declared pods: exactly those pods.
    expect(egress('mysqld-exporter-shop')).toEqual([
      {
        to: [
          {
            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'data' } },
            podSelector: { matchLabels: { 'app.kubernetes.io/name': 'shop-db' } },
          },
        ],
        ports: [{ port: 3306, protocol: 'TCP' }],
      },
    ]);
    expect(egress('postgres-exporter-orders')).toEqual([
      {
        to: [{ namespaceSelector: {} }, { ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }],
        ports: [{ port: 5432, protocol: 'TCP' }],
      },
    ]);
    expect(policy('postgres-exporter-orders').ingress).toEqual([
      { from: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } } }], ports: [{ port: 9187, protocol: 'TCP' }] },
    ]);
  });

  it('credentials only from the referenced Secrets: a mounted file for PostgreSQL, secretKeyRef variables for the others', () => {
    const pg = find('Deployment', 'postgres-exporter-orders').spec.template.spec;
    expect(pg.containers[0].env).toEqual([
      { name: 'DATA_SOURCE_URI', value: 'orders-db.data.svc:5432/orders?sslmode=require' },
      { name: 'DATA_SOURCE_USER', value: 'exporter' },
      { name: 'DATA_SOURCE_PASS_FILE', value: '/etc/postgres-exporter/secrets/password' },
    ]);
    expect(pg.volumes).toEqual([
      {
        name: 'credentials',
        secret: { secretName: 'orders-db-exporter', defaultMode: 0o440, items: [{ key: 'password', path: 'password' }] },
      },
    ]);
    expect(pg.containers[0].volumeMounts).toEqual([{ name: 'credentials', mountPath: '/etc/postgres-exporter/secrets', readOnly: true }]);
    expect(container('mysqld-exporter-shop').env).toEqual([
      { name: 'MYSQLD_EXPORTER_PASSWORD', valueFrom: { secretKeyRef: { name: 'shop-db', key: 'password' } } },
    ]);
    expect(container('mysqld-exporter-shop').args).toEqual(
      expect.arrayContaining(['--mysqld.address=shop-db.data.svc:3306', '--mysqld.username=exporter']),
    );
    expect(container('redis-exporter-cache').env).toEqual([
      { name: 'REDIS_ADDR', value: 'redis://cache.data.svc:6379' },
      { name: 'REDIS_USER', value: 'exporter' },
      { name: 'REDIS_PASSWORD', valueFrom: { secretKeyRef: { name: 'cache-exporter', key: 'password' } } },
    ]);
    expect(container('kafka-exporter-events').args).toEqual([
      '--web.listen-address=:9308',
      '--web.telemetry-path=/metrics',
      '--kafka.server=kafka-0.kafka.data.svc:9092',
      '--kafka.server=kafka-1.kafka.data.svc:9092',
      '--sasl.enabled',
      '--sasl.mechanism=scram-sha512',
      '--sasl.username=exporter',
    ]);
    expect(container('kafka-exporter-events').env).toEqual([
      { name: 'SASL_USER_PASSWORD', valueFrom: { secretKeyRef: { name: 'kafka-exporter', key: 'password' } } },
    ]);
    // No literal value anywhere looks like a credential.
    const literals = manifests
      .filter((m) => m.kind === 'Deployment')
      .flatMap((m) => m.spec.template.spec.containers.flatMap((c: any) => c.env ?? []))
      .filter((e: any) => /PASS|PASSWORD/.test(e.name) && e.value !== undefined && !e.name.endsWith('_FILE'));
    expect(literals).toEqual([]);
  });

  it('pinned images of the upstream releases, hardened pods', () => {
    expect(container('postgres-exporter-orders').image).toBe('quay.io/prometheuscommunity/postgres-exporter:v0.20.1');
    expect(container('mysqld-exporter-shop').image).toBe('docker.io/prom/mysqld-exporter:v0.20.0');
    expect(container('redis-exporter-cache').image).toBe('docker.io/oliver006/redis_exporter:v1.88.0-alpine');
    expect(container('kafka-exporter-events').image).toBe('docker.io/danielqsj/kafka-exporter:v1.9.0');
    for (const name of ['postgres-exporter-orders', 'mysqld-exporter-shop', 'redis-exporter-cache', 'kafka-exporter-events']) {
      const pod = find('Deployment', name).spec.template.spec;
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65534, seccompProfile: { type: 'RuntimeDefault' } });
      expect(pod.containers[0].securityContext).toMatchObject({ readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
      expect(pod.containers[0].readinessProbe.httpGet.port).toBe('http');
    }
  });
});

describe('exporters declared both ways', () => {
  const warningsFor = (exporters: object) =>
    stackWarnings(resolveSettings({ ...databaseFixtureSettings('dev'), alerting: { exporters } } as StackSettings, 'obs')).filter((w) =>
      w.startsWith('alerting.exporters'),
    );

  it('warns when alerting.exporters would select the deployed job too (alerts twice)', () => {
    expect(warningsFor({ postgres: { matchers: { job: 'postgres' } }, redis: {} })).toEqual([
      expect.stringContaining('alerting.exporters.postgres: its matchers {"job":"postgres"} also select job="postgres"'),
      expect.stringContaining('alerting.exporters.redis: its matchers {} also select job="redis"'),
    ]);
  });

  it('is quiet when the user-run exporters have a job of their own', () => {
    expect(warningsFor({ postgres: { matchers: { job: 'legacy-postgres' } } })).toEqual([]);
  });
});
