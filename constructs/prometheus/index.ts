import { buildAlerts, alertOptions } from '../../config/alerting/definition';
import { API_SERVER_PORTS } from '../../config/kubernetes';
import { tcp } from '../../config/flows';
import { byteQuantity } from '../../config/quantity';
import { Component, podsOf } from '../component';
import { PROMETHEUS_ALERTS } from './alerts';
import { stackDashboard } from './dashboards';
import { Prometheus } from './prometheus';
import { prometheusScrapeJobs } from './scrape';
import { prometheusSpec } from './spec';

/** Prometheus: scrapes every target, evaluates the rules, sends alerts. */
export const prometheusComponent: Component = {
  key: 'prometheus',
  spec: prometheusSpec,
  targets: ['kubernetes', 'docker'],
  scrapeJobs: prometheusScrapeJobs,
  flows: (s) => [
    { from: podsOf(prometheusSpec, s.namespace), to: podsOf(prometheusSpec, s.namespace), ports: tcp(prometheusSpec.web.port), purpose: 'self-scrape of every replica' },
    { from: podsOf(prometheusSpec, s.namespace), to: { kind: 'outside', label: 'Kubernetes API' }, ports: tcp(...API_SERVER_PORTS), purpose: 'discovery and API server metrics' },
  ],
  alerts: PROMETHEUS_ALERTS,
  ruleFiles: (s) => ({
    'self-monitoring.yml': [
      {
        name: 'stack-self-monitoring',
        rules: buildAlerts(
          PROMETHEUS_ALERTS,
          {
            serviceJobs: s.services.map((service) => service.name.replace(/[.]/g, '\\.')).join('|'),
            prometheusVolumeBytes: byteQuantity('alerting', 'prometheus.storage', s.prometheus.storage),
          },
          alertOptions(s.alerting),
        ),
      },
    ],
  }),
  dashboards: { stack: { build: stackDashboard, byDefault: () => true } },
  construct: (scope, s, wiring) => new Prometheus(scope, 'prometheus', { ...s.prometheus, namespace: s.namespace, profile: s.profile, priorityClassName: s.priorityClassNames.stack, cluster: s.cluster, environment: s.environment, discovery: s.discovery, watchNamespaces: s.services.map((service) => service.namespace), scrapeJobs: wiring.scrapeJobs, ruleFiles: wiring.ruleFiles, alertmanager: true, networkPolicy: false }),
};
