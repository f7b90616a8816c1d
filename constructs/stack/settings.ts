import { AlertingSettings, ServiceAlerting } from '../../config/alerting/settings';
import { validateAlerting } from './alerting-validation';
import { validateProbeTargets } from '../blackbox-exporter/files';
import { ComponentSpec, PROFILES, Profile, Resources } from '../../config/component';
import { DashboardSettings } from '../../config/dashboards/settings';
import { duration, retentionSize } from '../../config/duration';
import { fail } from '../../config/errors';
import { dnsLabel, httpUrl, labelValue } from '../../config/names';
import { byteQuantity, cpuQuantity } from '../../config/quantity';
import { RuleGroup, validateRuleGroups } from '../../config/rules';
import { alertmanagerSpec } from '../alertmanager/spec';
import { blackboxExporterSpec } from '../blackbox-exporter/spec';
import { grafanaSpec } from '../grafana/spec';
import { kubeStateMetricsSpec } from '../kube-state-metrics/spec';
import { nodeExporterSpec } from '../node-exporter/spec';
import { prometheusSpec } from '../prometheus/spec';

/** A workload the stack scrapes: a Kubernetes Service (or, on Docker, a host:port) exposing metrics. */
export interface MonitoredService {
  /** Service name: the Kubernetes Service to scrape, the scrape `job` and the `service` label. */
  readonly name: string;
  /** Namespace of the Service. */
  readonly namespace: string;
  /** Port number on the Service's endpoints that serves metrics (1-65535). */
  readonly port: number;
  /** Metrics path. Default: `/metrics`. */
  readonly path?: string;
  /** Scrape interval. Default: the global `prometheus.scrapeInterval`. */
  readonly interval?: string;
  /** Scheme. Default: `http`. */
  readonly scheme?: 'http' | 'https';
  /** Team that owns the service; added as the `team` label to its series and alerts. Default: none. */
  readonly team?: string;
  /** Alerting settings for this service (RED metric names, SLOs, probes). Default: catalog defaults. */
  readonly alerting?: ServiceAlerting;
}

/** Where Prometheus discovers annotated pods (`prometheus.io/scrape: "true"`). */
export type DiscoverySettings =
  | { /** Watch pods in every namespace (ClusterRole). */ readonly scope: 'cluster' }
  | {
      /** Watch only the listed namespaces (a Role per namespace, no cluster-wide pod access). */
      readonly scope: 'namespaces';
      /** Namespaces to watch; must not be empty. */
      readonly namespaces: readonly string[];
    };

/** Overrides common to every component; unset fields come from the catalog's profile sizing. */
export interface ComponentSettings {
  /** Replicas. Default: the profile's (dev 1; prod: Prometheus 2, Alertmanager 3, Grafana 2). */
  readonly replicas?: number;
  /** CPU/memory requests and limits. Default: the catalog's sizing for the profile. */
  readonly resources?: Resources;
  /** Persistent volume size (stateful components). Default: the catalog's sizing for the profile. */
  readonly storage?: string;
}

/** Prometheus server settings. */
export interface PrometheusSettings extends ComponentSettings {
  /** How long to keep samples. Default: `15d`. */
  readonly retention?: string;
  /** Size cap of the TSDB (`--storage.tsdb.retention.size`). Default: 85% of the volume, e.g. `8GB` for 10Gi. */
  readonly retentionSize?: string;
  /** Default scrape interval. Default: `15s`. */
  readonly scrapeInterval?: string;
  /** Rule evaluation interval. Default: `15s`. */
  readonly evaluationInterval?: string;
  /** Verify the kubelet's serving certificate against the cluster CA. Default: true (set false where kubelet certs are self-signed). */
  readonly verifyKubeletTls?: boolean;
  /** StorageClass for the data volume. Default: the cluster default. */
  readonly storageClassName?: string;
  /** URL users reach Prometheus at (links in alerts point there). Default: none (pod address). */
  readonly externalUrl?: string;
}

/** Alertmanager server settings. */
export interface AlertmanagerSettings extends ComponentSettings {
  /** StorageClass for the data volume. Default: the cluster default. */
  readonly storageClassName?: string;
  /** URL users reach Alertmanager at (silence links in notifications). Default: none (pod address). */
  readonly externalUrl?: string;
}

/** An Ingress in front of Grafana, always with TLS. */
export interface GrafanaIngress {
  /** Host name, e.g. `grafana.example.org`. */
  readonly host: string;
  /** Secret (type kubernetes.io/tls) in the stack namespace holding the certificate. */
  readonly tlsSecretName: string;
  /** IngressClass. Default: the cluster's default class. */
  readonly className?: string;
  /** Annotations for the controller (e.g. cert-manager's issuer). Default: none. */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** Reference to the Kubernetes Secret holding Grafana's admin login. */
export interface GrafanaAdminSecret {
  /** Secret name in the stack namespace. Default: `grafana-admin`. */
  readonly name?: string;
  /** Key holding the user name. Default: `admin-user`. */
  readonly userKey?: string;
  /** Key holding the password. Default: `admin-password`. */
  readonly passwordKey?: string;
}

/** Grafana settings. */
export interface GrafanaSettings extends ComponentSettings {
  /** Where the admin credentials come from (never a literal password). Default: Secret `grafana-admin`. */
  readonly adminSecret?: GrafanaAdminSecret;
  /** Publish Grafana through an Ingress with TLS. Default: no Ingress (port-forward). */
  readonly ingress?: GrafanaIngress;
  /** URL users reach Grafana at (`root_url`). Default: `https://<ingress host>/` with an Ingress, else Grafana's own default. */
  readonly rootUrl?: string;
}

/** Everything a user can set; only `profile`, `cluster` and `environment` are required. */
export interface StackSettings {
  /** `dev` or `prod`: selects replicas, sizes and HA features. */
  readonly profile: Profile;
  /** Cluster name, the `cluster` external label on every series and alert. */
  readonly cluster: string;
  /** Environment name (`dev`, `staging`, `prod`), the `environment` external label. */
  readonly environment: string;
  /** Namespace of the stack's own workloads. Default: `monitoring`. */
  readonly namespace?: string;
  /** Namespace of host agents (node-exporter), labelled Pod Security `privileged`. Default: `monitoring-agents`. */
  readonly agentsNamespace?: string;
  /** Annotated-pod discovery scope. Default: `{ scope: 'cluster' }`. */
  readonly discovery?: DiscoverySettings;
  /** Services to scrape (and, with the alerting catalog, to alert on). Default: none. */
  readonly services?: readonly MonitoredService[];
  /** Prometheus overrides. Default: catalog sizing for the profile. */
  readonly prometheus?: PrometheusSettings;
  /** Alertmanager overrides. Default: catalog sizing for the profile. */
  readonly alertmanager?: AlertmanagerSettings;
  /** Grafana overrides. Default: catalog sizing for the profile. */
  readonly grafana?: GrafanaSettings;
  /** node-exporter overrides (replicas are ignored: one per node). Default: catalog sizing. */
  readonly nodeExporter?: ComponentSettings;
  /** kube-state-metrics overrides. Default: catalog sizing. */
  readonly kubeStateMetrics?: ComponentSettings;
  /** Blackbox exporter overrides (deployed when a service declares a probe). Default: catalog sizing. */
  readonly blackboxExporter?: ComponentSettings;
  /**
   * PriorityClass of the stack's pods and of the host agents. Default: `system-cluster-critical`
   * and `system-node-critical`. Clusters that reserve the `system-*` classes for `kube-system`
   * (e.g. GKE, via a ResourceQuota) need a PriorityClass of their own here.
   */
  readonly priorityClassNames?: { readonly stack?: string; readonly agents?: string };
  /** Extra rule groups written to their own rule file, validated like the shipped ones. Default: none. */
  readonly ruleGroups?: readonly RuleGroup[];
  /** Alert catalog, receivers and routing. Default: the shipped catalog. */
  readonly alerting?: AlertingSettings;
  /** Dashboard selection. Default: every shipped dashboard. */
  readonly dashboards?: DashboardSettings;
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

/**
 * Settings with every default filled in and every field validated; each field means what the
 * same field of StackSettings means (see there for the defaults).
 */
export interface ResolvedSettings {
  readonly profile: Profile;
  readonly cluster: string;
  readonly environment: string;
  readonly namespace: string;
  readonly agentsNamespace: string;
  readonly discovery: DiscoverySettings;
  readonly services: ReadonlyArray<Required<Pick<MonitoredService, 'name' | 'namespace' | 'port' | 'path' | 'scheme'>> & MonitoredService>;
  readonly prometheus: ResolvedComponent & {
    readonly retention: string;
    readonly retentionSize: string;
    readonly scrapeInterval: string;
    readonly evaluationInterval: string;
    readonly verifyKubeletTls: boolean;
    readonly storageClassName?: string;
    readonly externalUrl?: string;
  };
  readonly alertmanager: ResolvedComponent & { readonly storageClassName?: string; readonly externalUrl?: string };
  readonly grafana: ResolvedComponent & { readonly adminSecret: Required<GrafanaAdminSecret>; readonly ingress?: GrafanaIngress; readonly rootUrl?: string };
  readonly nodeExporter: ResolvedComponent;
  readonly kubeStateMetrics: ResolvedComponent;
  readonly blackboxExporter: ResolvedComponent;
  readonly priorityClassNames: { readonly stack: string; readonly agents: string };
  readonly ruleGroups: readonly RuleGroup[];
  readonly alerting: AlertingSettings;
  readonly dashboards: DashboardSettings;
}

function resolveComponent(where: string, field: string, spec: ComponentSpec, profile: Profile, overrides: ComponentSettings | undefined): ResolvedComponent {
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
  if (!resources?.requests || !resources?.limits) fail(where, field, resources, 'an object with requests and limits, each with cpu and memory');
  const cpuRequest = cpuQuantity(where, `${field}.requests.cpu`, resources.requests.cpu);
  const cpuLimit = cpuQuantity(where, `${field}.limits.cpu`, resources.limits.cpu);
  const memRequest = byteQuantity(where, `${field}.requests.memory`, resources.requests.memory);
  const memLimit = byteQuantity(where, `${field}.limits.memory`, resources.limits.memory);
  if (cpuLimit < cpuRequest) fail(where, `${field}.limits.cpu`, resources.limits.cpu, `a CPU limit >= the request (${resources.requests.cpu})`);
  if (memLimit < memRequest) fail(where, `${field}.limits.memory`, resources.limits.memory, `a memory limit >= the request (${resources.requests.memory})`);
}

/** Default retention size: 85% of the volume in whole GB (MB below 2 GB), so the disk never fills first. */
function defaultRetentionSize(storage: string | undefined): string {
  const bytes = byteQuantity('catalog', 'prometheus.storage', storage ?? '10Gi');
  const gb = Math.floor((bytes * 0.85) / 1024 ** 3);
  return gb >= 2 ? `${gb}GB` : `${Math.max(1, Math.floor((bytes * 0.85) / 1024 ** 2))}MB`;
}

/**
 * Validates user settings and fills every default. Throws a SettingsError naming `where`
 * (the construct path or config key), the field, the value and what is allowed.
 */
export function resolveSettings(input: StackSettings, where: string): ResolvedSettings {
  if (!input || typeof input !== 'object') fail(where, 'settings', input, 'an object with at least profile, cluster and environment');
  if (!PROFILES.includes(input.profile)) fail(where, 'profile', input.profile, PROFILES.map((p) => `"${p}"`).join(' or '));
  const profile = input.profile;
  labelValue(where, 'cluster', input.cluster);
  if (!input.cluster) fail(where, 'cluster', input.cluster, 'a non-empty Kubernetes label value naming the cluster');
  labelValue(where, 'environment', input.environment);
  if (!input.environment) fail(where, 'environment', input.environment, 'a non-empty Kubernetes label value such as "dev", "staging" or "prod"');
  const namespace = dnsLabel(where, 'namespace', input.namespace ?? 'monitoring');
  const agentsNamespace = dnsLabel(where, 'agentsNamespace', input.agentsNamespace ?? 'monitoring-agents');
  if (agentsNamespace === namespace) fail(where, 'agentsNamespace', agentsNamespace, `a namespace other than the stack namespace "${namespace}" (host agents need a privileged namespace)`);

  const discovery = input.discovery ?? { scope: 'cluster' as const };
  if (discovery.scope === 'namespaces') {
    if (!Array.isArray(discovery.namespaces) || discovery.namespaces.length === 0) {
      fail(where, 'discovery.namespaces', (discovery as { namespaces?: unknown }).namespaces, 'at least one namespace when discovery.scope is "namespaces" (or use scope "cluster")');
    }
    discovery.namespaces.forEach((ns, i) => dnsLabel(where, `discovery.namespaces[${i}]`, ns));
    if (new Set(discovery.namespaces).size !== discovery.namespaces.length) fail(where, 'discovery.namespaces', discovery.namespaces, 'a list without repeated namespaces');
  } else if (discovery.scope !== 'cluster') {
    fail(where, 'discovery.scope', (discovery as { scope: unknown }).scope, '"cluster" or "namespaces"');
  }

  const prometheusInput = input.prometheus ?? {};
  const scrapeInterval = prometheusInput.scrapeInterval ?? '15s';
  duration(where, 'prometheus.scrapeInterval', scrapeInterval);
  const evaluationInterval = prometheusInput.evaluationInterval ?? '15s';
  duration(where, 'prometheus.evaluationInterval', evaluationInterval);

  const names = new Set<string>();
  const services = (input.services ?? []).map((service, i) => {
    const at = `services[${i}]`;
    dnsLabel(where, `${at}.name`, service.name);
    if (names.has(service.name)) fail(where, `${at}.name`, service.name, 'a service name not used by another monitored service (names are scrape job names)');
    names.add(service.name);
    dnsLabel(where, `${at}.namespace`, service.namespace);
    if (!Number.isInteger(service.port) || service.port < 1 || service.port > 65535) fail(where, `${at}.port`, service.port, 'a whole number from 1 to 65535');
    const path = service.path ?? '/metrics';
    if (typeof path !== 'string' || !path.startsWith('/')) fail(where, `${at}.path`, path, 'an HTTP path starting with "/"');
    if (service.interval !== undefined) duration(where, `${at}.interval`, service.interval);
    const scheme = service.scheme ?? 'http';
    if (scheme !== 'http' && scheme !== 'https') fail(where, `${at}.scheme`, scheme, '"http" or "https"');
    if (service.team !== undefined) labelValue(where, `${at}.team`, service.team);
    return { ...service, path, scheme };
  });

  const prometheus = resolveComponent(where, 'prometheus', prometheusSpec, profile, prometheusInput);
  const retention = prometheusInput.retention ?? '15d';
  duration(where, 'prometheus.retention', retention);
  const size = prometheusInput.retentionSize ?? defaultRetentionSize(prometheus.storage);
  const sizeBytes = retentionSize(where, 'prometheus.retentionSize', size);
  const volumeBytes = byteQuantity(where, 'prometheus.storage', prometheus.storage ?? '10Gi');
  if (sizeBytes > volumeBytes) fail(where, 'prometheus.retentionSize', size, `a size no larger than the volume (${prometheus.storage})`);

  const grafana = resolveComponent(where, 'grafana', grafanaSpec, profile, input.grafana);
  const adminSecret = {
    name: dnsLabel(where, 'grafana.adminSecret.name', input.grafana?.adminSecret?.name ?? 'grafana-admin', 253),
    userKey: input.grafana?.adminSecret?.userKey ?? 'admin-user',
    passwordKey: input.grafana?.adminSecret?.passwordKey ?? 'admin-password',
  };

  for (const [field, value] of [['prometheus.externalUrl', prometheusInput.externalUrl], ['alertmanager.externalUrl', input.alertmanager?.externalUrl], ['grafana.rootUrl', input.grafana?.rootUrl]] as const) {
    if (value !== undefined) httpUrl(where, field, value);
  }
  const ingress = input.grafana?.ingress;
  if (ingress) {
    if (typeof ingress.host !== 'string' || !/^([a-z0-9]([-a-z0-9]*[a-z0-9])?\.)+[a-z]{2,63}$/.test(ingress.host)) {
      fail(where, 'grafana.ingress.host', ingress.host, 'a fully qualified DNS name such as "grafana.example.org" (lower case)');
    }
    dnsLabel(where, 'grafana.ingress.tlsSecretName', ingress.tlsSecretName, 253);
    if (ingress.className !== undefined) dnsLabel(where, 'grafana.ingress.className', ingress.className, 253);
  }
  const priorityClassNames = {
    stack: dnsLabel(where, 'priorityClassNames.stack', input.priorityClassNames?.stack ?? 'system-cluster-critical', 253),
    agents: dnsLabel(where, 'priorityClassNames.agents', input.priorityClassNames?.agents ?? 'system-node-critical', 253),
  };
  const ruleGroups = input.ruleGroups ?? [];
  validateRuleGroups(where, 'ruleGroups', ruleGroups);

  for (const [field, value] of [['prometheus.storageClassName', prometheusInput.storageClassName], ['alertmanager.storageClassName', input.alertmanager?.storageClassName]] as const) {
    if (value !== undefined) dnsLabel(where, field, value, 253);
  }

  const resolved: ResolvedSettings = {
    profile,
    cluster: input.cluster,
    environment: input.environment,
    namespace,
    agentsNamespace,
    discovery,
    services,
    prometheus: {
      ...prometheus,
      retention,
      retentionSize: size,
      scrapeInterval,
      evaluationInterval,
      verifyKubeletTls: prometheusInput.verifyKubeletTls ?? true,
      storageClassName: prometheusInput.storageClassName,
      externalUrl: prometheusInput.externalUrl,
    },
    alertmanager: {
      ...resolveComponent(where, 'alertmanager', alertmanagerSpec, profile, input.alertmanager),
      storageClassName: input.alertmanager?.storageClassName,
      externalUrl: input.alertmanager?.externalUrl,
    },
    grafana: { ...grafana, adminSecret, ingress, rootUrl: input.grafana?.rootUrl ?? (ingress ? `https://${ingress.host}/` : undefined) },
    nodeExporter: resolveComponent(where, 'nodeExporter', nodeExporterSpec, profile, input.nodeExporter),
    kubeStateMetrics: resolveComponent(where, 'kubeStateMetrics', kubeStateMetricsSpec, profile, input.kubeStateMetrics),
    blackboxExporter: resolveComponent(where, 'blackboxExporter', blackboxExporterSpec, profile, input.blackboxExporter),
    priorityClassNames,
    ruleGroups,
    alerting: input.alerting ?? {},
    dashboards: input.dashboards ?? {},
  };
  validateAlerting(resolved, where);
  validateProbeTargets(resolved, where);
  return resolved;
}
