import { PROFILES, resolveComponent } from '../../config/component';
import { fail } from '../../config/errors';
import { dnsLabel, labelValue } from '../../config/names';
import { validateRuleGroups } from '../../config/rules';
import { resolveAlertmanager } from '../alertmanager/settings';
import { validateProbeTargets } from '../blackbox-exporter/files';
import { blackboxExporterSpec } from '../blackbox-exporter/spec';
import { resolveGrafana } from '../grafana/settings';
import { kubeStateMetricsSpec } from '../kube-state-metrics/spec';
import { nodeExporterSpec } from '../node-exporter/spec';
import { resolvePrometheus } from '../prometheus/settings';
import { resolveDiscovery, resolveServices } from '../services/settings';
import { validateAlerting } from './alerting-validation';
import { ResolvedSettings, StackSettings } from './settings';

/**
 * Validates user settings and fills every default. Throws a SettingsError naming `where`
 * (the construct path or config key), the field, the value and what is allowed.
 */
export function resolveSettings(input: StackSettings, where: string): ResolvedSettings {
  if (!input || typeof input !== 'object') fail(where, 'settings', input, 'an object with at least profile, cluster and environment');
  if (!PROFILES.includes(input.profile)) fail(where, 'profile', input.profile, PROFILES.map((p) => `"${p}"`).join(' or '));
  const profile = input.profile;
  labelValue(where, 'cluster', input.cluster);
  if (!input.cluster) fail(where, 'cluster', input.cluster, 'a non-empty Kubernetes label value naming the cluster');
  labelValue(where, 'environment', input.environment);
  if (!input.environment) fail(where, 'environment', input.environment, 'a non-empty Kubernetes label value such as "dev", "staging" or "prod"');
  const namespace = dnsLabel(where, 'namespace', input.namespace ?? 'monitoring');
  const agentsNamespace = dnsLabel(where, 'agentsNamespace', input.agentsNamespace ?? 'monitoring-agents');
  if (agentsNamespace === namespace) fail(where, 'agentsNamespace', agentsNamespace, `a namespace other than the stack namespace "${namespace}" (host agents need a privileged namespace)`);
  const discovery = resolveDiscovery(where, input.discovery);
  const prometheus = resolvePrometheus(where, 'prometheus', profile, input.prometheus);
  const services = resolveServices(where, input.services);
  const grafana = resolveGrafana(where, 'grafana', profile, input.grafana);
  const alertmanager = resolveAlertmanager(where, 'alertmanager', profile, input.alertmanager);
  const priorityClassNames = {
    stack: dnsLabel(where, 'priorityClassNames.stack', input.priorityClassNames?.stack ?? 'system-cluster-critical', 253),
    agents: dnsLabel(where, 'priorityClassNames.agents', input.priorityClassNames?.agents ?? 'system-node-critical', 253),
  };
  const ruleGroups = input.ruleGroups ?? [];
  validateRuleGroups(where, 'ruleGroups', ruleGroups);

  const resolved: ResolvedSettings = {
    profile,
    cluster: input.cluster,
    environment: input.environment,
    namespace,
    agentsNamespace,
    discovery,
    services,
    prometheus,
    alertmanager,
    grafana,
    nodeExporter: resolveComponent(where, 'nodeExporter', nodeExporterSpec, profile, input.nodeExporter),
    kubeStateMetrics: resolveComponent(where, 'kubeStateMetrics', kubeStateMetricsSpec, profile, input.kubeStateMetrics),
    blackboxExporter: resolveComponent(where, 'blackboxExporter', blackboxExporterSpec, profile, input.blackboxExporter),
    priorityClassNames,
    ruleGroups,
    alerting: input.alerting ?? {},
    dashboards: input.dashboards ?? {},
  };
  validateProbeTargets(resolved, where);
  validateAlerting(resolved, where);
  return resolved;
}
