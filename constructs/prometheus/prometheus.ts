import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { renderPrometheusConfig, RULES_DIR } from './files';
import { ScrapeJob } from '../../config/scrape';
import { ruleConfigMaps } from './rule-shards';
import { ResolvedSettings } from '../stack/settings';
import { clusterRoleFor, clusterService, configMap, roleFor, serviceAccount } from '../k8s/objects';
import { mainContainer, SERVICE_ACCOUNT_TOKEN_MOUNT, SERVICE_ACCOUNT_TOKEN_VOLUME } from '../k8s/pod';
import { replicatedWorkload } from '../k8s/workload';
import { externalUrlArgs } from './external-url';
import { prometheusSpec } from './spec';

/** Props of the Prometheus construct. */
export interface PrometheusProps {
  /** Validated stack settings (see `resolveSettings`). */
  readonly settings: ResolvedSettings;
  /** Jobs of `scrape_configs`. @default none */
  readonly scrapeJobs?: readonly ScrapeJob[];
  /** Rule files (name -> YAML) for the rules directory. @default none */
  readonly ruleFiles?: Readonly<Record<string, string>>;
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
    const { settings } = props;
    const ns = settings.namespace;
    const component = settings.prometheus;

    serviceAccount(this, spec, ns);
    const clusterScope = settings.discovery.scope === 'cluster';
    clusterRoleFor(this, spec, ns, [
      { apiGroups: [''], resources: ['nodes'], verbs: ['list', 'watch'] },
      // Kubelet /metrics and /metrics/cadvisor are authorised as nodes/metrics (not nodes/proxy).
      { apiGroups: [''], resources: ['nodes/metrics'], verbs: ['get'] },
      { nonResourceUrLs: ['/metrics'], verbs: ['get'] },
      // Cluster-wide discovery watches annotated pods everywhere; services and endpointslices
      // stay namespaced (stack and monitored-service namespaces) even then.
      ...(clusterScope ? [{ apiGroups: [''], resources: ['pods'], verbs: ['list', 'watch'] }] : []),
    ]);

    const podNamespaces = settings.discovery.scope === 'namespaces' ? settings.discovery.namespaces : [];
    const watched = [...new Set([ns, ...podNamespaces, ...settings.services.map((s) => s.namespace)])].sort();
    this.watchedNamespaces = watched;
    for (const watchedNs of watched) {
      const roleName = `${spec.name}-discovery-${ns}`;
      roleFor(this, watchedNs, spec, watchedNs, roleName, ns, NAMESPACED_DISCOVERY_RULES);
    }

    const configFiles = { 'prometheus.yml': renderPrometheusConfig(settings, { kind: 'kubernetes' }, props.scrapeJobs ?? []) };
    const ruleFiles = { ...props.ruleFiles };
    configMap(this, 'config', spec, ns, `${spec.name}-config`, configFiles);
    const ruleShards = ruleConfigMaps(ruleFiles, this.node.path);
    for (const [name, data] of Object.entries(ruleShards)) configMap(this, name, spec, ns, name, data);

    const headless = `${spec.name}-headless`;
    clusterService(this, 'service', spec, ns);
    clusterService(this, 'headless-service', spec, ns, { name: headless, headless: true });

    replicatedWorkload(this, spec, {
      component,
      namespace: ns,
      priorityClassName: settings.priorityClassNames.stack,
      configFiles: { ...configFiles, ...ruleFiles },
      statefulSet: { serviceName: headless, storageClassName: settings.prometheus.storageClassName },
      // Room to finish writing the head block on shutdown.
      podSpec: { terminationGracePeriodSeconds: 600 },
      container: mainContainer(component, {
        args: [
          `--config.file=${CONFIG_DIR}/prometheus.yml`,
          `--storage.tsdb.path=${spec.dataDir}`,
          `--storage.tsdb.retention.time=${settings.prometheus.retention}`,
          `--storage.tsdb.retention.size=${settings.prometheus.retentionSize}`,
          `--web.listen-address=:${spec.web.port}`,
          ...externalUrlArgs(settings.prometheus.externalUrl),
        ],
        volumeMounts: [
          { name: 'config', mountPath: CONFIG_DIR, readOnly: true },
          { name: 'rules', mountPath: RULES_DIR, readOnly: true },
          { name: 'data', mountPath: spec.dataDir },
          SERVICE_ACCOUNT_TOKEN_MOUNT,
        ],
      }),
      volumes: [
        { name: 'config', configMap: { name: `${spec.name}-config` } },
        // Every rule shard in one directory.
        { name: 'rules', projected: { sources: Object.keys(ruleShards).map((name) => ({ configMap: { name } })) } },
        SERVICE_ACCOUNT_TOKEN_VOLUME,
      ],
    });
  }
}
