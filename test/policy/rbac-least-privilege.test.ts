/**
 * POLICY.md section 4: RBAC least privilege, derived from what the components actually do.
 * Prometheus's grants are compared both ways with the discovery its rendered prometheus.yml
 * performs (nothing missing, nothing extra); kube-state-metrics's ClusterRole mirrors its
 * `--resources` argument exactly; everything else has no API access at all.
 */
import { manifestsEffectiveConfig } from '../support/prometheus-files';
import { Json, ofKind } from './objects';
import { grantsOf, Grant } from './rbac';
import { objectsOf, VARIANTS } from './variants';

/** Resources each kubernetes_sd_configs role lists and watches (Prometheus discovery/kubernetes). */
const ROLE_RESOURCES: Record<string, Array<[group: string, resource: string]>> = {
  node: [['', 'nodes']],
  pod: [['', 'pods']],
  service: [['', 'services']],
  endpoints: [
    ['', 'endpoints'],
    ['', 'services'],
    ['', 'pods'],
  ],
  endpointslice: [
    ['discovery.k8s.io', 'endpointslices'],
    ['', 'services'],
    ['', 'pods'],
  ],
  ingress: [['networking.k8s.io', 'ingresses']],
};
/** Resources attach_metadata options add. */
const ATTACH_RESOURCES: Record<string, Array<[string, string]>> = {
  node: [['', 'nodes']],
  namespace: [['', 'namespaces']],
  deployment: [['apps', 'replicasets']],
  job: [['batch', 'jobs']],
  cronjob: [['batch', 'jobs']],
};
const CLUSTER_SCOPED_RESOURCES = new Set(['nodes', 'namespaces']);

/** `group/resource@scope` keys Prometheus needs list+watch on, from its rendered configuration. */
function discoveryNeeds(config: Json): Set<string> {
  const needs = new Set<string>();
  const sdConfigs: Json[] = [
    ...(config.scrape_configs ?? []).flatMap((job: Json) => job.kubernetes_sd_configs ?? []),
    ...(config.alerting?.alertmanagers ?? []).flatMap((am: Json) => am.kubernetes_sd_configs ?? []),
  ];
  for (const sd of sdConfigs) {
    const names: string[] = sd.namespaces?.names ?? ['*'];
    const attach = Object.entries(sd.attach_metadata ?? {})
      .filter(([, on]) => on)
      .flatMap(([k]) => ATTACH_RESOURCES[k] ?? [[`?attach:${k}`, '?']]);
    for (const [group, resource] of [...(ROLE_RESOURCES[sd.role] ?? [[`?role:${sd.role}`, '?']]), ...attach]) {
      for (const ns of CLUSTER_SCOPED_RESOURCES.has(resource) ? ['*'] : names) needs.add(`${group}/${resource}@${ns}`);
    }
  }
  return needs;
}

const key = (g: Grant) => `${g.apiGroup}/${g.resource}@${g.scope}`;

// Operator mode runs no Prometheus of ours: its variant is checked at the end of this file.
describe.each(VARIANTS.filter((v) => !v.settings().operator))('$name', (variant) => {
  const objects = objectsOf(variant);
  const settings = variant.settings();
  const ns = settings.namespace!;
  // prometheus.yml with the jobs of its scrape-job files (one per monitored service), as Prometheus loads them.
  const prometheusYml = manifestsEffectiveConfig(ofKind(objects, 'ConfigMap', ns) as never);
  const prometheus = grantsOf(objects, ns, 'prometheus');

  describe('Prometheus', () => {
    it('has no nodes/proxy, no secrets, no configmaps and no write verb', () => {
      expect(prometheus.length).toBeGreaterThan(0);
      expect(
        prometheus.filter(
          (g) =>
            ['nodes/proxy', 'secrets', 'configmaps', '*'].includes(g.resource) ||
            (g.resource.startsWith('nodes/') && g.resource !== 'nodes/metrics'),
        ),
      ).toEqual([]);
      expect([...new Set(prometheus.map((g) => g.verb))].sort()).toEqual(['get', 'list', 'watch']);
    });

    it('uses get only for the kubelet (nodes/metrics) and the API server (/metrics); discovery is list/watch only', () => {
      const gets = prometheus
        .filter((g) => g.verb === 'get')
        .map((g) => `${g.nonResource ? 'url' : g.apiGroup}/${g.resource}@${g.scope}`)
        .sort();
      expect(gets).toEqual(['/nodes/metrics@*', 'url//metrics@*']);
      const jobs = (prometheusYml.scrape_configs as Json[]).map((j) => j.job_name);
      expect(jobs).toEqual(expect.arrayContaining(['kubelet', 'cadvisor', 'apiserver']));
      expect(prometheus.filter((g) => g.verb !== 'get').every((g) => g.verb === 'list' || g.verb === 'watch')).toBe(true);
    });

    it('gets list and watch on exactly what its kubernetes_sd_configs discover: nothing missing, nothing extra', () => {
      const needs = discoveryNeeds(prometheusYml);
      expect([...needs].filter((n) => n.startsWith('?'))).toEqual([]);
      const listWatch = (verb: string) =>
        new Set(prometheus.filter((g) => g.verb === verb && !g.nonResource && g.resource !== 'nodes/metrics').map(key));
      for (const verb of ['list', 'watch']) {
        const granted = listWatch(verb);
        const covered = (need: string) => granted.has(need) || granted.has(need.replace(/@[^@]+$/, '@*'));
        expect([...needs].filter((need) => !covered(need))).toEqual([]);
        expect([...granted].filter((grant) => !needs.has(grant))).toEqual([]);
      }
    });

    it(
      settings.discovery?.scope === 'cluster'
        ? 'adds only pods cluster-wide; services and endpointslices through one Role per stack or service namespace'
        : 'keeps only nodes, nodes/metrics and /metrics cluster-wide; namespaced discovery through one Role per watched namespace',
      () => {
        const clusterWide = [...new Set(prometheus.filter((g) => g.scope === '*').map((g) => g.resource))].sort();
        const roleNamespaces = [...new Set(prometheus.filter((g) => g.scope !== '*').map((g) => g.scope))].sort();
        if (settings.discovery?.scope === 'cluster') {
          expect(clusterWide).toEqual(['/metrics', 'nodes', 'nodes/metrics', 'pods']);
          expect(roleNamespaces).toEqual([...new Set([ns, ...(settings.services ?? []).map((s) => s.namespace)])].sort());
        } else {
          expect(clusterWide).toEqual(['/metrics', 'nodes', 'nodes/metrics']);
          const expected = [
            ...new Set([
              ns,
              ...(settings.discovery?.scope === 'namespaces' ? settings.discovery.namespaces : []),
              ...(settings.services ?? []).map((s) => s.namespace),
              // Elasticsearch's exporter runs beside it in the agents namespace with the sysctl init container.
              ...(settings.elasticsearch?.maxMapCount === 'initContainer' ? [settings.agentsNamespace ?? 'monitoring-agents'] : []),
              // Filebeat's exporter sidecars, through their headless Service in the agents namespace.
              ...(settings.elasticsearch !== undefined && settings.filebeat !== false
                ? [settings.agentsNamespace ?? 'monitoring-agents']
                : []),
            ]),
          ].sort();
          expect(roleNamespaces).toEqual(expected);
        }
      },
    );
  });

  describe('kube-state-metrics', () => {
    const deployment = ofKind(objects, 'Deployment', ns).find((d) => d.metadata.name === 'kube-state-metrics');
    const resourcesArg: string = deployment.spec.template.spec.containers[0].args.find((a: string) => a.startsWith('--resources='));
    const listed = resourcesArg.slice('--resources='.length).split(',');
    const grants = grantsOf(objects, ns, 'kube-state-metrics');

    /** API group of each resource kube-state-metrics can export (POLICY.md section 4). */
    const GROUP: Record<string, string> = {
      configmaps: '',
      nodes: '',
      pods: '',
      services: '',
      resourcequotas: '',
      replicationcontrollers: '',
      limitranges: '',
      persistentvolumeclaims: '',
      persistentvolumes: '',
      namespaces: '',
      endpoints: '',
      serviceaccounts: '',
      secrets: '',
      statefulsets: 'apps',
      daemonsets: 'apps',
      deployments: 'apps',
      replicasets: 'apps',
      cronjobs: 'batch',
      jobs: 'batch',
      horizontalpodautoscalers: 'autoscaling',
      poddisruptionbudgets: 'policy',
      certificatesigningrequests: 'certificates.k8s.io',
      endpointslices: 'discovery.k8s.io',
      storageclasses: 'storage.k8s.io',
      volumeattachments: 'storage.k8s.io',
      mutatingwebhookconfigurations: 'admissionregistration.k8s.io',
      validatingwebhookconfigurations: 'admissionregistration.k8s.io',
      validatingadmissionpolicies: 'admissionregistration.k8s.io',
      validatingadmissionpolicybindings: 'admissionregistration.k8s.io',
      mutatingadmissionpolicies: 'admissionregistration.k8s.io',
      mutatingadmissionpolicybindings: 'admissionregistration.k8s.io',
      networkpolicies: 'networking.k8s.io',
      ingresses: 'networking.k8s.io',
      ingressclasses: 'networking.k8s.io',
      leases: 'coordination.k8s.io',
    };

    it('passes an explicit --resources list without secrets', () => {
      expect(listed.length).toBeGreaterThan(20);
      expect(listed).not.toContain('secrets');
      expect(listed.filter((r) => !(r in GROUP))).toEqual([]);
      expect(new Set(listed).size).toBe(listed.length);
    });

    it('has a ClusterRole mirroring --resources exactly, list and watch only, cluster-wide', () => {
      expect(grants.every((g) => g.scope === '*' && !g.nonResource)).toBe(true);
      for (const verb of ['list', 'watch']) {
        expect(
          grants
            .filter((g) => g.verb === verb)
            .map((g) => `${g.apiGroup}/${g.resource}`)
            .sort(),
        ).toEqual(listed.map((r) => `${GROUP[r]}/${r}`).sort());
      }
      expect([...new Set(grants.map((g) => g.verb))].sort()).toEqual(['list', 'watch']);
      expect(grants.filter((g) => g.resource === 'secrets')).toEqual([]);
    });
  });

  it('gives Alertmanager, Grafana and node-exporter no API access (bindings: Prometheus, kube-state-metrics, Filebeat)', () => {
    expect(grantsOf(objects, ns, 'alertmanager')).toEqual([]);
    expect(grantsOf(objects, ns, 'grafana')).toEqual([]);
    expect(grantsOf(objects, settings.agentsNamespace!, 'node-exporter')).toEqual([]);
    const subjects = objects
      .filter((o) => o.kind.endsWith('Binding'))
      .flatMap((b) => ((b as Json).subjects ?? []).map((s: Json) => s.name));
    // Filebeat (with the logs store) watches pod metadata: its own grants are checked in test/filebeat.
    const filebeat = settings.elasticsearch !== undefined && settings.filebeat !== false;
    expect([...new Set(subjects)].sort()).toEqual([...(filebeat ? ['filebeat'] : []), 'kube-state-metrics', 'prometheus']);
  });
});

describe('the least-privilege derivation catches excess and gaps', () => {
  const objects = structuredClone(objectsOf(VARIANTS[1])) as Json[];
  const config = manifestsEffectiveConfig(objects as never);

  it('a Role granting configmaps would be an extra grant no discovery needs', () => {
    const role = objects.find((o) => o.kind === 'Role' && o.metadata.namespace === 'demo');
    role.rules.push({ apiGroups: [''], resources: ['configmaps'], verbs: ['list', 'watch'] });
    const needs = discoveryNeeds(config);
    const extra = grantsOf(objects, 'monitoring', 'prometheus').filter(
      (g) => g.verb === 'list' && !needs.has(key(g)) && !g.resource.startsWith('nodes/'),
    );
    expect(extra.map(key)).toEqual(['/configmaps@demo']);
  });

  it('a namespace scraped without a Role there is a gap', () => {
    config.scrape_configs.push({
      job_name: 'extra',
      kubernetes_sd_configs: [{ role: 'endpointslice', namespaces: { names: ['payments'] } }],
    });
    const granted = new Set(grantsOf(objects, 'monitoring', 'prometheus').map(key));
    expect([...discoveryNeeds(config)].filter((n) => !granted.has(n) && !granted.has(n.replace(/@.*/, '@*')))).toEqual([
      'discovery.k8s.io/endpointslices@payments',
      '/services@payments',
      '/pods@payments',
    ]);
  });
});

describe.each(VARIANTS.filter((v) => v.settings().operator))('$name', (variant) => {
  const objects = objectsOf(variant);
  const settings = variant.settings();

  it("binds only kube-state-metrics (and Filebeat): the cluster's prometheus-operator brings Prometheus and its RBAC", () => {
    expect(grantsOf(objects, settings.namespace!, 'prometheus')).toEqual([]);
    expect(grantsOf(objects, settings.namespace!, 'kube-state-metrics').length).toBeGreaterThan(20);
    const subjects = objects
      .filter((o) => o.kind.endsWith('Binding'))
      .flatMap((b) => ((b as Json).subjects ?? []).map((s: Json) => s.name));
    // Filebeat comes with the logs store (its pod metadata), whatever runs Prometheus.
    expect([...new Set(subjects)].sort()).toEqual([...(settings.elasticsearch !== undefined ? ['filebeat'] : []), 'kube-state-metrics']);
  });
});
