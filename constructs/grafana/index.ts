import { tcp } from '../../config/flows';
import { Component, podsOf } from '../component';
import { alertmanagerSpec } from '../alertmanager/spec';
import { prometheusSpec } from '../prometheus/spec';
import { Grafana } from './grafana';
import { grafanaScrapeJobs } from './scrape';
import { grafanaSpec } from './spec';

/** Grafana: provisioned datasources and dashboards, stateless. */
export const grafanaComponent: Component = {
  key: 'grafana',
  spec: grafanaSpec,
  targets: ['kubernetes', 'docker'],
  scrapeJobs: grafanaScrapeJobs,
  flows: (s) => {
    const grafana = podsOf(grafanaSpec, s.namespace);
    return [
      // The UI is the entry point for people (port-forward or an ingress controller anywhere).
      { from: { kind: 'anywhere', label: 'users' }, to: grafana, ports: tcp(grafanaSpec.web.port), purpose: 'UI and API' },
      { from: podsOf(prometheusSpec, s.namespace), to: grafana, ports: tcp(grafanaSpec.web.port), purpose: 'scrape' },
      { from: grafana, to: podsOf(prometheusSpec, s.namespace), ports: tcp(prometheusSpec.web.port), purpose: 'Prometheus datasource' },
      { from: grafana, to: podsOf(alertmanagerSpec, s.namespace), ports: tcp(alertmanagerSpec.web.port), purpose: 'Alertmanager datasource' },
    ];
  },
  construct: (scope, s, wiring) => new Grafana(scope, 'grafana', { ...s.grafana, namespace: s.namespace, profile: s.profile, priorityClassName: s.priorityClassNames.stack, dashboards: wiring.dashboards, networkPolicy: false }),
};
