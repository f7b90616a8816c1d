import { alertOptions, buildAlerts } from '../../config/alerting/definition';
import { Component } from '../component';
import { resolveGrafana } from './settings';
import { prometheusQueryUrl } from '../thanos-query/files';
import { GRAFANA_ALERTS } from './alerts';
import { checkedAlertingModel } from './alerting';
import { Grafana } from './grafana';
import { grafanaScrapeJobs } from './scrape';
import { grafanaSpec } from './spec';
import { grafanaFlows } from './flows';

/** Grafana: provisioned datasources and dashboards, stateless. */
export const grafanaComponent: Component<'grafana', never> = {
  key: 'grafana',
  settings: {
    keys: ['grafana'],
    resolve: ({ where, profile, input }) => ({ grafana: resolveGrafana(where, 'grafana', profile, input.grafana) }),
  },
  spec: grafanaSpec,
  targets: ['kubernetes', 'docker'],
  scrapeJobs: grafanaScrapeJobs,
  flows: grafanaFlows,
  alerts: GRAFANA_ALERTS,
  ruleFiles: (s) => ({
    'self-monitoring.yml': [{ name: 'stack-self-monitoring', rules: buildAlerts(GRAFANA_ALERTS, {}, alertOptions(s.alerting)) }],
  }),
  construct: (scope, s, wiring, workload) => {
    // The stack's names first: a rule naming an unknown datasource or folder is a `grafana.alerts` error.
    checkedAlertingModel(scope.node.path, 'grafana.alerts', s.grafana.alerts, wiring.dashboards, wiring.datasources);
    return new Grafana(scope, 'grafana', {
      ...s.grafana,
      ...workload,
      dashboards: wiring.dashboards,
      datasources: wiring.datasources,
      prometheusUrl: prometheusQueryUrl(s),
    });
  },
};
