import { buildAlerts, alertOptions } from '../../config/alerting/definition';
import { byteQuantity } from '../../config/quantity';
import { Component } from '../component';
import { PROMETHEUS_ALERTS } from './alerts';
import { stackDashboard } from './dashboards';
import { Prometheus } from './prometheus';
import { prometheusScrapeJobs } from './scrape';
import { prometheusSpec } from './spec';
import { prometheusFlows } from './flows';
import { thanosSettingsOf } from '../thanos-query/settings';
import { serviceJobNames } from '../services/scrape';

/** Namespaces the scrape jobs discover in (`kubernetes_sd_configs[].namespaces.names`), e.g. a component in the agents namespace. */
function scrapedNamespaces(jobs: ReadonlyArray<Record<string, unknown>>): string[] {
  const configs = jobs.flatMap((job) => (job.kubernetes_sd_configs as Array<{ namespaces?: { names?: string[] } }> | undefined) ?? []);
  return configs.flatMap((config) => config.namespaces?.names ?? []);
}

/** Prometheus: scrapes every target, evaluates the rules, sends alerts. */
export const prometheusComponent: Component = {
  key: 'prometheus',
  spec: prometheusSpec,
  targets: ['kubernetes', 'docker'],
  scrapeJobs: prometheusScrapeJobs,
  flows: prometheusFlows,
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
  construct: (scope, s, wiring, workload) =>
    new Prometheus(scope, 'prometheus', {
      ...s.prometheus,
      thanos: thanosSettingsOf(s.prometheus.thanos),
      ...workload,
      cluster: s.cluster,
      environment: s.environment,
      discovery: s.discovery,
      watchNamespaces: [...new Set([...s.services.map((service) => service.namespace), ...scrapedNamespaces(wiring.scrapeJobs)])],
      scrapeJobs: wiring.scrapeJobs,
      scrapeFileJobs: serviceJobNames(s),
      ruleFiles: wiring.ruleFiles,
      alertmanager: true,
    }),
};
