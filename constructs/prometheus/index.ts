import { buildAlerts, alertOptions } from '../../config/alerting/definition';
import { byteQuantity } from '../../config/quantity';
import { Component } from '../component';
import { fail } from '../../config/errors';
import { resolvePrometheus } from './settings';
import { PROMETHEUS_ALERTS } from './alerts';
import { stackDashboard } from './dashboards';
import { Prometheus } from './prometheus';
import { prometheusScrapeJobs } from './scrape';
import { prometheusSpec } from './spec';
import { prometheusFlows } from './flows';
import { thanosSettingsOf } from '../thanos-query/settings';
import { serviceJobNames } from '../services/scrape';

/** What operator mode allows for a setting of our own Prometheus: the operator's Prometheus has its own. */
const OPERATOR_PROMETHEUS_ONLY = (chartKey: string) =>
  `unset in operator mode: kube-prometheus-stack's Prometheus takes it from its own chart values (prometheus.${chartKey})`;

/** Namespaces the scrape jobs discover in (`kubernetes_sd_configs[].namespaces.names`), e.g. a component in the agents namespace. */
function scrapedNamespaces(jobs: ReadonlyArray<Record<string, unknown>>): string[] {
  const configs = jobs.flatMap((job) => (job.kubernetes_sd_configs as Array<{ namespaces?: { names?: string[] } }> | undefined) ?? []);
  return configs.flatMap((config) => config.namespaces?.names ?? []);
}

/** Prometheus: scrapes every target, evaluates the rules, sends alerts. */
export const prometheusComponent: Component<'prometheus', 'stack'> = {
  key: 'prometheus',
  settings: {
    keys: ['prometheus'],
    resolve: ({ where, profile, input }) => {
      // Operator mode runs kube-prometheus-stack's Prometheus: its remote write and Thanos sidecar are
      // that chart's settings, so ours would silently do nothing there.
      if (input.operator !== undefined) {
        if (input.prometheus?.remoteWrite !== undefined)
          fail(where, 'prometheus.remoteWrite', input.prometheus.remoteWrite, OPERATOR_PROMETHEUS_ONLY('prometheusSpec.remoteWrite'));
        if (input.prometheus?.thanos !== undefined && input.prometheus.thanos !== false)
          fail(where, 'prometheus.thanos', input.prometheus.thanos, OPERATOR_PROMETHEUS_ONLY('prometheusSpec.thanos'));
      }
      return {
        prometheus: resolvePrometheus(where, 'prometheus', profile, {
          ...input.prometheus,
          ...(input.operator !== undefined ? { thanos: false } : {}),
        }),
      };
    },
  },
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
  dashboards: { stack: { build: stackDashboard, byDefault: () => true, order: 70 } },
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
