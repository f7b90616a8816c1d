import { alertOptions, buildAlerts } from '../../config/alerting/definition';
import { tcp } from '../../config/flows';
import { API_SERVER_PORTS } from '../../config/kubernetes';
import { Component, podsOf } from '../component';
import { prometheusSpec } from '../prometheus/spec';
import { KUBE_STATE_METRICS_ALERTS } from './alerts';
import { KubeStateMetrics } from './kube-state-metrics';
import { kubeStateMetricsScrapeJobs } from './scrape';
import { kubeStateMetricsSpec } from './spec';

/** kube-state-metrics: the state of Kubernetes objects as metrics (Kubernetes only: Docker has no such objects). */
export const kubeStateMetricsComponent: Component = {
  key: 'kubeStateMetrics',
  spec: kubeStateMetricsSpec,
  targets: ['kubernetes'],
  scrapeJobs: kubeStateMetricsScrapeJobs,
  flows: (s) => [
    { from: podsOf(prometheusSpec, s.namespace), to: podsOf(kubeStateMetricsSpec, s.namespace), ports: tcp(kubeStateMetricsSpec.web.port), purpose: 'scrape' },
    { from: podsOf(kubeStateMetricsSpec, s.namespace), to: { kind: 'outside', label: 'Kubernetes API' }, ports: tcp(...API_SERVER_PORTS), purpose: 'list and watch' },
  ],
  alerts: KUBE_STATE_METRICS_ALERTS,
  ruleFiles: (s) => ({ 'infrastructure.yml': [{ name: 'infrastructure', rules: buildAlerts(KUBE_STATE_METRICS_ALERTS, {}, alertOptions(s.alerting)) }] }),
  construct: (scope, s) => new KubeStateMetrics(scope, 'kube-state-metrics', { ...s.kubeStateMetrics, namespace: s.namespace, profile: s.profile, priorityClassName: s.priorityClassNames.stack, networkPolicy: false }),
};
