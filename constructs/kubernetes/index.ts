import { tcp } from '../../config/flows';
import { KUBELET_PORT } from '../../config/kubernetes';
import { Component, podsOf } from '../component';
import { prometheusSpec } from '../prometheus/spec';
import { kubernetesScrapeJobs } from './scrape';

/** The cluster itself: the kubelets and the API server, scraped where they run (no workload of ours). */
export const kubernetesComponent: Component = {
  key: 'kubernetes',
  targets: [],
  scrapeJobs: kubernetesScrapeJobs,
  flows: (s) => [
    {
      from: podsOf(prometheusSpec, s.namespace),
      to: { kind: 'outside', label: 'kubelets' },
      ports: tcp(KUBELET_PORT),
      purpose: 'kubelet and cAdvisor metrics',
    },
  ],
};
