import { alertOptions, buildAlerts } from '../../config/alerting/definition';
import { Component } from '../component';
import { THANOS_ALERTS, THANOS_RULE_FILE } from './alerts';
import { thanosQueryFlows } from './flows';
import { thanosScrapeJobs } from './scrape';
import { thanosQuerySpec } from './spec';
import { ThanosQuery } from './thanos-query';

/**
 * Thanos Query and the Thanos alerts: on with `prometheus.thanos` (prod by default), in the stack
 * namespace. The sidecars themselves are containers of the Prometheus pods (constructs/prometheus).
 * Kubernetes only: the Docker target runs one Prometheus, with nothing to deduplicate.
 */
export const thanosQueryComponent: Component<never, never> = {
  key: 'thanosQuery',
  spec: thanosQuerySpec,
  targets: ['kubernetes'],
  enabled: (s) => s.prometheus.thanos !== undefined,
  scrapeJobs: thanosScrapeJobs,
  flows: (s) => thanosQueryFlows(s.namespace),
  alerts: THANOS_ALERTS,
  ruleFiles: (s) => ({
    [THANOS_RULE_FILE]: [
      { name: 'thanos', rules: buildAlerts(THANOS_ALERTS, { replicas: s.prometheus.replicas }, alertOptions(s.alerting)) },
    ],
  }),
  construct: (scope, s, _wiring, workload) => {
    const { replicas, resources } = s.prometheus.thanos!.query;
    return new ThanosQuery(scope, 'thanos-query', { replicas, resources, ...workload });
  },
};
