/**
 * The component catalog: one record per component with its pinned image, ports, HTTP paths,
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
const NOBODY = 65534;

export const CATALOG = {
  prometheus: {
    name: 'prometheus',
    repository: 'quay.io/prometheus/prometheus',
    tag: 'v3.5.0',
    web: { name: 'web', port: 9090 },
    livenessPath: '/-/healthy',
    readinessPath: '/-/ready',
    metricsPath: '/metrics',
    runAs: NOBODY,
    dataDir: '/prometheus',
    configDir: '/etc/prometheus',
    sizing: {
      dev: { replicas: 1, storage: '10Gi', resources: { requests: { cpu: '200m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } } },
      prod: { replicas: 2, storage: '100Gi', resources: { requests: { cpu: '1', memory: '4Gi' }, limits: { cpu: '2', memory: '8Gi' } } },
    },
  },
  alertmanager: {
    name: 'alertmanager',
    repository: 'quay.io/prometheus/alertmanager',
    tag: 'v0.28.1',
    web: { name: 'web', port: 9093 },
    extraPorts: [{ name: 'cluster', port: 9094 }],
    livenessPath: '/-/healthy',
    readinessPath: '/-/ready',
    metricsPath: '/metrics',
    runAs: NOBODY,
    dataDir: '/alertmanager',
    configDir: '/etc/alertmanager/config',
    secretsDir: '/etc/alertmanager/secrets',
    sizing: {
      dev: { replicas: 1, storage: '1Gi', resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } } },
      prod: { replicas: 3, storage: '5Gi', resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } } },
    },
  },
  grafana: {
    name: 'grafana',
    repository: 'docker.io/grafana/grafana',
    tag: '12.1.1',
    web: { name: 'http', port: 3000 },
    // /healthz answers while the web server runs; /api/health also checks the database.
    livenessPath: '/healthz',
    readinessPath: '/api/health',
    metricsPath: '/metrics',
    runAs: NOBODY,
    // Stateless by design: datasources and dashboards are provisioned from files, so replicas
    // share nothing and the data dir is scratch space.
    dataDir: '/var/lib/grafana',
    configDir: '/etc/grafana/provisioning',
    sizing: {
      dev: { replicas: 1, resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } } },
      prod: { replicas: 2, resources: { requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } } },
    },
  },
  nodeExporter: {
    name: 'node-exporter',
    repository: 'quay.io/prometheus/node-exporter',
    tag: 'v1.9.1',
    web: { name: 'metrics', port: 9100 },
    livenessPath: '/',
    readinessPath: '/metrics',
    metricsPath: '/metrics',
    runAs: NOBODY,
    sizing: {
      dev: { replicas: 1, resources: { requests: { cpu: '50m', memory: '32Mi' }, limits: { cpu: '200m', memory: '64Mi' } } },
      prod: { replicas: 1, resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '250m', memory: '128Mi' } } },
    },
  },
  kubeStateMetrics: {
    name: 'kube-state-metrics',
    repository: 'registry.k8s.io/kube-state-metrics/kube-state-metrics',
    tag: 'v2.16.0',
    web: { name: 'http', port: 8080 },
    extraPorts: [{ name: 'telemetry', port: 8081 }],
    livenessPath: '/livez',
    readinessPath: '/readyz',
    readinessPort: 'telemetry',
    metricsPath: '/metrics',
    runAs: NOBODY,
    sizing: {
      dev: { replicas: 1, resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '200m', memory: '256Mi' } } },
      prod: { replicas: 2, resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '500m', memory: '512Mi' } } },
    },
  },
  blackboxExporter: {
    // Deployed when a monitored service declares a probe. http/tcp/dns probers only: ICMP would
    // need NET_RAW or an unsafe sysctl.
    name: 'blackbox-exporter',
    repository: 'quay.io/prometheus/blackbox-exporter',
    tag: 'v0.27.0',
    web: { name: 'http', port: 9115 },
    livenessPath: '/-/healthy',
    readinessPath: '/-/ready',
    metricsPath: '/metrics',
    runAs: NOBODY,
    configDir: '/etc/blackbox-exporter',
    sizing: {
      dev: { replicas: 1, resources: { requests: { cpu: '25m', memory: '32Mi' }, limits: { cpu: '200m', memory: '64Mi' } } },
      prod: { replicas: 2, resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } } },
    },
  },
  cadvisor: {
    // Docker target only: on Kubernetes the kubelet's built-in /metrics/cadvisor is scraped instead.
    name: 'cadvisor',
    repository: 'gcr.io/cadvisor/cadvisor',
    tag: 'v0.52.1',
    web: { name: 'http', port: 8080 },
    livenessPath: '/healthz',
    readinessPath: '/healthz',
    metricsPath: '/metrics',
    runAs: 0,
    sizing: {
      dev: { replicas: 1, resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '300m', memory: '256Mi' } } },
      prod: { replicas: 1, resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '512Mi' } } },
    },
  },
} as const satisfies Record<string, ComponentSpec>;

export type ComponentName = keyof typeof CATALOG;

/** `repository:tag` of a catalog component. */
export function imageOf(component: ComponentSpec): string {
  return `${component.repository}:${component.tag}`;
}
