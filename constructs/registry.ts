import { alertmanagerComponent } from './alertmanager';
import { blackboxExporterComponent } from './blackbox-exporter';
import { cadvisorComponent } from './cadvisor';
import { Component, SettingsKey, Target, workloadSpecs } from './component';
import { datastoresComponent } from './datastores';
import { elasticsearchComponent } from './elasticsearch';
import { filebeatComponent } from './filebeat';
import { grafanaComponent } from './grafana';
import { kubeStateMetricsComponent } from './kube-state-metrics';
import { kafkaExporterComponent } from './kafka-exporter';
import { jaegerComponent } from './jaeger';
import { kibanaComponent } from './kibana';
import { logstashComponent } from './logstash';
import { kubernetesComponent } from './kubernetes';
import { mysqldExporterComponent } from './mysqld-exporter';
import { nodeExporterComponent } from './node-exporter';
import { operatorComponent } from './operator';
import { OPERATOR_REPLACES } from './operator/settings';
import { postgresExporterComponent } from './postgres-exporter';
import { prometheusComponent } from './prometheus';
import { redisExporterComponent } from './redis-exporter';
import { servicesComponent } from './services';
import { thanosQueryComponent } from './thanos-query';
import { ComponentSpec } from '../config/component';
import { ProvisionedDatasource } from '../config/dashboards/datasources';
import { ScrapeJob, ScrapeTopology } from '../config/scrape';
import { provisionedDatasourceUids } from './grafana/provisioning';
import { renderPrometheusConfig, renderScrapeFiles } from './prometheus/files';
import { serviceJobNames } from './services/scrape';
import { ResolvedSettings, STACK_LEVEL_KEYS, StackLevelKey, StackSettings } from './stack/settings';
import { ShippedDashboard } from '../config/dashboards/settings';

/**
 * Every component of the stack, in the order they appear in manifests and prometheus.yml.
 * Adding a component is one folder plus one line here: the folder's index.ts exports its
 * Component (settings keys and their resolution, dashboards, workloads, flows, alerts), its
 * settings.ts adds its keys to StackSettings and ResolvedSettings by interface merging.
 */
export const COMPONENTS = [
  prometheusComponent,
  thanosQueryComponent,
  alertmanagerComponent,
  grafanaComponent,
  nodeExporterComponent,
  kubeStateMetricsComponent,
  kubernetesComponent,
  cadvisorComponent,
  servicesComponent,
  blackboxExporterComponent,
  datastoresComponent,
  postgresExporterComponent,
  mysqldExporterComponent,
  redisExporterComponent,
  kafkaExporterComponent,
  elasticsearchComponent,
  kibanaComponent,
  logstashComponent,
  filebeatComponent,
  jaegerComponent,
  operatorComponent,
] as const satisfies readonly Component[];

/** The settings keys a component type owns (`Component<K, D>`). */
type OwnedKeys<C> = C extends Component<infer K, ShippedDashboard> ? K : never;
/** The dashboard names a component type ships. */
type OwnedDashboards<C> = C extends Component<SettingsKey, infer D> ? D : never;
type Registered = (typeof COMPONENTS)[number];

/**
 * Compile-time checks (tsc fails on the line below naming the key): every key of StackSettings
 * is stack-level or owned by a registered component, and every shipped dashboard name is a
 * registered component's; no component leaves its type parameters at their defaults (that
 * would own every key and hide a missing one).
 */
type Unowned = Exclude<keyof StackSettings | keyof ResolvedSettings, StackLevelKey | OwnedKeys<Registered>>;
type Unshipped = Exclude<ShippedDashboard, OwnedDashboards<Registered>>;
/** `'none'` when `T` is empty; otherwise `T` itself, to which `'none'` is not assignable (the error names what is missing). */
type NoneOf<T> = [T] extends [never] ? 'none' : T;
const unowned: NoneOf<Unowned> = 'none';
const unshipped: NoneOf<Unshipped> = 'none';
type Vague<C> = C extends unknown
  ? SettingsKey extends OwnedKeys<C>
    ? C
    : ShippedDashboard extends OwnedDashboards<C>
      ? C
      : never
  : never;
const vague: NoneOf<Vague<Registered>> = 'none';
void [unowned, unshipped, vague];

/**
 * Every key of StackSettings: the stack-level ones, with the registered components' (in registry
 * order) after the stack's identity and namespaces, before the keys every component shares.
 */
const SHARED_FROM = STACK_LEVEL_KEYS.indexOf('priorityClassNames');
export const STACK_KEYS: readonly string[] = [
  ...STACK_LEVEL_KEYS.slice(0, SHARED_FROM),
  ...COMPONENTS.flatMap((c: Component) => c.settings?.keys ?? []),
  ...STACK_LEVEL_KEYS.slice(SHARED_FROM),
];

/** Every shipped dashboard's name (`dashboards.shipped` keys), in the order they are built (their `order`). */
export const SHIPPED_DASHBOARDS: readonly ShippedDashboard[] = COMPONENTS.flatMap((c: Component) =>
  Object.entries(c.dashboards ?? {}).map(([name, entry]) => ({ name: name as ShippedDashboard, order: entry!.order })),
)
  .sort((a, b) => a.order - b.order)
  .map((d) => d.name);

/** The components that are part of a stack with these settings (operator mode leaves out those the operator's stack replaces). */
export function enabledComponents(settings: ResolvedSettings): Component[] {
  const replaced = settings.operator ? OPERATOR_REPLACES : [];
  return (COMPONENTS as readonly Component[]).filter((c) => (c.enabled?.(settings) ?? true) && !replaced.includes(c.key));
}

/** The enabled components whose workload runs on a target. */
export function workloadComponents(settings: ResolvedSettings, target: Target): Component[] {
  return enabledComponents(settings).filter((c) => c.spec && c.targets.includes(target));
}

/** Every workload the enabled components run on a target, one per instance, with its component. */
export function stackWorkloads(settings: ResolvedSettings, target: Target): Array<{ component: Component; spec: ComponentSpec }> {
  return workloadComponents(settings, target).flatMap((component) =>
    workloadSpecs(component, settings).map((spec) => ({ component, spec })),
  );
}

/** Every scrape job of the enabled components, in registry order. */
export function stackScrapeJobs(settings: ResolvedSettings, topology: ScrapeTopology): ScrapeJob[] {
  return enabledComponents(settings).flatMap((c) => c.scrapeJobs?.(settings, topology) ?? []);
}

/** `prometheus.yml` of the whole stack for a topology (the services' jobs are in stackScrapeFiles). */
export function stackPrometheusConfig(settings: ResolvedSettings, topology: ScrapeTopology): string {
  return renderPrometheusConfig(settings, topology, stackScrapeJobs(settings, topology), { fileJobs: serviceJobNames(settings) });
}

/** The scrape-job files of the whole stack for a topology (`<service>.yml`, read through `scrape_config_files`). */
export function stackScrapeFiles(settings: ResolvedSettings, topology: ScrapeTopology): Record<string, string> {
  return renderScrapeFiles(stackScrapeJobs(settings, topology), serviceJobNames(settings), 'prometheus');
}

/** The catalog entry of each workload component, by its registry key. */
export const COMPONENT_SPECS: Readonly<Record<string, ComponentSpec>> = Object.fromEntries(
  COMPONENTS.flatMap((c) => (c.spec ? [[c.key, c.spec]] : [])),
);

/** The Grafana datasources the enabled components add, in registry order; their UIDs are unique. */
export function stackGrafanaDatasources(settings: ResolvedSettings): ProvisionedDatasource[] {
  return enabledComponents(settings).flatMap((c) => c.grafanaDatasources?.(settings) ?? []);
}

/** The UIDs of every datasource Grafana provisions for these settings (its own and the components'), which dashboards may name. */
export function stackDatasourceUids(settings: ResolvedSettings): string[] {
  return provisionedDatasourceUids(stackGrafanaDatasources(settings));
}
