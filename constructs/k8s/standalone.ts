/**
 * What every component construct accepts besides its own settings, so it can be used alone in
 * any cdk8s chart: namespace, profile, PriorityClass and whether it brings its own NetworkPolicy.
 */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ComponentSpec, Profile, PROFILES } from '../../config/component';
import { fail } from '../../config/errors';
import { dnsLabel } from '../../config/names';
import { Flow, FlowPeer } from '../../config/flows';
import { flowNetworkPolicy } from './network-policy';

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

/**
 * Where a workload runs when nothing says otherwise: the stack's namespace and PriorityClass, and
 * the host agents' (the namespace labelled Pod Security `privileged`). The stack settings and the
 * constructs used alone default to these.
 */
export const DEFAULT_PLACEMENT = {
  stack: { namespace: 'monitoring', priorityClassName: 'system-cluster-critical' },
  agents: { namespace: 'monitoring-agents', priorityClassName: 'system-node-critical' },
} as const;

/** Validates the shared props of the construct at `where` (fields named `props.<field>`); defaults per placement. */
export function resolveWorkloadProps(
  where: string,
  props: WorkloadProps,
  defaults: { readonly namespace: string; readonly priorityClassName: string } = DEFAULT_PLACEMENT.stack,
): ResolvedWorkloadProps {
  const profile = props.profile ?? 'dev';
  if (!PROFILES.includes(profile)) fail(where, 'props.profile', profile, PROFILES.map((p) => `"${p}"`).join(' or '));
  if (props.networkPolicy !== undefined && typeof props.networkPolicy !== 'boolean')
    fail(where, 'props.networkPolicy', props.networkPolicy, 'true or false');
  return {
    profile,
    namespace: dnsLabel(where, 'props.namespace', props.namespace ?? defaults.namespace),
    priorityClassName: dnsLabel(where, 'props.priorityClassName', props.priorityClassName ?? defaults.priorityClassName, 253),
    networkPolicy: props.networkPolicy ?? true,
  };
}

/** Any pod of any namespace, as a flow end. */
export const ANY_POD: FlowPeer = { kind: 'namespaces', namespaces: 'all' };

/**
 * A component's own NetworkPolicy for use outside ObservabilityStack, rendered from the flows it
 * takes part in like the stack's policies (DNS included).
 */
export function ownNetworkPolicy(scope: Construct, spec: ComponentSpec, namespace: string, flows: readonly Flow[]): k8s.KubeNetworkPolicy {
  return flowNetworkPolicy(scope, 'network-policy', spec, namespace, flows);
}
