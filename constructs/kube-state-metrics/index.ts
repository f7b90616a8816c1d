import { alertOptions, buildAlerts } from '../../config/alerting/definition';
import { Component, sizingSettings } from '../component';
import { KUBE_STATE_METRICS_ALERTS } from './alerts';
import { kubeStateMetricsFlows } from './flows';
import { computeResourcesDashboard } from './dashboards';
import { KubeStateMetrics } from './kube-state-metrics';
import { workloadRecordings } from './recordings';
import { kubeStateMetricsScrapeJobs } from './scrape';
import { kubeStateMetricsSpec } from './spec';

/** kube-state-metrics: the state of Kubernetes objects as metrics (Kubernetes only: Docker has no such objects). */
export const kubeStateMetricsComponent: Component<'kubeStateMetrics', 'computeResources'> = {
  key: 'kubeStateMetrics',
  settings: sizingSettings('kubeStateMetrics', kubeStateMetricsSpec),
  spec: kubeStateMetricsSpec,
  targets: ['kubernetes'],
  scrapeJobs: kubeStateMetricsScrapeJobs,
  flows: kubeStateMetricsFlows,
  alerts: KUBE_STATE_METRICS_ALERTS,
  ruleFiles: (s) => ({
    'recordings.yml': [{ name: 'workload-recordings', rules: workloadRecordings() }],
    'infrastructure.yml': [{ name: 'kubernetes-state', rules: buildAlerts(KUBE_STATE_METRICS_ALERTS, {}, alertOptions(s.alerting)) }],
  }),
  dashboards: { computeResources: { build: computeResourcesDashboard, byDefault: () => true, order: 60 } },
  construct: (scope, s, _wiring, workload) =>
    new KubeStateMetrics(scope, 'kube-state-metrics', {
      ...s.kubeStateMetrics,
      ...workload,
    }),
};
