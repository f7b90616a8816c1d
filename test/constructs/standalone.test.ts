import { App, Chart, Testing } from 'cdk8s';
import { parse } from 'yaml';
import { Construct } from 'constructs';
import {
  Alertmanager,
  BlackboxExporter,
  Filebeat,
  Grafana,
  Jaeger,
  Kibana,
  Logstash,
  KafkaExporter,
  KubeStateMetrics,
  MysqldExporter,
  NodeExporter,
  PostgresExporter,
  Prometheus,
  RedisExporter,
} from '../../constructs';
import { databaseFixture } from '../support/fixtures';
import { SettingsError } from '../../config/errors';
import { schemaProblems } from '../schema/kubernetes-schema';

type Manifest = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string }; [key: string]: any };

/** Synthesizes one construct alone in a fresh chart. */
function synthAlone(build: (chart: Chart) => Construct): Manifest[] {
  const chart = new Chart(Testing.app(), 'alone');
  build(chart);
  return Testing.synth(chart) as Manifest[];
}

function errorOf(build: (chart: Chart) => Construct): SettingsError {
  const chart = new Chart(new App(), 'alone');
  try {
    build(chart);
  } catch (error) {
    if (error instanceof SettingsError) return error;
    throw error;
  }
  throw new Error('expected the props to be rejected');
}

const kinds = (manifests: Manifest[]) => manifests.map((m) => `${m.kind}/${m.metadata.name}`).sort();
const find = (manifests: Manifest[], kind: string, name: string) => {
  const found = manifests.find((m) => m.kind === kind && m.metadata.name === name);
  if (!found) throw new Error(`${kind} ${name} not found in ${kinds(manifests).join(', ')}`);
  return found;
};

describe('constructs used alone', () => {
  it('Prometheus scrapes only itself, has no alerting section, and brings RBAC and a NetworkPolicy', () => {
    const manifests = synthAlone((chart) => new Prometheus(chart, 'prom', { namespace: 'monitoring', retention: '30d' }));
    expect(kinds(manifests)).toEqual(
      expect.arrayContaining([
        'StatefulSet/prometheus',
        'Service/prometheus',
        'Service/prometheus-headless',
        'ServiceAccount/prometheus',
        'ConfigMap/prometheus-config',
        'ClusterRole/monitoring-prometheus',
        'ClusterRoleBinding/monitoring-prometheus',
        'Role/prometheus-discovery-monitoring',
        'RoleBinding/prometheus-discovery-monitoring',
        'NetworkPolicy/prometheus',
      ]),
    );
    const config = parse(find(manifests, 'ConfigMap', 'prometheus-config').data['prometheus.yml']);
    expect(config.alerting).toBeUndefined();
    expect(config.scrape_configs.map((job: { job_name: string }) => job.job_name)).toEqual(['prometheus']);
    expect(find(manifests, 'StatefulSet', 'prometheus').spec.template.spec.containers[0].args).toContain(
      '--storage.tsdb.retention.time=30d',
    );
    const policy = find(manifests, 'NetworkPolicy', 'prometheus');
    expect(policy.metadata.namespace).toBe('monitoring');
    expect(policy.spec.policyTypes).toEqual(['Ingress', 'Egress']);
  });

  it('Prometheus wired to an Alertmanager has the alerting section', () => {
    const manifests = synthAlone((chart) => new Prometheus(chart, 'prom', { alertmanager: true }));
    const config = parse(find(manifests, 'ConfigMap', 'prometheus-config').data['prometheus.yml']);
    expect(config.alerting.alertmanagers).toHaveLength(1);
  });

  it('networkPolicy: false leaves the policy to the caller', () => {
    const manifests = synthAlone((chart) => new Prometheus(chart, 'prom', { networkPolicy: false }));
    expect(manifests.filter((m) => m.kind === 'NetworkPolicy')).toHaveLength(0);
  });

  it('Alertmanager', () => {
    const manifests = synthAlone((chart) => new Alertmanager(chart, 'am', {}));
    expect(kinds(manifests)).toEqual(
      expect.arrayContaining([
        'StatefulSet/alertmanager',
        'Service/alertmanager',
        'Service/alertmanager-peers',
        'ConfigMap/alertmanager-config',
        'NetworkPolicy/alertmanager',
      ]),
    );
    expect(parse(find(manifests, 'ConfigMap', 'alertmanager-config').data['alertmanager.yml']).route).toBeDefined();
  });

  it('Grafana', () => {
    const manifests = synthAlone(
      (chart) => new Grafana(chart, 'grafana', { ingress: { host: 'grafana.example.org', tlsSecretName: 'grafana-tls' } }),
    );
    expect(kinds(manifests)).toEqual(
      expect.arrayContaining([
        'Deployment/grafana',
        'Service/grafana',
        'Ingress/grafana',
        'ConfigMap/grafana-config',
        'NetworkPolicy/grafana',
      ]),
    );
    const volumes = find(manifests, 'Deployment', 'grafana').spec.template.spec.volumes;
    expect(volumes).toContainEqual(
      expect.objectContaining({ name: 'admin-secret', secret: expect.objectContaining({ secretName: 'grafana-admin' }) }),
    );
  });

  it('NodeExporter defaults to the agents namespace and node priority', () => {
    const manifests = synthAlone((chart) => new NodeExporter(chart, 'ne', {}));
    const daemonSet = find(manifests, 'DaemonSet', 'node-exporter');
    expect(daemonSet.metadata.namespace).toBe('monitoring-agents');
    expect(daemonSet.spec.template.spec.priorityClassName).toBe('system-node-critical');
    expect(daemonSet.spec.template.spec.hostPID).toBe(true);
    expect(find(manifests, 'NetworkPolicy', 'node-exporter').metadata.namespace).toBe('monitoring-agents');
  });

  it('KubeStateMetrics', () => {
    const manifests = synthAlone((chart) => new KubeStateMetrics(chart, 'ksm', { profile: 'prod', namespace: 'observability' }));
    expect(kinds(manifests)).toEqual(
      expect.arrayContaining([
        'Deployment/kube-state-metrics',
        'Service/kube-state-metrics',
        'ClusterRole/observability-kube-state-metrics',
        'PodDisruptionBudget/kube-state-metrics',
        'NetworkPolicy/kube-state-metrics',
      ]),
    );
  });

  it('BlackboxExporter', () => {
    const manifests = synthAlone((chart) => new BlackboxExporter(chart, 'bb', {}));
    expect(kinds(manifests)).toEqual(
      expect.arrayContaining([
        'Deployment/blackbox-exporter',
        'Service/blackbox-exporter',
        'ConfigMap/blackbox-exporter-config',
        'NetworkPolicy/blackbox-exporter',
      ]),
    );
  });
});

describe('database exporters used alone', () => {
  const db = databaseFixture();

  it('PostgresExporter: Deployment, Service, ServiceAccount and a NetworkPolicy to the server only', () => {
    const manifests = synthAlone((chart) => new PostgresExporter(chart, 'orders', { ...db.postgres![1], namespace: 'data-monitoring' }));
    expect(kinds(manifests)).toEqual([
      'Deployment/postgres-exporter-billing',
      'NetworkPolicy/postgres-exporter-billing',
      'Service/postgres-exporter-billing',
      'ServiceAccount/postgres-exporter-billing',
    ]);
    const policy = find(manifests, 'NetworkPolicy', 'postgres-exporter-billing');
    expect(policy.metadata.namespace).toBe('data-monitoring');
    expect(policy.spec.egress).toContainEqual({ to: [{ ipBlock: { cidr: '10.20.3.4/32' } }], ports: [{ port: 5432, protocol: 'TCP' }] });
    const pod = find(manifests, 'Deployment', 'postgres-exporter-billing').spec.template.spec;
    expect(pod.volumes[0].secret.secretName).toBe('billing-db');
  });

  it('MysqldExporter, RedisExporter and KafkaExporter, prod profile with a PDB', () => {
    const manifests = synthAlone((chart) => {
      new MysqldExporter(chart, 'shop', { ...db.mysql![0], profile: 'prod' });
      new RedisExporter(chart, 'cache', { ...db.redis![0], networkPolicy: false });
      return new KafkaExporter(chart, 'events', db.kafka![0]);
    });
    expect(find(manifests, 'Deployment', 'mysqld-exporter-shop').spec.replicas).toBe(2);
    expect(find(manifests, 'PodDisruptionBudget', 'mysqld-exporter-shop').spec.maxUnavailable).toBe(1);
    expect(manifests.some((m) => m.kind === 'NetworkPolicy' && m.metadata.name === 'redis-exporter-cache')).toBe(false);
    expect(find(manifests, 'Deployment', 'kafka-exporter-events').metadata.namespace).toBe('monitoring');
  });

  it.each([
    ['address', (chart: Chart) => new PostgresExporter(chart, 'pg', { ...db.postgres![0], address: 'db' }), 'props.address'],
    ['name', (chart: Chart) => new RedisExporter(chart, 'r', { ...db.redis![0], name: 'Cache' }), 'props.name'],
    ['profile', (chart: Chart) => new KafkaExporter(chart, 'k', { ...db.kafka![0], profile: 'big' as never }), 'props.profile'],
    [
      'literal password',
      (chart: Chart) => new MysqldExporter(chart, 'm', { ...db.mysql![0], password: 'hunter2' } as never),
      'props.password',
    ],
  ])('a bad %s names the construct path and props field', (_name, build, field) => {
    const error = errorOf(build);
    expect(error.field).toBe(field);
    expect(error.message).toContain('alone/');
    expect(error.message).not.toContain('hunter2');
  });
});

describe('objects of the constructs used alone', () => {
  it('all pass the Kubernetes schema, unknown fields included', () => {
    const manifests = synthAlone((chart) => {
      new Prometheus(chart, 'prom', { alertmanager: true });
      new Alertmanager(chart, 'am', { profile: 'prod' });
      new Grafana(chart, 'grafana', {});
      new NodeExporter(chart, 'ne', {});
      new KubeStateMetrics(chart, 'ksm', {});
      const db = databaseFixture();
      new PostgresExporter(chart, 'pg', db.postgres![0]);
      new MysqldExporter(chart, 'my', db.mysql![0]);
      new RedisExporter(chart, 'redis', db.redis![0]);
      new KafkaExporter(chart, 'kafka', db.kafka![0]);
      return new BlackboxExporter(chart, 'bb', {});
    });
    expect(manifests.flatMap((m) => schemaProblems(m as never))).toEqual([]);
  });

  it('a misspelt prop fails to compile', () => {
    // @ts-expect-error `retension` is not a Prometheus prop
    const props: import('../../constructs').PrometheusProps = { retension: '30d' };
    expect(props).toBeDefined();
  });
});

describe('bad props name the construct path and the field', () => {
  const cases: Array<[string, (chart: Chart) => Construct, string, string]> = [
    ['Prometheus retention', (chart) => new Prometheus(chart, 'prom', { retention: '30 days' }), 'alone/prom', 'props.retention'],
    ['Alertmanager replicas', (chart) => new Alertmanager(chart, 'am', { replicas: 0 }), 'alone/am', 'props.replicas'],
    [
      'Grafana ingress host',
      (chart) => new Grafana(chart, 'grafana', { ingress: { host: 'Not A Host', tlsSecretName: 'tls' } }),
      'alone/grafana',
      'props.ingress.host',
    ],
    ['NodeExporter namespace', (chart) => new NodeExporter(chart, 'ne', { namespace: 'Bad_NS' }), 'alone/ne', 'props.namespace'],
    ['KubeStateMetrics profile', (chart) => new KubeStateMetrics(chart, 'ksm', { profile: 'huge' as never }), 'alone/ksm', 'props.profile'],
    [
      'BlackboxExporter resources',
      (chart) =>
        new BlackboxExporter(chart, 'bb', { resources: { requests: { cpu: '2', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } } }),
      'alone/bb',
      'props.resources.limits.cpu',
    ],
  ];
  it.each(cases)('%s', (_name, build, where, field) => {
    const error = errorOf(build);
    expect(error.where).toBe(where);
    expect(error.field).toBe(field);
    expect(error.message).toContain(where);
    expect(error.message).toContain(field);
  });

  // The Elasticsearch clients take the cluster's settings as props: validated like the stack's,
  // even where the construct does not write to it (Filebeat shipping to Logstash).
  const clients: Array<[string, (chart: Chart, props: object) => Construct]> = [
    ['Kibana', (chart, props) => new Kibana(chart, 'client', props)],
    ['Logstash', (chart, props) => new Logstash(chart, 'client', props)],
    ['Filebeat', (chart, props) => new Filebeat(chart, 'client', props)],
    ['Jaeger', (chart, props) => new Jaeger(chart, 'client', props)],
  ];
  it.each(clients)('%s: an unknown key of props.elasticsearch and a bad props.elasticsearchNamespace', (_name, build) => {
    const unknown = errorOf((chart) => build(chart, { elasticsearch: { replicaz: 3 } }));
    expect(unknown.message).toBe('alone/client: unknown setting props.elasticsearch.replicaz; did you mean replicas?');
    const namespace = errorOf((chart) => build(chart, { elasticsearchNamespace: 'Bad_NS' }));
    expect([namespace.where, namespace.field, namespace.value]).toEqual(['alone/client', 'props.elasticsearchNamespace', 'Bad_NS']);
  });
});
