import { Component } from '../component';
import { cadvisorDockerWorkload } from './docker';
import { containerRecordings } from './recordings';
import { cadvisorScrapeJobs } from './scrape';
import { cadvisorSpec } from './spec';

/**
 * Container metrics under the `cadvisor` job: on Kubernetes the kubelet's built-in cAdvisor
 * (scraped through the kubelet, see the kubernetes component's flow), on Docker a cAdvisor
 * container standing in for it.
 */
export const cadvisorComponent: Component = {
  key: 'cadvisor',
  spec: cadvisorSpec,
  targets: ['docker'],
  scrapeJobs: cadvisorScrapeJobs,
  dockerWorkloads: (settings) => [cadvisorDockerWorkload(settings)],
  ruleFiles: () => ({ 'recordings.yml': [{ name: 'container-recordings', rules: containerRecordings() }] }),
};
