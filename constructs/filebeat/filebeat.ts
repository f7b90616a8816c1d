import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ElasticsearchClientProps, resolveClientElasticsearch } from '../elasticsearch/client-props';
import { fail } from '../../config/errors';
import { dnsLabel } from '../../config/names';
import { pickKeys } from '../../config/strict';
import { caVolume } from '../elasticsearch/elasticsearch';
import { clusterUrl } from '../elasticsearch/files';
import { ResolvedElasticsearch } from '../elasticsearch/settings';
import { CA_DIR } from '../elasticsearch/spec';
import { metadata, selectorLabels } from '../k8s/labels';
import { clusterRoleFor, clusterService, configMap, serviceAccount } from '../k8s/objects';
import {
  availability,
  containerSecurityContext,
  mainContainer,
  podDefaults,
  scratchVolume,
  SERVICE_ACCOUNT_TOKEN_MOUNT,
  SERVICE_ACCOUNT_TOKEN_VOLUME,
} from '../k8s/pod';
import { DEFAULT_PLACEMENT, ownNetworkPolicy, resolveWorkloadProps, WorkloadProps } from '../k8s/standalone';
import { checksum } from '../k8s/workload';
import { ENV, FilebeatDestination, logstashAddress, renderFilebeatYml } from './files';
import { filebeatFlows } from './flows';
import { FILEBEAT_KEYS, FILEBEAT_USER, FilebeatSettings, filebeatStream, resolveFilebeat, ResolvedFilebeat } from './settings';
import { filebeatExporterSpec, filebeatSpec, HOST_LOG_DIR, HOST_REGISTRY_DIR } from './spec';

/** Props of the Filebeat construct: its settings, where it ships to, and where it runs. */
export interface FilebeatProps extends FilebeatSettings, WorkloadProps, ElasticsearchClientProps {
  /** Whether a Logstash serves the beats input; without one the `logstash` output falls back to Elasticsearch. @default true */
  readonly logstash?: boolean;
  /** Namespace of the Logstash Service (`logstash.<namespace>.svc:5044`). @default `monitoring` */
  readonly logstashNamespace?: string;
  /** Namespace of the Prometheus that scrapes the exporter sidecar. @default `monitoring` */
  readonly prometheusNamespace?: string;
}

const spec = filebeatSpec;
const exporterSpec = filebeatExporterSpec;
/** Name of the ConfigMap holding filebeat.yml. */
export const filebeatConfigMapName = () => `${spec.name}-config`;

/**
 * What add_kubernetes_metadata reads (POLICY.md section 4, Filebeat): pods (the processor's
 * core), namespaces and nodes (`add_resource_metadata`, on by default), ReplicaSets and Jobs (the
 * Deployment and CronJob names). get/list/watch only; no kubeadm ConfigMap (`use_kubeadm: false`),
 * no leases (no autodiscover), never secrets.
 */
export const FILEBEAT_RBAC_RULES: k8s.PolicyRule[] = [
  { apiGroups: [''], resources: ['pods', 'namespaces', 'nodes'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['apps'], resources: ['replicasets'], verbs: ['get', 'list', 'watch'] },
  { apiGroups: ['batch'], resources: ['jobs'], verbs: ['get', 'list', 'watch'] },
];

/**
 * Host-agent exemptions (POLICY.md 2e), on the DaemonSet itself so a missing one fails the
 * policy suite. Each is needed, and nothing more is exempted.
 */
export const FILEBEAT_EXEMPTIONS: Readonly<Record<string, string>> = {
  // runAsUser 0 (S1): the kubelet's log files are root-owned and readable by root only.
  'ignore-check.kube-linter.io/run-as-non-root': 'reads the root-owned container log files the kubelet writes under /var/log/pods',
  'polaris.fairwinds.com/runAsRootAllowed-exempt': 'true',
  'kube-score/ignore': 'container-security-context-user-group-id',
  // hostPath (S9, S16): /var/log read-only (the logs), and the registry directory writable (read
  // offsets survive a restart, so nothing is sent twice or skipped).
  'ignore-check.kube-linter.io/writable-host-mount': 'the registry of read offsets must outlive the pod, on the node',
  'polaris.fairwinds.com/hostPathSet-exempt': 'true',
};

/** The destination filebeat.yml names for the output in use. */
export function filebeatDestination(
  fb: Pick<ResolvedFilebeat, 'output'>,
  es: Pick<ResolvedElasticsearch, 'tls' | 'logStreams'> | undefined,
  esNamespace: string,
  logstashNamespace: string,
): FilebeatDestination {
  if (fb.output === 'logstash') return { kind: 'logstash', address: logstashAddress(logstashNamespace) };
  if (!es) throw new Error('the Elasticsearch output needs the Elasticsearch settings');
  return {
    kind: 'elasticsearch',
    url: clusterUrl(es, esNamespace),
    user: FILEBEAT_USER,
    dataStream: `logs-${filebeatStream(es)}-default`,
    ...(es.tls.http ? { caFile: `${CA_DIR}/ca.crt` } : {}),
  };
}

/** How the Filebeat container differs between targets: the node name, the log and registry mounts. */
export interface FilebeatContainerTarget {
  /** The NODE_NAME variable (the pod's node on Kubernetes). */
  readonly nodeName: k8s.EnvVar;
  /** Mounts of the logs (read-only) and of the registry at the data directory. */
  readonly mounts: k8s.VolumeMount[];
}

/**
 * The Filebeat container, for the cluster and the Docker target alike: filebeat.yml from the
 * ConfigMap, the writer password and the cluster's CA with the Elasticsearch output, liveness on
 * the HTTP endpoint's `/`, readiness a TCP connect (the Docker health check runs it with bash).
 * Root without privilege: no escalation, every capability dropped, read-only root filesystem.
 */
export function filebeatContainer(
  fb: ResolvedFilebeat,
  es: Pick<ResolvedElasticsearch, 'tls' | 'credentialsSecret'> | undefined,
  target: FilebeatContainerTarget,
): k8s.Container {
  const port = k8s.IntOrString.fromString(spec.web.name);
  const toEs = fb.output === 'elasticsearch' && es !== undefined;
  return mainContainer(fb, {
    args: ['-environment', 'container'],
    env: [
      target.nodeName,
      ...(toEs
        ? [{ name: ENV.elasticsearchPassword, valueFrom: { secretKeyRef: { name: es.credentialsSecret, key: FILEBEAT_USER } } }]
        : []),
    ],
    livenessProbe: {
      httpGet: { path: spec.livenessPath, port },
      initialDelaySeconds: 10,
      periodSeconds: 15,
      timeoutSeconds: 5,
      failureThreshold: 4,
    },
    readinessProbe: { tcpSocket: { port }, periodSeconds: 10, timeoutSeconds: 4, failureThreshold: 3 },
    volumeMounts: [
      { name: 'config', mountPath: `${spec.configDir}/filebeat.yml`, subPath: 'filebeat.yml', readOnly: true },
      ...target.mounts,
      ...(toEs && es.tls.http ? [{ name: 'ca', mountPath: CA_DIR, readOnly: true }] : []),
      { name: 'tmp', mountPath: '/tmp' },
    ],
  });
}

/** The pod volumes both targets share: the config, the CA (Elasticsearch output with TLS) and tmp. */
export function filebeatVolumes(fb: ResolvedFilebeat, es: ResolvedElasticsearch | undefined): k8s.Volume[] {
  return [
    { name: 'config', configMap: { name: filebeatConfigMapName() } },
    ...(fb.output === 'elasticsearch' && es?.tls.http ? [caVolume(es)] : []),
    scratchVolume('tmp'),
  ];
}

/**
 * The exporter sidecar: reads Filebeat's `/stats` over the pod's loopback and serves
 * `filebeat_*` metrics. It runs as `nobody` (non-root, unlike the Filebeat container beside it).
 */
export function filebeatExporterContainer(fb: ResolvedFilebeat, beatHost: string): k8s.Container {
  return mainContainer(fb.exporter, {
    args: [`-web.listen-address=:${exporterSpec.web.port}`, `-beat.uri=http://${beatHost}:${spec.web.port}`, '-beat.timeout=5s'],
    securityContext: { ...containerSecurityContext(), runAsNonRoot: true, runAsUser: exporterSpec.runAs, runAsGroup: exporterSpec.runAs },
    volumeMounts: [],
  });
}

/**
 * Filebeat as a DaemonSet in the agents namespace (Pod Security `privileged`, for hostPath): a
 * `filestream` input over every container's log file with the container parser and stack-trace
 * joining, Kubernetes metadata on each event, the registry on the node, one output (Logstash or
 * Elasticsearch), the exporter sidecar for Prometheus. Runs on every node, tainted ones included.
 */
export class Filebeat extends Construct {
  /** The settings after validation, with every default filled in. */
  readonly settings: ResolvedFilebeat;

  constructor(scope: Construct, id: string, props: FilebeatProps) {
    super(scope, id);
    const where = this.node.path;
    const { namespace: ns, profile, priorityClassName, networkPolicy } = resolveWorkloadProps(where, props, DEFAULT_PLACEMENT.agents);
    if (props.logstash !== undefined && typeof props.logstash !== 'boolean') fail(where, 'props.logstash', props.logstash, 'true or false');
    const logstashNamespace = dnsLabel(where, 'props.logstashNamespace', props.logstashNamespace ?? DEFAULT_PLACEMENT.stack.namespace);
    const prometheusNamespace = dnsLabel(
      where,
      'props.prometheusNamespace',
      props.prometheusNamespace ?? DEFAULT_PLACEMENT.stack.namespace,
    );
    const fb = resolveFilebeat(where, 'props', profile, ns, props.logstash ?? true, pickKeys(props, FILEBEAT_KEYS));
    this.settings = fb;
    // The cluster's props are validated even when Filebeat ships to Logstash: a wrong key is never ignored.
    const cluster = resolveClientElasticsearch(where, profile, props, DEFAULT_PLACEMENT.stack.namespace);
    const esNamespace = cluster.namespace;
    const es = fb.output === 'elasticsearch' ? cluster.es : undefined;
    const files = { 'filebeat.yml': renderFilebeatYml(fb, filebeatDestination(fb, es, esNamespace, logstashNamespace)) };

    serviceAccount(this, spec, ns);
    clusterRoleFor(this, spec, ns, FILEBEAT_RBAC_RULES);
    configMap(this, 'config', spec, ns, filebeatConfigMapName(), files);
    // Headless, for Prometheus's discovery of every pod's exporter port (not-ready ones included).
    clusterService(this, 'service', spec, ns, { headless: true, ports: [exporterSpec.web] });
    if (networkPolicy)
      ownNetworkPolicy(
        this,
        spec,
        ns,
        filebeatFlows({ namespace: ns, prometheusNamespace, output: fb.output, logstashNamespace, esNamespace }),
      );

    new k8s.KubeDaemonSet(this, 'daemonset', {
      metadata: metadata(spec, ns, spec.name, FILEBEAT_EXEMPTIONS),
      spec: {
        selector: { matchLabels: selectorLabels(spec) },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: k8s.IntOrString.fromString('10%') } },
        template: {
          metadata: { labels: metadata(spec, ns).labels, annotations: { 'checksum/config': checksum(files) } },
          spec: {
            ...podDefaults(spec, spec.name, priorityClassName),
            // The host-agent exemption (see filebeatSpec and FILEBEAT_EXEMPTIONS): uid/gid 0, the
            // rest of the hardening as every pod (RuntimeDefault seccomp; per container no
            // privilege, no escalation, no capabilities, read-only root filesystem).
            securityContext: { runAsUser: spec.runAs, runAsGroup: spec.runAs, seccompProfile: { type: 'RuntimeDefault' } },
            ...availability(spec, 1),
            // Runs on every node, control plane and tainted nodes included: every node has logs.
            tolerations: [{ operator: 'Exists' }],
            // Time to send what is in flight and write the registry on shutdown.
            terminationGracePeriodSeconds: 30,
            containers: [
              filebeatContainer(fb, es, {
                nodeName: { name: ENV.nodeName, valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } },
                mounts: [
                  { name: 'logs', mountPath: HOST_LOG_DIR, readOnly: true },
                  { name: 'registry', mountPath: spec.dataDir },
                  SERVICE_ACCOUNT_TOKEN_MOUNT,
                ],
              }),
              filebeatExporterContainer(fb, '127.0.0.1'),
            ],
            volumes: [
              ...filebeatVolumes(fb, es),
              // /var/log: /var/log/containers symlinks into /var/log/pods, both under this mount.
              { name: 'logs', hostPath: { path: HOST_LOG_DIR, type: 'Directory' } },
              // One registry directory per namespace, so two Filebeat DaemonSets never share one.
              { name: 'registry', hostPath: { path: `${HOST_REGISTRY_DIR}/${ns}`, type: 'DirectoryOrCreate' } },
              SERVICE_ACCOUNT_TOKEN_VOLUME,
            ],
          },
        },
      },
    });
  }
}
