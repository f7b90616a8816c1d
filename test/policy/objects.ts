/**
 * Views of a synthesized object set that the policy checks share: workloads and their pod
 * templates, containers, label matching, namespaces, and the exemption annotations of
 * POLICY.md section 2e.
 */
import type { KubeObject } from '../schema/kubernetes-schema';
import { describe as describeObject } from '../schema/kubernetes-schema';

export type { KubeObject };

/** One finding of a check. */
export interface Violation {
  /** Check id from POLICY.md (S1, R3, W12, B4, RBAC4 ...). */
  readonly check: string;
  /** `apiVersion Kind namespace/name` of the offending object. */
  readonly object: string;
  readonly message: string;
}

/** A check: the whole object set in, every violation out. */
export type Check = (objects: readonly KubeObject[]) => Violation[];

/** Loosely typed JSON access (the objects are plain synthesized JSON). */
export type Json = any;

export const id = describeObject;

/** Builds a violation of `check` on `object`. */
export function violation(check: string, object: KubeObject, message: string): Violation {
  return { check, object: id(object), message };
}

/** Kinds whose objects are cluster-scoped (everything else must carry a namespace). */
export const CLUSTER_SCOPED = new Set([
  'Namespace',
  'Node',
  'PersistentVolume',
  'ClusterRole',
  'ClusterRoleBinding',
  'StorageClass',
  'PriorityClass',
  'CustomResourceDefinition',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
  'APIService',
  'IngressClass',
  'RuntimeClass',
  'CSIDriver',
  'VolumeAttachment',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'CertificateSigningRequest',
]);

/** Controllers with a pod template at `spec.template`. */
export const POD_CONTROLLERS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'ReplicationController']);
/** Long-running controllers (probes, PDBs, anti-affinity apply). */
export const LONG_RUNNING = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'ReplicationController']);

/** A workload and its pod template. */
export interface Workload {
  readonly object: KubeObject;
  readonly namespace: string | undefined;
  /** The pod spec (`spec.template.spec`, or the Pod's `spec`). */
  readonly pod: Json;
  /** Labels of the pods it creates. */
  readonly podLabels: Record<string, string>;
}

/** Every object that runs pods, with its pod spec and pod labels. */
export function workloads(objects: readonly KubeObject[]): Workload[] {
  const found: Workload[] = [];
  for (const object of objects) {
    const o = object as Json;
    let template: Json;
    if (POD_CONTROLLERS.has(o.kind)) template = o.spec?.template;
    else if (o.kind === 'CronJob') template = o.spec?.jobTemplate?.spec?.template;
    else if (o.kind === 'Pod') template = { metadata: o.metadata, spec: o.spec };
    else continue;
    found.push({ object, namespace: o.metadata?.namespace, pod: template?.spec ?? {}, podLabels: template?.metadata?.labels ?? {} });
  }
  return found;
}

/** A container of a pod, init containers included. */
export interface ContainerRef {
  readonly container: Json;
  readonly init: boolean;
  /** `containers[name]` / `initContainers[name]` for messages. */
  readonly where: string;
}

/** Every container of a pod spec (init and ephemeral included). */
export function containersOf(pod: Json): ContainerRef[] {
  const list = (field: string, init: boolean) =>
    ((pod?.[field] ?? []) as Json[]).map((container) => ({ container, init, where: `${field}[${container?.name}]` }));
  return [...list('initContainers', true), ...list('containers', false), ...list('ephemeralContainers', true)];
}

/** Runs `fn` over every container of every workload, collecting violations. */
export function perContainer(
  objects: readonly KubeObject[],
  fn: (ref: ContainerRef, w: Workload) => string | string[] | undefined,
  check: string,
): Violation[] {
  const out: Violation[] = [];
  for (const w of workloads(objects)) {
    for (const ref of containersOf(w.pod)) {
      const result = fn(ref, w);
      for (const message of result === undefined ? [] : Array.isArray(result) ? result : [result]) {
        out.push(violation(check, w.object, `${ref.where}: ${message}`));
      }
    }
  }
  return out;
}

/** Runs `fn` over every workload's pod spec, collecting violations. */
export function perPod(objects: readonly KubeObject[], fn: (w: Workload) => string | string[] | undefined, check: string): Violation[] {
  const out: Violation[] = [];
  for (const w of workloads(objects)) {
    const result = fn(w);
    for (const message of result === undefined ? [] : Array.isArray(result) ? result : [result])
      out.push(violation(check, w.object, message));
  }
  return out;
}

/** True when every key/value of `selector` is in `labels` (an empty selector matches nothing here). */
export function subsetOf(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([k, v]) => labels?.[k] === v);
}

/** Kubernetes LabelSelector semantics (matchLabels and matchExpressions; `{}` matches everything). */
export function selects(selector: Json, labels: Record<string, string>): boolean {
  if (!selector) return false;
  const matchLabels: Record<string, string> = selector.matchLabels ?? {};
  if (!Object.entries(matchLabels).every(([k, v]) => labels[k] === v)) return false;
  for (const e of (selector.matchExpressions ?? []) as Json[]) {
    const has = Object.prototype.hasOwnProperty.call(labels, e.key);
    const values: string[] = e.values ?? [];
    if (e.operator === 'In' && !(has && values.includes(labels[e.key]))) return false;
    if (e.operator === 'NotIn' && has && values.includes(labels[e.key])) return false;
    if (e.operator === 'Exists' && !has) return false;
    if (e.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

/** Objects of a kind, optionally in one namespace. */
export function ofKind(objects: readonly KubeObject[], kind: string, namespace?: string): Json[] {
  return objects.filter((o) => o.kind === kind && (namespace === undefined || o.metadata?.namespace === namespace)) as Json[];
}

/** `spec.replicas` of a controller (undefined when unset). */
export function replicasOf(object: KubeObject): number | undefined {
  return (object as Json).spec?.replicas;
}

// ---------------------------------------------------------------------------------------------
// Exemptions (POLICY.md section 2e). Only host agents may be exempted, only from the checks listed
// there, and only through annotations on the object itself, so a missing annotation fails.
// ---------------------------------------------------------------------------------------------

/** One tool's exemption of one check, as an annotation on a workload. */
export type Exemption =
  | { readonly tool: 'kube-linter'; readonly check: string }
  | { readonly tool: 'polaris'; readonly check: string }
  | { readonly tool: 'kube-score'; readonly check: string };

const kl = (check: string): Exemption => ({ tool: 'kube-linter', check });
const po = (check: string): Exemption => ({ tool: 'polaris', check });
const ks = (check: string): Exemption => ({ tool: 'kube-score', check });

/** The exemption sets policy checks ask for (each maps a policy finding to the tools' check ids). */
export const EXEMPTIONS = {
  /** S8: hostNetwork (host interface and netstat metrics). */
  hostNetwork: [kl('host-network'), po('hostNetworkSet')],
  /** S8: hostPID (host process metrics). */
  hostPID: [kl('host-pid'), po('hostPIDSet')],
  /** S9/S16: read-only hostPath mounts of sensitive host paths. */
  sensitiveHostPath: [kl('sensitive-host-mounts'), po('hostPathSet')],
  /** S9/S16: hostPath mounts of non-sensitive paths (Polaris flags every hostPath). */
  hostPath: [po('hostPathSet')],
  /** S9: writable host mounts (Filebeat's registry directory). */
  writableHostMount: [kl('writable-host-mount'), po('hostPathSet')],
  /** S1: running as root (Filebeat reads root-owned /var/log/pods). */
  runAsRoot: [kl('run-as-non-root'), po('runAsRootAllowed'), ks('container-security-context-user-group-id')],
  /** W7 on DaemonSets: one pod per node by construction. */
  topologySpread: [po('topologySpreadConstraint')],
  /**
   * S1/S3/S4/S5 (POLICY.md S13): the opt-in Elasticsearch init container that writes
   * vm.max_map_count on the node: privileged, as root. Only for the init container named `sysctl`.
   */
  privilegedSysctl: [
    kl('privileged-container'),
    kl('run-as-non-root'),
    kl('privilege-escalation-container'),
    po('runAsPrivileged'),
    po('runAsRootAllowed'),
    po('privilegeEscalationAllowed'),
    po('insecureCapabilities'),
    ks('container-security-context-privileged'),
    ks('container-security-context-user-group-id'),
  ],
  /** W4: single-replica dev Deployments (and HPA-managed ones, W5). */
  deploymentReplicas: [po('deploymentMissingReplicas')],
} as const satisfies Record<string, readonly Exemption[]>;

/** Which workloads (by `app.kubernetes.io/name` and kind) may carry which exemption annotations (POLICY.md 2e). */
export const ALLOWED_EXEMPTIONS: ReadonlyArray<{ name: string; kinds: readonly string[]; exemptions: readonly Exemption[] }> = [
  {
    name: 'node-exporter',
    kinds: ['DaemonSet'],
    exemptions: [...EXEMPTIONS.hostNetwork, ...EXEMPTIONS.hostPID, ...EXEMPTIONS.sensitiveHostPath, ...EXEMPTIONS.topologySpread],
  },
  // POLICY.md S13: only with `elasticsearch.maxMapCount: initContainer`, in the privileged namespace.
  { name: 'elasticsearch', kinds: ['StatefulSet'], exemptions: EXEMPTIONS.privilegedSysctl },
  {
    name: 'filebeat',
    kinds: ['DaemonSet'],
    exemptions: [...EXEMPTIONS.runAsRoot, ...EXEMPTIONS.writableHostMount, ...EXEMPTIONS.topologySpread],
  },
];

/** Label naming a component (also the NetworkPolicy/Service selector key). */
export const NAME_LABEL = 'app.kubernetes.io/name';

/** The annotation key and expected value form of an exemption. */
export function annotationOf(exemption: Exemption): string {
  switch (exemption.tool) {
    case 'kube-linter':
      return `ignore-check.kube-linter.io/${exemption.check}`;
    case 'polaris':
      return `polaris.fairwinds.com/${exemption.check}-exempt`;
    case 'kube-score':
      return 'kube-score/ignore';
  }
}

/** True when the object carries the annotation of one exemption (a KL reason must be non-empty). */
export function hasExemption(object: KubeObject, exemption: Exemption): boolean {
  const annotations: Record<string, string> = (object as Json).metadata?.annotations ?? {};
  const value = annotations[annotationOf(exemption)];
  if (value === undefined) return false;
  switch (exemption.tool) {
    case 'kube-linter':
      return value.trim().length > 0;
    case 'polaris':
      return value === 'true';
    case 'kube-score':
      return value
        .split(',')
        .map((s) => s.trim())
        .includes(exemption.check);
  }
}

/**
 * True when the object is exempt from a finding: it carries every annotation of the set, and
 * POLICY.md 2e allows this workload those exemptions. Returns the missing pieces otherwise.
 */
export function exemptionGaps(object: KubeObject, set: readonly Exemption[]): string[] {
  const gaps: string[] = [];
  const name = (object as Json).metadata?.labels?.[NAME_LABEL];
  const allowed = ALLOWED_EXEMPTIONS.find((a) => a.name === name && a.kinds.includes(object.kind));
  for (const exemption of set) {
    const check = exemption.tool === 'kube-score' ? ` ∋ ${exemption.check}` : '';
    if (!hasExemption(object, exemption)) gaps.push(`missing exemption annotation ${annotationOf(exemption)}${check}`);
    else if (!allowed?.exemptions.some((e) => e.tool === exemption.tool && e.check === exemption.check)) {
      gaps.push(
        `${exemption.tool} exemption ${exemption.check} is not allowed for ${object.kind} ${name ?? '(no name label)'} (POLICY.md 2e)`,
      );
    }
  }
  return gaps;
}

/** Pod Security `enforce` level of a namespace in the set (undefined when the Namespace is not shipped). */
export function podSecurityLevel(objects: readonly KubeObject[], namespace: string | undefined): string | undefined {
  const ns = objects.find((o) => o.kind === 'Namespace' && o.metadata?.name === namespace) as Json;
  return ns?.metadata?.labels?.['pod-security.kubernetes.io/enforce'];
}
