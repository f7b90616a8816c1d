import { alertOptions, buildAlerts } from '../../config/alerting/definition';
import { tcp } from '../../config/flows';
import { Component, sizingSettings, podsOf } from '../component';
import { prometheusSpec } from '../prometheus/spec';
import { NODE_EXPORTER_ALERTS } from './alerts';
import { systemHealthDashboard } from './dashboards';
import { NodeExporter } from './node-exporter';
import { nodeDetailDashboard } from './node-detail';
import { nodeRecordings } from './recordings';
import { nodeExporterScrapeJobs } from './scrape';
import { nodeExporterSpec } from './spec';

/** node-exporter: host metrics from every node (the only host agent with host access). */
export const nodeExporterComponent: Component<'nodeExporter', 'systemHealth' | 'nodeDetail'> = {
  key: 'nodeExporter',
  settings: sizingSettings('nodeExporter', nodeExporterSpec),
  spec: nodeExporterSpec,
  targets: ['kubernetes', 'docker'],
  placement: 'agents',
  scrapeJobs: nodeExporterScrapeJobs,
  flows: (s) => [
    {
      from: podsOf(prometheusSpec, s.namespace),
      to: podsOf(nodeExporterSpec, s.agentsNamespace, true),
      ports: tcp(nodeExporterSpec.web.port),
      purpose: 'scrape (host network)',
    },
  ],
  alerts: NODE_EXPORTER_ALERTS,
  ruleFiles: (s) => ({
    'recordings.yml': [{ name: 'node-recordings', rules: nodeRecordings() }],
    'infrastructure.yml': [{ name: 'infrastructure', rules: buildAlerts(NODE_EXPORTER_ALERTS, {}, alertOptions(s.alerting)) }],
  }),
  dashboards: {
    systemHealth: { build: systemHealthDashboard, byDefault: () => true, order: 40 },
    nodeDetail: { build: nodeDetailDashboard, byDefault: () => true, order: 50 },
  },
  construct: (scope, s, _wiring, workload) =>
    new NodeExporter(scope, 'node-exporter', {
      ...s.nodeExporter,
      ...workload,
    }),
};
