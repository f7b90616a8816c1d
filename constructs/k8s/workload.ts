/**
 * Building blocks every workload shares: labels, the hardened security contexts, resources,
 * probes, the projected service-account token, availability (anti-affinity, spread, PDB) and
 * the config checksum that rolls pods. Component constructs only say what differs.
 */
import { createHash } from 'crypto';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import type { IContainer } from 'kubernetes-models/v1/Container';
import type { IPodSpec } from 'kubernetes-models/v1/PodSpec';
import type { IVolume } from 'kubernetes-models/v1/Volume';
import { ComponentSpec, imageOf } from '../../config/component';
import { fail } from '../../config/errors';
import { SERVICE_ACCOUNT_DIR } from '../../config/kubernetes';
import { ResolvedComponent } from '../../config/component';

/** The single label that selects a component's pods (Services, PDBs, NetworkPolicies). */
export const NAME_LABEL = 'app.kubernetes.io/name';
export const PART_OF = 'observability-stack';

/** Ephemeral storage bounds for every container: scratch space only; data lives on volumes. */
export const EPHEMERAL_STORAGE = { request: '64Mi', limit: '1Gi' } as const;

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
    'app.kubernetes.io/part-of': PART_OF,
    'app.kubernetes.io/managed-by': 'cdk8s',
  };
}

/** Metadata for a namespaced object of a component. */
export function metadata(spec: ComponentSpec, namespace: string, name = spec.name, annotations?: Record<string, string>) {
  return { name, namespace, labels: componentLabels(spec), ...(annotations ? { annotations } : {}) };
}

/** Container security context: read-only root, no escalation, no capabilities. */
export function containerSecurityContext() {
  return {
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
    privileged: false,
    capabilities: { drop: ['ALL'] },
  };
}

/** Pod security context: fixed non-root uid/gid, volumes group-owned, RuntimeDefault seccomp. */
export function podSecurityContext(spec: ComponentSpec) {
  return {
    runAsNonRoot: true,
    runAsUser: spec.runAs,
    runAsGroup: spec.runAs,
    fsGroup: spec.runAs,
    seccompProfile: { type: 'RuntimeDefault' as const },
  };
}

/** Container resources from the resolved sizing, plus bounded ephemeral storage. */
export function containerResources(component: ResolvedComponent) {
  return {
    requests: { ...component.resources.requests, 'ephemeral-storage': EPHEMERAL_STORAGE.request },
    limits: { ...component.resources.limits, 'ephemeral-storage': EPHEMERAL_STORAGE.limit },
  };
}

/** Distinct liveness and readiness HTTP probes on the component's web port (by name). */
export function httpProbes(spec: ComponentSpec): Pick<IContainer, 'livenessProbe' | 'readinessProbe'> {
  return {
    livenessProbe: {
      httpGet: { path: spec.livenessPath, port: spec.web.name },
      initialDelaySeconds: 10,
      periodSeconds: 15,
      timeoutSeconds: 5,
      failureThreshold: 4,
    },
    readinessProbe: {
      httpGet: { path: spec.readinessPath, port: spec.readinessPort ?? spec.web.name },
      periodSeconds: 5,
      timeoutSeconds: 4,
      failureThreshold: 3,
    },
  };
}

/**
 * The main container of a component: pinned image, pulled IfNotPresent (deliberate deviation
 * from "pull Always": images are pinned by tag, and a registry outage must not stop the
 * monitoring stack from restarting during an incident), hardened, sized and probed.
 */
export function mainContainer(component: ResolvedComponent, extra: Partial<IContainer> & Pick<IContainer, 'args' | 'volumeMounts'>): IContainer {
  const spec = component.spec;
  return {
    name: spec.name,
    image: imageOf(spec),
    imagePullPolicy: 'IfNotPresent',
    ports: [spec.web, ...(spec.extraPorts ?? [])].map((port) => ({ name: port.name, containerPort: port.port, protocol: 'TCP' })),
    ...httpProbes(spec),
    resources: containerResources(component),
    securityContext: containerSecurityContext(),
    ...extra,
  };
}

/** Volume + mount of the service-account token for components that call the API (no automount). */
export const SERVICE_ACCOUNT_TOKEN_VOLUME: IVolume = {
  name: 'kube-api-access',
  projected: {
    defaultMode: 0o444,
    sources: [
      { serviceAccountToken: { path: 'token', expirationSeconds: 3607 } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
    ],
  },
};
export const SERVICE_ACCOUNT_TOKEN_MOUNT = { name: SERVICE_ACCOUNT_TOKEN_VOLUME.name, mountPath: SERVICE_ACCOUNT_DIR, readOnly: true };

/** Preferred spreading of replicas across nodes and zones. */
export function availability(spec: ComponentSpec, replicas: number): Pick<IPodSpec, 'affinity' | 'topologySpreadConstraints'> {
  const labelSelector = { matchLabels: selectorLabels(spec) };
  return {
    ...(replicas > 1
      ? {
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector } }],
            },
          },
        }
      : {}),
    topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector }],
  };
}

/** Pod spec fields every stack workload shares. */
export function podDefaults(spec: ComponentSpec, serviceAccountName: string, priorityClassName: string): Partial<IPodSpec> {
  return {
    serviceAccountName,
    priorityClassName,
    // The token is never mounted implicitly; API users get a projected token volume instead.
    automountServiceAccountToken: false,
    securityContext: podSecurityContext(spec),
    restartPolicy: 'Always',
    enableServiceLinks: false,
  };
}

/** sha256 of rendered files: a pod-template annotation that rolls pods when config changes. */
export function checksum(files: Record<string, string>): string {
  const hash = createHash('sha256');
  for (const name of Object.keys(files).sort()) hash.update(name).update('\0').update(files[name]).update('\0');
  return hash.digest('hex');
}

/** A ServiceAccount that never auto-mounts its token. */
export function serviceAccount(scope: Construct, spec: ComponentSpec, namespace: string): ApiObject {
  return new ApiObject(scope, 'service-account', {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: metadata(spec, namespace),
    automountServiceAccountToken: false,
  });
}

/** A ClusterIP Service on the component's ports. */
export function clusterService(scope: Construct, id: string, spec: ComponentSpec, namespace: string, options: { name?: string; headless?: boolean; ports?: ComponentSpec['web'][] } = {}): ApiObject {
  const ports = options.ports ?? [spec.web];
  return new ApiObject(scope, id, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: metadata(spec, namespace, options.name ?? spec.name),
    spec: {
      type: 'ClusterIP',
      ...(options.headless ? { clusterIP: 'None', publishNotReadyAddresses: true } : {}),
      selector: selectorLabels(spec),
      ports: ports.map((port) => ({ name: port.name, port: port.port, targetPort: port.name, protocol: 'TCP' })),
    },
  });
}

/** A PodDisruptionBudget keeping all but one replica up during voluntary disruptions. */
export function disruptionBudget(scope: Construct, spec: ComponentSpec, namespace: string): ApiObject {
  return new ApiObject(scope, 'disruption-budget', {
    apiVersion: 'policy/v1',
    kind: 'PodDisruptionBudget',
    metadata: metadata(spec, namespace),
    spec: { maxUnavailable: 1, selector: { matchLabels: selectorLabels(spec) }, unhealthyPodEvictionPolicy: 'AlwaysAllow' },
  });
}

/** Largest ConfigMap we write: client-side `kubectl apply` keeps the whole object in a 256 KiB annotation. */
export const MAX_CONFIGMAP_BYTES = 256 * 1024;

/** A ConfigMap holding rendered files; fails at synth when it would be too large to apply. */
export function configMap(scope: Construct, id: string, spec: ComponentSpec, namespace: string, name: string, data: Record<string, string>): ApiObject {
  const body = { apiVersion: 'v1', kind: 'ConfigMap', metadata: metadata(spec, namespace, name), data };
  const bytes = Buffer.byteLength(JSON.stringify(body), 'utf8');
  if (bytes > MAX_CONFIGMAP_BYTES) {
    fail(scope.node.path, `ConfigMap ${name}`, `${bytes} bytes (files ${Object.keys(data).join(', ')})`, `at most ${MAX_CONFIGMAP_BYTES} bytes; spread the files over more folders or groups`);
  }
  return new ApiObject(scope, id, body);
}

/** Writable scratch directories as memory-bounded emptyDirs (the root filesystem is read-only). */
export function scratchVolume(name: string, sizeLimit = '64Mi'): IVolume {
  return { name, emptyDir: { sizeLimit } };
}

/** What differs between the replicated workloads (Deployments and StatefulSets) of the stack. */
export interface ReplicatedWorkloadOptions {
  /** Resolved sizing (replicas, resources, storage) of the component. */
  readonly component: ResolvedComponent;
  /** Namespace of the workload. */
  readonly namespace: string;
  /** PriorityClass of its pods. */
  readonly priorityClassName: string;
  /** The main container (see `mainContainer`). */
  readonly container: IContainer;
  /** Pod volumes. @default none */
  readonly volumes?: IVolume[];
  /** Rendered files whose checksum rolls the pods when they change. @default none */
  readonly configFiles?: Record<string, string>;
  /** Extra pod spec fields (e.g. a longer termination grace period). @default none */
  readonly podSpec?: Partial<IPodSpec>;
  /** Makes it a StatefulSet with one `data` volume per replica, governed by this headless Service. @default a Deployment */
  readonly statefulSet?: { readonly serviceName: string; readonly storageClassName?: string };
}

/**
 * A Deployment or StatefulSet with the shared pod defaults, spreading and rollout settings,
 * plus a PodDisruptionBudget when it runs more than one replica.
 */
export function replicatedWorkload(scope: Construct, spec: ComponentSpec, options: ReplicatedWorkloadOptions): ApiObject {
  const { component, namespace: ns, statefulSet } = options;
  const single = component.replicas < 2;
  const template = {
    metadata: {
      labels: metadata(spec, ns).labels,
      ...(options.configFiles ? { annotations: { 'checksum/config': checksum(options.configFiles) } } : {}),
    },
    spec: {
      ...podDefaults(spec, spec.name, options.priorityClassName),
      ...availability(spec, component.replicas),
      ...options.podSpec,
      containers: [options.container],
      ...(options.volumes ? { volumes: options.volumes } : {}),
    },
  };
  const workload = statefulSet
    ? new ApiObject(scope, 'statefulset', {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata: metadata(spec, ns),
        spec: {
          replicas: component.replicas,
          serviceName: statefulSet.serviceName,
          podManagementPolicy: 'Parallel',
          selector: { matchLabels: selectorLabels(spec) },
          persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
          template,
          volumeClaimTemplates: [
            {
              metadata: { name: 'data', labels: selectorLabels(spec) },
              spec: {
                accessModes: ['ReadWriteOnce'],
                ...(statefulSet.storageClassName ? { storageClassName: statefulSet.storageClassName } : {}),
                resources: { requests: { storage: component.storage } },
              },
            },
          ],
        },
      })
    : new ApiObject(scope, 'deployment', {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        // The dev profile runs one replica on purpose (laptop-sized); prod runs two with a PDB.
        metadata: metadata(spec, ns, spec.name, single ? { 'polaris.fairwinds.com/deploymentMissingReplicas-exempt': 'true' } : undefined),
        spec: {
          replicas: component.replicas,
          strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
          selector: { matchLabels: selectorLabels(spec) },
          template,
        },
      });
  if (!single) disruptionBudget(scope, spec, ns);
  return workload;
}

/** A ClusterRole and its binding to the component's ServiceAccount; cluster-wide names carry the namespace. */
export function clusterRoleFor(scope: Construct, spec: ComponentSpec, namespace: string, rules: unknown[]): void {
  const name = `${namespace}-${spec.name}`;
  const labels = metadata(spec, namespace).labels;
  new ApiObject(scope, 'cluster-role', { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name, labels }, rules });
  new ApiObject(scope, 'cluster-role-binding', {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name, labels },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
    subjects: [{ kind: 'ServiceAccount', name: spec.name, namespace }],
  });
}

/**
 * Prometheus/Alertmanager flags for the URL users reach them at: links in alerts use it, while
 * the routes stay at `/` so probes, scrapes and in-cluster clients keep working behind a proxy
 * that strips the path.
 */
export function externalUrlArgs(externalUrl: string | undefined): string[] {
  return externalUrl ? [`--web.external-url=${externalUrl}`, '--web.route-prefix=/'] : [];
}
