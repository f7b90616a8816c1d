/**
 * The stack's scrape jobs (the `scrape_configs` entries the components render for the
 * Kubernetes topology) translated into prometheus-operator objects, field by field, so that the
 * operator's Prometheus scrapes the same targets with the same `job`, `instance` and other labels:
 * - `endpointslice` discovery -> ServiceMonitor with `serviceDiscoveryRole: EndpointSlice`, so the
 *   job's own relabelling (which reads `__meta_kubernetes_endpointslice_*`) applies unchanged;
 * - `pod` discovery -> PodMonitor, relabelling unchanged;
 * - `node` discovery -> ScrapeConfig (v1alpha1) with the same Kubernetes SD; when the job reads
 *   the service-account token from a file (kubelet, cAdvisor), which a ScrapeConfig cannot,
 *   a ServiceMonitor on the operator's kubelet Service, node names taken from its endpoints;
 * - `static_configs` -> ScrapeConfig with the same static targets and labels; when the job
 *   reads the token from a file (API server), a ServiceMonitor on the target's Service.
 * A job field this file does not translate is an error, never dropped.
 * Pure: no cdk8s import. Types: the fields of the `monitoring.coreos.com` CRDs the stack sets
 * (the schema suite validates every object against @kubernetes-models/prometheus-operator).
 */
import { ScrapeJob } from '../../config/scrape';
import { ResolvedOperator } from './settings';

/** A relabelling step, in the operator's spelling (`sourceLabels`, `targetLabel`, ...). */
export interface RelabelConfig {
  readonly sourceLabels?: readonly string[];
  readonly separator?: string;
  readonly targetLabel?: string;
  readonly regex?: string;
  readonly modulus?: number;
  readonly replacement?: string;
  readonly action?: string;
}

/** The HTTP part shared by ServiceMonitor endpoints, PodMonitor endpoints and ScrapeConfigs. */
interface ScrapeHttp {
  readonly scheme?: 'HTTP' | 'HTTPS';
  readonly honorLabels?: boolean;
  readonly params?: Record<string, string[]>;
  readonly scrapeTimeout?: string;
  readonly relabelings?: RelabelConfig[];
  readonly metricRelabelings?: RelabelConfig[];
}

/** One `endpoints[]` entry of a ServiceMonitor, or `podMetricsEndpoints[]` of a PodMonitor. */
export interface MonitorEndpoint extends ScrapeHttp {
  readonly port?: string;
  readonly path?: string;
  readonly interval?: string;
  readonly bearerTokenFile?: string;
  readonly tlsConfig?: { readonly caFile?: string; readonly insecureSkipVerify?: boolean; readonly serverName?: string };
}

interface NamespaceSelector {
  readonly any?: boolean;
  readonly matchNames?: string[];
}

/** A translated scrape job: the kind, its name and its spec. */
export type Monitor =
  | {
      readonly kind: 'ServiceMonitor';
      readonly name: string;
      readonly spec: {
        readonly serviceDiscoveryRole: 'EndpointSlice';
        readonly selector: Record<string, never>;
        readonly namespaceSelector: NamespaceSelector;
        readonly endpoints: MonitorEndpoint[];
      };
    }
  | {
      readonly kind: 'PodMonitor';
      readonly name: string;
      readonly spec: {
        readonly selector: Record<string, never>;
        readonly namespaceSelector: NamespaceSelector;
        readonly podMetricsEndpoints: MonitorEndpoint[];
      };
    }
  | {
      readonly kind: 'ScrapeConfig';
      readonly name: string;
      readonly spec: ScrapeHttp & {
        readonly jobName: string;
        readonly metricsPath?: string;
        readonly scrapeInterval?: string;
        readonly kubernetesSDConfigs?: Array<{ readonly role: 'Node' | 'Pod' | 'Service' | 'Endpoints' | 'EndpointSlice' | 'Ingress' }>;
        readonly staticConfigs?: Array<{ readonly targets: string[]; readonly labels?: Record<string, string> }>;
      };
    };

/** The `apiVersion` of each kind this file emits. */
export const MONITOR_API_VERSIONS: Readonly<Record<Monitor['kind'], string>> = {
  ServiceMonitor: 'monitoring.coreos.com/v1',
  PodMonitor: 'monitoring.coreos.com/v1',
  // ScrapeConfig exists only as v1alpha1 (prometheus-operator >= 0.65).
  ScrapeConfig: 'monitoring.coreos.com/v1alpha1',
};

/** The port name the operator gives port 10250 of the kubelet Service it maintains. */
export const KUBELET_PORT_NAME = 'https-metrics';

const RELABEL_FIELDS: Readonly<Record<string, keyof RelabelConfig>> = {
  source_labels: 'sourceLabels',
  separator: 'separator',
  target_label: 'targetLabel',
  regex: 'regex',
  modulus: 'modulus',
  replacement: 'replacement',
  action: 'action',
};

/** Node-role meta labels and the label carrying the same value on the kubelet Service's endpoints. */
const NODE_META_ON_ENDPOINTS: Readonly<Record<string, string>> = {
  __meta_kubernetes_node_name: '__meta_kubernetes_endpointslice_address_target_name',
};

type Job = Readonly<Record<string, unknown>>;

function unknownField(job: Job, field: string): never {
  throw new Error(`scrape job ${String(job.job_name)}: field ${field} has no operator translation (constructs/operator/monitors.ts)`);
}

/** `relabel_configs` in the operator's spelling; `rename` maps source labels that differ on the operator's discovery. */
export function relabelings(job: Job, list: unknown, rename: Readonly<Record<string, string>> = {}): RelabelConfig[] {
  return ((list as Array<Record<string, unknown>> | undefined) ?? []).map((step) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(step)) {
      const field = RELABEL_FIELDS[key] ?? unknownField(job, `relabel_configs[].${key}`);
      out[field] = field === 'sourceLabels' ? (value as string[]).map((label) => rename[label] ?? label) : value;
    }
    return out as RelabelConfig;
  });
}

/** Drops the `container` label the operator adds to PodMonitor targets. */
const DROP_CONTAINER: RelabelConfig = { regex: 'container', action: 'labeldrop' };

/** The job's own label on every target (the operator would otherwise name the job after the Service or Pod). */
const jobLabel = (job: Job): RelabelConfig => ({ targetLabel: 'job', replacement: String(job.job_name) });

const scheme = (job: Job) => (job.scheme === undefined ? {} : { scheme: String(job.scheme).toUpperCase() as 'HTTP' | 'HTTPS' });

/** The job fields every kind carries the same way. */
function httpFields(job: Job): ScrapeHttp {
  return {
    ...scheme(job),
    ...(job.honor_labels !== undefined ? { honorLabels: job.honor_labels as boolean } : {}),
    ...(job.params !== undefined ? { params: job.params as Record<string, string[]> } : {}),
    ...(job.scrape_timeout !== undefined ? { scrapeTimeout: job.scrape_timeout as string } : {}),
    ...(job.metric_relabel_configs !== undefined ? { metricRelabelings: relabelings(job, job.metric_relabel_configs) } : {}),
  };
}

/** A ServiceMonitor/PodMonitor endpoint for the job; `relabels` are the translated `relabel_configs`. */
function endpoint(job: Job, relabels: RelabelConfig[], extra: Partial<MonitorEndpoint> = {}): MonitorEndpoint {
  return {
    ...extra,
    ...(job.metrics_path !== undefined ? { path: job.metrics_path as string } : {}),
    ...(job.scrape_interval !== undefined ? { interval: job.scrape_interval as string } : {}),
    ...httpFields(job),
    relabelings: [...relabels, jobLabel(job)],
  };
}

/** The token-file authentication of a job (the pod's service-account token), as ServiceMonitor endpoint fields. */
function fileAuth(job: Job): Partial<MonitorEndpoint> | undefined {
  const auth = job.authorization as { credentials_file?: string } | undefined;
  if (!auth) return undefined;
  if (Object.keys(auth).some((key) => key !== 'credentials_file')) unknownField(job, 'authorization');
  const tls = (job.tls_config ?? {}) as { ca_file?: string; insecure_skip_verify?: boolean };
  return {
    bearerTokenFile: auth.credentials_file,
    tlsConfig: {
      ...(tls.ca_file !== undefined ? { caFile: tls.ca_file } : {}),
      ...(tls.insecure_skip_verify !== undefined ? { insecureSkipVerify: tls.insecure_skip_verify } : {}),
    },
  };
}

const namespaceSelector = (sd: { namespaces?: { names?: string[] } }): NamespaceSelector =>
  sd.namespaces?.names ? { matchNames: [...sd.namespaces.names] } : { any: true };

/** Keeps only the endpoints of one Service (a ServiceMonitor's selector is by labels; names are matched here). */
const keepService = (name: string): RelabelConfig => ({ sourceLabels: ['__meta_kubernetes_service_name'], regex: name, action: 'keep' });

/** The port name a job's `keep` step selects (`<service>;<port name>`), if it selects one. */
function keptPortName(job: Job): string | undefined {
  const steps = (job.relabel_configs as Array<{ source_labels?: string[]; regex?: string; action?: string }> | undefined) ?? [];
  const keep = steps.find((s) => s.action === 'keep' && s.source_labels?.[1] === '__meta_kubernetes_endpointslice_port_name');
  return keep?.regex?.split(';')[1];
}

const HANDLED = new Set([
  'job_name',
  'kubernetes_sd_configs',
  'static_configs',
  'relabel_configs',
  'metric_relabel_configs',
  'metrics_path',
  'scheme',
  'honor_labels',
  'params',
  'scrape_interval',
  'scrape_timeout',
  'authorization',
  'tls_config',
]);

/** The operator object scraping what `job` scrapes. */
export function monitorFor(job: ScrapeJob, operator: ResolvedOperator): Monitor {
  for (const key of Object.keys(job)) if (!HANDLED.has(key)) unknownField(job, key);
  const name = String(job.job_name);
  const sds = (job.kubernetes_sd_configs as Array<{ role: string; namespaces?: { names?: string[] } }> | undefined) ?? [];
  if (sds.length > 1) unknownField(job, 'kubernetes_sd_configs (more than one)');
  const sd = sds[0];
  const auth = fileAuth(job);
  if (job.tls_config !== undefined && !auth) unknownField(job, 'tls_config without authorization');
  if (sd?.role === 'endpointslice') {
    const port = keptPortName(job);
    return {
      kind: 'ServiceMonitor',
      name,
      spec: {
        serviceDiscoveryRole: 'EndpointSlice',
        selector: {},
        namespaceSelector: namespaceSelector(sd),
        endpoints: [endpoint(job, relabelings(job, job.relabel_configs), { ...(port ? { port } : {}), ...auth })],
      },
    };
  }
  if (sd?.role === 'pod') {
    if (auth) unknownField(job, 'authorization on pod discovery');
    return {
      kind: 'PodMonitor',
      name,
      spec: {
        selector: {},
        namespaceSelector: namespaceSelector(sd),
        // The operator labels each target with its container; the job rewrites every port of a pod to
        // the annotated one, so without that label the copies are one target, as in prometheus.yml.
        podMetricsEndpoints: [endpoint(job, [...relabelings(job, job.relabel_configs), DROP_CONTAINER])],
      },
    };
  }
  if (sd && sd.role !== 'node') unknownField(job, `kubernetes_sd_configs[0].role ${sd.role}`);
  if (auth) {
    // ScrapeConfig reads credentials from Secrets only: scrape the Service behind the targets instead.
    const service: { namespace: string; name: string; host?: string } = sd ? operator.kubeletService : staticService(job);
    return {
      kind: 'ServiceMonitor',
      name,
      spec: {
        serviceDiscoveryRole: 'EndpointSlice',
        selector: {},
        namespaceSelector: { matchNames: [service.namespace] },
        endpoints: [
          endpoint(job, [keepService(service.name), ...relabelings(job, job.relabel_configs, sd ? NODE_META_ON_ENDPOINTS : {})], {
            ...(sd ? { port: KUBELET_PORT_NAME } : {}),
            ...auth,
            // The endpoints are scraped by IP: verify the certificate against the Service's DNS name.
            tlsConfig: { ...auth.tlsConfig, ...(service.host ? { serverName: service.host } : {}) },
          }),
        ],
      },
    };
  }
  const statics = job.static_configs as Array<{ targets: string[]; labels?: Record<string, string> }> | undefined;
  return {
    kind: 'ScrapeConfig',
    name,
    spec: {
      jobName: name,
      ...(job.metrics_path !== undefined ? { metricsPath: job.metrics_path as string } : {}),
      ...(job.scrape_interval !== undefined ? { scrapeInterval: job.scrape_interval as string } : {}),
      ...httpFields(job),
      ...(sd ? { kubernetesSDConfigs: [{ role: 'Node' as const }] } : {}),
      ...(statics
        ? { staticConfigs: statics.map((s) => ({ targets: [...s.targets], ...(s.labels ? { labels: { ...s.labels } } : {}) })) }
        : {}),
      ...(job.relabel_configs !== undefined ? { relabelings: relabelings(job, job.relabel_configs) } : {}),
    },
  };
}

/** The Service behind a job's one static `<name>.<namespace>.svc:<port>` target. */
function staticService(job: Job): { namespace: string; name: string; host: string } {
  const targets = (job.static_configs as Array<{ targets: string[]; labels?: object }> | undefined)?.flatMap((s) => s.targets) ?? [];
  const match = targets.length === 1 ? /^([a-z0-9-]+)\.([a-z0-9-]+)\.svc(?::\d+)?$/.exec(targets[0]) : null;
  if (!match) unknownField(job, 'static_configs with token-file authorization (needs one <service>.<namespace>.svc target)');
  return { name: match[1], namespace: match[2], host: `${match[1]}.${match[2]}.svc` };
}
