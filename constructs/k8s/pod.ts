/**
 * Pod and container building blocks every workload shares: the hardened security contexts,
 * resources, probes, the projected service-account token, scratch volumes and availability
 * (anti-affinity, spread). Component constructs only say what differs.
 */
import { k8s } from 'cdk8s-plus-28';
import { ComponentSpec, imageOf, ResolvedComponent } from '../../config/component';
import { SERVICE_ACCOUNT_DIR } from '../../config/kubernetes';
import { selectorLabels } from './labels';

/** Ephemeral storage bounds for every container: scratch space only; data lives on volumes. */
export const EPHEMERAL_STORAGE = { request: '64Mi', limit: '1Gi' } as const;

/** Container security context: read-only root, no escalation, no capabilities. */
export function containerSecurityContext(): k8s.SecurityContext {
  return {
    readOnlyRootFilesystem: true,
    allowPrivilegeEscalation: false,
    privileged: false,
    capabilities: { drop: ['ALL'] },
  };
}

/** Pod security context: fixed non-root uid/gid, volumes group-owned, RuntimeDefault seccomp. */
export function podSecurityContext(spec: ComponentSpec): k8s.PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: spec.runAs,
    runAsGroup: spec.runAs,
    fsGroup: spec.runAs,
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

function quantities(amounts: Record<string, string>): Record<string, k8s.Quantity> {
  return Object.fromEntries(Object.entries(amounts).map(([key, value]) => [key, k8s.Quantity.fromString(value)]));
}

/** Container resources from the resolved sizing, plus bounded ephemeral storage. */
export function containerResources(component: ResolvedComponent): k8s.ResourceRequirements {
  return {
    requests: quantities({ ...component.resources.requests, 'ephemeral-storage': EPHEMERAL_STORAGE.request }),
    limits: quantities({ ...component.resources.limits, 'ephemeral-storage': EPHEMERAL_STORAGE.limit }),
  };
}

/** Distinct liveness and readiness probes on the component's web port (by name); readiness is HTTP. */
export function httpProbes(spec: ComponentSpec): Pick<k8s.Container, 'livenessProbe' | 'readinessProbe'> {
  const port = k8s.IntOrString.fromString(spec.web.name);
  return {
    livenessProbe: {
      ...(spec.livenessCheck === 'tcp' ? { tcpSocket: { port } } : { httpGet: { path: spec.livenessPath, port } }),
      initialDelaySeconds: 10,
      periodSeconds: 15,
      timeoutSeconds: 5,
      failureThreshold: 4,
    },
    readinessProbe: {
      httpGet: { path: spec.readinessPath, port: k8s.IntOrString.fromString(spec.readinessPort ?? spec.web.name) },
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
export function mainContainer(
  component: ResolvedComponent,
  extra: Partial<k8s.Container> & Pick<k8s.Container, 'volumeMounts'>,
): k8s.Container {
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
export const SERVICE_ACCOUNT_TOKEN_VOLUME: k8s.Volume = {
  name: 'kube-api-access',
  projected: {
    defaultMode: 0o444,
    sources: [
      { serviceAccountToken: { path: 'token', expirationSeconds: 3607 } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      { downwardApi: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
    ],
  },
};
export const SERVICE_ACCOUNT_TOKEN_MOUNT: k8s.VolumeMount = {
  name: SERVICE_ACCOUNT_TOKEN_VOLUME.name,
  mountPath: SERVICE_ACCOUNT_DIR,
  readOnly: true,
};

/** Writable scratch directories as memory-bounded emptyDirs (the root filesystem is read-only). */
export function scratchVolume(name: string, sizeLimit = '64Mi'): k8s.Volume {
  return { name, emptyDir: { sizeLimit: k8s.Quantity.fromString(sizeLimit) } };
}

/** Preferred spreading of replicas across nodes and zones. */
export function availability(spec: ComponentSpec, replicas: number): Pick<k8s.PodSpec, 'affinity' | 'topologySpreadConstraints'> {
  const labelSelector = { matchLabels: selectorLabels(spec) };
  return {
    ...(replicas > 1
      ? {
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                { weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector } },
              ],
            },
          },
        }
      : {}),
    topologySpreadConstraints: [
      { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway', labelSelector },
    ],
  };
}

/** Pod spec fields every stack workload shares. */
export function podDefaults(spec: ComponentSpec, serviceAccountName: string, priorityClassName: string): Partial<k8s.PodSpec> {
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
