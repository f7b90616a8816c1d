// Every component's settings key as a consumer writes it: each comes from the component's own
// folder (interface merging), so this compiles only if the package's declarations carry them all.
import type { ResolvedSettings, ShippedDashboard, StackSettings } from 'typed-observability-stack';

export const everyKey: StackSettings = {
  profile: 'dev',
  cluster: 'consumer-cluster',
  environment: 'dev',
  namespace: 'monitoring',
  agentsNamespace: 'monitoring-agents',
  discovery: { scope: 'cluster' },
  services: [{ name: 'orders-api', namespace: 'orders', port: 8080 }],
  prometheus: { retention: '15d' },
  alertmanager: { replicas: 1 },
  grafana: { replicas: 1 },
  nodeExporter: { resources: { requests: { cpu: '20m', memory: '32Mi' }, limits: { cpu: '100m', memory: '64Mi' } } },
  kubeStateMetrics: {},
  blackboxExporter: {},
  databases: { postgres: [] },
  elasticsearch: {},
  kibana: false,
  logstash: { heap: '256m', pipelineWorkers: 1, dataset: 'generic', geoip: false },
  filebeat: false,
  jaeger: {},
  operator: undefined,
  priorityClassNames: { stack: 'observability' },
  ruleGroups: [],
  alerting: {},
  dashboards: { shipped: { tracing: false, loggingPipeline: true, systemHealth: true, datastores: false } },
};

/** Resolved settings carry the components' keys too. */
export function logstashNamespace(settings: ResolvedSettings): string | undefined {
  return settings.logstash?.namespace;
}

export const shipped: readonly ShippedDashboard[] = ['service', 'slo', 'stack', 'alerts', 'logsAudit', 'tracing'];
