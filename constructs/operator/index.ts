import { Component } from '../component';
import { resolveOperator } from './settings';
import { renderAlertmanagerConfig } from '../alertmanager/files';
import { OperatorObjects } from './operator';

/**
 * Operator interop mode (`operator` set): instead of the stack's Prometheus, Alertmanager and
 * Grafana (the registry leaves them out, see OPERATOR_REPLACES), the objects an existing
 * kube-prometheus-stack reads. Runs no workload of its own.
 */
export const operatorComponent: Component<'operator', never> = {
  key: 'operator',
  settings: {
    keys: ['operator'],
    resolve: ({ where, input }) => (input.operator !== undefined ? { operator: resolveOperator(where, 'operator', input.operator) } : {}),
  },
  targets: ['kubernetes'],
  enabled: (s) => s.operator !== undefined,
  construct: (scope, s, wiring) =>
    new OperatorObjects(scope, 'operator', {
      operator: s.operator!,
      namespace: s.namespace,
      scrapeJobs: wiring.scrapeJobs,
      ruleFiles: wiring.ruleFiles,
      alertmanagerYml: renderAlertmanagerConfig(s),
      dashboards: wiring.dashboards,
    }),
};
