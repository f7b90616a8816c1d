import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Flow, uniqueFlows } from '../../config/flows';
import { namespaceOf } from '../component';
import { flowNetworkPolicy } from '../k8s/network-policy';
import { PART_OF, PART_OF_LABEL } from '../k8s/labels';
import { enabledComponents, stackWorkloads } from '../registry';
import { ResolvedSettings } from './settings';

/** Props of the StackNetworkPolicies construct. */
export interface StackNetworkPoliciesProps {
  /** Validated stack settings (see `resolveSettings`). @default none (required) */
  readonly settings: ResolvedSettings;
}

/** Every flow of the enabled components, without repeats: what the policies allow and the diagram draws. */
export function stackFlows(settings: ResolvedSettings): Flow[] {
  return uniqueFlows(enabledComponents(settings).flatMap((c) => c.flows?.(settings) ?? []));
}

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
        metadata: { name: 'default-deny', namespace: denyNs, labels: { [PART_OF_LABEL]: PART_OF } },
        spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
      });
    }
    const flows = stackFlows(settings);
    for (const { component, spec } of stackWorkloads(settings, 'kubernetes')) {
      flowNetworkPolicy(this, spec.name, spec, namespaceOf(component, settings), flows);
    }
  }
}
