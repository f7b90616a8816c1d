import { App, Chart } from 'cdk8s';
import { parse } from 'yaml';
import { SettingsError } from '../../config/errors';
import { probeTargets } from '../../constructs/blackbox-exporter/files';
import { setupPlan } from '../../constructs/elasticsearch/files';
import { dataViews, kibanaSetupPlan, renderKibanaYml } from '../../constructs/kibana/files';
import { Kibana } from '../../constructs/kibana/kibana';
import { logsAuditDashboard } from '../../constructs/kibana/dashboards';
import { SavedSearchObject } from '../../constructs/kibana/saved-objects';
import { ECS_LOG_FIELDS, fieldsOf, SearchDefinition, shippedSearches, toKql, toLucene } from '../../constructs/kibana/searches';
import { KibanaSettings, resolveKibana } from '../../constructs/kibana/settings';
import { kibanaSpec } from '../../constructs/kibana/spec';
import { footprint } from '../../constructs/stack/footprint';
import { resolveSettings } from '../../constructs/stack/resolve';
import { StackSettings } from '../../constructs/stack/settings';
import { synthesize } from '../../constructs/stack/synthesize';
import { cpuQuantity, byteQuantity } from '../../config/quantity';
import { fixtureSettings } from '../support/fixtures';

const withLogs = (profile: 'dev' | 'prod', kibana?: KibanaSettings | false): StackSettings => ({
  ...fixtureSettings(profile),
  elasticsearch: {},
  ...(kibana !== undefined ? { kibana } : {}),
});
const manifests = (settings: StackSettings) => synthesize(settings).manifests as any[];
/** The object of that kind and name (a Job by its name stem: its name carries a hash). */
const find = (objects: any[], kind: string, name: string) =>
  objects.find((m) => m.kind === kind && (kind === 'Job' ? m.metadata.name.startsWith(`${name}-`) : m.metadata.name === name));

describe('saved searches and data views', () => {
  const kibana = resolveKibana('test', 'kibana', 'dev', 'monitoring', {});
  const plan = kibanaSetupPlan(kibana);
  const objects: SavedSearchObject[] = plan.files['saved-searches.ndjson']
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

  it('ships the ten searches with stable ids', () => {
    expect(objects.map((o) => o.id)).toEqual([
      'logs-server-errors',
      'logs-slow-requests',
      'logs-authentication-failures',
      'logs-database-errors',
      'logs-sensitive-data-access',
      'logs-request-chain',
      'logs-third-party-failures',
      'logs-endpoint-health',
      'logs-user-activity',
      'logs-response-size',
    ]);
    expect(new Set(objects.map((o) => o.id)).size).toBe(objects.length);
  });

  it('every reference resolves to a data view the setup Job creates before the import', () => {
    const created = plan.steps.flatMap((s) => (s.op === 'dataview' ? [s.id] : []));
    expect(plan.steps.map((s) => s.op)).toEqual(['wait', 'dataview', 'import']);
    for (const object of objects) {
      expect(object.references.length).toBeGreaterThan(0);
      const source = JSON.parse(object.attributes.kibanaSavedObjectMeta.searchSourceJSON);
      for (const ref of object.references) {
        expect({ id: object.id, ref: ref.id, created: created.includes(ref.id) }).toEqual({ id: object.id, ref: ref.id, created: true });
        expect(ref.type).toBe('index-pattern');
      }
      expect(object.references.map((r) => r.name)).toContain(source.indexRefName);
    }
  });

  it('every field a search uses (query, columns, sort) is in its data view field list', () => {
    const [view] = dataViews(kibana);
    for (const search of kibana.searches)
      for (const field of fieldsOf(search))
        expect({ search: search.id, field, known: view.fields.includes(field) }).toMatchObject({ known: true });
  });

  it('renders the queries as KQL for Kibana and as Lucene for Grafana, from one definition', () => {
    const byId = new Map(shippedSearches(1500).map((s) => [s.id, s]));
    expect(toKql(byId.get('logs-server-errors')!.query)).toBe('http.response.status_code >= 500');
    expect(toLucene(byId.get('logs-server-errors')!.query)).toBe('http.response.status_code:>=500');
    // The slow-request threshold is in ms; ECS event.duration is in nanoseconds.
    expect(toKql(byId.get('logs-slow-requests')!.query)).toBe('event.duration > 1500000000');
    expect(toKql(byId.get('logs-database-errors')!.query)).toBe(
      'event.category:"database" and (event.outcome:"failure" or log.level:("error" or "fatal" or "critical"))',
    );
    expect(toLucene(byId.get('logs-request-chain')!.query)).toBe('(_exists_:trace.id OR _exists_:http.request.id)');
    expect(toKql(byId.get('logs-user-activity')!.query)).toBe('user.id:*');
    const chain = objects.find((o) => o.id === 'logs-request-chain')!;
    expect(chain.attributes.sort).toEqual([
      ['trace.id', 'asc'],
      ['@timestamp', 'asc'],
    ]);
    expect(JSON.parse(chain.attributes.kibanaSavedObjectMeta.searchSourceJSON).query).toEqual({
      query: '(trace.id:* or http.request.id:*)',
      language: 'kuery',
    });
  });

  it('user searches and extra fields join the shipped ones', () => {
    const search: SearchDefinition = {
      id: 'tenant-errors',
      title: 'Errors by tenant',
      description: 'x',
      query: { all: [{ field: 'labels.tenant', exists: true }] },
      columns: ['labels.tenant'],
    };
    const own = resolveKibana('test', 'kibana', 'dev', 'monitoring', { extraFields: ['labels.tenant'], savedSearches: [search] });
    expect(own.searches.map((s) => s.id)).toContain('tenant-errors');
    expect(dataViews(own)[0].fields).toEqual([...ECS_LOG_FIELDS, 'labels.tenant']);
  });
});

describe('bad Kibana settings fail at synth time, naming the field, the value and what is allowed', () => {
  const bad = (settings: StackSettings) => () => resolveSettings(settings, 'obs');
  const search = (over: Partial<SearchDefinition>): SearchDefinition => ({
    id: 'mine',
    title: 'Mine',
    description: 'mine',
    query: { all: [{ field: 'message', exists: true }] },
    columns: ['message'],
    ...over,
  });
  it.each<[string, StackSettings, RegExp]>([
    [
      'a saved search on a field the data view does not list',
      withLogs('dev', { savedSearches: [search({ query: { all: [{ field: 'customer.tier', is: 'gold' }] } })] }),
      /kibana\.savedSearches\[0\] = "customer\.tier"; allowed: fields of the logs data view only .*add it to kibana\.extraFields/,
    ],
    [
      'a column the data view does not list',
      withLogs('dev', { savedSearches: [search({ columns: ['message', 'host.nmae'] })] }),
      /kibana\.savedSearches\[0\] = "host\.nmae"/,
    ],
    [
      'a saved search id taken by a shipped one',
      withLogs('dev', { savedSearches: [search({ id: 'logs-server-errors' })] }),
      /kibana\.savedSearches\[0\]\.id = "logs-server-errors"; allowed: an id no other/,
    ],
    [
      'a saved-object id Kibana would not keep stable',
      withLogs('dev', { savedSearches: [search({ id: 'My Search' })] }),
      /savedSearches\[0\]\.id = "My Search"/,
    ],
    [
      'no columns',
      withLogs('dev', { savedSearches: [search({ columns: [] })] }),
      /savedSearches\[0\]\.columns = \[\]; allowed: a non-empty list/,
    ],
    ['an unknown key in a saved search', withLogs('dev', { savedSearches: [{ ...search({}), filters: [] } as never] }), /filters/],
    [
      'a slow-request threshold that is not a duration',
      withLogs('dev', { slowRequestThreshold: '2 seconds' }),
      /kibana\.slowRequestThreshold = "2 seconds"/,
    ],
    ['a bad extra field name', withLogs('dev', { extraFields: ['has space'] }), /kibana\.extraFields\[0\] = "has space"/],
    [
      'an Ingress host that is not a DNS name',
      withLogs('dev', { ingress: { host: 'Kibana', tlsSecretName: 'tls' } }),
      /kibana\.ingress\.host = "Kibana"/,
    ],
    [
      'a public URL ending in "/"',
      withLogs('dev', { publicBaseUrl: 'https://kibana.example.org/' }),
      /kibana\.publicBaseUrl = "https:\/\/kibana\.example\.org\/"; allowed: a URL without a trailing/,
    ],
    [
      'an encryption keys Secret that is not a name',
      withLogs('dev', { encryptionKeysSecret: 'Keys!' }),
      /kibana\.encryptionKeysSecret = "Keys!"/,
    ],
    ['an unknown key', withLogs('dev', { replica: 2 } as never), /kibana\.replica/],
    [
      'kibana settings without the logs store',
      { ...fixtureSettings('dev'), kibana: {} },
      /kibana = \{\}; allowed: unset or false without the logs store/,
    ],
  ])('%s', (_what, settings, message) => {
    expect(bad(settings)).toThrow(SettingsError);
    expect(bad(settings)).toThrow(message);
  });

  it('the standalone construct names its path', () => {
    const chart = new Chart(new App(), 'standalone');
    expect(() => new Kibana(chart, 'kibana', { slowRequestThreshold: 'soon' })).toThrow(
      /standalone\/kibana.*props\.slowRequestThreshold = "soon"/,
    );
  });
});

describe('the Kibana workload', () => {
  const dev = manifests(withLogs('dev'));
  const prod = manifests(withLogs('prod', { ingress: { host: 'kibana.example.org', tlsSecretName: 'kibana-tls' } }));
  const deployment = (objects: any[]) => find(objects, 'Deployment', 'kibana');
  const container = (objects: any[]) => deployment(objects).spec.template.spec.containers[0];

  it('runs the pinned image of the Elasticsearch version, hardened, with memory request = limit', () => {
    const c = container(dev);
    expect(c.image).toBe('docker.elastic.co/kibana/kibana:9.5.5');
    expect(c.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
    });
    expect(deployment(dev).spec.template.spec.securityContext).toMatchObject({
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(c.resources.requests.memory).toBe(c.resources.limits.memory);
    expect(c.readinessProbe.httpGet).toMatchObject({ path: '/api/status', port: 'http' });
    expect(c.livenessProbe.tcpSocket).toBeDefined();
    const mounts = Object.fromEntries(c.volumeMounts.map((m: any) => [m.mountPath, m]));
    expect(Object.keys(mounts).sort()).toEqual([
      '/etc/elasticsearch-ca',
      '/tmp',
      '/usr/share/kibana/config/kibana.yml',
      '/usr/share/kibana/data',
    ]);
    const volumes = deployment(dev).spec.template.spec.volumes;
    expect(volumes.find((v: any) => v.name === 'data').emptyDir).toBeDefined();
    expect(volumes.find((v: any) => v.name === 'ca').secret).toMatchObject({
      secretName: 'elasticsearch-certs',
      items: [{ key: 'ca.crt', path: 'ca.crt' }],
    });
  });

  it('authenticates as kibana_system and reads the three encryption keys from one Secret, never a literal', () => {
    const env = Object.fromEntries(container(dev).env.map((e: any) => [e.name, e]));
    expect(env.KIBANA_SYSTEM_PASSWORD.valueFrom.secretKeyRef).toEqual({ name: 'elasticsearch-credentials', key: 'kibana_system' });
    for (const [name, key] of [
      ['KIBANA_SECURITY_ENCRYPTION_KEY', 'xpack.security.encryptionKey'],
      ['KIBANA_SAVED_OBJECTS_ENCRYPTION_KEY', 'xpack.encryptedSavedObjects.encryptionKey'],
      ['KIBANA_REPORTING_ENCRYPTION_KEY', 'xpack.reporting.encryptionKey'],
    ])
      expect(env[name].valueFrom.secretKeyRef).toEqual({ name: 'kibana-encryption-keys', key });
    expect(Object.values(env).every((e: any) => e.value === undefined)).toBe(true);
    const yml = parse(find(dev, 'ConfigMap', 'kibana-config').data['kibana.yml']);
    expect(yml).toMatchObject({
      'elasticsearch.hosts': ['https://elasticsearch.monitoring.svc:9200'],
      'elasticsearch.username': 'kibana_system',
      'elasticsearch.password': '${KIBANA_SYSTEM_PASSWORD}',
      'elasticsearch.ssl.certificateAuthorities': ['/etc/elasticsearch-ca/ca.crt'],
      'elasticsearch.ssl.verificationMode': 'full',
      'xpack.security.encryptionKey': '${KIBANA_SECURITY_ENCRYPTION_KEY}',
      'xpack.encryptedSavedObjects.encryptionKey': '${KIBANA_SAVED_OBJECTS_ENCRYPTION_KEY}',
      'xpack.reporting.encryptionKey': '${KIBANA_REPORTING_ENCRYPTION_KEY}',
    });
    expect(JSON.stringify(yml)).not.toMatch(/"elastic"/);
  });

  it('without TLS on HTTP it neither mounts a CA nor sets SSL settings', () => {
    const kibana = resolveKibana('t', 'kibana', 'dev', 'monitoring', {});
    const yml = parse(renderKibanaYml(kibana, { tls: { secretName: 'x', http: false, transport: false } }, 'monitoring'));
    expect(yml['elasticsearch.hosts']).toEqual(['http://elasticsearch.monitoring.svc:9200']);
    expect(Object.keys(yml).some((k) => k.startsWith('elasticsearch.ssl'))).toBe(false);
  });

  it('prod: two replicas, a PDB, an Ingress with TLS and the public URL', () => {
    expect(deployment(prod).spec.replicas).toBe(2);
    expect(find(prod, 'PodDisruptionBudget', 'kibana').spec.maxUnavailable).toBe(1);
    const ingress = find(prod, 'Ingress', 'kibana');
    expect(ingress.spec.tls).toEqual([{ hosts: ['kibana.example.org'], secretName: 'kibana-tls' }]);
    expect(ingress.spec.rules[0].http.paths[0].backend.service).toEqual({ name: 'kibana', port: { number: 5601 } });
    expect(parse(find(prod, 'ConfigMap', 'kibana-config').data['kibana.yml'])['server.publicBaseUrl']).toBe('https://kibana.example.org');
    expect(find(dev, 'Ingress', 'kibana')).toBeUndefined();
  });

  it('the setup Job calls Kibana with the elastic key of the credentials Secret only, and is named by what it sends', () => {
    const job = find(dev, 'Job', 'kibana-setup');
    expect(job.metadata.name).toMatch(/^kibana-setup-[0-9a-f]{10}$/);
    expect(job.spec.ttlSecondsAfterFinished).toBe(86400);
    const pod = job.spec.template.spec;
    expect(pod.volumes.find((v: any) => v.name === 'credentials').secret).toMatchObject({
      secretName: 'elasticsearch-credentials',
      items: [{ key: 'elastic', path: 'elastic' }],
    });
    expect(pod.containers[0].env).toContainEqual({ name: 'KIBANA_URL', value: 'http://kibana.monitoring.svc:5601' });
    const changed = manifests(withLogs('dev', { slowRequestThreshold: '2s' }));
    expect(find(changed, 'Job', 'kibana-setup').metadata.name).not.toBe(job.metadata.name);
  });

  it('kibana: false leaves Kibana, its Job and its probe out, and keeps the logs store', () => {
    const off = manifests(withLogs('dev', false));
    expect(off.filter((m) => (m.metadata.labels?.['app.kubernetes.io/name'] ?? '').startsWith('kibana'))).toEqual([]);
    expect(find(off, 'StatefulSet', 'elasticsearch')).toBeDefined();
    expect(probeTargets(resolveSettings(withLogs('dev', false), 'obs')).some((p) => p.service === 'kibana')).toBe(false);
  });

  it('dev footprint: at most 100m CPU and 768Mi memory requested', () => {
    const row = footprint(dev).find((r) => r.component === 'kibana')!;
    expect(row.cpuRequest).toBeLessThanOrEqual(cpuQuantity('t', 'cpu', '100m'));
    expect(row.memoryRequest).toBeLessThanOrEqual(byteQuantity('t', 'memory', '768Mi'));
    expect(row.pods).toBe(1);
  });

  it('the blackbox exporter probes its status API through the Service, and the flows admit the probe', () => {
    const settings = resolveSettings(withLogs('dev'), 'obs');
    expect(probeTargets(settings)).toContainEqual({
      service: 'kibana',
      namespace: 'monitoring',
      target: 'http://kibana.monitoring.svc:5601/api/status',
      module: 'http_2xx',
      port: kibanaSpec.web.port,
    });
    const policy = find(dev, 'NetworkPolicy', 'kibana');
    const from = policy.spec.ingress.flatMap((rule: any) =>
      (rule.from ?? []).map((f: any) => f.podSelector?.matchLabels['app.kubernetes.io/name']),
    );
    expect(from).toEqual(expect.arrayContaining(['kibana-setup', 'blackbox-exporter']));
    const es = find(dev, 'NetworkPolicy', 'elasticsearch');
    expect(JSON.stringify(es.spec.ingress)).toContain('"kibana"');
  });
});

describe('the Grafana logs datasource', () => {
  const objects = manifests(withLogs('dev'));
  const provisioning = parse(find(objects, 'ConfigMap', 'grafana-datasources').data['datasources.yaml']);
  const logs = provisioning.datasources.find((d: any) => d.uid === 'elasticsearch-logs');

  it('reads logs-* on @timestamp as the read-only grafana user, with the password and CA from mounted files', () => {
    expect(logs).toMatchObject({
      type: 'elasticsearch',
      url: 'https://elasticsearch.monitoring.svc:9200',
      basicAuth: true,
      basicAuthUser: 'grafana',
      jsonData: { index: 'logs-*', timeField: '@timestamp', tlsAuthWithCACert: true },
      secureJsonData: {
        basicAuthPassword: '$__file{/etc/grafana/elasticsearch-credentials/grafana}',
        tlsCACert: '$__file{/etc/grafana/elasticsearch-ca/ca.crt}',
      },
    });
    const pod = find(objects, 'Deployment', 'grafana').spec.template.spec;
    const secrets = pod.volumes.filter((v: any) => v.secret && v.name.startsWith('datasource-secret')).map((v: any) => v.secret);
    // Least privilege: the grafana key alone (not elastic's), the CA alone (not the node key).
    expect(secrets).toEqual([
      { secretName: 'elasticsearch-credentials', items: [{ key: 'grafana', path: 'grafana' }], defaultMode: 0o440 },
      { secretName: 'elasticsearch-certs', items: [{ key: 'ca.crt', path: 'ca.crt' }], defaultMode: 0o440 },
    ]);
  });

  it('the Elasticsearch setup Job creates the grafana user with a read-only role on logs-*', () => {
    const es = resolveSettings(withLogs('dev'), 'obs').elasticsearch!;
    const { payloads } = setupPlan(es);
    expect(payloads['role-grafana_reader.json']).toMatchObject({
      cluster: ['monitor'],
      indices: [{ names: ['logs-*'], privileges: ['read', 'view_index_metadata'] }],
    });
    expect(payloads['user-grafana.json']).toMatchObject({ roles: ['grafana_reader'] });
  });

  it('a user client may not take the grafana user name', () => {
    expect(() =>
      resolveSettings({ ...fixtureSettings('dev'), elasticsearch: { clients: [{ name: 'grafana', access: 'read' }] } }, 'obs'),
    ).toThrow(/elasticsearch\.clients\[0\]\.name = "grafana"; allowed: a name other than "grafana", the user of a stack component/);
  });
});

describe('the log audit dashboard', () => {
  const model = logsAuditDashboard(resolveSettings(withLogs('dev', { slowRequestThreshold: '750ms' }), 'obs')).model;
  const targets = (model.panels ?? []).flatMap((p: any) => p.targets ?? []);

  it('queries the logs datasource with the saved searches, over time and as top-N tables', () => {
    const queries = new Set(targets.map((t: any) => t.query));
    expect(queries).toEqual(
      new Set([
        'http.response.status_code:>=500',
        'event.duration:>750000000',
        'event.category:"authentication" AND event.outcome:"failure"',
        'tags:"sensitive-data"',
      ]),
    );
    for (const t of targets) expect(t.datasource).toEqual({ type: 'elasticsearch', uid: 'elasticsearch-logs' });
    const panels = (model.panels ?? []).filter((p: any) => p.type !== 'row') as any[];
    expect(panels.filter((p) => p.type === 'timeseries')).toHaveLength(4);
    expect(panels.filter((p) => p.type === 'table').length).toBeGreaterThanOrEqual(4);
  });

  it('top-N tables group by fields of the logs data view', () => {
    const fields = targets.flatMap((t: any) => t.bucketAggs.map((b: any) => b.field));
    for (const field of fields)
      expect({ field, known: (ECS_LOG_FIELDS as readonly string[]).includes(field) }).toEqual({ field, known: true });
  });
});
