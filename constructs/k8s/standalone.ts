/**
 * What every component construct accepts besides its own settings, so it can be used alone in
 * any cdk8s chart: namespace, profile, PriorityClass and whether it brings its own NetworkPolicy.
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ComponentSpec, Profile, PROFILES } from '../../config/component';
import { fail } from '../../config/errors';
import { dnsLabel } from '../../config/names';
import { metadata, selectorLabels } from './labels';

/** Props every component construct shares. */
export interface WorkloadProps {
  /** Namespace of the workload. @default `monitoring` (node-exporter: `monitoring-agents`) */
  readonly namespace?: string;
  /** Sizing profile: `dev` (one replica, small volumes) or `prod` (HA). @default `dev` */
  readonly profile?: Profile;
  /** PriorityClass of its pods. @default `system-cluster-critical` (node-exporter: `system-node-critical`) */
  readonly priorityClassName?: string;
  /** Give the workload a NetworkPolicy of its own (ObservabilityStack passes false: it writes every policy itself). @default true */
  readonly networkPolicy?: boolean;
}

/** WorkloadProps with the defaults filled in. */
export interface ResolvedWorkloadProps {
  readonly namespace: string;
  readonly profile: Profile;
  readonly priorityClassName: string;
  readonly networkPolicy: boolean;
}

/** Validates the shared props of the construct at `where` (fields named `props.<field>`). */
export function resolveWorkloadProps(where: string, props: WorkloadProps, defaults: { namespace?: string; priorityClassName?: string } = {}): ResolvedWorkloadProps {
  const profile = props.profile ?? 'dev';
  if (!PROFILES.includes(profile)) fail(where, 'props.profile', profile, PROFILES.map((p) => `"${p}"`).join(' or '));
  if (props.networkPolicy !== undefined && typeof props.networkPolicy !== 'boolean') fail(where, 'props.networkPolicy', props.networkPolicy, 'true or false');
  return {
    profile,
    namespace: dnsLabel(where, 'props.namespace', props.namespace ?? defaults.namespace ?? 'monitoring'),
    priorityClassName: dnsLabel(where, 'props.priorityClassName', props.priorityClassName ?? defaults.priorityClassName ?? 'system-cluster-critical', 253),
    networkPolicy: props.networkPolicy ?? true,
  };
}

/** Every address, IPv4 and IPv6. */
export const ANYWHERE: k8s.NetworkPolicyPeer[] = [{ ipBlock: { cidr: '0.0.0.0/0' } }, { ipBlock: { cidr: '::/0' } }];
/** Every pod of every namespace. */
export const ANY_POD: k8s.NetworkPolicyPeer[] = [{ namespaceSelector: {} }];

/** TCP NetworkPolicy ports. */
export function tcpPorts(...ports: number[]): k8s.NetworkPolicyPort[] {
  return ports.map((port) => ({ protocol: 'TCP', port: k8s.IntOrString.fromNumber(port) }));
}

/** Peer: the pods of a component in `namespace`. */
export function podsPeer(spec: ComponentSpec, namespace: string): k8s.NetworkPolicyPeer {
  return { podSelector: { matchLabels: selectorLabels(spec) }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } } };
}

/**
 * A component's own NetworkPolicy for use outside ObservabilityStack: selects its pods, allows
 * the given ingress and egress, plus DNS to any resolver.
 */
export function ownNetworkPolicy(scope: Construct, spec: ComponentSpec, namespace: string, rules: { ingress: k8s.NetworkPolicyIngressRule[]; egress: k8s.NetworkPolicyEgressRule[] }): k8s.KubeNetworkPolicy {
  return new k8s.KubeNetworkPolicy(scope, 'network-policy', {
    metadata: metadata(spec, namespace),
    spec: {
      podSelector: { matchLabels: selectorLabels(spec) },
      policyTypes: ['Ingress', 'Egress'],
      ingress: rules.ingress,
      egress: [{ ports: [{ protocol: 'UDP', port: k8s.IntOrString.fromNumber(53) }, ...tcpPorts(53)] }, ...rules.egress],
    },
  });
}
