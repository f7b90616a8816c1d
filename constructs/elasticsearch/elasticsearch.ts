import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { imageOf, ResolvedComponent } from '../../config/component';
import { pickKeys } from '../../config/strict';
import { selectorLabels } from '../k8s/labels';
import { clusterService, configMap, serviceAccount } from '../k8s/objects';
import { flowNetworkPolicy } from '../k8s/network-policy';
import { containerResources, containerSecurityContext, mainContainer, scratchVolume } from '../k8s/pod';
import { ownNetworkPolicy, resolveWorkloadProps, WorkloadProps } from '../k8s/standalone';
import { setupJob } from '../k8s/job';
import { replicatedWorkload } from '../k8s/workload';
import { certificate } from './certificate';
import { clusterUrl, nodesServiceName, renderElasticsearchYml, renderSetupFiles } from './files';
import { elasticsearchFlows } from './flows';
import { ELASTICSEARCH_KEYS, ElasticsearchSettings, EXPORTER_USER, resolveElasticsearch, ResolvedElasticsearch } from './settings';
import { SETUP_SCRIPT } from './setup-script';
import {
  CA_DIR,
  CERTS_DIR,
  elasticsearchExporterSpec,
  elasticsearchSetupSpec,
  elasticsearchSpec,
  LOGS_DIR,
  MAX_MAP_COUNT,
  TMP_DIR,
} from './spec';
import { Flow } from '../../config/flows';

/** Props of the Elasticsearch construct: its settings and where it runs. */
export interface ElasticsearchProps extends ElasticsearchSettings, WorkloadProps {
  /** `cluster.name` (also the exporter's `cluster` label). @default `elasticsearch` */
  readonly clusterName?: string;
  /** Namespace of the Prometheus scraping the exporter (its network flow). @default the workload's namespace */
  readonly prometheusNamespace?: string;
}

const spec = elasticsearchSpec;
const [transportPort] = spec.extraPorts;
/** Where the init container finds the rendered elasticsearch.yml and fills the config volume. */
const RENDERED_DIR = '/mnt/rendered';
const CONFIG_VOLUME_DIR = '/mnt/config';

const tcpProbe = (port: string, extra: Partial<k8s.Probe>): k8s.Probe => ({
  tcpSocket: { port: k8s.IntOrString.fromString(port) },
  ...extra,
});

/** The CA certificate alone, from the TLS Secret (clients never see the key). */
export function caVolume(es: ResolvedElasticsearch): k8s.Volume {
  return { name: 'ca', secret: { secretName: es.tls.secretName, items: [{ key: 'ca.crt', path: 'ca.crt' }], defaultMode: 0o440 } };
}

/**
 * The privileged init container of `maxMapCount: initContainer`: raises `vm.max_map_count` on
 * the node (never lowers it) and exits. It is the only privileged container of the stack, it
 * runs only when a user asks for it, and its policy exemptions sit on the StatefulSet next to it
 * (`sysctlExemptions`); the pods then run in the agents namespace (Pod Security `privileged`).
 */
function sysctlContainer(component: ResolvedComponent): k8s.Container {
  return {
    name: 'sysctl',
    image: imageOf(spec),
    imagePullPolicy: 'IfNotPresent',
    command: [
      'bash',
      '-c',
      `[ "$(cat /proc/sys/vm/max_map_count)" -ge ${MAX_MAP_COUNT} ] || echo ${MAX_MAP_COUNT} > /proc/sys/vm/max_map_count`,
    ],
    resources: containerResources({ ...component, resources: SMALL }),
    // Writing a node sysctl needs root and a privileged container (no capability is enough).
    securityContext: { privileged: true, runAsUser: 0, runAsGroup: 0, runAsNonRoot: false, readOnlyRootFilesystem: true },
  };
}

/**
 * The exemptions the sysctl init container needs, as annotations on the StatefulSet (POLICY.md
 * S13 and 2e): it is privileged and runs as root to write `/proc/sys/vm/max_map_count`.
 */
export const SYSCTL_EXEMPTIONS: Readonly<Record<string, string>> = {
  'ignore-check.kube-linter.io/privileged-container': 'opt-in init container writes vm.max_map_count on the node',
  'ignore-check.kube-linter.io/run-as-non-root': 'opt-in init container writes vm.max_map_count on the node (needs root)',
  'ignore-check.kube-linter.io/privilege-escalation-container': 'a privileged init container implies escalation',
  'polaris.fairwinds.com/runAsPrivileged-exempt': 'true',
  'polaris.fairwinds.com/runAsRootAllowed-exempt': 'true',
  'polaris.fairwinds.com/privilegeEscalationAllowed-exempt': 'true',
  'polaris.fairwinds.com/insecureCapabilities-exempt': 'true',
  'kube-score/ignore': 'container-security-context-privileged,container-security-context-user-group-id',
};

const SMALL = { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '200m', memory: '64Mi' } };

/** Whether the nodes need the certificate Secret (TLS on HTTP or transport). */
export const tlsOn = (es: ResolvedElasticsearch) => es.tls.http || es.tls.transport;

/** Name of the ConfigMap holding elasticsearch.yml. */
export const configMapName = () => `${spec.name}-config`;

/** Data, logs and tmp: where the node writes (the data volume is the StatefulSet's claim). */
export const NODE_SCRATCH_MOUNTS: k8s.VolumeMount[] = [
  { name: 'data', mountPath: spec.dataDir },
  { name: 'logs', mountPath: LOGS_DIR },
  { name: 'tmp', mountPath: TMP_DIR },
];

/** The node's volumes besides its config: the certificate Secret (with TLS), logs and tmp. */
export function nodeVolumes(es: ResolvedElasticsearch): k8s.Volume[] {
  return [
    ...(tlsOn(es) ? [{ name: 'certs', secret: { secretName: es.tls.secretName, defaultMode: 0o440 } }] : []),
    scratchVolume('logs', '256Mi'),
    scratchVolume('tmp', '512Mi'),
  ];
}

/**
 * The Elasticsearch container, for the cluster and the Docker target alike (only the config
 * mount differs): TCP probes, the elastic password from the credentials Secret, a heap flag only
 * when the user sets one.
 */
export function nodeContainer(es: ResolvedElasticsearch, volumeMounts: k8s.VolumeMount[]): k8s.Container {
  return mainContainer(es, {
    // Readiness: the readiness port opens once the node has joined a cluster with a master; never a health wait.
    readinessProbe: tcpProbe('readiness', { periodSeconds: 5, timeoutSeconds: 3, failureThreshold: 3 }),
    // Liveness: the HTTP port accepts connections (distinct from readiness; a busy cluster stays alive).
    livenessProbe: tcpProbe(spec.web.name, { periodSeconds: 20, timeoutSeconds: 5, failureThreshold: 6 }),
    startupProbe: tcpProbe(spec.web.name, { periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 30 }),
    env: [
      { name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
      { name: 'ES_TMPDIR', value: TMP_DIR },
      // The image's entrypoint stores it as the bootstrap password of `elastic`.
      { name: 'ELASTIC_PASSWORD', valueFrom: { secretKeyRef: { name: es.credentialsSecret, key: 'elastic' } } },
      // No heap flag unless the user sets one: Elasticsearch sizes the heap from the memory limit.
      ...(es.heap ? [{ name: 'ES_JAVA_OPTS', value: `-Xms${es.heap} -Xmx${es.heap}` }] : []),
    ],
    volumeMounts,
  });
}

/** Hard host anti-affinity (one node per host), and zone spreading (hard when `zoneSpread`). */
function placement(es: ResolvedElasticsearch): Pick<k8s.PodSpec, 'affinity' | 'topologySpreadConstraints'> {
  const labelSelector = { matchLabels: selectorLabels(spec) };
  return {
    ...(es.replicas > 1
      ? {
          affinity: {
            podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname', labelSelector }] },
          },
        }
      : {}),
    topologySpreadConstraints: [
      {
        maxSkew: 1,
        topologyKey: 'topology.kubernetes.io/zone',
        whenUnsatisfiable: es.zoneSpread ? 'DoNotSchedule' : 'ScheduleAnyway',
        labelSelector,
      },
    ],
  };
}

/**
 * A secure Elasticsearch cluster: a StatefulSet (`podManagementPolicy: Parallel`, a volume per
 * node) behind a headless Service that publishes not-ready addresses (discovery) and a client
 * Service; TLS on transport and HTTP from a Secret (or a cert-manager Certificate); the `elastic`
 * password from a Secret. The config is rendered at synth time and copied into an emptyDir by an
 * init container, so the root filesystem stays read-only. Beside it: the Elasticsearch exporter
 * (Deployment) and the idempotent setup Job (users, roles, ILM retention, index templates), each
 * with its own NetworkPolicy. Prod: 3 nodes, PDB maxUnavailable 1, hard host anti-affinity.
 */
export class Elasticsearch extends Construct {
  /** The settings after validation, with every default filled in. */
  readonly settings: ResolvedElasticsearch;

  constructor(scope: Construct, id: string, props: ElasticsearchProps) {
    super(scope, id);
    const where = this.node.path;
    const { namespace: ns, profile, priorityClassName, networkPolicy } = resolveWorkloadProps(where, props);
    const es = resolveElasticsearch(where, 'props', profile, ns, pickKeys(props, ELASTICSEARCH_KEYS));
    this.settings = es;
    const flows = elasticsearchFlows({ namespace: ns, prometheusNamespace: props.prometheusNamespace ?? ns, es });
    const files = { 'elasticsearch.yml': renderElasticsearchYml(es, props.clusterName ?? spec.name, ns) };

    serviceAccount(this, spec, ns);
    configMap(this, 'config', spec, ns, configMapName(), files);
    clusterService(this, 'service', spec, ns);
    clusterService(this, 'nodes-service', spec, ns, { name: nodesServiceName(), headless: true, ports: [spec.web, transportPort] });
    if (es.tls.certManagerIssuer) certificate(this, es, ns);
    if (networkPolicy) ownNetworkPolicy(this, spec, ns, flows);

    const sysctl = es.maxMapCount === 'initContainer';
    const workload = replicatedWorkload(this, spec, {
      component: es,
      namespace: ns,
      priorityClassName,
      configFiles: files,
      statefulSet: { serviceName: nodesServiceName(), storageClassName: es.storageClassName },
      podSpec: {
        ...placement(es),
        // Time to hand shards over and flush before the node stops.
        terminationGracePeriodSeconds: 120,
        initContainers: [
          ...(sysctl ? [sysctlContainer(es)] : []),
          {
            name: 'config',
            image: imageOf(spec),
            imagePullPolicy: 'IfNotPresent',
            // The image's stock config (jvm.options, log4j2.properties, ...) plus our elasticsearch.yml.
            command: [
              'bash',
              '-c',
              `cp -R ${spec.configDir}/. ${CONFIG_VOLUME_DIR}/ && cp ${RENDERED_DIR}/elasticsearch.yml ${CONFIG_VOLUME_DIR}/`,
            ],
            resources: containerResources({ ...es, resources: SMALL }),
            securityContext: containerSecurityContext(),
            volumeMounts: [
              { name: 'config', mountPath: CONFIG_VOLUME_DIR },
              { name: 'rendered', mountPath: RENDERED_DIR, readOnly: true },
            ],
          },
        ],
      },
      container: nodeContainer(es, [
        { name: 'config', mountPath: spec.configDir },
        ...(tlsOn(es) ? [{ name: 'certs', mountPath: CERTS_DIR, readOnly: true }] : []),
        ...NODE_SCRATCH_MOUNTS,
      ]),
      volumes: [scratchVolume('config', '64Mi'), { name: 'rendered', configMap: { name: configMapName() } }, ...nodeVolumes(es)],
    });
    if (sysctl) for (const [key, value] of Object.entries(SYSCTL_EXEMPTIONS)) workload.metadata.addAnnotation(key, value);

    new ElasticsearchExporter(this, 'exporter', { es, namespace: ns, priorityClassName, flows });
    new ElasticsearchSetup(this, 'setup', { es, namespace: ns, priorityClassName, flows });
  }
}

/** What the exporter and the setup Job get from the cluster construct. */
interface PartProps {
  readonly es: ResolvedElasticsearch;
  readonly namespace: string;
  readonly priorityClassName: string;
  readonly flows: readonly Flow[];
}

/**
 * The Elasticsearch exporter: cluster health, node stats (`--es.all`), cluster settings
 * (watermarks) and ILM status, as the `exporter` user with read-only monitoring privileges.
 */
class ElasticsearchExporter extends Construct {
  constructor(scope: Construct, id: string, { es, namespace: ns, priorityClassName, flows }: PartProps) {
    super(scope, id);
    const exporter = elasticsearchExporterSpec;
    serviceAccount(this, exporter, ns);
    clusterService(this, 'service', exporter, ns);
    flowNetworkPolicy(this, 'network-policy', exporter, ns, flows);
    replicatedWorkload(this, exporter, {
      component: es.exporter,
      namespace: ns,
      priorityClassName,
      container: mainContainer(es.exporter, {
        // Readiness on /healthz; liveness only that the port accepts connections (the two must differ).
        livenessProbe: tcpProbe(exporter.web.name, { periodSeconds: 15, timeoutSeconds: 5, failureThreshold: 4 }),
        args: [
          `--es.uri=${clusterUrl(es, ns)}`,
          ...(es.tls.http ? [`--es.ca=${CA_DIR}/ca.crt`] : []),
          '--es.all',
          '--collector.clustersettings',
          '--collector.ilm',
          '--es.timeout=10s',
          `--web.listen-address=:${exporter.web.port}`,
        ],
        env: [
          { name: 'ES_USERNAME', value: EXPORTER_USER },
          { name: 'ES_PASSWORD', valueFrom: { secretKeyRef: { name: es.credentialsSecret, key: EXPORTER_USER } } },
        ],
        volumeMounts: es.tls.http ? [{ name: 'ca', mountPath: CA_DIR, readOnly: true }] : [],
      }),
      volumes: es.tls.http ? [caVolume(es)] : [],
    });
  }
}

/**
 * The setup Job. Its name carries a hash of what it sends, so a changed plan is a new Job (a
 * Job's pod template is immutable) and an unchanged one is left alone; finished Jobs are removed
 * after a day. The script retries while the cluster is not ready, bounded; Kubernetes retries the
 * whole Job a few times more.
 */
class ElasticsearchSetup extends Construct {
  constructor(scope: Construct, id: string, { es, namespace: ns, priorityClassName, flows }: PartProps) {
    super(scope, id);
    const setup = elasticsearchSetupSpec;
    flowNetworkPolicy(this, 'network-policy', setup, ns, flows);
    setupJob(this, setup, {
      namespace: ns,
      priorityClassName,
      files: { 'setup.sh': SETUP_SCRIPT, ...renderSetupFiles(es) },
      credentials: { secretName: es.credentialsSecret, defaultMode: 0o440 },
      env: [
        { name: 'ES_URL', value: clusterUrl(es, ns) },
        { name: 'CA_FILE', value: es.tls.http ? `${CA_DIR}/ca.crt` : '' },
      ],
      volumes: es.tls.http ? [{ volume: caVolume(es), mount: { name: 'ca', mountPath: CA_DIR, readOnly: true } }] : [],
    });
  }
}
