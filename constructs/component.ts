import { Construct } from 'constructs';
import { AlertDefinition } from '../config/alerting/definition';
import { ComponentSettings, ComponentSpec, Profile, resolveComponent } from '../config/component';
import { FolderedDashboard, RenderedDashboard } from '../config/dashboards/layout';
import { ShippedDashboard } from '../config/dashboards/settings';
import { ProvisionedDatasource } from '../config/dashboards/datasources';
import { ResolvedClient } from '../config/elasticsearch-clients';
import { Flow } from '../config/flows';
import { RuleGroup } from '../config/rules';
import { ScrapeJob, ScrapeTopology } from '../config/scrape';
import { checkComponentKeys } from '../config/strict';
import { WorkloadProps } from './k8s/standalone';
import { Manifest } from './stack/footprint';
import { ResolvedSettings, StackLevelKey, StackSettings } from './stack/settings';

/** What the stack hands each construct: the parts every component contributes to. */
export interface StackWiring {
  /** `scrape_configs` of every enabled component, for the Kubernetes topology. */
  readonly scrapeJobs: readonly ScrapeJob[];
  /** Rule files (name -> YAML) of every enabled component and of the user. */
  readonly ruleFiles: Readonly<Record<string, string>>;
  /** Dashboards of every enabled component and of the user. */
  readonly dashboards: readonly RenderedDashboard[];
  /** Grafana datasources of every enabled component, beyond Prometheus and Alertmanager. */
  readonly datasources: readonly ProvisionedDatasource[];
}

/** The namespace a workload runs in: the stack's, or the agents' (Pod Security `privileged`). */
export type Placement = 'stack' | 'agents';

/** Where a component runs. */
export type Target = 'kubernetes' | 'docker';

/** A dashboard a component ships, switched by `dashboards.shipped.<key>`. */
export interface ShippedDashboardEntry {
  /** Builds the dashboard. */
  readonly build: (settings: ResolvedSettings) => FolderedDashboard;
  /** Whether it is on when `dashboards.shipped` does not say. */
  readonly byDefault: (settings: ResolvedSettings) => boolean;
  /**
   * Its place among the shipped dashboards, unique (ascending): the order they are built in, the
   * operator's Grafana sidecar ConfigMaps are written in, and `dashboards.shipped` lists them in errors.
   */
  readonly order: number;
}

/**
 * A settings key a component owns: a key of StackSettings (and of ResolvedSettings) that its
 * folder adds by interface merging (`declare module '../stack/settings'`), not a stack-level one.
 */
export type SettingsKey = Exclude<keyof StackSettings & keyof ResolvedSettings, StackLevelKey>;

/** What a component's settings resolve from: the input, the stack-level settings, and the other components' resolved settings. */
export interface SettingsContext {
  /** The construct path or config key errors name. */
  readonly where: string;
  /** The settings as given, every key (the component's own and the others'). */
  readonly input: StackSettings;
  /** The profile, validated. */
  readonly profile: Profile;
  /** The stack namespace, validated. */
  readonly namespace: string;
  /** The host agents' namespace, validated. */
  readonly agentsNamespace: string;
  /**
   * The resolved settings of another component's key, resolving that component first if it has
   * not resolved yet (each resolves once; a component that needs itself back is a programming error).
   */
  readonly resolved: <K extends SettingsKey>(key: K) => ResolvedSettings[K];
  /** The Elasticsearch clients the components contribute (their `elasticsearchClients` hooks), in reverse registry order. */
  readonly elasticsearchClients: () => ResolvedClient[];
}

/** How a component's settings keys are checked and resolved (the stack assembles StackSettings, `STACK_KEYS` and resolution from these). */
export interface SettingsHook<K extends SettingsKey = SettingsKey> {
  /** The StackSettings keys it owns; each is also a ResolvedSettings key. */
  readonly keys: readonly K[];
  /** Checks the keys of its settings objects before anything resolves (a misspelt key must not be ignored). @default none */
  readonly checkKeys?: (where: string, input: StackSettings) => void;
  /** Validates its keys and fills their defaults; a key left out is unset (the component is off). */
  readonly resolve: (context: SettingsContext) => Partial<Pick<ResolvedSettings, K>>;
  /** The Elasticsearch users it writes or reads as, from the input and the other components' settings. @default none */
  readonly elasticsearchClients?: (context: SettingsContext) => ResolvedClient[];
  /** Checks that need every component's resolved settings (after resolution, in registry order). @default none */
  readonly validate?: (settings: ResolvedSettings, where: string) => void;
}

/**
 * The settings hook of a component whose settings key holds only its catalog overrides
 * (`ComponentSettings`: replicas, resources, storage), resolved against `spec`'s sizing for the profile.
 */
export function sizingSettings<K extends SettingsKey>(key: K, spec: ComponentSpec): SettingsHook<K> {
  const overrides = (input: StackSettings) => input[key] as ComponentSettings | undefined;
  return {
    keys: [key],
    checkKeys: (where, input) => checkComponentKeys(where, key, overrides(input)),
    resolve: ({ where, profile, input }) =>
      ({ [key]: resolveComponent(where, key, spec, profile, overrides(input)) }) as Partial<Pick<ResolvedSettings, K>>,
  };
}

/**
 * Everything the stack needs to know about one component. Each component folder exports one;
 * the registry lists them, and the stack, prometheus.yml, the rule files, the dashboards, the
 * NetworkPolicies, the diagram, the footprint and the Docker target all iterate that list.
 */
export interface Component<K extends SettingsKey = SettingsKey, D extends ShippedDashboard = ShippedDashboard> {
  /** Registry name (e.g. `nodeExporter`); usually the settings key of its overrides. */
  readonly key: string;
  /** The settings keys it owns and how they resolve (`K`: those keys, `never` for none). @default none */
  readonly settings?: SettingsHook<K>;
  /** Catalog entry of the workload it runs, if it runs one. */
  readonly spec?: ComponentSpec;
  /**
   * The workloads it runs for these settings, when that is not one workload named `spec.name`:
   * the database exporters run one per declared instance, each named `<spec.name>-<instance>`.
   * @default `[spec]`
   */
  readonly instances?: (settings: ResolvedSettings) => ComponentSpec[];
  /** Targets on which its workload runs; empty for components that only add scrape jobs, rules or flows. */
  readonly targets: readonly Target[];
  /** Where its workload runs: the stack namespace, or the privileged agents namespace (host agents). @default `stack` */
  readonly placement?: Placement | ((settings: ResolvedSettings) => Placement);
  /** Whether the stack includes it for these settings (e.g. the blackbox exporter only with probes). @default always */
  readonly enabled?: (settings: ResolvedSettings) => boolean;
  /** Jobs it adds to `scrape_configs`. @default none */
  readonly scrapeJobs?: (settings: ResolvedSettings, topology: ScrapeTopology) => ScrapeJob[];
  /** Network flows it takes part in (NetworkPolicies and the diagram). @default none */
  readonly flows?: (settings: ResolvedSettings) => Flow[];
  /** The alerts it ships (runbook pages and override validation read this list). @default none */
  readonly alerts?: ReadonlyArray<AlertDefinition<never>>;
  /** Rule groups it ships, by rule file; groups of the same name in one file are merged. @default none */
  readonly ruleFiles?: (settings: ResolvedSettings) => Record<string, RuleGroup[]>;
  /** Grafana datasources it adds (e.g. Elasticsearch for logs), with the Secrets they read. @default none */
  readonly grafanaDatasources?: (settings: ResolvedSettings) => ProvisionedDatasource[];
  /** Dashboards it ships, by `dashboards.shipped` key (`D`: those keys, `never` for none). @default none */
  readonly dashboards?: Partial<Record<D, ShippedDashboardEntry>>;
  /**
   * Workloads that exist only on Docker (stand-ins for Kubernetes facilities, or a Docker shape of
   * a synthesized workload), as pod manifests the Docker target translates like the synthesized ones. @default none
   */
  readonly dockerWorkloads?: (settings: ResolvedSettings) => Manifest[];
  /**
   * Catalog entries of every container it runs on Docker, each the workload labelled with its
   * name (a Docker-only workload of that name wins over the synthesized one). @default its `spec`
   */
  readonly dockerSpecs?: (settings: ResolvedSettings) => ComponentSpec[];
  /** What about these settings deploys but probably not as meant, one sentence each (`stackWarnings`). @default none */
  readonly warnings?: (settings: ResolvedSettings) => string[];
  /** Adds its cdk8s construct to a stack. @default nothing on Kubernetes */
  readonly construct?: (scope: Construct, settings: ResolvedSettings, wiring: StackWiring, workload: WorkloadProps) => Construct;
}

/** Flow peer of a stack component's pods. */
export function podsOf(spec: ComponentSpec, namespace: string, hostNetwork = false) {
  return { kind: 'component' as const, name: spec.name, namespace, ...(hostNetwork ? { hostNetwork } : {}) };
}

/** The catalog entries of the workloads a component runs for these settings (one per instance). */
export function workloadSpecs(component: Component, settings: ResolvedSettings): ComponentSpec[] {
  return component.instances?.(settings) ?? (component.spec ? [component.spec] : []);
}

/** Where a component's workload runs for these settings. */
export function placementOf(component: Component, settings: ResolvedSettings): Placement {
  const placement = component.placement ?? 'stack';
  return typeof placement === 'function' ? placement(settings) : placement;
}

/** The namespace of a component's workload. */
export function namespaceOf(component: Component, settings: ResolvedSettings): string {
  return placementOf(component, settings) === 'agents' ? settings.agentsNamespace : settings.namespace;
}

/**
 * The WorkloadProps of a construct ObservabilityStack creates: its namespace, the profile and the
 * PriorityClass of its placement; the stack writes every NetworkPolicy itself.
 */
export function stackWorkloadProps(component: Component, settings: ResolvedSettings): WorkloadProps {
  return {
    namespace: namespaceOf(component, settings),
    profile: settings.profile,
    priorityClassName: settings.priorityClassNames[placementOf(component, settings)],
    networkPolicy: false,
  };
}
