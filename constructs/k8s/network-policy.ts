import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { isIpv4 } from '../../config/address';
import { ComponentSpec } from '../../config/component';
import { Flow, FlowPeer } from '../../config/flows';
import { metadata, NAME_LABEL } from './labels';

const ANYWHERE: k8s.NetworkPolicyPeer[] = [{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }];
/** DNS to any resolver on port 53 (cluster DNS, or node-local DNS caches on link-local addresses). */
const DNS_EGRESS: k8s.NetworkPolicyEgressRule = {
  ports: [
    { protocol: 'UDP', port: k8s.IntOrString.fromNumber(53) },
    { protocol: 'TCP', port: k8s.IntOrString.fromNumber(53) },
  ],
};

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
      return [
        {
          podSelector: { matchLabels: { [NAME_LABEL]: peer.name } },
          ...(peer.namespace !== policyNamespace ? { namespaceSelector: byNamespace(peer.namespace) } : {}),
        },
      ];
    case 'namespaces':
      return peer.namespaces === 'all'
        ? [{ namespaceSelector: {} }]
        : peer.namespaces.map((ns) => ({ namespaceSelector: byNamespace(ns) }));
    case 'anywhere':
      // Ingress from anywhere is a rule without `from`.
      return direction === 'from' ? undefined : [{ namespaceSelector: {} }, ...ANYWHERE];
    case 'outside':
      return ANYWHERE;
    case 'address': {
      if (peer.pods)
        return [{ namespaceSelector: byNamespace(peer.pods.namespace), podSelector: { matchLabels: { ...peer.pods.labels } } }];
      const cidr = peer.cidr ?? (isIpv4(peer.host) ? `${peer.host}/32` : undefined);
      if (cidr) return [{ ipBlock: { cidr } }];
      // A DNS name: any pod or address, on the flow's port only.
      return direction === 'from' ? undefined : [{ namespaceSelector: {} }, ...ANYWHERE];
    }
  }
}

function ports(flow: Flow): k8s.NetworkPolicyPort[] | undefined {
  return flow.ports === 'all' ? undefined : flow.ports.map((p) => ({ protocol: p.protocol, port: k8s.IntOrString.fromNumber(p.port) }));
}

function withDefined<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

const isComponent = (peer: FlowPeer, name: string) => peer.kind === 'component' && peer.name === name;

/**
 * The NetworkPolicy of one component from the flows it takes part in: ingress from every flow
 * that ends at its pods, egress to every flow that starts there, and DNS. The stack and the
 * constructs used alone both render their policies here.
 */
export function flowNetworkPolicy(
  scope: Construct,
  id: string,
  spec: ComponentSpec,
  namespace: string,
  flows: readonly Flow[],
): k8s.KubeNetworkPolicy {
  const ingress = flows
    .filter((f) => isComponent(f.to, spec.name))
    .map((f): k8s.NetworkPolicyIngressRule => ({
      ...withDefined('from', peers(f.from, namespace, 'from')),
      ...withDefined('ports', ports(f)),
    }));
  const egress = flows
    .filter((f) => isComponent(f.from, spec.name))
    .map((f): k8s.NetworkPolicyEgressRule => ({ ...withDefined('to', peers(f.to, namespace, 'to')), ...withDefined('ports', ports(f)) }));
  return new k8s.KubeNetworkPolicy(scope, id, {
    metadata: metadata(spec, namespace),
    spec: {
      podSelector: { matchLabels: { [NAME_LABEL]: spec.name } },
      policyTypes: ['Ingress', 'Egress'],
      ingress,
      egress: [DNS_EGRESS, ...egress],
    },
  });
}
