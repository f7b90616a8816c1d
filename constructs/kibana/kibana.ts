import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ElasticsearchClientProps, resolveClientElasticsearch } from '../elasticsearch/client-props';
import { Flow } from '../../config/flows';
import { pickKeys } from '../../config/strict';
import { caVolume } from '../elasticsearch/elasticsearch';
import { ResolvedElasticsearch } from '../elasticsearch/settings';
import { CA_DIR } from '../elasticsearch/spec';
import { componentIngress } from '../k8s/ingress';
import { setupJob } from '../k8s/job';
import { flowNetworkPolicy } from '../k8s/network-policy';
import { clusterService, configMap, serviceAccount } from '../k8s/objects';
import { mainContainer, scratchVolume } from '../k8s/pod';
import { resolveWorkloadProps, WorkloadProps } from '../k8s/standalone';
import { replicatedWorkload } from '../k8s/workload';
import { ENCRYPTION_KEY_ENV, KIBANA_SYSTEM_USER, kibanaUrl, PASSWORD_ENV, renderKibanaSetupFiles, renderKibanaYml } from './files';
import { kibanaFlows } from './flows';
import { ENCRYPTION_KEY_SETTINGS, KIBANA_KEYS, KibanaSettings, resolveKibana, ResolvedKibana } from './settings';
import { KIBANA_SETUP_SCRIPT } from './setup-script';
import { KIBANA_TMP_DIR, kibanaSetupSpec, kibanaSpec } from './spec';

/** Props of the Kibana construct: its settings, the cluster it serves, and where it runs. */
export interface KibanaProps extends KibanaSettings, WorkloadProps, ElasticsearchClientProps {
  /** Namespace of the blackbox exporter probing Kibana's status. @default the workload's namespace */
  readonly proberNamespace?: string;
  /** The Jaeger UI URL of a trace (`{{value}}` = the trace id): trace.id in the logs data view links there. @default no link */
  readonly traceUrl?: string;
}

const spec = kibanaSpec;
/** Name of the ConfigMap holding kibana.yml. */
export const kibanaConfigMapName = () => `${spec.name}-config`;

/**
 * The Kibana container, for the cluster and the Docker target alike: kibana.yml from the
 * ConfigMap, the kibana_system password and the three encryption keys from Secrets (as the
 * environment kibana.yml refers to), the CA of the cluster, readiness on `/api/status`.
 */
export function kibanaContainer(kibana: ResolvedKibana, es: Pick<ResolvedElasticsearch, 'tls' | 'credentialsSecret'>): k8s.Container {
  return mainContainer(kibana, {
    env: [
      { name: PASSWORD_ENV, valueFrom: { secretKeyRef: { name: es.credentialsSecret, key: KIBANA_SYSTEM_USER } } },
      ...ENCRYPTION_KEY_SETTINGS.map((setting) => ({
        name: ENCRYPTION_KEY_ENV[setting],
        valueFrom: { secretKeyRef: { name: kibana.encryptionKeysSecret, key: setting } },
      })),
    ],
    // Kibana takes a minute or two to start (plugins, saved-object migrations).
    startupProbe: {
      tcpSocket: { port: k8s.IntOrString.fromString(spec.web.name) },
      periodSeconds: 10,
      timeoutSeconds: 5,
      failureThreshold: 30,
    },
    volumeMounts: [
      { name: 'config', mountPath: `${spec.configDir}/kibana.yml`, subPath: 'kibana.yml', readOnly: true },
      ...(es.tls.http ? [{ name: 'ca', mountPath: CA_DIR, readOnly: true }] : []),
      { name: 'data', mountPath: spec.dataDir },
      { name: 'tmp', mountPath: KIBANA_TMP_DIR },
    ],
  });
}

/** The Kibana pod's volumes: its config, the CA (with TLS), data and tmp. */
export function kibanaVolumes(es: ResolvedElasticsearch): k8s.Volume[] {
  return [
    { name: 'config', configMap: { name: kibanaConfigMapName() } },
    ...(es.tls.http ? [caVolume(es)] : []),
    scratchVolume('data', '256Mi'),
    scratchVolume('tmp', '256Mi'),
  ];
}

/**
 * Kibana as a stateless Deployment (its state is in Elasticsearch): authenticates as
 * kibana_system, verifies the cluster's certificate, shares its encryption keys between
 * replicas through a Secret. Beside it: a Service, an optional Ingress with TLS, and the
 * idempotent setup Job that creates the data views and imports the saved searches.
 * Prod: 2 replicas with a PDB.
 */
export class Kibana extends Construct {
  /** The settings after validation, with every default filled in. */
  readonly settings: ResolvedKibana;

  constructor(scope: Construct, id: string, props: KibanaProps) {
    super(scope, id);
    const where = this.node.path;
    const { namespace: ns, profile, priorityClassName, networkPolicy } = resolveWorkloadProps(where, props);
    const { namespace: esNamespace, es } = resolveClientElasticsearch(where, profile, props, ns);
    const kibana = { ...resolveKibana(where, 'props', profile, ns, pickKeys(props, KIBANA_KEYS)), traceUrl: props.traceUrl };
    this.settings = kibana;
    const flows = kibanaFlows({ namespace: ns, esNamespace, proberNamespace: props.proberNamespace ?? ns });
    const files = { 'kibana.yml': renderKibanaYml(kibana, es, esNamespace) };

    serviceAccount(this, spec, ns);
    configMap(this, 'config', spec, ns, kibanaConfigMapName(), files);
    clusterService(this, 'service', spec, ns);
    if (kibana.ingress) componentIngress(this, spec, ns, kibana.ingress);
    if (networkPolicy) flowNetworkPolicy(this, 'network-policy', spec, ns, flows);
    replicatedWorkload(this, spec, {
      component: kibana,
      namespace: ns,
      priorityClassName,
      configFiles: files,
      container: kibanaContainer(kibana, es),
      volumes: kibanaVolumes(es),
    });
    new KibanaSetup(this, 'setup', { kibana, namespace: ns, priorityClassName, credentialsSecret: es.credentialsSecret, flows });
  }
}

/** What the setup Job gets from the Kibana construct. */
interface KibanaSetupProps {
  readonly kibana: ResolvedKibana;
  readonly namespace: string;
  readonly priorityClassName: string;
  readonly credentialsSecret: string;
  readonly flows: readonly Flow[];
}

/**
 * The Kibana setup Job: waits for Kibana's status, creates the data views, imports the saved
 * searches. It calls Kibana's API as `elastic` (saved objects need a Kibana user; kibana_system
 * is not one) and mounts that one key of the credentials Secret.
 */
class KibanaSetup extends Construct {
  constructor(scope: Construct, id: string, { kibana, namespace: ns, priorityClassName, credentialsSecret, flows }: KibanaSetupProps) {
    super(scope, id);
    // The stack writes the policies of component workloads only: the Job brings its own, like the Elasticsearch setup Job.
    flowNetworkPolicy(this, 'network-policy', kibanaSetupSpec, ns, flows);
    setupJob(this, kibanaSetupSpec, {
      namespace: ns,
      priorityClassName,
      files: { 'setup.sh': KIBANA_SETUP_SCRIPT, ...renderKibanaSetupFiles(kibana) },
      credentials: { secretName: credentialsSecret, items: [{ key: 'elastic', path: 'elastic' }], defaultMode: 0o440 },
      env: [{ name: 'KIBANA_URL', value: kibanaUrl(ns) }],
    });
  }
}
