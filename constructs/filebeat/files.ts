/**
 * What Filebeat reads, rendered as text: `filebeat.yml`. Pure and target-neutral: the cluster
 * and the Docker target mount these exact bytes; what differs between them (the node name, which
 * log directory is mounted) comes from the container's environment and mounts.
 */
import { toYaml } from '../../config/yaml';
import { DOCKER_LOG_GLOB, filebeatSpec, KUBERNETES_LOG_DIR, KUBERNETES_LOG_GLOB } from './spec';
import { ResolvedFilebeat } from './settings';
import { logstashSpec } from '../logstash/spec';

const spec = filebeatSpec;

/** `host:port` of the Logstash beats input in a namespace (the Logstash component's Service and port). */
export function logstashAddress(namespace: string): string {
  return `${logstashSpec.name}.${namespace}.svc:${logstashSpec.web.port}`;
}

/** Environment variables filebeat.yml refers to (Filebeat expands `${NAME}` when it loads the file). */
export const ENV = {
  /** The node Filebeat runs on: add_kubernetes_metadata watches only that node's pods. */
  nodeName: 'NODE_NAME',
  /** The Elasticsearch password of the `filebeat` user (Elasticsearch output only). */
  elasticsearchPassword: 'ELASTICSEARCH_PASSWORD',
} as const;

/** Where the events go, as filebeat.yml names it. */
export type FilebeatDestination =
  | { readonly kind: 'logstash'; readonly address: string }
  | {
      readonly kind: 'elasticsearch';
      /** Cluster URL (https with TLS). */
      readonly url: string;
      /** The writer user (its password comes from ENV.elasticsearchPassword). */
      readonly user: string;
      /** The data stream written to, `logs-<stream>-default`. */
      readonly dataStream: string;
      /** CA certificate file that signs the cluster's certificate; undefined without TLS. */
      readonly caFile?: string;
    };

/** The `filestream` input: every container log file, the container parser, then stack-trace joining. */
function containerLogsInput(fb: ResolvedFilebeat): Record<string, unknown> {
  const multiline = fb.multiline;
  return {
    type: 'filestream',
    // filestream needs a unique, stable id: the registry keys its read offsets by it.
    id: 'container-logs',
    // Kubernetes: the kubelet's symlinks (one per container, the name carries pod, namespace and
    // container id). Docker: the json-file driver's files. Each target mounts only its own
    // directory, so the other glob matches nothing there.
    paths: [KUBERNETES_LOG_GLOB, DOCKER_LOG_GLOB],
    'prospector.scanner.symlinks': true,
    parsers: [
      // Unwraps the runtime's line format (CRI or Docker JSON) into message, stream and time.
      { container: { stream: 'all', format: 'auto' } },
      ...(multiline
        ? [
            {
              multiline: {
                type: 'pattern',
                pattern: multiline.pattern,
                // A matching line continues the event before it.
                negate: false,
                match: 'after',
                max_lines: multiline.maxLines,
                timeout: multiline.timeout,
              },
            },
          ]
        : []),
    ],
    processors: [
      {
        add_kubernetes_metadata: {
          host: `\${${ENV.nodeName}}`,
          // The cluster name would come from the kubeadm ConfigMap in kube-system: left off, so
          // Filebeat needs no Role there (the `cluster` label comes from the stack settings).
          use_kubeadm: false,
          // Owner metadata: Deployment names (through ReplicaSets) and CronJob names (through Jobs).
          add_resource_metadata: { namespace: { enabled: true }, node: { enabled: true }, deployment: true, cronjob: true },
          // Match each file to its container by the id in the symlink's name.
          matchers: [{ logs_path: { logs_path: `${KUBERNETES_LOG_DIR}/` } }],
        },
      },
    ],
  };
}

/** The output section. */
function output(destination: FilebeatDestination): Record<string, unknown> {
  if (destination.kind === 'logstash') return { 'output.logstash': { hosts: [destination.address] } };
  return {
    'output.elasticsearch': {
      hosts: [destination.url],
      username: destination.user,
      password: `\${${ENV.elasticsearchPassword}}`,
      // Straight into the data stream the Elasticsearch setup Job created (its template and ILM
      // policy apply); Filebeat's own template and ILM setup stay off, so the writer role suffices.
      index: destination.dataStream,
      ...(destination.caFile ? { 'ssl.certificate_authorities': [destination.caFile] } : {}),
    },
    'setup.template.enabled': false,
    'setup.ilm.enabled': false,
  };
}

/**
 * `filebeat.yml`: the container logs input, its HTTP endpoint for the exporter, the registry in
 * the data directory, logs to stderr, and one output.
 */
export function renderFilebeatYml(fb: ResolvedFilebeat, destination: FilebeatDestination): string {
  const config: Record<string, unknown> = {
    'filebeat.inputs': [containerLogsInput(fb)],
    'path.data': spec.dataDir,
    // The stats endpoint the exporter sidecar reads (`/stats`); the NetworkPolicy admits nobody
    // to this port, so only the pod's own containers reach it.
    'http.enabled': true,
    'http.host': '0.0.0.0',
    'http.port': spec.web.port,
    'logging.to_stderr': true,
    // The exporter already exposes these counters: no periodic metrics lines in the log.
    'logging.metrics.enabled': false,
    ...output(destination),
  };
  return toYaml(config);
}
