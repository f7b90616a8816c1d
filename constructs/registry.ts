import { alertmanagerSpec } from './alertmanager/spec';
import { blackboxExporterSpec } from './blackbox-exporter/spec';
import { cadvisorSpec } from './cadvisor/spec';
import { grafanaSpec } from './grafana/spec';
import { kubeStateMetricsSpec } from './kube-state-metrics/spec';
import { nodeExporterSpec } from './node-exporter/spec';
import { prometheusSpec } from './prometheus/spec';

/** The catalog entry of every component, by its settings key. */
export const COMPONENT_SPECS = {
  prometheus: prometheusSpec,
  alertmanager: alertmanagerSpec,
  grafana: grafanaSpec,
  nodeExporter: nodeExporterSpec,
  kubeStateMetrics: kubeStateMetricsSpec,
  blackboxExporter: blackboxExporterSpec,
  cadvisor: cadvisorSpec,
} as const;
