import { Construct } from 'constructs';
import { stackWorkloadProps, StackWiring } from './component';
import { enabledComponents, stackGrafanaDatasources, stackScrapeJobs } from './registry';
import { renderRuleFiles } from './stack/alerting';
import { stackDashboards } from './stack/dashboards';
import { StackNamespaces } from './stack/namespaces';
import { StackNetworkPolicies } from './stack/network-policies';
import { annotateWarnings } from './stack/warnings';
import { resolveSettings } from './stack/resolve';
import { ResolvedSettings, StackSettings } from './stack/settings';

/** Props of ObservabilityStack: the typed stack settings. */
export type ObservabilityStackProps = StackSettings;

/**
 * The whole stack for one profile: the namespaces, every enabled component of the registry
 * (Prometheus, Alertmanager, Grafana, node-exporter, kube-state-metrics, the blackbox exporter
 * when services declare probes) wired together, and the NetworkPolicies between them. Settings
 * are validated here; a bad value fails with this construct's path, the field and what is allowed.
 */
export class ObservabilityStack extends Construct {
  /** The settings after validation, with every default filled in. */
  readonly settings: ResolvedSettings;
  /** The construct of each enabled component that runs on Kubernetes, by registry key. */
  readonly components: Readonly<Record<string, Construct>>;

  constructor(scope: Construct, id: string, props: ObservabilityStackProps) {
    super(scope, id);
    const settings = resolveSettings(props, this.node.path);
    this.settings = settings;
    new StackNamespaces(this, 'namespaces', { settings });
    const wiring: StackWiring = {
      scrapeJobs: stackScrapeJobs(settings, { kind: 'kubernetes' }),
      ruleFiles: renderRuleFiles(settings),
      dashboards: stackDashboards(settings),
      datasources: stackGrafanaDatasources(settings),
    };
    const components: Record<string, Construct> = {};
    for (const component of enabledComponents(settings)) {
      if (component.construct && component.targets.includes('kubernetes'))
        components[component.key] = component.construct(this, settings, wiring, stackWorkloadProps(component, settings));
    }
    this.components = components;
    new StackNetworkPolicies(this, 'network-policies', { settings });
    // Warnings (e.g. no receiver configured) reach library users as construct metadata.
    annotateWarnings(this, settings);
  }
}
