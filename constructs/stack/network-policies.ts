import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Flow, FlowPeer, uniqueFlows } from '../../config/flows';
import { metadata, NAME_LABEL, PART_OF } from '../k8s/workload';
import { enabledComponents, workloadComponents } from '../registry';
import { ResolvedSettings } from './settings';

/** Props of the StackNetworkPolicies construct. */
export interface StackNetworkPoliciesProps {
  /** Validated stack settings (see `resolveSettings`). @default none (required) */
  readonly settings: ResolvedSettings;
}

const ANYWHERE: k8s.NetworkPolicyPeer[] = [{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }];
/** DNS to any resolver on port 53 (cluster DNS, or node-local DNS caches on link-local addresses). */
const DNS_EGRESS: k8s.NetworkPolicyEgressRule = {
  ports: [
    { protocol: 'UDP', port: k8s.IntOrString.fromNumber(53) },
    { protocol: 'TCP', port: k8s.IntOrString.fromNumber(53) },
  ],
};

/** Every flow of the enabled components, without repeats: what the policies allow and the diagram draws. */
export function stackFlows(settings: ResolvedSettings): Flow[] {
  return uniqueFlows(enabledComponents(settings).flatMap((c) => c.flows?.(settings) ?? []));
}

const byNamespace = (name: string): k8s.LabelSelector => ({ matchLabels: { 'kubernetes.io/metadata.name': name } });

/**
 * NetworkPolicy peers of a flow's other end, seen from a policy in `policyNamespace`. A
 * host-network component is reached at node IPs, where pod selectors do not apply; people and
 * receivers are anywhere, in the cluster or outside.
 */
function peers(peer: FlowPeer, policyNamespace: string, direction: 'from' | 'to'): k8s.NetworkPolicyPeer[] | undefined {
  switch (peer.kind) {
    case 'component':
      if (peer.hostNetwork && direction === 'to') return ANYWHERE;
      return [{ podSelector: { matchLabels: { [NAME_LABEL]: peer.name } }, ...(peer.namespace !== policyNamespace ? { namespaceSelector: byNamespace(peer.namespace) } : {}) }];
    case 'namespaces':
      return peer.namespaces === 'all' ? [{ namespaceSelector: {} }] : peer.namespaces.map((ns) => ({ namespaceSelector: byNamespace(ns) }));
    case 'anywhere':
      // Ingress from anywhere is a rule without `from`.
      return direction === 'from' ? undefined : [{ namespaceSelector: {} }, ...ANYWHERE];
    case 'outside':
      return ANYWHERE;
  }
}

function ports(flow: Flow): k8s.NetworkPolicyPort[] | undefined {
  return flow.ports === 'all' ? undefined : flow.ports.map((p) => ({ protocol: p.protocol, port: k8s.IntOrString.fromNumber(p.port) }));
}

const isComponent = (peer: FlowPeer, name: string) => peer.kind === 'component' && peer.name === name;

/**
 * Default-deny NetworkPolicies for the stack and agent namespaces, plus one policy per workload
 * allowing exactly the flows the components declare (and DNS): ingress from every flow that
 * ends at the workload, egress to every flow that starts there.
 */
export class StackNetworkPolicies extends Construct {
  constructor(scope: Construct, id: string, props: StackNetworkPoliciesProps) {
    super(scope, id);
    const { settings } = props;
    for (const denyNs of [settings.namespace, settings.agentsNamespace]) {
      new k8s.KubeNetworkPolicy(this, `default-deny-${denyNs}`, {
        metadata: { name: 'default-deny', namespace: denyNs, labels: { 'app.kubernetes.io/part-of': PART_OF } },
        spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
      });
    }
    const flows = stackFlows(settings);
    for (const component of workloadComponents(settings, 'kubernetes')) {
      const spec = component.spec!;
      const ns = component.namespace?.(settings) ?? settings.namespace;
      const ingress = flows
        .filter((f) => isComponent(f.to, spec.name))
        .map((f): k8s.NetworkPolicyIngressRule => ({ ...withDefined('from', peers(f.from, ns, 'from')), ...withDefined('ports', ports(f)) }));
      const egress = flows
        .filter((f) => isComponent(f.from, spec.name))
        .map((f): k8s.NetworkPolicyEgressRule => ({ ...withDefined('to', peers(f.to, ns, 'to')), ...withDefined('ports', ports(f)) }));
      new k8s.KubeNetworkPolicy(this, spec.name, {
        metadata: metadata(spec, ns),
        spec: { podSelector: { matchLabels: { [NAME_LABEL]: spec.name } }, policyTypes: ['Ingress', 'Egress'], ingress, egress: [DNS_EGRESS, ...egress] },
      });
    }
  }
}

function withDefined<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
