import { alertOptions, buildAlerts } from '../../config/alerting/definition';
import { tcp } from '../../config/flows';
import { KUBELET_PORT } from '../../config/kubernetes';
import { Component, podsOf } from '../component';
import { prometheusSpec } from '../prometheus/spec';
import { KUBERNETES_ALERTS } from './alerts';
import { kubernetesScrapeJobs } from './scrape';

/** The cluster itself: the kubelets and the API server, scraped where they run (no workload of ours). */
export const kubernetesComponent: Component<never, never> = {
  key: 'kubernetes',
  targets: [],
  scrapeJobs: kubernetesScrapeJobs,
  alerts: KUBERNETES_ALERTS,
  // Also rendered for Docker, where these series do not exist: the absent alerts are gated on the job being configured.
  ruleFiles: (s) => ({
    'infrastructure.yml': [{ name: 'kubernetes-system', rules: buildAlerts(KUBERNETES_ALERTS, {}, alertOptions(s.alerting)) }],
  }),
  flows: (s) => [
    {
      from: podsOf(prometheusSpec, s.namespace),
      to: { kind: 'outside', label: 'kubelets' },
      ports: tcp(KUBELET_PORT),
      purpose: 'kubelet and cAdvisor metrics',
    },
  ],
};
