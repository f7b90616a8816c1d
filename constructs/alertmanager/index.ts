import { alertOptions, buildAlerts } from '../../config/alerting/definition';
import { Component } from '../component';
import { resolveAlertmanager } from './settings';
import { ALERTMANAGER_ALERTS } from './alerts';
import { Alertmanager } from './alertmanager';
import { alertsDashboard } from './dashboards';
import { receiverWarnings } from './files';
import { alertmanagerFlows } from './flows';
import { alertmanagerScrapeJobs } from './scrape';
import { alertmanagerSpec } from './spec';

/** Alertmanager: groups, routes, silences and inhibits alerts; a gossip cluster in prod. */
export const alertmanagerComponent: Component<'alertmanager', 'alerts'> = {
  key: 'alertmanager',
  settings: {
    keys: ['alertmanager'],
    resolve: ({ where, profile, input }) => ({ alertmanager: resolveAlertmanager(where, 'alertmanager', profile, input.alertmanager) }),
  },
  spec: alertmanagerSpec,
  targets: ['kubernetes', 'docker'],
  scrapeJobs: alertmanagerScrapeJobs,
  flows: alertmanagerFlows,
  alerts: ALERTMANAGER_ALERTS,
  ruleFiles: (s) => ({
    'self-monitoring.yml': [{ name: 'stack-self-monitoring', rules: buildAlerts(ALERTMANAGER_ALERTS, {}, alertOptions(s.alerting)) }],
  }),
  // A receiver left out because its secret is not configured, or no receiver at all.
  warnings: receiverWarnings,
  dashboards: { alerts: { build: alertsDashboard, byDefault: () => true, order: 30 } },
  construct: (scope, s, _wiring, workload) =>
    new Alertmanager(scope, 'alertmanager', {
      ...s.alertmanager,
      ...workload,
      alerting: s.alerting,
    }),
};
