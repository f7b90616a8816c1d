import { Construct } from 'constructs';
import { ResolvedSettings, StackSettings } from './stack/settings';
import { resolveSettings } from './stack/resolve';
import { probeTargets } from './blackbox-exporter/files';
import { Alertmanager } from './alertmanager/alertmanager';
import { BlackboxExporter } from './blackbox-exporter/blackbox-exporter';
import { Grafana } from './grafana/grafana';
import { KubeStateMetrics } from './kube-state-metrics/kube-state-metrics';
import { StackNamespaces } from './stack/namespaces';
import { StackNetworkPolicies } from './stack/network-policies';
import { NodeExporter } from './node-exporter/node-exporter';
import { Prometheus } from './prometheus/prometheus';

/** Props of ObservabilityStack: the typed stack settings. */
export type ObservabilityStackProps = StackSettings;

/**
 * The whole metrics stack for one profile: namespaces, Prometheus, Alertmanager, Grafana,
 * node-exporter, kube-state-metrics, the blackbox exporter (when services declare probes) and
 * the NetworkPolicies between them. Settings are
 * validated here; a bad value fails with this construct's path, the field and what is allowed.
 */
export class ObservabilityStack extends Construct {
  /** The settings after validation, with every default filled in. */
  readonly settings: ResolvedSettings;
  readonly prometheus: Prometheus;
  readonly alertmanager: Alertmanager;
  readonly grafana: Grafana;
  readonly nodeExporter: NodeExporter;
  readonly kubeStateMetrics: KubeStateMetrics;
  /** Present when a monitored service declares a probe. */
  readonly blackboxExporter?: BlackboxExporter;

  constructor(scope: Construct, id: string, props: ObservabilityStackProps) {
    super(scope, id);
    const settings = resolveSettings(props, this.node.path);
    this.settings = settings;
    new StackNamespaces(this, 'namespaces', { settings });
    this.prometheus = new Prometheus(this, 'prometheus', { settings });
    this.alertmanager = new Alertmanager(this, 'alertmanager', { settings });
    this.grafana = new Grafana(this, 'grafana', { settings });
    this.nodeExporter = new NodeExporter(this, 'node-exporter', { settings });
    this.kubeStateMetrics = new KubeStateMetrics(this, 'kube-state-metrics', { settings });
    // Only where some service declares a probe: an idle prober would be one more thing to run.
    this.blackboxExporter = probeTargets(settings).length > 0 ? new BlackboxExporter(this, 'blackbox-exporter', { settings }) : undefined;
    new StackNetworkPolicies(this, 'network-policies', { settings });
  }
}
