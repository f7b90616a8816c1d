import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ResolvedSettings } from './settings';
import { PART_OF, PART_OF_LABEL } from '../k8s/labels';

/** Props of the StackNamespaces construct. */
export interface StackNamespacesProps {
  /** Validated stack settings (see `resolveSettings`). */
  readonly settings: ResolvedSettings;
}

/** Pod Security Standards labels: enforce, audit and warn at one level. */
function podSecurity(level: 'restricted' | 'privileged'): Record<string, string> {
  return {
    'pod-security.kubernetes.io/enforce': level,
    'pod-security.kubernetes.io/audit': level,
    'pod-security.kubernetes.io/warn': level,
  };
}

/**
 * The stack namespace (Pod Security `restricted`) and the agents namespace (`privileged`, only
 * because node-exporter needs the host network, PID namespace and read-only host paths).
 */
export class StackNamespaces extends Construct {
  constructor(scope: Construct, id: string, props: StackNamespacesProps) {
    super(scope, id);
    const { settings } = props;
    for (const [name, level] of [
      [settings.namespace, 'restricted'],
      [settings.agentsNamespace, 'privileged'],
    ] as const) {
      new k8s.KubeNamespace(this, name, {
        metadata: { name, labels: { [PART_OF_LABEL]: PART_OF, ...podSecurity(level) } },
      });
    }
  }
}
