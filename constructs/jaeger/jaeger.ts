import { ApiObject, JsonPatch } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ElasticsearchClientProps, resolveClientElasticsearch } from '../elasticsearch/client-props';
import { ComponentSpec, imageOf, ResolvedComponent } from '../../config/component';
import { Flow } from '../../config/flows';
import { pickKeys } from '../../config/strict';
import { ResolvedElasticsearch } from '../elasticsearch/settings';
import { componentIngress } from '../k8s/ingress';
import { metadata, selectorLabels } from '../k8s/labels';
import { flowNetworkPolicy } from '../k8s/network-policy';
import { clusterService, configMap, serviceAccount } from '../k8s/objects';
import { containerResources, containerSecurityContext, mainContainer, podDefaults, scratchVolume } from '../k8s/pod';
import { resolveWorkloadProps, WorkloadProps } from '../k8s/standalone';
import { replicatedWorkload } from '../k8s/workload';
import {
  CLEANER_PASSWORD_ENV,
  CLEANER_USER,
  cleanerArgs,
  cleanerEnv,
  JAEGER_USERS,
  JaegerRole,
  PASSWORD_ENV,
  renderJaegerConfig,
  renderSamplingStrategies,
} from './files';
import { jaegerFlows } from './flows';
import { JAEGER_KEYS, JaegerSettings, resolveJaeger, ResolvedJaeger } from './settings';
import { CONFIG_FILE, JAEGER_CA_DIR, JAEGER_PORTS as P, jaegerCleanerSpec, jaegerCollectorSpec, jaegerQuerySpec, jaegerSpec } from './spec';

/** Props of the Jaeger construct: its settings, the cluster it stores spans in, and where it runs. */
export interface JaegerProps extends JaegerSettings, WorkloadProps, ElasticsearchClientProps {
  /** Namespaces of the instrumented applications that send OTLP. @default every namespace */
  readonly applicationNamespaces?: readonly string[];
}

/** The workloads of a shape: each with its role, its catalog entry and its sizing. */
export function jaegerWorkloads(jaeger: ResolvedJaeger): Array<{ role: JaegerRole; spec: ComponentSpec; component: ResolvedComponent }> {
  return jaeger.shape === 'single'
    ? [{ role: 'single', spec: jaegerSpec, component: jaeger.collector }]
    : [
        { role: 'collector', spec: jaegerCollectorSpec, component: jaeger.collector },
        { role: 'query', spec: jaegerQuerySpec, component: jaeger.query },
      ];
}

/** Name of the ConfigMap of a Jaeger workload. */
export const jaegerConfigMapName = (spec: ComponentSpec) => `${spec.name}-config`;

/** The files of a Jaeger workload: its config, and the sampling strategies where it serves them. */
export function jaegerFiles(role: JaegerRole, jaeger: ResolvedJaeger, es: Pick<ResolvedElasticsearch, 'tls'>, esNamespace: string) {
  return {
    'config.yaml': renderJaegerConfig(role, jaeger, es, esNamespace),
    ...(role !== 'query' ? { 'sampling-strategies.json': renderSamplingStrategies(jaeger.sampling) } : {}),
  };
}

/** The CA volume of the cluster's TLS Secret (its CA key only). */
function caVolume(es: ResolvedElasticsearch): k8s.Volume {
  return { name: 'ca', secret: { secretName: es.tls.secretName, items: [{ key: 'ca.crt', path: 'ca.crt' }], defaultMode: 0o440 } };
}

/**
 * A Jaeger container, for the cluster and the Docker target alike: the config (and sampling
 * file) from the ConfigMap, the role's Elasticsearch password from the credentials Secret as the
 * environment the config refers to, the cluster's CA, readiness on healthcheckv2's `/status`.
 */
export function jaegerContainer(role: JaegerRole, component: ResolvedComponent, es: ResolvedElasticsearch): k8s.Container {
  return mainContainer(component, {
    args: ['--config', CONFIG_FILE],
    env: [{ name: PASSWORD_ENV, valueFrom: { secretKeyRef: { name: es.credentialsSecret, key: JAEGER_USERS[role] } } }],
    volumeMounts: [
      { name: 'config', mountPath: component.spec.configDir!, readOnly: true },
      ...(es.tls.http ? [{ name: 'ca', mountPath: JAEGER_CA_DIR, readOnly: true }] : []),
      { name: 'tmp', mountPath: '/tmp' },
    ],
  });
}

/**
 * Jaeger v2 on the stack's Elasticsearch. dev: one process (collector pipeline, query, remote
 * sampling); prod: a collector Deployment (2+ replicas, PDB, anti-affinity, optional HPA) and a
 * query Deployment (2 replicas, PDB, optional Ingress with TLS). Both shapes render their config
 * with the same functions, so the index prefix, rotation and lookback are one setting. With
 * daily indices, an es-index-cleaner CronJob deletes the indices older than the retention.
 */
export class Jaeger extends Construct {
  /** The settings after validation, with every default filled in. */
  readonly settings: ResolvedJaeger;

  constructor(scope: Construct, id: string, props: JaegerProps) {
    super(scope, id);
    const where = this.node.path;
    const { namespace: ns, profile, priorityClassName, networkPolicy } = resolveWorkloadProps(where, props);
    const { namespace: esNamespace, es } = resolveClientElasticsearch(where, profile, props, ns);
    const jaeger = resolveJaeger(where, 'props', profile, ns, { esNodes: es.replicas }, pickKeys(props, JAEGER_KEYS));
    this.settings = jaeger;
    const flows = jaegerFlows({ jaeger, namespace: ns, apps: props.applicationNamespaces ?? 'all' });

    for (const { role, spec, component } of jaegerWorkloads(jaeger)) {
      const scope = new Construct(this, spec.name);
      const files = jaegerFiles(role, jaeger, es, esNamespace);
      serviceAccount(scope, spec, ns);
      configMap(scope, 'config', spec, ns, jaegerConfigMapName(spec), files);
      clusterService(scope, 'service', spec, ns, { ports: [spec.web, ...(spec.extraPorts ?? [])].filter((p) => p !== P.health) });
      if (role !== 'collector' && jaeger.ingress) componentIngress(scope, spec, ns, jaeger.ingress);
      if (networkPolicy) flowNetworkPolicy(scope, 'network-policy', spec, ns, flows);
      const workload = replicatedWorkload(scope, spec, {
        component,
        namespace: ns,
        priorityClassName,
        configFiles: files,
        container: jaegerContainer(role, component, es),
        volumes: [
          { name: 'config', configMap: { name: jaegerConfigMapName(spec) } },
          ...(es.tls.http ? [caVolume(es)] : []),
          scratchVolume('tmp', '64Mi'),
        ],
      });
      if (role === 'collector' && jaeger.autoscaling) autoscale(scope, workload, spec, ns, jaeger.autoscaling);
    }
    if (jaeger.rotation === 'daily')
      new JaegerIndexCleaner(this, 'index-cleaner', { jaeger, es, esNamespace, namespace: ns, priorityClassName, flows });
  }
}

/**
 * The collector's HorizontalPodAutoscaler (CPU). The Deployment then leaves `replicas` to it
 * (kube-score: an HPA target must not set replicas), which is why Polaris'
 * deploymentMissingReplicas is exempted on it; the PDB's maxUnavailable 1 stays below minReplicas.
 */
function autoscale(
  scope: Construct,
  workload: ApiObject,
  spec: ComponentSpec,
  ns: string,
  scaling: NonNullable<ResolvedJaeger['autoscaling']>,
): void {
  workload.addJsonPatch(JsonPatch.remove('/spec/replicas'));
  workload.metadata.addAnnotation('polaris.fairwinds.com/deploymentMissingReplicas-exempt', 'true');
  new k8s.KubeHorizontalPodAutoscalerV2(scope, 'autoscaler', {
    metadata: metadata(spec, ns),
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: spec.name },
      minReplicas: scaling.minReplicas,
      maxReplicas: scaling.maxReplicas,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: scaling.targetCpuPercent } } },
      ],
    },
  });
}

/** What the cleaner gets from the Jaeger construct. */
interface CleanerProps {
  readonly jaeger: ResolvedJaeger;
  readonly es: ResolvedElasticsearch;
  readonly esNamespace: string;
  readonly namespace: string;
  readonly priorityClassName: string;
  readonly flows: readonly Flow[];
}

/**
 * The es-index-cleaner CronJob: once a day it deletes the Jaeger indices older than the
 * retention (the same days and prefix the collector and query use), as a user that may only
 * delete Jaeger indices. Never two at once (`Forbid`); a missed run starts within an hour.
 */
class JaegerIndexCleaner extends Construct {
  constructor(scope: Construct, id: string, { jaeger, es, esNamespace, namespace: ns, priorityClassName, flows }: CleanerProps) {
    super(scope, id);
    const spec = jaegerCleanerSpec;
    serviceAccount(this, spec, ns);
    // The stack writes the policies of component workloads only: the CronJob brings its own, like the setup Jobs.
    flowNetworkPolicy(this, 'network-policy', spec, ns, flows);
    const labels = metadata(spec, ns).labels;
    const env = Object.entries(cleanerEnv(jaeger, es)).map(([name, value]) => ({ name, value }));
    new k8s.KubeCronJob(this, 'cronjob', {
      metadata: metadata(spec, ns),
      spec: {
        schedule: jaeger.cleanerSchedule,
        timeZone: 'Etc/UTC',
        concurrencyPolicy: 'Forbid',
        startingDeadlineSeconds: 3600,
        successfulJobsHistoryLimit: 1,
        failedJobsHistoryLimit: 3,
        jobTemplate: {
          metadata: { labels: selectorLabels(spec) },
          spec: {
            backoffLimit: 3,
            activeDeadlineSeconds: 1800,
            template: {
              metadata: { labels },
              spec: {
                ...podDefaults(spec, spec.name, priorityClassName),
                restartPolicy: 'OnFailure',
                containers: [
                  {
                    name: spec.name,
                    image: imageOf(spec),
                    imagePullPolicy: 'IfNotPresent',
                    args: cleanerArgs(jaeger, es, esNamespace),
                    env: [
                      ...env,
                      { name: CLEANER_PASSWORD_ENV, valueFrom: { secretKeyRef: { name: es.credentialsSecret, key: CLEANER_USER } } },
                    ],
                    resources: containerResources({ spec, replicas: 1, resources: spec.sizing.dev.resources }),
                    securityContext: containerSecurityContext(),
                    volumeMounts: [
                      ...(es.tls.http ? [{ name: 'ca', mountPath: JAEGER_CA_DIR, readOnly: true }] : []),
                      { name: 'tmp', mountPath: '/tmp' },
                    ],
                  },
                ],
                volumes: [...(es.tls.http ? [caVolume(es)] : []), scratchVolume('tmp', '16Mi')],
              },
            },
          },
        },
      },
    });
  }
}
