import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ElasticsearchClientProps, resolveClientElasticsearch } from '../elasticsearch/client-props';
import { pickKeys } from '../../config/strict';
import { caVolume } from '../elasticsearch/elasticsearch';
import { ResolvedElasticsearch } from '../elasticsearch/settings';
import { CA_DIR } from '../elasticsearch/spec';
import { clusterService, configMap, serviceAccount } from '../k8s/objects';
import { mainContainer, scratchVolume } from '../k8s/pod';
import { ownNetworkPolicy, resolveWorkloadProps, WorkloadProps } from '../k8s/standalone';
import { replicatedWorkload } from '../k8s/workload';
import { PASSWORD_ENV, renderLogstashFiles } from './files';
import { logstashFlows } from './flows';
import { LOGSTASH_KEYS, LOGSTASH_WRITER, LogstashSettings, resolveLogstash, ResolvedLogstash } from './settings';
import { LOGSTASH_TMP_DIR, logstashExporterSpec, logstashSpec, PIPELINE_DIR } from './spec';

/** Props of the Logstash construct: its settings, the cluster it writes to, and where it runs. */
export interface LogstashProps extends LogstashSettings, WorkloadProps, ElasticsearchClientProps {
  /** Namespace of the beats clients (Filebeat); `false` admits none. @default the workload's namespace */
  readonly beatsNamespace?: string | false;
  /** Namespace of the Prometheus scraping the exporter sidecar. @default the workload's namespace */
  readonly prometheusNamespace?: string;
}

const spec = logstashSpec;
const [apiPort] = spec.extraPorts;
/** Name of the ConfigMap holding logstash.yml, pipelines.yml and logstash.conf. */
export const logstashConfigMapName = () => `${spec.name}-config`;
/** Name of the headless Service governing the StatefulSet. */
export const logstashNodesServiceName = () => `${spec.name}-nodes`;

const tcp = (port: string): Pick<k8s.Probe, 'tcpSocket'> => ({ tcpSocket: { port: k8s.IntOrString.fromString(port) } });

/**
 * The Logstash container, for the cluster and the Docker target alike: the rendered files over the
 * image's own, the writer password from the credentials Secret, the heap from the settings.
 * Startup: the beats port opens once the pipeline runs; readiness: the API port accepts
 * connections; liveness: the API answers HTTP.
 */
export function logstashContainer(ls: ResolvedLogstash, es: Pick<ResolvedElasticsearch, 'tls' | 'credentialsSecret'>): k8s.Container {
  return mainContainer(ls, {
    startupProbe: { ...tcp(spec.web.name), periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 30 },
    readinessProbe: { ...tcp(apiPort.name), periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 },
    livenessProbe: {
      httpGet: { path: spec.livenessPath, port: k8s.IntOrString.fromString(apiPort.name) },
      periodSeconds: 20,
      timeoutSeconds: 5,
      failureThreshold: 6,
    },
    env: [
      // No env name that is a Logstash setting: the image's entrypoint would rewrite logstash.yml (read-only here).
      { name: 'LS_JAVA_OPTS', value: `-Xms${ls.heap} -Xmx${ls.heap} -Djava.io.tmpdir=${LOGSTASH_TMP_DIR}` },
      { name: PASSWORD_ENV, valueFrom: { secretKeyRef: { name: es.credentialsSecret, key: LOGSTASH_WRITER } } },
    ],
    volumeMounts: [
      { name: 'config', mountPath: `${spec.configDir}/logstash.yml`, subPath: 'logstash.yml', readOnly: true },
      { name: 'config', mountPath: `${spec.configDir}/pipelines.yml`, subPath: 'pipelines.yml', readOnly: true },
      { name: 'config', mountPath: `${PIPELINE_DIR}/logstash.conf`, subPath: 'logstash.conf', readOnly: true },
      ...(es.tls.http ? [{ name: 'ca', mountPath: CA_DIR, readOnly: true }] : []),
      { name: 'data', mountPath: spec.dataDir },
      { name: 'tmp', mountPath: LOGSTASH_TMP_DIR },
    ],
  });
}

/** The exporter container reading Logstash's monitoring API at `logstashUrl` (the pod's loopback on Kubernetes). */
export function logstashExporterContainer(ls: ResolvedLogstash, logstashUrl: string): k8s.Container {
  return mainContainer(ls.exporter, {
    env: [
      { name: 'LOGSTASH_URL', value: logstashUrl },
      { name: 'PORT', value: String(logstashExporterSpec.web.port) },
    ],
    volumeMounts: [],
  });
}

/** The Logstash pod's volumes besides its data claim: its files, the CA (with TLS) and tmp. */
export function logstashVolumes(es: ResolvedElasticsearch): k8s.Volume[] {
  return [
    { name: 'config', configMap: { name: logstashConfigMapName() } },
    ...(es.tls.http ? [caVolume(es)] : []),
    scratchVolume('tmp', '256Mi'),
  ];
}

/**
 * Logstash as a StatefulSet: a persisted queue and a dead-letter queue on a volume per replica
 * (at-least-once: the beats input acknowledges only what is on disk), the pipeline rendered from
 * the settings (parse, ECS, errors, security, scrub, business, optional GeoIP), written to the
 * log stream's data stream as its own writer user; the exporter as a sidecar. Beside it: the
 * Service Filebeat ships to, and the headless Service of the StatefulSet. Prod: 2 replicas, PDB.
 */
export class Logstash extends Construct {
  /** The settings after validation, with every default filled in. */
  readonly settings: ResolvedLogstash;

  constructor(scope: Construct, id: string, props: LogstashProps) {
    super(scope, id);
    const where = this.node.path;
    const { namespace: ns, profile, priorityClassName, networkPolicy } = resolveWorkloadProps(where, props);
    const { namespace: esNamespace, es } = resolveClientElasticsearch(where, profile, props, ns);
    const ls = resolveLogstash(where, 'props', profile, ns, es.logStreams, pickKeys(props, LOGSTASH_KEYS));
    this.settings = ls;
    const files = renderLogstashFiles(ls, es, esNamespace);

    serviceAccount(this, spec, ns);
    configMap(this, 'config', spec, ns, logstashConfigMapName(), files);
    clusterService(this, 'service', spec, ns, { ports: [spec.web, logstashExporterSpec.web] });
    clusterService(this, 'nodes-service', spec, ns, { name: logstashNodesServiceName(), headless: true, ports: [spec.web] });
    if (networkPolicy)
      ownNetworkPolicy(
        this,
        spec,
        ns,
        logstashFlows({
          namespace: ns,
          esNamespace,
          beatsNamespace: props.beatsNamespace === false ? undefined : (props.beatsNamespace ?? ns),
          prometheusNamespace: props.prometheusNamespace ?? ns,
        }),
      );
    replicatedWorkload(this, spec, {
      component: ls,
      namespace: ns,
      priorityClassName,
      configFiles: files,
      statefulSet: { serviceName: logstashNodesServiceName(), storageClassName: ls.storageClassName },
      // Time to finish the in-flight batches and close the queue cleanly.
      podSpec: { terminationGracePeriodSeconds: 120 },
      container: logstashContainer(ls, es),
      sidecars: [logstashExporterContainer(ls, `http://localhost:${apiPort.port}`)],
      volumes: logstashVolumes(es),
    });
  }
}
