import { Component } from '../component';
import { Grafana } from './grafana';
import { grafanaScrapeJobs } from './scrape';
import { grafanaSpec } from './spec';
import { grafanaFlows } from './flows';

/** Grafana: provisioned datasources and dashboards, stateless. */
export const grafanaComponent: Component = {
  key: 'grafana',
  spec: grafanaSpec,
  targets: ['kubernetes', 'docker'],
  scrapeJobs: grafanaScrapeJobs,
  flows: grafanaFlows,
  construct: (scope, s, wiring, workload) =>
    new Grafana(scope, 'grafana', {
      ...s.grafana,
      ...workload,
      dashboards: wiring.dashboards,
    }),
};
