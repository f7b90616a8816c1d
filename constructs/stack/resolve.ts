import { PROFILES, resolveComponent } from '../../config/component';
import { fail } from '../../config/errors';
import { dnsLabel, labelValue } from '../../config/names';
import { isAlertRule, Rule, RuleGroup, validateRuleGroups } from '../../config/rules';
import { checkComponentKeys, checkEachKeys, checkKeys } from '../../config/strict';
import { checkDashboardKeys } from '../../config/dashboards/settings';
import { resolveAlertmanager } from '../alertmanager/settings';
import { validateProbeTargets } from '../blackbox-exporter/files';
import { blackboxExporterSpec } from '../blackbox-exporter/spec';
import { resolveElasticsearch, ResolvedClient } from '../elasticsearch/settings';
import { resolveGrafana } from '../grafana/settings';
import { grafanaReaderClient } from '../elasticsearch/grafana-datasource';
import { resolveKibana } from '../kibana/settings';
import { logstashWriterClient, resolveLogstash } from '../logstash/settings';
import { filebeatWriterClient, resolveFilebeat } from '../filebeat/settings';
import { jaegerClients } from '../jaeger/clients';
import { resolveJaeger } from '../jaeger/settings';
import { elasticsearchSpec } from '../elasticsearch/spec';
import { kubeStateMetricsSpec } from '../kube-state-metrics/spec';
import { nodeExporterSpec } from '../node-exporter/spec';
import { resolveOperator } from '../operator/settings';
import { resolvePrometheus } from '../prometheus/settings';
import { resolveDiscovery, resolveServices } from '../services/settings';
import { validateAlerting } from './alerting-validation';
import { resolveDatabases } from './databases';
import {
  ALERT_RULE_KEYS,
  PRIORITY_CLASS_KEYS,
  RECORDING_RULE_KEYS,
  ResolvedSettings,
  RULE_GROUP_KEYS,
  STACK_KEYS,
  StackSettings,
} from './settings';

/** What operator mode allows for a setting of our own Prometheus: the operator's Prometheus has its own. */
const OPERATOR_PROMETHEUS_ONLY = (chartKey: string) =>
  `unset in operator mode: kube-prometheus-stack's Prometheus takes it from its own chart values (prometheus.${chartKey})`;

/**
 * Validates user settings and fills every default. Throws a SettingsError naming `where`
 * (the construct path or config key), the field, the value and what is allowed.
 */
export function resolveSettings(input: StackSettings, where: string): ResolvedSettings {
  if (!input || typeof input !== 'object' || Array.isArray(input))
    fail(where, 'settings', input, 'an object with at least profile, cluster and environment');
  // Unknown keys first, anywhere in the tree: a misspelt key would otherwise be ignored.
  checkKeys(where, '', input, STACK_KEYS);
  checkKeys(where, 'priorityClassNames', input.priorityClassNames, PRIORITY_CLASS_KEYS);
  checkComponentKeys(where, 'nodeExporter', input.nodeExporter);
  checkComponentKeys(where, 'kubeStateMetrics', input.kubeStateMetrics);
  checkComponentKeys(where, 'blackboxExporter', input.blackboxExporter);
  checkDashboardKeys(where, 'dashboards', input.dashboards);
  checkEachKeys(where, 'ruleGroups', input.ruleGroups, RULE_GROUP_KEYS);
  const groups: readonly RuleGroup[] = Array.isArray(input.ruleGroups) ? input.ruleGroups : [];
  groups.forEach((group, g) => {
    const rules: readonly Rule[] = Array.isArray(group?.rules) ? group.rules : [];
    rules.forEach((rule, r) =>
      checkKeys(where, `ruleGroups[${g}].rules[${r}]`, rule, rule && isAlertRule(rule) ? ALERT_RULE_KEYS : RECORDING_RULE_KEYS),
    );
  });
  if (!PROFILES.includes(input.profile)) fail(where, 'profile', input.profile, PROFILES.map((p) => `"${p}"`).join(' or '));
  const profile = input.profile;
  labelValue(where, 'cluster', input.cluster);
  if (!input.cluster) fail(where, 'cluster', input.cluster, 'a non-empty Kubernetes label value naming the cluster');
  labelValue(where, 'environment', input.environment);
  if (!input.environment)
    fail(where, 'environment', input.environment, 'a non-empty Kubernetes label value such as "dev", "staging" or "prod"');
  const namespace = dnsLabel(where, 'namespace', input.namespace ?? 'monitoring');
  const agentsNamespace = dnsLabel(where, 'agentsNamespace', input.agentsNamespace ?? 'monitoring-agents');
  if (agentsNamespace === namespace)
    fail(
      where,
      'agentsNamespace',
      agentsNamespace,
      `a namespace other than the stack namespace "${namespace}" (host agents need a privileged namespace)`,
    );
  const discovery = resolveDiscovery(where, input.discovery);
  // Operator mode runs kube-prometheus-stack's Prometheus: its remote write and Thanos sidecar are
  // that chart's settings, so ours would silently do nothing there.
  if (input.operator !== undefined) {
    if (input.prometheus?.remoteWrite !== undefined)
      fail(where, 'prometheus.remoteWrite', input.prometheus.remoteWrite, OPERATOR_PROMETHEUS_ONLY('prometheusSpec.remoteWrite'));
    if (input.prometheus?.thanos !== undefined && input.prometheus.thanos !== false)
      fail(where, 'prometheus.thanos', input.prometheus.thanos, OPERATOR_PROMETHEUS_ONLY('prometheusSpec.thanos'));
  }
  const prometheus = resolvePrometheus(where, 'prometheus', profile, {
    ...input.prometheus,
    ...(input.operator !== undefined ? { thanos: false } : {}),
  });
  const services = resolveServices(where, input.services);
  const grafana = resolveGrafana(where, 'grafana', profile, input.grafana);
  const alertmanager = resolveAlertmanager(where, 'alertmanager', profile, input.alertmanager);
  const priorityClassNames = {
    stack: dnsLabel(where, 'priorityClassNames.stack', input.priorityClassNames?.stack ?? 'system-cluster-critical', 253),
    agents: dnsLabel(where, 'priorityClassNames.agents', input.priorityClassNames?.agents ?? 'system-node-critical', 253),
  };
  // The users the stack's own Elasticsearch clients (log shippers, tracers, UIs) write or read as:
  // each such component resolves its settings above and adds its ResolvedClient here.
  // Grafana reads logs as its own user, unless operator mode leaves Grafana to kube-prometheus-stack.
  const elasticsearchClients: ResolvedClient[] = input.operator === undefined ? [grafanaReaderClient(namespace)] : [];
  const esNamespace = input.elasticsearch?.maxMapCount === 'initContainer' ? agentsNamespace : namespace;
  if (input.jaeger !== undefined && input.elasticsearch === undefined)
    fail(
      where,
      'jaeger',
      input.jaeger,
      'unset without the logs store: Jaeger stores spans in settings.elasticsearch (set elasticsearch: {})',
    );
  // Jaeger's index replicas depend on the node count (validated again with the rest of elasticsearch below).
  const esNodes = input.elasticsearch?.replicas ?? elasticsearchSpec.sizing[profile].replicas;
  const jaeger = input.jaeger !== undefined ? resolveJaeger(where, 'jaeger', profile, namespace, { esNodes }, input.jaeger) : undefined;
  if (jaeger) elasticsearchClients.push(...jaegerClients(jaeger, namespace));
  services.forEach((service, i) => {
    if (service.redSource === 'spanMetrics' && !jaeger)
      fail(where, `services[${i}].redSource`, service.redSource, '"own" without tracing: span metrics come from settings.jaeger');
  });
  if (input.kibana !== undefined && input.kibana !== false && input.elasticsearch === undefined)
    fail(where, 'kibana', input.kibana, 'unset or false without the logs store: Kibana comes with settings.elasticsearch');
  if (input.logstash !== undefined && input.logstash !== false && input.elasticsearch === undefined)
    fail(where, 'logstash', input.logstash, 'unset or false without the logs store: Logstash comes with settings.elasticsearch');
  if (input.filebeat !== undefined && input.filebeat !== false && input.elasticsearch === undefined)
    fail(where, 'filebeat', input.filebeat, 'unset or false without the logs store: Filebeat comes with settings.elasticsearch');
  // Logstash and Filebeat come with the logs store unless set to false. Filebeat ships to Logstash
  // when the stack runs it; straight to Elasticsearch (no Logstash, or asked for) it writes as its own user.
  const logstashOn = input.elasticsearch !== undefined && input.logstash !== false;
  const filebeat =
    input.elasticsearch !== undefined && input.filebeat !== false
      ? resolveFilebeat(where, 'filebeat', profile, agentsNamespace, logstashOn, input.filebeat)
      : undefined;
  if (filebeat?.output === 'elasticsearch') elasticsearchClients.push(filebeatWriterClient(agentsNamespace, input.elasticsearch));
  // Logstash writes its log stream as its own user, which the Elasticsearch setup Job creates; its
  // settings are validated once Elasticsearch's (the log streams) are.
  if (logstashOn) elasticsearchClients.push(logstashWriterClient({ dataset: input.logstash?.dataset ?? 'generic', namespace }));
  const elasticsearch =
    input.elasticsearch !== undefined
      ? resolveElasticsearch(where, 'elasticsearch', profile, esNamespace, input.elasticsearch, elasticsearchClients)
      : undefined;
  const logstash = logstashOn
    ? resolveLogstash(where, 'logstash', profile, namespace, elasticsearch!.logStreams, input.logstash || {})
    : undefined;
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
    databases: resolveDatabases(where, profile, input.databases),
    ...(elasticsearch ? { elasticsearch } : {}),
    ...(input.elasticsearch !== undefined && input.kibana !== false
      ? { kibana: resolveKibana(where, 'kibana', profile, namespace, input.kibana) }
      : {}),
    ...(logstash ? { logstash } : {}),
    ...(filebeat ? { filebeat } : {}),
    ...(jaeger ? { jaeger } : {}),
    ...(input.operator !== undefined ? { operator: resolveOperator(where, 'operator', input.operator) } : {}),
    priorityClassNames,
    ruleGroups,
    alerting: input.alerting ?? {},
    dashboards: input.dashboards ?? {},
  };
  validateAlerting(resolved, where);
  validateProbeTargets(resolved, where);
  return resolved;
}
