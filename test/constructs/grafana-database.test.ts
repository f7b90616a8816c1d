import { App, Chart } from 'cdk8s';
import { Grafana } from '../../constructs';
import { Manifest } from '../../constructs/stack/footprint';
import { synthesize } from '../../constructs/stack/synthesize';
import { fixtureSettings, GRAFANA_DATABASE } from '../support/fixtures';

const find = (objects: readonly Manifest[], kind: string, name: string) =>
  objects.find((o) => o.kind === kind && o.metadata.name === name) as any;
const ini = (objects: readonly Manifest[]) => find(objects, 'ConfigMap', 'grafana-config').data['grafana.ini'] as string;
const egressPorts = (objects: readonly Manifest[]) =>
  (find(objects, 'NetworkPolicy', 'grafana').spec.egress as any[]).map((rule) => ({ to: rule.to, ports: rule.ports }));

describe('Grafana without a shared database', () => {
  const prod = synthesize(fixtureSettings('prod')).manifests;
  const dev = synthesize(fixtureSettings('dev')).manifests;

  it('prod: one replica whose SQLite lives on a claim (a StatefulSet), so logins and annotations survive restarts', () => {
    const set = find(prod, 'StatefulSet', 'grafana');
    expect(set.spec.replicas).toBe(1);
    expect(set.spec.serviceName).toBe('grafana-headless');
    expect(find(prod, 'Service', 'grafana-headless').spec.clusterIP).toBe('None');
    expect(set.spec.volumeClaimTemplates[0].metadata.name).toBe('data');
    expect(set.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('5Gi');
    const container = set.spec.template.spec.containers[0];
    expect(container.volumeMounts).toContainEqual({ name: 'data', mountPath: '/var/lib/grafana' });
    expect(set.spec.template.spec.volumes.find((v: any) => v.name === 'data')).toBeUndefined();
    expect(find(prod, 'Deployment', 'grafana')).toBeUndefined();
    expect(find(prod, 'PodDisruptionBudget', 'grafana')).toBeUndefined();
    expect(ini(prod)).not.toContain('[database]');
  });

  it('dev: one replica on scratch space, as before', () => {
    const deployment = find(dev, 'Deployment', 'grafana');
    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.spec.template.spec.volumes.find((v: any) => v.name === 'data').emptyDir).toBeDefined();
  });
});

describe('Grafana with a shared PostgreSQL database', () => {
  const objects = synthesize({ ...fixtureSettings('prod'), grafana: { database: GRAFANA_DATABASE } }).manifests;

  it('prod runs the catalog replicas (2) as a Deployment with a PodDisruptionBudget and scratch data dir', () => {
    const deployment = find(objects, 'Deployment', 'grafana');
    expect(deployment.spec.replicas).toBe(2);
    expect(find(objects, 'PodDisruptionBudget', 'grafana')).toBeDefined();
    expect(find(objects, 'StatefulSet', 'grafana')).toBeUndefined();
    expect(deployment.spec.template.spec.volumes.find((v: any) => v.name === 'data').emptyDir).toBeDefined();
  });

  it('renders [database] into grafana.ini with the password read from the mounted Secret file', () => {
    expect(ini(objects)).toContain(
      [
        '[database]',
        'type = postgres',
        'host = grafana-db.data.svc:5432',
        'name = grafana',
        'user = grafana',
        'password = $__file{/etc/grafana/database-secret/password}',
        'ssl_mode = require',
      ].join('\n'),
    );
    const pod = find(objects, 'Deployment', 'grafana').spec.template.spec;
    expect(pod.volumes.find((v: any) => v.name === 'database-secret').secret).toEqual({
      secretName: 'grafana-db',
      items: [{ key: 'password', path: 'password' }],
      defaultMode: 0o440,
    });
    expect(pod.containers[0].volumeMounts).toContainEqual({
      name: 'database-secret',
      mountPath: '/etc/grafana/database-secret',
      readOnly: true,
    });
    // No Secret object for it is shipped: the user's Secret is referenced, never written.
    expect(find(objects, 'Secret', 'grafana-db')).toBeUndefined();
  });

  it('opens egress to the database port only (any address for a DNS name; the CIDR when given)', () => {
    expect(egressPorts(objects)).toContainEqual({
      // A DNS name: any pod of the cluster or any address, on the port only.
      to: [{ namespaceSelector: {} }, { ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }],
      ports: [{ port: 5432, protocol: 'TCP' }],
    });
    const pinned = synthesize({
      ...fixtureSettings('prod'),
      grafana: { database: { ...GRAFANA_DATABASE, port: 6432, cidr: '10.40.0.0/24', sslMode: 'verify-full' } },
    }).manifests;
    expect(egressPorts(pinned)).toContainEqual({ to: [{ ipBlock: { cidr: '10.40.0.0/24' } }], ports: [{ port: 6432, protocol: 'TCP' }] });
    expect(egressPorts(pinned)).not.toContainEqual(expect.objectContaining({ ports: [{ port: 5432, protocol: 'TCP' }] }));
    expect(ini(pinned)).toContain('host = grafana-db.data.svc:6432');
    expect(ini(pinned)).toContain('ssl_mode = verify-full');
  });

  it('honours an explicit replica count, and the construct used alone takes the same setting', () => {
    const three = synthesize({ ...fixtureSettings('prod'), grafana: { replicas: 3, database: GRAFANA_DATABASE } }).manifests;
    expect(find(three, 'Deployment', 'grafana').spec.replicas).toBe(3);
    const chart = new Chart(new App(), 'test');
    new Grafana(chart, 'grafana', { profile: 'prod', namespace: 'monitoring', database: GRAFANA_DATABASE });
    const alone = chart.toJson() as Manifest[];
    expect(find(alone, 'Deployment', 'grafana').spec.replicas).toBe(2);
    expect(ini(alone)).toContain('[database]');
  });

  it('refuses more than one replica without it, naming grafana.replicas and grafana.database', () => {
    expect(() => synthesize({ ...fixtureSettings('prod'), grafana: { replicas: 2 } })).toThrow(
      /invalid grafana\.replicas = 2; allowed: 1 without grafana\.database .*set grafana\.database \(PostgreSQL\) to run more/,
    );
  });
});
