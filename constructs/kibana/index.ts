import { alertOptions, buildAlerts } from '../../config/alerting/definition';
import { Component } from '../component';
import { fail } from '../../config/errors';
import { resolveKibana } from './settings';
import { jaegerTraceUrl } from '../jaeger/grafana-datasource';
import { elasticsearchNamespace } from '../elasticsearch';
import { KIBANA_ALERTS, KIBANA_RULE_FILE } from './alerts';
import { logsAuditDashboard } from './dashboards';
import { kibanaFlows } from './flows';
import { Kibana } from './kibana';
import { kibanaSetupSpec, kibanaSpec } from './spec';

/**
 * Kibana, the logs UI: on with Elasticsearch (`kibana: false` leaves it out), in the stack
 * namespace (Pod Security `restricted`, even when Elasticsearch runs in the agents namespace), with
 * its setup Job (data views, saved searches), the KibanaDown probe alert and the log audit dashboard.
 */
export const kibanaComponent: Component<'kibana', 'logsAudit'> = {
  key: 'kibana',
  settings: {
    keys: ['kibana'],
    resolve: ({ where, profile, namespace, input }) => {
      if (input.kibana !== undefined && input.kibana !== false && input.elasticsearch === undefined)
        fail(where, 'kibana', input.kibana, 'unset or false without the logs store: Kibana comes with settings.elasticsearch');
      return input.elasticsearch !== undefined && input.kibana !== false
        ? { kibana: resolveKibana(where, 'kibana', profile, namespace, input.kibana) }
        : {};
    },
  },
  spec: kibanaSpec,
  targets: ['kubernetes', 'docker'],
  // On Docker: Kibana and its setup Job, each a container, from the synthesized pods.
  dockerSpecs: () => [kibanaSpec, kibanaSetupSpec],
  enabled: (s) => s.kibana !== undefined,
  // No job of its own: Kibana has no Prometheus endpoint. Its status API is a target of the
  // blackbox exporter's probes job (blackbox-exporter/files.ts probeTargets), which KibanaDown reads.
  scrapeJobs: () => [],
  flows: (s) =>
    s.kibana && s.elasticsearch
      ? kibanaFlows({ namespace: s.kibana.namespace, esNamespace: elasticsearchNamespace(s), proberNamespace: s.namespace })
      : [],
  alerts: KIBANA_ALERTS,
  ruleFiles: (s) => ({
    [KIBANA_RULE_FILE]: [{ name: 'kibana', rules: buildAlerts(KIBANA_ALERTS, {}, alertOptions(s.alerting)) }],
  }),
  dashboards: { logsAudit: { build: logsAuditDashboard, byDefault: () => true, order: 120 } },
  construct: (scope, s, _wiring, workload) =>
    new Kibana(scope, 'kibana', {
      ...s.kibana!.input,
      ...workload,
      elasticsearch: s.elasticsearch!.input,
      elasticsearchNamespace: elasticsearchNamespace(s),
      proberNamespace: s.namespace,
      ...(s.jaeger ? { traceUrl: jaegerTraceUrl(s.jaeger) } : {}),
    }),
};
