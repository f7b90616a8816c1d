import { stringify } from 'yaml';
import { BLACKBOX_JOB, probeTargets } from '../blackbox-exporter/files';
import { ResolvedSettings } from '../stack/settings';
import { alertmanagerSpec } from '../alertmanager/spec';
import { blackboxExporterSpec } from '../blackbox-exporter/spec';
import { grafanaSpec } from '../grafana/spec';
import { kubeStateMetricsSpec } from '../kube-state-metrics/spec';
import { nodeExporterSpec } from '../node-exporter/spec';
import { prometheusSpec } from './spec';

/** Where the service-account token and CA are mounted (projected volume) on Kubernetes. */
export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';
/** Directory of rule files inside the Prometheus container (both targets). */
export const RULES_DIR = `${prometheusSpec.configDir}/rules`;

/**
 * How Prometheus finds its targets. `kubernetes` derives everything from the settings
 * (kubernetes_sd, in-cluster DNS); `static` lists host:port targets, used by the Docker
 * target and the loopback end-to-end tests. Job names and labels are the same in both, so
 * alert rules and dashboards do not depend on the target.
 */
export type ScrapeTopology =
  | { readonly kind: 'kubernetes' }
  | {
      readonly kind: 'static';
      /** Prometheus servers (each scrapes all). */
      readonly prometheus: readonly string[];
      /** Alertmanager instances: scraped and sent alerts. */
      readonly alertmanager: readonly string[];
      /** Grafana instances. @default not scraped */
      readonly grafana?: readonly string[];
      /** node-exporter instances. */
      readonly nodeExporter: readonly string[];
      /** cAdvisor instances (container metrics where there is no kubelet). @default none */
      readonly cadvisor?: readonly string[];
      /** host:port of the blackbox exporter running the services' probes. @default no probes */
      readonly blackbox?: string;
      /** host:port per monitored service name. */
      readonly services: Readonly<Record<string, readonly string[]>>;
      /** Directory holding the rule files. @default RULES_DIR */
      readonly rulesDir?: string;
    };

type Relabel = Record<string, unknown>;
type ScrapeJob = Record<string, unknown>;

const serviceAccountAuth = (verify: boolean) => ({
  scheme: 'https',
  authorization: { credentials_file: `${SERVICE_ACCOUNT_DIR}/token` },
  tls_config: verify ? { ca_file: `${SERVICE_ACCOUNT_DIR}/ca.crt` } : { insecure_skip_verify: true },
});

/** A job scraping the endpoints of one Service in the stack namespace (all replicas, by port name). */
function stackServiceJob(namespace: string, job: string, service: string, portName: string): ScrapeJob {
  return {
    job_name: job,
    kubernetes_sd_configs: [{ role: 'endpointslice', namespaces: { names: [namespace] } }],
    relabel_configs: [
      { source_labels: ['__meta_kubernetes_service_name', '__meta_kubernetes_endpointslice_port_name'], regex: `${service};${portName}`, action: 'keep' },
      ...podLabels(),
    ],
  };
}

/** Copies namespace and pod name onto the target's labels. */
function podLabels(): Relabel[] {
  return [
    { source_labels: ['__meta_kubernetes_namespace'], target_label: 'namespace' },
    { source_labels: ['__meta_kubernetes_pod_name'], target_label: 'pod' },
  ];
}

/** Jobs for the kubelet and its built-in cAdvisor (no cAdvisor DaemonSet, no nodes/proxy). */
function kubeletJobs(settings: ResolvedSettings): ScrapeJob[] {
  const nodeRelabel: Relabel[] = [
    { source_labels: ['__meta_kubernetes_node_name'], target_label: 'node' },
    { source_labels: ['__meta_kubernetes_node_name'], target_label: 'instance' },
  ];
  return [
    { job_name: 'kubelet', ...serviceAccountAuth(settings.prometheus.verifyKubeletTls), kubernetes_sd_configs: [{ role: 'node' }], relabel_configs: nodeRelabel },
    {
      job_name: 'cadvisor',
      metrics_path: '/metrics/cadvisor',
      ...serviceAccountAuth(settings.prometheus.verifyKubeletTls),
      kubernetes_sd_configs: [{ role: 'node' }],
      relabel_configs: nodeRelabel,
      // Per-container series of the pause container and cgroup slices are noise.
      metric_relabel_configs: [{ source_labels: ['__name__', 'container'], regex: 'container_.*;POD', action: 'drop' }],
    },
  ];
}

function kubernetesJobs(settings: ResolvedSettings): ScrapeJob[] {
  const ns = settings.namespace;
  const podNamespaces = settings.discovery.scope === 'namespaces' ? { namespaces: { names: [...settings.discovery.namespaces] } } : {};
  return [
    stackServiceJob(ns, 'prometheus', prometheusSpec.name, prometheusSpec.web.name),
    stackServiceJob(ns, 'alertmanager', alertmanagerSpec.name, alertmanagerSpec.web.name),
    stackServiceJob(ns, 'grafana', grafanaSpec.name, grafanaSpec.web.name),
    {
      // Through the Service: every replica serves the same objects, so one target avoids duplicates.
      // honor_labels keeps the exported objects' own namespace/pod labels.
      job_name: 'kube-state-metrics',
      honor_labels: true,
      static_configs: [{ targets: [`${kubeStateMetricsSpec.name}.${ns}.svc:${kubeStateMetricsSpec.web.port}`] }],
    },
    {
      // node-exporter runs on the host network: the node's InternalIP is its address.
      job_name: 'node-exporter',
      kubernetes_sd_configs: [{ role: 'node' }],
      relabel_configs: [
        { source_labels: ['__meta_kubernetes_node_address_InternalIP'], target_label: '__address__', replacement: `$1:${nodeExporterSpec.web.port}` },
        { source_labels: ['__meta_kubernetes_node_name'], target_label: 'node' },
        { source_labels: ['__meta_kubernetes_node_name'], target_label: 'instance' },
      ],
    },
    ...kubeletJobs(settings),
    {
      job_name: 'apiserver',
      ...serviceAccountAuth(true),
      static_configs: [{ targets: ['kubernetes.default.svc:443'] }],
    },
    {
      // Pods opt in with prometheus.io/scrape: "true"; path, port and scheme annotations override.
      job_name: 'kubernetes-pods',
      kubernetes_sd_configs: [{ role: 'pod', ...podNamespaces }],
      relabel_configs: [
        { source_labels: ['__meta_kubernetes_pod_annotation_prometheus_io_scrape'], regex: 'true', action: 'keep' },
        { source_labels: ['__meta_kubernetes_pod_phase'], regex: 'Pending|Succeeded|Failed', action: 'drop' },
        { source_labels: ['__meta_kubernetes_pod_annotation_prometheus_io_scheme'], regex: '(https?)', target_label: '__scheme__' },
        { source_labels: ['__meta_kubernetes_pod_annotation_prometheus_io_path'], regex: '(.+)', target_label: '__metrics_path__' },
        {
          source_labels: ['__address__', '__meta_kubernetes_pod_annotation_prometheus_io_port'],
          regex: '([^:]+)(?::\\d+)?;(\\d+)',
          replacement: '$1:$2',
          target_label: '__address__',
        },
        { regex: '__meta_kubernetes_pod_label_(.+)', action: 'labelmap' },
        ...podLabels(),
      ],
    },
    ...settings.services.map((service) => ({
      job_name: service.name,
      ...serviceScrapeOptions(settings, service),
      kubernetes_sd_configs: [{ role: 'endpointslice', namespaces: { names: [service.namespace] } }],
      relabel_configs: [
        { source_labels: ['__meta_kubernetes_service_name', '__meta_kubernetes_endpointslice_port'], regex: `${service.name};${service.port}`, action: 'keep' },
        ...podLabels(),
        { target_label: 'service', replacement: service.name },
        ...(service.team ? [{ target_label: 'team', replacement: service.team }] : []),
      ],
    })),
    ...blackboxJob(settings, `${blackboxExporterSpec.name}.${ns}.svc:${blackboxExporterSpec.web.port}`),
  ];
}

/**
 * The probes job: each target is a probed URL or host:port, sent to the blackbox exporter as the
 * `target` parameter with its module; `instance` keeps the probed target.
 */
function blackboxJob(settings: ResolvedSettings, exporter: string | undefined): ScrapeJob[] {
  const targets = probeTargets(settings);
  if (targets.length === 0 || !exporter) return [];
  return [{
    job_name: BLACKBOX_JOB,
    metrics_path: '/probe',
    static_configs: targets.map((t) => ({
      targets: [t.target],
      labels: { __param_module: t.module, service: t.service, namespace: t.namespace, ...(t.team ? { team: t.team } : {}) },
    })),
    relabel_configs: [
      { source_labels: ['__address__'], target_label: '__param_target' },
      { source_labels: ['__param_target'], target_label: 'instance' },
      { target_label: '__address__', replacement: exporter },
    ],
  }];
}

function serviceScrapeOptions(settings: ResolvedSettings, service: ResolvedSettings['services'][number]): ScrapeJob {
  return {
    ...(service.interval && service.interval !== settings.prometheus.scrapeInterval ? { scrape_interval: service.interval } : {}),
    metrics_path: service.path,
    scheme: service.scheme,
  };
}

function staticJobs(settings: ResolvedSettings, topology: Extract<ScrapeTopology, { kind: 'static' }>): ScrapeJob[] {
  const job = (name: string, targets: readonly string[] | undefined, labels: Record<string, string> = {}) =>
    targets && targets.length > 0 ? [{ job_name: name, static_configs: [{ targets: [...targets], labels: { namespace: settings.namespace, ...labels } }] }] : [];
  return [
    ...job('prometheus', topology.prometheus),
    ...job('alertmanager', topology.alertmanager),
    ...job('grafana', topology.grafana),
    ...job('node-exporter', topology.nodeExporter),
    ...job('cadvisor', topology.cadvisor),
    ...settings.services.map((service) => ({
      job_name: service.name,
      ...serviceScrapeOptions(settings, service),
      static_configs: [
        {
          targets: [...(topology.services[service.name] ?? [])],
          labels: { namespace: service.namespace, service: service.name, ...(service.team ? { team: service.team } : {}) },
        },
      ],
    })),
    ...blackboxJob(settings, topology.blackbox),
  ];
}

/** Renders `prometheus.yml` for the given settings and target topology. */
export function renderPrometheusConfig(settings: ResolvedSettings, topology: ScrapeTopology = { kind: 'kubernetes' }): string {
  const rulesDir = topology.kind === 'static' ? topology.rulesDir ?? RULES_DIR : RULES_DIR;
  const alertmanagers =
    topology.kind === 'kubernetes'
      ? [
          {
            kubernetes_sd_configs: [{ role: 'endpointslice', namespaces: { names: [settings.namespace] } }],
            relabel_configs: [
              {
                source_labels: ['__meta_kubernetes_service_name', '__meta_kubernetes_endpointslice_port_name'],
                regex: `${alertmanagerSpec.name};${alertmanagerSpec.web.name}`,
                action: 'keep',
              },
            ],
          },
        ]
      : [{ static_configs: [{ targets: [...topology.alertmanager] }] }];
  const config = {
    global: {
      scrape_interval: settings.prometheus.scrapeInterval,
      evaluation_interval: settings.prometheus.evaluationInterval,
      external_labels: { cluster: settings.cluster, environment: settings.environment },
    },
    alerting: { alertmanagers },
    rule_files: [`${rulesDir}/*.yml`],
    scrape_configs: topology.kind === 'kubernetes' ? kubernetesJobs(settings) : staticJobs(settings, topology),
  };
  return stringify(config, { lineWidth: 0 });
}
