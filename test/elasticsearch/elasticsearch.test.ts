import { parse } from 'yaml';
import { App, Chart } from 'cdk8s';
import { Elasticsearch } from '../../constructs/elasticsearch/elasticsearch';
import { IlmPolicyBody, IndexTemplateBody, RoleBody, renderSetupFiles, setupPlan } from '../../constructs/elasticsearch/files';
import { resolveElasticsearch } from '../../constructs/elasticsearch/settings';
import { SETUP_SCRIPT } from '../../constructs/elasticsearch/setup-script';
import { resolveSettings } from '../../constructs/stack/resolve';
import { StackSettings } from '../../constructs/stack/settings';
import { synthesize } from '../../constructs/stack/synthesize';
import { fixtureSettings } from '../support/fixtures';

type Profile = 'dev' | 'prod';
const stack = (profile: Profile, elasticsearch: StackSettings['elasticsearch'] = {}) =>
  synthesize({ ...fixtureSettings(profile), elasticsearch }).manifests as any[];
const find = (manifests: any[], kind: string, name: string) => manifests.find((m) => m.kind === kind && m.metadata.name === name);
const statefulSet = (m: any[]) => find(m, 'StatefulSet', 'elasticsearch');
const yml = (m: any[]) => parse(find(m, 'ConfigMap', 'elasticsearch-config').data['elasticsearch.yml']);
const container = (m: any[]) => statefulSet(m).spec.template.spec.containers[0];
const job = (m: any[]) => m.find((o) => o.kind === 'Job');

describe('Elasticsearch in prod', () => {
  const m = stack('prod');
  const sts = statefulSet(m);
  const pod = sts.spec.template.spec;

  it('is a 3-node StatefulSet, Parallel, one 50Gi volume per node, behind a headless Service that publishes not-ready pods', () => {
    expect(sts.spec.replicas).toBe(3);
    expect(sts.spec.podManagementPolicy).toBe('Parallel');
    expect(sts.spec.serviceName).toBe('elasticsearch-nodes');
    expect(sts.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('50Gi');
    const headless = find(m, 'Service', 'elasticsearch-nodes');
    expect(headless.spec).toMatchObject({ clusterIP: 'None', publishNotReadyAddresses: true });
    expect(headless.spec.ports.map((p: any) => p.port)).toEqual([9200, 9300]);
    expect(find(m, 'Service', 'elasticsearch').spec.ports.map((p: any) => p.port)).toEqual([9200]);
  });

  it('discovers through the headless Service and bootstraps with the three node names', () => {
    expect(yml(m)).toMatchObject({
      'discovery.seed_hosts': ['elasticsearch-nodes.monitoring.svc'],
      'cluster.initial_master_nodes': ['elasticsearch-0', 'elasticsearch-1', 'elasticsearch-2'],
      'readiness.port': 8080,
      'xpack.security.enabled': true,
      'xpack.security.transport.ssl.enabled': true,
      'xpack.security.http.ssl.enabled': true,
      'cluster.name': 'prod-cluster',
    });
    expect(yml(m)).not.toHaveProperty(['discovery.type']);
    expect(yml(m)).not.toHaveProperty(['node.store.allow_mmap']);
  });

  it('keeps one node per host (required), spreads over zones, and allows one node down (PDB)', () => {
    expect(pod.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].topologyKey).toBe('kubernetes.io/hostname');
    expect(pod.topologySpreadConstraints[0]).toMatchObject({
      topologyKey: 'topology.kubernetes.io/zone',
      whenUnsatisfiable: 'ScheduleAnyway',
    });
    const pdb = m.find((o) => o.kind === 'PodDisruptionBudget' && o.metadata.name === 'elasticsearch');
    expect(pdb.spec.maxUnavailable).toBe(1);
  });

  it('requests all the memory it may use, sets no heap flag, and probes TCP: readiness port vs HTTP port', () => {
    const c = container(m);
    expect(c.resources.requests.memory).toBe(c.resources.limits.memory);
    expect(c.env.map((e: any) => e.name)).not.toContain('ES_JAVA_OPTS');
    expect(c.readinessProbe.tcpSocket.port).toBe('readiness');
    expect(c.livenessProbe.tcpSocket.port).toBe('http');
    expect(c.ports.find((p: any) => p.name === 'readiness').containerPort).toBe(8080);
  });

  it('takes the elastic password from the Secret, never as a literal', () => {
    expect(container(m).env.find((e: any) => e.name === 'ELASTIC_PASSWORD')).toEqual({
      name: 'ELASTIC_PASSWORD',
      valueFrom: { secretKeyRef: { name: 'elasticsearch-credentials', key: 'elastic' } },
    });
  });

  it('runs read-only and unprivileged, with config, logs and tmp on emptyDirs filled by the config init container', () => {
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, fsGroup: 65534, seccompProfile: { type: 'RuntimeDefault' } });
    for (const c of [...pod.initContainers, ...pod.containers]) {
      expect(c.securityContext).toMatchObject({ readOnlyRootFilesystem: true, privileged: false, capabilities: { drop: ['ALL'] } });
    }
    expect(pod.initContainers.map((c: any) => c.name)).toEqual(['config']);
    const empty = pod.volumes.filter((v: any) => v.emptyDir).map((v: any) => v.name);
    expect(empty.sort()).toEqual(['config', 'logs', 'tmp']);
  });

  it('deletes logs after 90 days: rollover, then a delete phase', () => {
    const plan = renderSetupFiles(resolveElasticsearch('t', 'es', 'prod', 'monitoring'));
    const ilm = JSON.parse(plan['ilm-logs-generic-retention.json']);
    expect(ilm.policy.phases.hot.actions.rollover.max_age).toBe('1d');
    expect(ilm.policy.phases.delete).toEqual({ min_age: '90d', actions: { delete: {} } });
    expect(JSON.parse(plan['index-template-logs-generic.json']).template.settings.index).toEqual({
      lifecycle: { name: 'logs-generic-retention' },
      number_of_replicas: 1,
    });
  });

  it('runs the setup Job with the exact script bytes, its plan, and no password anywhere in the manifests', () => {
    const setup = job(m);
    expect(setup.spec.ttlSecondsAfterFinished).toBeGreaterThan(0);
    const data = find(m, 'ConfigMap', 'elasticsearch-setup-config').data;
    expect(data['setup.sh']).toBe(SETUP_SCRIPT);
    expect(data['plan.txt'].split('\n')[0]).toBe('wait');
    expect(JSON.stringify(m)).not.toMatch(/"password"\s*:/);
    expect(setup.spec.template.spec.volumes.find((v: any) => v.name === 'credentials').secret.secretName).toBe('elasticsearch-credentials');
  });
});

describe('Elasticsearch in dev', () => {
  const m = stack('dev');
  it('is one node: discovery.type single-node, no initial_master_nodes, no mmap, 5Gi, 1Gi memory', () => {
    expect(statefulSet(m).spec.replicas).toBe(1);
    expect(yml(m)).toMatchObject({ 'discovery.type': 'single-node', 'node.store.allow_mmap': false });
    expect(yml(m)).not.toHaveProperty(['cluster.initial_master_nodes']);
    expect(yml(m)).not.toHaveProperty(['discovery.seed_hosts']);
    expect(statefulSet(m).spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('5Gi');
    expect(container(m).resources.limits.memory).toBe('1Gi');
    expect(m.some((o) => o.kind === 'PodDisruptionBudget' && o.metadata.name === 'elasticsearch')).toBe(false);
  });
  it('keeps logs 7 days and holds no replicas', () => {
    const plan = renderSetupFiles(resolveElasticsearch('t', 'es', 'dev', 'monitoring'));
    expect(JSON.parse(plan['ilm-logs-generic-retention.json']).policy.phases.delete.min_age).toBe('7d');
    expect(JSON.parse(plan['index-template-logs-generic.json']).template.settings.index.number_of_replicas).toBe(0);
  });
});

describe('options', () => {
  it('bootstrap: false drops cluster.initial_master_nodes (the documented switch-off)', () => {
    expect(yml(stack('prod', { bootstrap: false }))).not.toHaveProperty(['cluster.initial_master_nodes']);
  });
  it('a user-set heap becomes -Xms/-Xmx', () => {
    expect(container(stack('prod', { heap: '2g' })).env).toContainEqual({ name: 'ES_JAVA_OPTS', value: '-Xms2g -Xmx2g' });
  });
  it('zoneSpread makes the zone constraint hard', () => {
    expect(statefulSet(stack('prod', { zoneSpread: true })).spec.template.spec.topologySpreadConstraints[0].whenUnsatisfiable).toBe(
      'DoNotSchedule',
    );
  });
  it('maxMapCount initContainer: one privileged init container, its exemptions next to it, in the privileged namespace', () => {
    const m = stack('prod', { maxMapCount: 'initContainer' });
    const sts = statefulSet(m);
    expect(sts.metadata.namespace).toBe('monitoring-agents');
    const [sysctl] = sts.spec.template.spec.initContainers;
    expect(sysctl.name).toBe('sysctl');
    expect(sysctl.securityContext.privileged).toBe(true);
    expect(sysctl.command.join(' ')).toContain('1048576 > /proc/sys/vm/max_map_count');
    expect(sts.metadata.annotations['polaris.fairwinds.com/runAsPrivileged-exempt']).toBe('true');
    const privileged = m.flatMap((o) =>
      [...(o.spec?.template?.spec?.initContainers ?? []), ...(o.spec?.template?.spec?.containers ?? [])].filter(
        (c: any) => c.securityContext?.privileged,
      ),
    );
    expect(privileged.map((c: any) => c.name)).toEqual(['sysctl']);
    expect(yml(m)['discovery.seed_hosts']).toEqual(['elasticsearch-nodes.monitoring-agents.svc']);
    expect(sts.spec.template.spec.priorityClassName).toBe('system-cluster-critical');
  });
  it('maxMapCount nodeTuned (prod default) puts nothing in the pod and keeps mmap', () => {
    const m = stack('prod', { maxMapCount: 'nodeTuned' });
    expect(statefulSet(m).spec.template.spec.initContainers.map((c: any) => c.name)).toEqual(['config']);
    expect(yml(m)).not.toHaveProperty(['node.store.allow_mmap']);
  });
  it('a cert-manager issuer adds a Certificate for the Service and every node', () => {
    const m = stack('prod', { tls: { certManagerIssuer: { name: 'ca' } } });
    const cert = m.find((o) => o.kind === 'Certificate');
    expect(cert.spec.secretName).toBe('elasticsearch-certs');
    expect(cert.spec.issuerRef).toEqual({ name: 'ca', kind: 'Issuer', group: 'cert-manager.io' });
    expect(cert.spec.dnsNames).toContain('*.elasticsearch-nodes.monitoring.svc');
    expect(stack('prod').some((o) => o.kind === 'Certificate')).toBe(false);
  });
  it('clients get a role, a user and a flow; retention per stream', () => {
    const es = resolveElasticsearch('t', 'es', 'prod', 'monitoring', {
      logStreams: [{ name: 'app', retention: '30d' }],
      clients: [{ name: 'logstash', access: 'write' }],
    });
    const { steps, payloads } = setupPlan(es);
    expect(steps.map((s) => s.op)).toEqual(['wait', 'password', 'put', 'put', 'user', 'user', 'put', 'put', 'create']);
    expect(payloads['role-logstash_writer.json']).toMatchObject({
      indices: [{ names: ['logs-app-*'], privileges: ['create_doc', 'auto_configure', 'view_index_metadata'] }],
    });
    expect((payloads['ilm-logs-app-retention.json'] as IlmPolicyBody).policy!.phases.delete!.min_age).toBe('30d');
  });
  it('used alone, it writes its own NetworkPolicies (cluster, exporter, setup Job)', () => {
    const chart = new Chart(new App(), 'alone', { disableResourceNameHashes: true });
    new Elasticsearch(chart, 'es', { profile: 'prod', namespace: 'logs' });
    const policies = (chart.toJson() as any[]).filter((o) => o.kind === 'NetworkPolicy').map((o) => o.metadata.name);
    expect(policies.sort()).toEqual(['elasticsearch', 'elasticsearch-exporter', 'elasticsearch-setup']);
  });
  it('the default stack (no elasticsearch key) has no logs store', () => {
    expect(synthesize(fixtureSettings('prod')).manifests.some((o) => o.metadata.name.startsWith('elasticsearch'))).toBe(false);
  });
});

describe('bad inputs are synth errors naming the field, the value and what is allowed', () => {
  const resolve = (profile: Profile, elasticsearch: unknown) =>
    resolveSettings({ ...fixtureSettings(profile), elasticsearch } as StackSettings, 'obs');
  it.each([
    [
      'heap above half the limit',
      'prod',
      { heap: '3g' },
      /obs: invalid elasticsearch\.heap = "3g"; allowed: at most half the memory limit 4Gi/,
    ],
    [
      'heap above 31g',
      'prod',
      { heap: '32g', resources: { requests: { cpu: '4', memory: '128Gi' }, limits: { cpu: '8', memory: '128Gi' } } },
      /invalid elasticsearch\.heap = "32g"; allowed: at most 31g/,
    ],
    ['heap not a size', 'prod', { heap: '2GB' }, /invalid elasticsearch\.heap = "2GB"; allowed: a JVM size/],
    [
      'retention not a duration',
      'prod',
      { logStreams: [{ name: 'app', retention: '90 days' }] },
      /invalid elasticsearch\.logStreams\[0\]\.retention = "90 days"; allowed: a retention: a whole number of days or hours/,
    ],
    [
      'zero-day delete',
      'prod',
      { logStreams: [{ name: 'app', retention: '0d' }] },
      /invalid elasticsearch\.logStreams\[0\]\.retention = "0d"; allowed: a retention longer than zero/,
    ],
    [
      'initial_master_nodes with single-node',
      'dev',
      { bootstrap: true },
      /invalid elasticsearch\.bootstrap = true; allowed: false with one node: .*single-node/,
    ],
    [
      'TLS off with more than one node',
      'prod',
      { tls: { transport: false } },
      /invalid elasticsearch\.tls\.transport = false; allowed: true with more than one node \(3\)/,
    ],
    [
      'memory request below the limit',
      'prod',
      { resources: { requests: { cpu: '1', memory: '2Gi' }, limits: { cpu: '2', memory: '4Gi' } } },
      /elasticsearch\.resources\.requests\.memory = "2Gi"; allowed: the memory limit \(4Gi\)/,
    ],
    [
      'prod volume under 30Gi',
      'prod',
      { storage: '10Gi' },
      /invalid elasticsearch\.storage = "10Gi"; allowed: at least 30Gi per node in prod/,
    ],
    [
      'unknown maxMapCount',
      'prod',
      { maxMapCount: 'sysctl' },
      /invalid elasticsearch\.maxMapCount = "sysctl"; allowed: "initContainer", "nodeTuned", "noMmap"/,
    ],
    [
      'a client taking a built-in name',
      'prod',
      { clients: [{ name: 'kibana_system', access: 'read' }] },
      /elasticsearch\.clients\[0\]\.name/,
    ],
    [
      'a client with another access',
      'prod',
      { clients: [{ name: 'filebeat', access: 'admin' }] },
      /elasticsearch\.clients\[0\]\.access = "admin"; allowed: "write" or "read"/,
    ],
    ['a dataset with a dash', 'prod', { logStreams: [{ name: 'my-app' }] }, /elasticsearch\.logStreams\[0\]\.name = "my-app"/],
    ['unknown key', 'prod', { retension: '90d' }, /obs: unknown setting elasticsearch\.retension/],
    ['two nodes', 'prod', { replicas: 2 }, /invalid elasticsearch\.replicas = 2; allowed: 1, or 3 or more/],
    ['unknown TLS key', 'prod', { tls: { trasport: false } }, /unknown setting elasticsearch\.tls\.trasport; did you mean transport\?/],
    [
      'unknown stream key',
      'prod',
      { logStreams: [{ name: 'app', retentoin: '9d' }] },
      /unknown setting elasticsearch\.logStreams\[0\]\.retentoin; did you mean retention\?/,
    ],
    [
      'unknown exporter key',
      'prod',
      { exporter: { replica: 2 } },
      /unknown setting elasticsearch\.exporter\.replica; did you mean replicas\?/,
    ],
  ])('%s', (_name, profile, elasticsearch, message) => {
    expect(() => resolve(profile as Profile, elasticsearch)).toThrow(message);
  });

  it('the construct used alone names its own path', () => {
    const chart = new Chart(new App(), 'alone');
    expect(() => new Elasticsearch(chart, 'es', { profile: 'prod', heap: '3g' })).toThrow(/^alone\/es: invalid props\.heap = "3g"/);
  });
});

describe('request bodies are typed with @elastic/elasticsearch request types (a wrong field fails tsc)', () => {
  it('rejects misspelt and misplaced fields at compile time', () => {
    // Each line below must fail tsc; `@ts-expect-error` itself fails tsc if it does not.
    // @ts-expect-error `delet` is not an ILM action
    const badAction: IlmPolicyBody = { policy: { phases: { delete: { min_age: '7d', actions: { delet: {} } } } } };
    // @ts-expect-error `name` is a path parameter, not part of the body
    const badTemplate: IndexTemplateBody = { name: 'logs', index_patterns: ['logs-*'] };
    // @ts-expect-error `indices[].privileges` is a list
    const badRole: RoleBody = { indices: [{ names: ['logs-*'], privileges: 'read' }] };
    expect([badAction, badTemplate, badRole]).toHaveLength(3);
  });
});
