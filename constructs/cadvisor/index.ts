import { alertOptions, buildAlerts } from '../../config/alerting/definition';
import { Component } from '../component';
import { CADVISOR_ALERTS } from './alerts';
import { cadvisorDockerWorkload } from './docker';
import { containerRecordings } from './recordings';
import { cadvisorScrapeJobs } from './scrape';
import { cadvisorSpec } from './spec';

/**
 * Container metrics under the `cadvisor` job: on Kubernetes the kubelet's built-in cAdvisor
 * (scraped through the kubelet, see the kubernetes component's flow), on Docker a cAdvisor
 * container standing in for it.
 */
export const cadvisorComponent: Component<never, never> = {
  key: 'cadvisor',
  spec: cadvisorSpec,
  targets: ['docker'],
  scrapeJobs: cadvisorScrapeJobs,
  dockerWorkloads: (settings) => [cadvisorDockerWorkload(settings)],
  alerts: CADVISOR_ALERTS,
  ruleFiles: (s) => ({
    'recordings.yml': [{ name: 'container-recordings', rules: containerRecordings() }],
    'infrastructure.yml': [{ name: 'containers', rules: buildAlerts(CADVISOR_ALERTS, {}, alertOptions(s.alerting)) }],
  }),
};
