import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { POD_NAME_ENV, renderPrometheusConfig, renderScrapeFiles, RULES_DIR, SCRAPE_DIR } from './files';
import { remoteWriteSecret, remoteWriteSecretDir } from './remote-write';
import { prometheusUploadArgs, thanosSidecarContainer, thanosSidecarVolumes } from '../thanos-query/sidecar';
import { THANOS_GRPC_PORT, thanosSidecarSpec } from '../thanos-query/spec';
import { ScrapeJob } from '../../config/scrape';
import { ruleConfigMaps, scrapeConfigMaps } from './rule-shards';
import { labelValue } from '../../config/names';
import { DiscoverySettings, resolveDiscovery } from '../services/settings';
import { ANY_POD, ownNetworkPolicy, resolveWorkloadProps, WorkloadProps } from '../k8s/standalone';
import { alertmanagerSpec } from '../alertmanager/spec';
import { prometheusScrapeJobs } from './scrape';
import { PrometheusSettings, resolvePrometheus, PROMETHEUS_KEYS } from './settings';
import { pickKeys } from '../../config/strict';
import { clusterRoleFor, clusterService, configMap, roleFor, serviceAccount } from '../k8s/objects';
import { mainContainer, SERVICE_ACCOUNT_TOKEN_MOUNT, SERVICE_ACCOUNT_TOKEN_VOLUME } from '../k8s/pod';
import { replicatedWorkload } from '../k8s/workload';
import { externalUrlArgs } from './external-url';
import { prometheusSpec } from './spec';
import { prometheusFlows } from './flows';
import { podsOf } from '../component';
import { tcp } from '../../config/flows';

/** Props of the Prometheus construct: its settings, where it runs and what it is wired to. */
export interface PrometheusProps extends PrometheusSettings, WorkloadProps {
  /** Jobs of `scrape_configs`. @default its own job only */
  readonly scrapeJobs?: readonly ScrapeJob[];
  /** Jobs of `scrapeJobs` written one per file under `scrape/` (scrape_config_files, sharded ConfigMaps). @default none */
  readonly scrapeFileJobs?: readonly string[];
  /** Rule files (name -> YAML) for the rules directory. @default none */
  readonly ruleFiles?: Readonly<Record<string, string>>;
  /** Send alerts to the Alertmanager Service in the same namespace. @default false (no `alerting:` section) */
  readonly alertmanager?: boolean;
  /** The `cluster` external label. @default `kubernetes` */
  readonly cluster?: string;
  /** The `environment` external label. @default the profile */
  readonly environment?: string;
  /** Annotated-pod discovery scope. @default `{ scope: 'cluster' }` */
  readonly discovery?: DiscoverySettings;
  /** Further namespaces to hold a discovery Role in (those of monitored services). @default none */
  readonly watchNamespaces?: readonly string[];
}

const spec = prometheusSpec;
const CONFIG_DIR = `${spec.configDir}/config`;

/** Namespaced discovery permissions: endpointslices (monitored services) and pods (annotations). */
const NAMESPACED_DISCOVERY_RULES: k8s.PolicyRule[] = [
  { apiGroups: [''], resources: ['pods', 'services'], verbs: ['list', 'watch'] },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: ['list', 'watch'] },
];

/**
 * Prometheus as a StatefulSet with a volume per replica, config and rules from ConfigMaps
 * (pods roll on change through a checksum annotation), and least-privilege discovery RBAC:
 * nodes and the kubelet's `nodes/metrics` cluster-wide (plus pods when annotation discovery is
 * cluster-wide), services and endpointslices through one Role per watched namespace. Never
 * `nodes/proxy`, never secrets.
 */
export class Prometheus extends Construct {
  /** Namespaces Prometheus holds a discovery Role in (stack, monitored services, listed discovery namespaces). */
  readonly watchedNamespaces: readonly string[];

  constructor(scope: Construct, id: string, props: PrometheusProps) {
    super(scope, id);
    const where = this.node.path;
    const { namespace: ns, profile, priorityClassName, networkPolicy } = resolveWorkloadProps(where, props);
    const component = resolvePrometheus(where, 'props', profile, pickKeys(props, PROMETHEUS_KEYS));
    const discovery = resolveDiscovery(where, props.discovery);
    const cluster = labelValue(where, 'props.cluster', props.cluster ?? 'kubernetes');
    const environment = labelValue(where, 'props.environment', props.environment ?? profile);
    const scrapeJobs = props.scrapeJobs ?? prometheusScrapeJobs({ namespace: ns }, { kind: 'kubernetes' });

    serviceAccount(this, spec, ns);
    const clusterScope = discovery.scope === 'cluster';
    clusterRoleFor(this, spec, ns, [
      { apiGroups: [''], resources: ['nodes'], verbs: ['list', 'watch'] },
      // Kubelet /metrics and /metrics/cadvisor are authorised as nodes/metrics (not nodes/proxy).
      { apiGroups: [''], resources: ['nodes/metrics'], verbs: ['get'] },
      { nonResourceUrLs: ['/metrics'], verbs: ['get'] },
      // Cluster-wide discovery watches annotated pods everywhere; services and endpointslices
      // stay namespaced (stack and monitored-service namespaces) even then.
      ...(clusterScope ? [{ apiGroups: [''], resources: ['pods'], verbs: ['list', 'watch'] }] : []),
    ]);

    const podNamespaces = discovery.scope === 'namespaces' ? discovery.namespaces : [];
    const watched = [...new Set([ns, ...podNamespaces, ...(props.watchNamespaces ?? [])])].sort();
    this.watchedNamespaces = watched;
    for (const watchedNs of watched) {
      const roleName = `${spec.name}-discovery-${ns}`;
      roleFor(this, watchedNs, spec, watchedNs, roleName, ns, NAMESPACED_DISCOVERY_RULES);
    }

    const configFiles = {
      'prometheus.yml': renderPrometheusConfig(
        { namespace: ns, cluster, environment, prometheus: component },
        { kind: 'kubernetes' },
        scrapeJobs,
        { alertmanager: props.alertmanager ?? false, fileJobs: props.scrapeFileJobs },
      ),
    };
    const ruleFiles = { ...props.ruleFiles };
    configMap(this, 'config', spec, ns, `${spec.name}-config`, configFiles);
    const ruleShards = ruleConfigMaps(ruleFiles, this.node.path);
    for (const [name, data] of Object.entries(ruleShards)) configMap(this, name, spec, ns, name, data);
    const scrapeFiles = renderScrapeFiles(scrapeJobs, props.scrapeFileJobs ?? [], this.node.path);
    const scrapeShards = scrapeConfigMaps(scrapeFiles, this.node.path);
    for (const [name, data] of Object.entries(scrapeShards)) configMap(this, name, spec, ns, name, data);
    const scrapeVolume = Object.keys(scrapeShards).length > 0;

    // Remote-write credentials: the one key of each target's Secret, read-only, under its own directory.
    const remoteWriteSecrets = component.remoteWrite.flatMap((target) => {
      const ref = remoteWriteSecret(target);
      if (!ref) return [];
      const volume: k8s.Volume = {
        name: `remote-write-${target.name}`,
        secret: { secretName: ref.name, items: [{ key: ref.key, path: ref.key }], defaultMode: 0o440 },
      };
      return [{ volume, dir: remoteWriteSecretDir(target.name) }];
    });

    const headless = `${spec.name}-headless`;
    clusterService(this, 'service', spec, ns);
    // The headless Service also names the sidecars' StoreAPI: Thanos Query finds them by its DNS.
    const sidecarPorts = component.thanos ? [thanosSidecarSpec.web, THANOS_GRPC_PORT] : [];
    clusterService(this, 'headless-service', spec, ns, { name: headless, headless: true, ports: [spec.web, ...sidecarPorts] });

    if (networkPolicy) {
      ownNetworkPolicy(this, spec, ns, [
        ...prometheusFlows({ namespace: ns, prometheus: component }),
        // Grafana, federation and people: any pod of the cluster may query it.
        { from: ANY_POD, to: podsOf(spec, ns), ports: tcp(spec.web.port), purpose: 'queries' },
        ...(props.alertmanager
          ? [{ from: podsOf(spec, ns), to: podsOf(alertmanagerSpec, ns), ports: tcp(alertmanagerSpec.web.port), purpose: 'alerts' }]
          : []),
        // Jobs given by the caller may scrape any pod.
        ...(props.scrapeJobs ? [{ from: podsOf(spec, ns), to: ANY_POD, ports: 'all' as const, purpose: 'scrape' }] : []),
      ]);
    }

    replicatedWorkload(this, spec, {
      component,
      namespace: ns,
      priorityClassName,
      configFiles: { ...configFiles, ...ruleFiles, ...scrapeFiles },
      statefulSet: { serviceName: headless, storageClassName: component.storageClassName },
      // Room to finish writing the head block on shutdown.
      podSpec: { terminationGracePeriodSeconds: 600 },
      container: mainContainer(component, {
        args: [
          `--config.file=${CONFIG_DIR}/prometheus.yml`,
          `--storage.tsdb.path=${spec.dataDir}`,
          `--storage.tsdb.retention.time=${component.retention}`,
          `--storage.tsdb.retention.size=${component.retentionSize}`,
          `--web.listen-address=:${spec.web.port}`,
          ...externalUrlArgs(component.externalUrl),
          ...prometheusUploadArgs(component.thanos),
        ],
        // The pod name is the `replica` external label (prometheus.yml refers to it).
        env: [{ name: POD_NAME_ENV, valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } }],
        volumeMounts: [
          { name: 'config', mountPath: CONFIG_DIR, readOnly: true },
          { name: 'rules', mountPath: RULES_DIR, readOnly: true },
          ...(scrapeVolume ? [{ name: 'scrape', mountPath: SCRAPE_DIR, readOnly: true }] : []),
          { name: 'data', mountPath: spec.dataDir },
          ...remoteWriteSecrets.map(({ volume, dir }) => ({ name: volume.name, mountPath: dir, readOnly: true })),
          SERVICE_ACCOUNT_TOKEN_MOUNT,
        ],
      }),
      sidecars: component.thanos ? [thanosSidecarContainer(component.thanos, 'data')] : [],
      volumes: [
        { name: 'config', configMap: { name: `${spec.name}-config` } },
        // Every rule shard in one directory.
        { name: 'rules', projected: { sources: Object.keys(ruleShards).map((name) => ({ configMap: { name } })) } },
        // Every scrape-job shard in one directory (scrape_config_files).
        ...(scrapeVolume
          ? [{ name: 'scrape', projected: { sources: Object.keys(scrapeShards).map((name) => ({ configMap: { name } })) } }]
          : []),
        ...remoteWriteSecrets.map(({ volume }) => volume),
        ...(component.thanos ? thanosSidecarVolumes(component.thanos) : []),
        SERVICE_ACCOUNT_TOKEN_VOLUME,
      ],
    });
  }
}
