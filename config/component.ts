/**
 * What every component's catalog entry (its `spec.ts`) holds: one record per component with its pinned image, ports, HTTP paths,
 * the user it runs as and its sizing per profile. Both deployment targets (the cdk8s constructs
 * and the Pulumi Docker program) read these records; no image, port or path is written anywhere
 * else.
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
  /** HTTP path answering 200 when the component can serve traffic. */
  readonly readinessPath: string;
  /** Name of the port serving the readiness path. Default: the web port. */
  readonly readinessPort?: string;
  /** Path of the Prometheus metrics endpoint. */
  readonly metricsPath: string;
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
