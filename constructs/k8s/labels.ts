/** Labels and metadata of the stack's objects. */
import { k8s } from 'cdk8s-plus-28';
import { ComponentSpec } from '../../config/component';

/** The single label that selects a component's pods (Services, PDBs, NetworkPolicies). */
export const NAME_LABEL = 'app.kubernetes.io/name';
/** The label every object of the stack carries, with the value PART_OF. */
export const PART_OF_LABEL = 'app.kubernetes.io/part-of';
export const PART_OF = 'observability-stack';

/** Selector labels of a component: exactly one key, so NetworkPolicies match by one label. */
export function selectorLabels(spec: ComponentSpec): Record<string, string> {
  return { [NAME_LABEL]: spec.name };
}

/** Recommended labels for objects of a component; `instance` equals the controller's name. */
export function componentLabels(spec: ComponentSpec): Record<string, string> {
  return {
    ...selectorLabels(spec),
    'app.kubernetes.io/instance': spec.name,
    'app.kubernetes.io/version': spec.tag,
    [PART_OF_LABEL]: PART_OF,
    'app.kubernetes.io/managed-by': 'cdk8s',
  };
}

/** Metadata for a namespaced object of a component. */
export function metadata(
  spec: ComponentSpec,
  namespace: string,
  name = spec.name,
  annotations?: Record<string, string>,
): k8s.ObjectMeta & { labels: Record<string, string> } {
  return { name, namespace, labels: componentLabels(spec), ...(annotations ? { annotations } : {}) };
}
