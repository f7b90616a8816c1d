import { Construct } from 'constructs';
import { AlertDefinition } from '../config/alerting/definition';
import { ComponentSpec } from '../config/component';
import { FolderedDashboard, RenderedDashboard } from '../config/dashboards/layout';
import { ShippedDashboard } from '../config/dashboards/settings';
import { ProvisionedDatasource } from '../config/dashboards/datasources';
import { Flow } from '../config/flows';
import { RuleGroup } from '../config/rules';
import { ScrapeJob, ScrapeTopology } from '../config/scrape';
import { WorkloadProps } from './k8s/standalone';
import { Manifest } from './stack/footprint';
import { ResolvedSettings } from './stack/settings';

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
}

/**
 * Everything the stack needs to know about one component. Each component folder exports one;
 * the registry lists them, and the stack, prometheus.yml, the rule files, the dashboards, the
 * NetworkPolicies, the diagram, the footprint and the Docker target all iterate that list.
 */
export interface Component {
  /** Registry name: the settings key for its overrides (e.g. `nodeExporter`). */
  readonly key: string;
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
  /** Dashboards it ships, by `dashboards.shipped` key. @default none */
  readonly dashboards?: Partial<Record<ShippedDashboard, ShippedDashboardEntry>>;
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
