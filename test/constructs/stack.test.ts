import { App, Chart } from 'cdk8s';
import { fixtureSettings } from '../support/fixtures';
import { StackSettings } from '../../constructs/stack/settings';
import { ObservabilityStack } from '../../constructs';
import { KUBE_STATE_METRICS_RESOURCES } from '../../constructs/kube-state-metrics/kube-state-metrics';
import { footprint, footprintTable, Manifest } from '../../constructs/stack/footprint';
import { manifestsFor } from '../support/manifests';

const find = (manifests: Manifest[], kind: string, name: string, namespace?: string) => {
  const found = manifests.find(
    (m) => m.kind === kind && m.metadata.name === name && (namespace === undefined || m.metadata.namespace === namespace),
  );
  if (!found) throw new Error(`${kind} ${name} not found`);
  return found as any;
};
const container = (workload: any) => workload.spec.template.spec.containers[0];
const synthWith = (settings: StackSettings) => {
  const chart = new Chart(new App(), 'test');
  new ObservabilityStack(chart, 'obs', settings);
  return chart.toJson() as Manifest[];
};

describe('dev profile', () => {
  const dev = manifestsFor('dev');

  it('runs single replicas without PodDisruptionBudgets', () => {
    expect(find(dev, 'StatefulSet', 'prometheus').spec.replicas).toBe(1);
    expect(find(dev, 'StatefulSet', 'alertmanager').spec.replicas).toBe(1);
    expect(dev.filter((m) => m.kind === 'PodDisruptionBudget')).toHaveLength(0);
  });

  it('disables Alertmanager clustering with one replica', () => {
    expect(container(find(dev, 'StatefulSet', 'alertmanager')).args).toContain('--cluster.listen-address=');
  });

  it('gives Prometheus a volume claim template of the profile size and retention flags', () => {
    const prometheus = find(dev, 'StatefulSet', 'prometheus');
    expect(prometheus.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('10Gi');
    expect(container(prometheus).args).toEqual(
      expect.arrayContaining(['--storage.tsdb.retention.time=15d', '--storage.tsdb.retention.size=8GB']),
    );
  });
});

describe('prod profile', () => {
  const prod = manifestsFor('prod');

  it('runs 2 Prometheus and 3 Alertmanager replicas with PDBs and host anti-affinity', () => {
    for (const [name, replicas] of [
      ['prometheus', 2],
      ['alertmanager', 3],
    ] as const) {
      const set = find(prod, 'StatefulSet', name);
      expect(set.spec.replicas).toBe(replicas);
      expect(
        set.spec.template.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey,
      ).toBe('kubernetes.io/hostname');
      expect(find(prod, 'PodDisruptionBudget', name).spec).toMatchObject({
        maxUnavailable: 1,
        selector: { matchLabels: { 'app.kubernetes.io/name': name } },
      });
    }
  });

  it('forms an Alertmanager gossip cluster with every replica as a peer', () => {
    const args: string[] = container(find(prod, 'StatefulSet', 'alertmanager')).args;
    expect(args.filter((a) => a.startsWith('--cluster.peer='))).toEqual(
      [0, 1, 2].map((i) => `--cluster.peer=alertmanager-${i}.alertmanager-peers.monitoring.svc:9094`),
    );
    expect(find(prod, 'Service', 'alertmanager-peers').spec.clusterIP).toBe('None');
  });

  it('uses larger volumes than dev', () => {
    expect(find(prod, 'StatefulSet', 'prometheus').spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('100Gi');
  });
});

describe('security and RBAC', () => {
  const dev = manifestsFor('dev');

  it('never grants nodes/proxy, secrets, wildcards or write verbs to Prometheus', () => {
    const rules = [...dev.filter((m) => /Role$/.test(m.kind) && m.metadata.labels?.['app.kubernetes.io/name'] === 'prometheus')].flatMap(
      (r: any) => r.rules,
    );
    const resources = rules.flatMap((r: any) => r.resources ?? []);
    expect(resources).toContain('nodes/metrics');
    expect(resources).not.toContain('nodes/proxy');
    expect(resources).not.toContain('secrets');
    expect(rules.flatMap((r: any) => r.verbs)).not.toEqual(expect.arrayContaining(['create']));
    expect(JSON.stringify(rules)).not.toContain('*');
  });

  it('limits namespaced discovery to Roles in the watched namespaces when discovery is namespaced', () => {
    const roles = dev
      .filter((m) => m.kind === 'Role')
      .map((r) => r.metadata.namespace)
      .sort();
    expect(roles).toEqual(['demo', 'monitoring']);
    const clusterRole = find(dev, 'ClusterRole', 'monitoring-prometheus');
    expect(clusterRole.rules.flatMap((r: any) => r.resources ?? [])).toEqual(['nodes', 'nodes/metrics']);
    const cluster = synthWith({ ...fixtureSettings('dev'), discovery: { scope: 'cluster' } });
    // Cluster-wide annotation discovery adds only pods to the ClusterRole; services and
    // endpointslices stay in Roles of the stack and monitored-service namespaces.
    expect(
      cluster
        .filter((m) => m.kind === 'Role')
        .map((r) => r.metadata.namespace)
        .sort(),
    ).toEqual(['demo', 'monitoring']);
    expect(find(cluster, 'ClusterRole', 'monitoring-prometheus').rules.flatMap((r: any) => r.resources ?? [])).toEqual([
      'nodes',
      'nodes/metrics',
      'pods',
    ]);
  });

  it('mirrors kube-state-metrics RBAC to its --resources flag, without secrets or configmaps', () => {
    const ksm = find(dev, 'Deployment', 'kube-state-metrics');
    const flag = container(ksm)
      .args.find((a: string) => a.startsWith('--resources='))
      .slice('--resources='.length)
      .split(',');
    const granted = find(dev, 'ClusterRole', 'monitoring-kube-state-metrics').rules.flatMap((r: any) => r.resources);
    expect([...granted].sort()).toEqual([...flag].sort());
    expect(flag).toHaveLength(KUBE_STATE_METRICS_RESOURCES.length);
    expect(flag).not.toContain('secrets');
    expect(flag).not.toContain('configmaps');
  });

  it('reads Grafana admin credentials from a mounted Secret only', () => {
    const grafana = find(dev, 'Deployment', 'grafana');
    expect(grafana.spec.template.spec.volumes).toContainEqual({
      name: 'admin-secret',
      secret: { secretName: 'grafana-admin', defaultMode: 0o440 },
    });
    expect(JSON.stringify(container(grafana).env)).not.toMatch(/PASSWORD/i);
    expect(find(dev, 'ConfigMap', 'grafana-config').data['grafana.ini']).toContain(
      'admin_password = $__file{/etc/grafana/secrets/admin-password}',
    );
    expect(dev.filter((m) => m.kind === 'Secret')).toHaveLength(0);
  });

  it('labels the stack namespace restricted and only the agents namespace privileged', () => {
    expect(find(dev, 'Namespace', 'monitoring').metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
    expect(find(dev, 'Namespace', 'monitoring-agents').metadata.labels['pod-security.kubernetes.io/enforce']).toBe('privileged');
  });
});

describe('configuration changes roll the pods', () => {
  it('changes the Prometheus checksum annotation when a rule or scrape setting changes', () => {
    const checksumOf = (settings: StackSettings) =>
      find(synthWith(settings), 'StatefulSet', 'prometheus').spec.template.metadata.annotations['checksum/config'];
    const base = checksumOf(fixtureSettings('dev'));
    expect(base).toMatch(/^[0-9a-f]{64}$/);
    expect(checksumOf(fixtureSettings('dev'))).toBe(base);
    expect(checksumOf({ ...fixtureSettings('dev'), prometheus: { scrapeInterval: '30s' } })).not.toBe(base);
    const mine = { name: 'mine', rules: [{ alert: 'Mine', expr: 'up == 0', labels: { severity: 'warning' } }] };
    expect(checksumOf({ ...fixtureSettings('dev'), ruleGroups: [mine] })).not.toBe(base);
  });
});

describe('footprint summary', () => {
  it('sums requests and limits over replicas and storage over volume claims', () => {
    const rows = footprint(manifestsFor('prod'));
    const prometheus = rows.find((r) => r.component === 'prometheus')!;
    expect(prometheus.pods).toBe(2);
    // Per replica: Prometheus (1 CPU, 4Gi/8Gi) plus its Thanos sidecar (100m, 128Mi/512Mi), the prod default.
    expect(prometheus.cpuRequest).toBeCloseTo(2.2, 9);
    expect(prometheus.memoryLimit).toBe(17 * 2 ** 30);
    expect(prometheus.storage).toBe(200 * 2 ** 30);
    const table = footprintTable(rows);
    expect(table).toMatch(/^prometheus\s+\d+\s+2\s+2\.2\s+5\s+8\.25Gi\s+17Gi\s+200Gi$/m);
    expect(table).toMatch(/^TOTAL/m);
  });
});

describe('priority classes', () => {
  it("defaults to the system classes and takes the cluster's own classes where system-* are reserved", () => {
    const priorities = (manifests: Manifest[]) =>
      Object.fromEntries(
        manifests
          .filter((m) => ['Deployment', 'StatefulSet', 'DaemonSet'].includes(m.kind))
          .map((m) => [m.metadata.name, (m as any).spec.template.spec.priorityClassName]),
      );
    expect(priorities(manifestsFor('dev'))).toEqual({
      prometheus: 'system-cluster-critical',
      alertmanager: 'system-cluster-critical',
      grafana: 'system-cluster-critical',
      'kube-state-metrics': 'system-cluster-critical',
      'node-exporter': 'system-node-critical',
      'blackbox-exporter': 'system-cluster-critical',
    });
    const own = priorities(
      synthWith({ ...fixtureSettings('dev'), priorityClassNames: { stack: 'monitoring-high', agents: 'monitoring-node' } }),
    );
    expect(own.prometheus).toBe('monitoring-high');
    expect(own['node-exporter']).toBe('monitoring-node');
  });
});

describe('external URLs and the Grafana Ingress', () => {
  const manifests = synthWith({
    ...fixtureSettings('prod'),
    prometheus: { externalUrl: 'https://prometheus.example.org/' },
    alertmanager: { externalUrl: 'https://alertmanager.example.org/' },
    grafana: { ingress: { host: 'grafana.example.org', tlsSecretName: 'grafana-tls', className: 'nginx' } },
  });

  it('publishes Grafana over TLS only, to the grafana Service port', () => {
    const ingress = find(manifests, 'Ingress', 'grafana');
    expect(ingress.spec.tls).toEqual([{ hosts: ['grafana.example.org'], secretName: 'grafana-tls' }]);
    expect(ingress.spec.ingressClassName).toBe('nginx');
    expect(ingress.spec.rules[0].http.paths[0].backend).toEqual({ service: { name: 'grafana', port: { number: 3000 } } });
    expect(find(manifests, 'ConfigMap', 'grafana-config').data['grafana.ini']).toContain('root_url = https://grafana.example.org/');
  });

  it('sets the external URL for links while keeping routes at / for probes and scrapes', () => {
    for (const [name, url] of [
      ['prometheus', 'https://prometheus.example.org/'],
      ['alertmanager', 'https://alertmanager.example.org/'],
    ]) {
      const args: string[] = container(find(manifests, 'StatefulSet', name)).args;
      expect(args).toEqual(expect.arrayContaining([`--web.external-url=${url}`, '--web.route-prefix=/']));
    }
    expect(manifestsFor('prod').some((m) => m.kind === 'Ingress')).toBe(false);
    expect(
      container(find(manifestsFor('prod'), 'StatefulSet', 'prometheus')).args.some((a: string) => a.startsWith('--web.external-url')),
    ).toBe(false);
  });
});

describe('Alertmanager egress', () => {
  it('allows the ports of the receivers the settings name, in or outside the cluster', () => {
    const manifests = synthWith({
      ...fixtureSettings('dev'),
      alerting: {
        receivers: {
          email: { to: 'oncall@example.org', from: 'am@example.org', smarthost: 'smtp.example.org:2525' },
          webhook: { url: 'http://bridge.oncall.svc:8080/hook' },
        },
        watchdog: { heartbeatUrl: 'https://heartbeat.example.org:8443/ping' },
      },
    });
    const egress = find(manifests, 'NetworkPolicy', 'alertmanager').spec.egress;
    const receiverRule = egress.find((rule: any) => rule.ports?.some((p: any) => p.port === 443));
    expect(receiverRule.ports.map((p: any) => p.port)).toEqual([25, 443, 465, 587, 2525, 8080, 8443]);
    expect(receiverRule.to).toContainEqual({ namespaceSelector: {} });
  });
});
