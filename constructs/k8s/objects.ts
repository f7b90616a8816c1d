/** Namespaced and cluster objects of a component: ServiceAccount, Services, PDB, ConfigMaps, RBAC. */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ComponentSpec } from '../../config/component';
import { fail } from '../../config/errors';
import { metadata, selectorLabels } from './labels';

/** A ServiceAccount that never auto-mounts its token. */
export function serviceAccount(scope: Construct, spec: ComponentSpec, namespace: string): k8s.KubeServiceAccount {
  return new k8s.KubeServiceAccount(scope, 'service-account', {
    metadata: metadata(spec, namespace),
    automountServiceAccountToken: false,
  });
}

/** A ClusterIP Service on the component's ports. */
export function clusterService(
  scope: Construct,
  id: string,
  spec: ComponentSpec,
  namespace: string,
  options: { name?: string; headless?: boolean; ports?: ComponentSpec['web'][] } = {},
): k8s.KubeService {
  const ports = options.ports ?? [spec.web];
  return new k8s.KubeService(scope, id, {
    metadata: metadata(spec, namespace, options.name ?? spec.name),
    spec: {
      type: 'ClusterIP',
      ...(options.headless ? { clusterIp: 'None', publishNotReadyAddresses: true } : {}),
      selector: selectorLabels(spec),
      ports: ports.map((port) => ({
        name: port.name,
        port: port.port,
        targetPort: k8s.IntOrString.fromString(port.name),
        protocol: 'TCP',
      })),
    },
  });
}

/** A PodDisruptionBudget keeping all but one replica up during voluntary disruptions. */
export function disruptionBudget(scope: Construct, spec: ComponentSpec, namespace: string): k8s.KubePodDisruptionBudget {
  return new k8s.KubePodDisruptionBudget(scope, 'disruption-budget', {
    metadata: metadata(spec, namespace),
    spec: {
      maxUnavailable: k8s.IntOrString.fromNumber(1),
      selector: { matchLabels: selectorLabels(spec) },
      unhealthyPodEvictionPolicy: 'AlwaysAllow',
    },
  });
}

/** Largest ConfigMap we write: client-side `kubectl apply` keeps the whole object in a 256 KiB annotation. */
export const MAX_CONFIGMAP_BYTES = 256 * 1024;

/** A ConfigMap holding rendered files; fails at synth when it would be too large to apply. */
export function configMap(
  scope: Construct,
  id: string,
  spec: ComponentSpec,
  namespace: string,
  name: string,
  data: Record<string, string>,
): k8s.KubeConfigMap {
  const meta = metadata(spec, namespace, name);
  const bytes = Buffer.byteLength(JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta, data }), 'utf8');
  if (bytes > MAX_CONFIGMAP_BYTES) {
    fail(
      scope.node.path,
      `ConfigMap ${name}`,
      `${bytes} bytes (files ${Object.keys(data).join(', ')})`,
      `at most ${MAX_CONFIGMAP_BYTES} bytes; spread the files over more folders or groups`,
    );
  }
  return new k8s.KubeConfigMap(scope, id, { metadata: meta, data });
}

/** A ClusterRole and its binding to the component's ServiceAccount; cluster-wide names carry the namespace. */
export function clusterRoleFor(scope: Construct, spec: ComponentSpec, namespace: string, rules: k8s.PolicyRule[]): void {
  const name = `${namespace}-${spec.name}`;
  const labels = metadata(spec, namespace).labels;
  new k8s.KubeClusterRole(scope, 'cluster-role', { metadata: { name, labels }, rules });
  new k8s.KubeClusterRoleBinding(scope, 'cluster-role-binding', {
    metadata: { name, labels },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
    subjects: [{ kind: 'ServiceAccount', name: spec.name, namespace }],
  });
}

/** A Role in `namespace` with `rules`, bound to the component's ServiceAccount in `serviceAccountNamespace`. */
export function roleFor(
  scope: Construct,
  id: string,
  spec: ComponentSpec,
  namespace: string,
  name: string,
  serviceAccountNamespace: string,
  rules: k8s.PolicyRule[],
): void {
  new k8s.KubeRole(scope, `role-${id}`, { metadata: metadata(spec, namespace, name), rules });
  new k8s.KubeRoleBinding(scope, `role-binding-${id}`, {
    metadata: metadata(spec, namespace, name),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
    subjects: [{ kind: 'ServiceAccount', name: spec.name, namespace: serviceAccountNamespace }],
  });
}
