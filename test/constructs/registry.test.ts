import { existsSync } from 'fs';
import { join } from 'path';
import { App, Chart } from 'cdk8s';
import { FlowPeer } from '../../config/flows';
import { ObservabilityStack } from '../../constructs/observability-stack';
import { COMPONENTS, enabledComponents, stackScrapeJobs } from '../../constructs/registry';
import { mermaidDiagram, nodeId } from '../../constructs/stack/diagram';
import { stackFlows } from '../../constructs/stack/network-policies';
import { StackSettings } from '../../constructs/stack/settings';
import { workloadSpecs } from '../../constructs/component';
import { databaseFixture } from '../support/fixtures';

/** Settings of this test: every optional component on (a probe, an exporter, Elasticsearch), two services. */
function settings(profile: 'dev' | 'prod'): StackSettings {
  return {
    profile,
    cluster: 'registry-test',
    environment: profile,
    discovery: { scope: 'namespaces', namespaces: ['shop'] },
    services: [
      { name: 'cart', namespace: 'shop', port: 8080, alerting: { probe: { instance: 'https://cart.shop.svc:8443/healthz' } } },
      { name: 'billing', namespace: 'billing', port: 9102 },
    ],
    alerting: {
      exporters: { postgres: { matchers: { job: 'postgres' } } },
      // What the prod profile requires of alerting (a paging route, a heartbeat, absolute runbook links).
      ...(profile === 'prod'
        ? {
            receivers: { pagerduty: {} },
            watchdog: { heartbeat: {} },
            runbookBaseUrl: 'https://runbooks.example.org',
          }
        : {}),
    },
    databases: databaseFixture(),
    elasticsearch: {},
    jaeger: {},
  };
}

function synth(profile: 'dev' | 'prod') {
  const chart = new Chart(new App(), `registry-${profile}`, { disableResourceNameHashes: true });
  const stack = new ObservabilityStack(chart, 'obs', settings(profile));
  return { stack, manifests: chart.toJson() as any[] };
}

const ROOT = join(__dirname, '..', '..');

/** A flow end as the test compares it: components by name, the rest by kind (labels are the diagram's only). */
function normal(peer: FlowPeer): string {
  if (peer.kind === 'component') return peer.name;
  if (peer.kind === 'namespaces') return peer.namespaces === 'all' ? 'namespaces:*' : `namespaces:${[...peer.namespaces].sort().join(',')}`;
  // A declared address reads back as its CIDR, or as anywhere for a DNS name.
  if (peer.kind === 'address' && peer.pods) return `pods:${peer.pods.namespace}:${JSON.stringify(peer.pods.labels)}`;
  if (peer.kind === 'address') return peer.cidr ?? (/^[\d.]+$/.test(peer.host) ? `${peer.host}/32` : 'anywhere');
  return peer.kind;
}

/** Edges read back from the rendered Mermaid text: node ids mapped to the peers that drew them. */
function diagramEdges(text: string, peersById: Map<string, FlowPeer>): Set<string> {
  const edges = new Set<string>();
  for (const match of text.matchAll(/^ {2}(\S+) -->\|([^|]+)\| (\S+)$/gm)) {
    edges.add(`${normal(peersById.get(match[1])!)} -> ${normal(peersById.get(match[3])!)} [${match[2]}]`);
  }
  return edges;
}

/** Edges read back from the synthesized NetworkPolicies (DNS egress, allowed to every pod, left out). */
function policyEdges(manifests: any[], hostNetworkPorts: Map<number, string>, componentNames: Set<string>): Set<string> {
  const edges = new Set<string>();
  const ports = (rule: any) => (rule.ports ? rule.ports.map((p: any) => `${p.port}/${p.protocol}`).join(', ') : 'any port');
  const peerOf = (peers: any[] | undefined, rulePorts: any[] | undefined): string => {
    if (!peers) return 'anywhere';
    if (peers.some((p) => p.ipBlock) && peers.some((p) => p.namespaceSelector && Object.keys(p.namespaceSelector).length === 0))
      return 'anywhere';
    const cidrs = peers.map((p) => p.ipBlock?.cidr);
    if (cidrs.length === 1 && cidrs[0] && cidrs[0] !== '0.0.0.0/0') return cidrs[0];
    if (peers.every((p) => p.ipBlock)) {
      // Host-network pods are reached at node IPs: the port says which component it is.
      const host = rulePorts?.length === 1 ? hostNetworkPorts.get(rulePorts[0].port) : undefined;
      return host ?? 'outside';
    }
    // Pods of another namespace that are not a stack component (an in-cluster database).
    const podName = peers[0].podSelector?.matchLabels['app.kubernetes.io/name'];
    if (peers.length === 1 && peers[0].podSelector && !componentNames.has(podName)) {
      const ns = peers[0].namespaceSelector.matchLabels['kubernetes.io/metadata.name'];
      return `pods:${ns}:${JSON.stringify(peers[0].podSelector.matchLabels)}`;
    }
    if (peers.every((p) => p.podSelector)) return peers.map((p) => p.podSelector.matchLabels['app.kubernetes.io/name']).join(',');
    const names = peers.map((p) => p.namespaceSelector.matchLabels?.['kubernetes.io/metadata.name']);
    return names.includes(undefined) ? 'namespaces:*' : `namespaces:${names.sort().join(',')}`;
  };
  for (const policy of manifests.filter((m) => m.kind === 'NetworkPolicy' && m.metadata.name !== 'default-deny')) {
    const self = policy.spec.podSelector.matchLabels['app.kubernetes.io/name'];
    for (const rule of policy.spec.ingress ?? []) edges.add(`${peerOf(rule.from, rule.ports)} -> ${self} [${ports(rule)}]`);
    for (const rule of policy.spec.egress ?? []) {
      if (!rule.to && rule.ports?.every((p: any) => p.port === 53)) continue;
      edges.add(`${self} -> ${peerOf(rule.to, rule.ports)} [${ports(rule)}]`);
    }
  }
  return edges;
}

describe.each(['dev', 'prod'] as const)('the %s stack drawn from the registry', (profile) => {
  const { stack, manifests } = synth(profile);
  const flows = stackFlows(stack.settings);
  const peersById = new Map(flows.flatMap((f) => [f.from, f.to]).map((p) => [nodeId(p), p]));
  const hostNetwork = new Map(
    flows.flatMap((f) =>
      f.to.kind === 'component' && f.to.hostNetwork && f.ports !== 'all'
        ? f.ports.map((p) => [p.port, f.to.kind === 'component' ? f.to.name : ''] as const)
        : [],
    ),
  );

  it('has exactly the edges the NetworkPolicies allow, ports included', () => {
    const drawn = diagramEdges(mermaidDiagram(flows), peersById);
    const components = new Set(flows.flatMap((f) => [f.from, f.to]).flatMap((p) => (p.kind === 'component' ? [p.name] : [])));
    const allowed = policyEdges(manifests, hostNetwork, components);
    // A component-to-component flow shows in both policies (egress of one, ingress of the other): both read back as one edge.
    expect([...drawn].sort()).toEqual([...allowed].sort());
    expect(drawn.size).toBeGreaterThan(10);
  });

  it('names every component that has a NetworkPolicy', () => {
    const text = mermaidDiagram(flows);
    for (const policy of manifests.filter((m) => m.kind === 'NetworkPolicy' && m.metadata.name !== 'default-deny')) {
      expect(text).toContain(`["${policy.metadata.name}<br/>${policy.metadata.namespace}`);
    }
  });
});

describe('every registered component is complete', () => {
  const stacks = { dev: synth('dev'), prod: synth('prod') };

  it.each(COMPONENTS.map((c) => [c.key, c] as const))('%s', (_, component) => {
    const shipsWorkload = component.spec !== undefined;
    // A workload runs somewhere, has a pinned image, and is scraped.
    if (shipsWorkload) {
      expect(component.targets.length).toBeGreaterThan(0);
      expect(component.spec!.tag).not.toBe('latest');
      expect(component.scrapeJobs).toBeDefined();
    }
    // Each alert it ships has a runbook page.
    for (const alert of component.alerts ?? [])
      expect(existsSync(join(ROOT, 'docs', 'runbooks', `${alert.alert}.md`)) ? alert.alert : `no runbook for ${alert.alert}`).toBe(
        alert.alert,
      );
    if (!shipsWorkload || !component.targets.includes('kubernetes')) return;
    // Every workload it runs in some profile: one per declared instance for the database exporters.
    const specs = [
      ...new Map(
        Object.values(stacks).flatMap(({ stack }) => workloadSpecs(component, stack.settings).map((spec) => [spec.name, spec] as const)),
      ).values(),
    ];
    expect(specs.length).toBeGreaterThan(0);
    for (const spec of specs) {
      // On Kubernetes: each port it listens on has a flow in some profile, except a port only the kubelet probes
      // (kubelet probes are not subject to NetworkPolicies).
      const flowPorts = new Set(
        Object.values(stacks).flatMap(({ stack }) =>
          stackFlows(stack.settings).flatMap((f) =>
            f.to.kind === 'component' && f.to.name === spec.name && f.ports !== 'all' ? f.ports.map((p) => p.port) : [],
          ),
        ),
      );
      const probeOnly = spec.readinessPort && spec.readinessPort !== spec.web.name ? spec.readinessPort : undefined;
      // A web port only the pod's own sidecar and the kubelet reach (Filebeat's stats endpoint) needs no flow either.
      const ports = [...(spec.webPodLocal ? [] : [spec.web]), ...(spec.extraPorts ?? [])];
      for (const port of ports.filter((p) => p.name !== probeOnly)) {
        expect(flowPorts.has(port.port) ? port.name : `${spec.name} port ${port.name} (${port.port}) has no flow`).toBe(port.name);
      }
      // Every ConfigMap its pods mount is synthesized, so the Docker target (which uploads the same data) has every file.
      for (const { manifests } of Object.values(stacks)) {
        const workload = manifests.find(
          (m) => ['Deployment', 'StatefulSet', 'DaemonSet'].includes(m.kind) && m.metadata.name === spec.name,
        );
        if (!workload) continue;
        // The projected service-account token volume carries the cluster's own kube-root-ca.crt.
        const volumes = (workload.spec.template.spec.volumes ?? []).filter(
          (v: any) => !v.projected?.sources.some((s: any) => s.serviceAccountToken),
        );
        const mounted = volumes
          .flatMap((v: any) => [v.configMap?.name, ...(v.projected?.sources ?? []).map((s: any) => s.configMap?.name)])
          .filter(Boolean);
        for (const name of mounted)
          expect(manifests.some((m) => m.kind === 'ConfigMap' && m.metadata.name === name) ? name : `missing ConfigMap ${name}`).toBe(name);
      }
    }
  });

  it('every enabled component with a workload on Kubernetes is in the manifests, and scrape jobs have unique names', () => {
    for (const { stack, manifests } of Object.values(stacks)) {
      for (const component of enabledComponents(stack.settings).filter((c) => c.spec && c.targets.includes('kubernetes'))) {
        for (const spec of workloadSpecs(component, stack.settings))
          expect(
            manifests.some((m) => ['Deployment', 'StatefulSet', 'DaemonSet'].includes(m.kind) && m.metadata.name === spec.name)
              ? spec.name
              : `no workload ${spec.name}`,
          ).toBe(spec.name);
      }
      const jobs = stackScrapeJobs(stack.settings, { kind: 'kubernetes' }).map((j) => j.job_name);
      expect(new Set(jobs).size).toBe(jobs.length);
    }
  });
});
