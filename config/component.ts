import { fail } from './errors';
import { byteQuantity, cpuQuantity } from './quantity';

/**
 * The shape of a component's catalog entry (its folder's `spec.ts`: pinned image, ports, HTTP
 * paths, user and sizing per profile) and the sizing every component's settings share. Both
 * deployment targets read the entries; no image, port or path is written anywhere else.
 */

/** Deployment profile: `dev` (one replica each, small volumes) or `prod` (HA, larger volumes). */
export type Profile = 'dev' | 'prod';
export const PROFILES: readonly Profile[] = ['dev', 'prod'];

/** CPU and memory as Kubernetes quantities. */
export interface ResourceAmounts {
  /** CPU quantity, e.g. `100m`. */
  readonly cpu: string;
  /** Memory quantity, e.g. `256Mi`. */
  readonly memory: string;
}

/** Requests and limits of one container. */
export interface Resources {
  /** Guaranteed share used by the scheduler. */
  readonly requests: ResourceAmounts;
  /** Hard ceiling enforced by the runtime. */
  readonly limits: ResourceAmounts;
}

/** Sizing of a component for one profile. */
export interface Sizing {
  /** Pod replicas (ignored for DaemonSets). */
  readonly replicas: number;
  /** Container resources. */
  readonly resources: Resources;
  /** Persistent volume size for stateful components. */
  readonly storage?: string;
}

/** One named container port. */
export interface PortSpec {
  /** Port name used in Services and probes (IANA_SVC_NAME, max 15 chars). */
  readonly name: string;
  /** Container port number. */
  readonly port: number;
}

/** What the catalog knows about a component. */
export interface ComponentSpec {
  /** Short name, also the Kubernetes object name and Docker container suffix. */
  readonly name: string;
  /** Image repository without tag. */
  readonly repository: string;
  /** Pinned release tag (never `latest`). */
  readonly tag: string;
  /** The HTTP port serving the UI/API and `/metrics`. */
  readonly web: PortSpec;
  /** Additional ports (e.g. Alertmanager's cluster gossip). */
  readonly extraPorts?: readonly PortSpec[];
  /** HTTP path answering 200 while the process is alive. */
  readonly livenessPath: string;
  /**
   * `tcp`: the liveness probe is a TCP connect to the web port instead, for exporters whose only
   * HTTP path that does not touch the database is the readiness one (readiness and liveness
   * must differ). @default `http`
   */
  readonly livenessCheck?: 'http' | 'tcp';
  /** HTTP path answering 200 when the component can serve traffic. */
  readonly readinessPath: string;
  /** Name of the port serving the readiness path. @default the web port */
  readonly readinessPort?: string;
  /** Path of the Prometheus metrics endpoint. */
  readonly metricsPath: string;
  /**
   * The web port is reached only from inside the pod (a sidecar reads it over loopback) and by the
   * kubelet's probes, neither of which NetworkPolicies govern: it has no flow. @default false
   */
  readonly webPodLocal?: boolean;
  /** Numeric uid and gid the container runs as (>= 10000, never root). */
  readonly runAs: number;
  /** Directory of persistent data inside the container, if any. */
  readonly dataDir?: string;
  /** Directory where rendered configuration files are mounted. */
  readonly configDir?: string;
  /** Directory where secret files (receiver credentials) are mounted, read via `*_file` settings. */
  readonly secretsDir?: string;
  /** Sizing per profile. */
  readonly sizing: Readonly<Record<Profile, Sizing>>;
}

/** uid/gid `nobody` (65534): every stack image runs fine as it, and it satisfies the >= 10000 rule. */
export const NOBODY = 65534;

/** `repository:tag` of a catalog component. */
export function imageOf(component: ComponentSpec): string {
  return `${component.repository}:${component.tag}`;
}

/** Overrides common to every component; unset fields come from the component's sizing for the profile. */
export interface ComponentSettings {
  /** Replicas. @default the profile's (dev 1; prod: Prometheus 2, Alertmanager 3, Grafana 2) */
  readonly replicas?: number;
  /** CPU/memory requests and limits. @default the component's sizing for the profile */
  readonly resources?: Resources;
  /** Persistent volume size (stateful components). @default the component's sizing for the profile */
  readonly storage?: string;
}

/** Sizing after defaults: what the constructs and the Docker target consume. */
export interface ResolvedComponent {
  /** The component's catalog record (image, ports, paths). */
  readonly spec: ComponentSpec;
  /** Replicas for the profile, or the override. */
  readonly replicas: number;
  /** Requests and limits for the profile, or the override. */
  readonly resources: Resources;
  /** Volume size for stateful components. */
  readonly storage?: string;
}

/** Fills a component's sizing from its spec for the profile and validates the overrides. */
export function resolveComponent(
  where: string,
  field: string,
  spec: ComponentSpec,
  profile: Profile,
  overrides: ComponentSettings | undefined,
): ResolvedComponent {
  const sizing = spec.sizing[profile];
  const replicas = overrides?.replicas ?? sizing.replicas;
  if (!Number.isInteger(replicas) || replicas < 1) fail(where, `${field}.replicas`, replicas, 'a whole number >= 1');
  const resources = overrides?.resources ?? sizing.resources;
  validateResources(where, `${field}.resources`, resources);
  const storage = overrides?.storage ?? sizing.storage;
  if (storage !== undefined) byteQuantity(where, `${field}.storage`, storage);
  return { spec, replicas, resources, storage };
}

/** Checks every quantity and that no limit is below its request. */
export function validateResources(where: string, field: string, resources: Resources): void {
  if (!resources?.requests || !resources?.limits)
    fail(where, field, resources, 'an object with requests and limits, each with cpu and memory');
  const cpuRequest = cpuQuantity(where, `${field}.requests.cpu`, resources.requests.cpu);
  const cpuLimit = cpuQuantity(where, `${field}.limits.cpu`, resources.limits.cpu);
  const memRequest = byteQuantity(where, `${field}.requests.memory`, resources.requests.memory);
  const memLimit = byteQuantity(where, `${field}.limits.memory`, resources.limits.memory);
  if (cpuLimit < cpuRequest)
    fail(where, `${field}.limits.cpu`, resources.limits.cpu, `a CPU limit >= the request (${resources.requests.cpu})`);
  if (memLimit < memRequest)
    fail(where, `${field}.limits.memory`, resources.limits.memory, `a memory limit >= the request (${resources.requests.memory})`);
}
