import { Flow, tcp } from '../../config/flows';
import { Component, podsOf } from '../component';
import { fail } from '../../config/errors';
import { resolveDiscovery, resolveServices } from './settings';
import { prometheusSpec } from '../prometheus/spec';
import { ResolvedSettings } from '../stack/settings';
import { SERVICE_ALERTS } from './alerts';
import { serviceDashboard } from './dashboards';
import { serviceRuleFiles } from './rules';
import { servicesScrapeJobs } from './scrape';
import { SLO_ALERTS } from './slo';
import { sloDashboard } from './slo-dashboard';

function servicesFlows(settings: ResolvedSettings): Flow[] {
  const prometheus = podsOf(prometheusSpec, settings.namespace);
  const annotated = settings.discovery.scope === 'cluster' ? ('all' as const) : settings.discovery.namespaces;
  return [
    ...settings.services.map((service) => ({
      from: prometheus,
      to: { kind: 'namespaces' as const, namespaces: [service.namespace] },
      ports: tcp(service.port),
      purpose: `scrape ${service.name}`,
    })),
    // Annotated pods choose their own port (prometheus.io/port), in the discovery namespaces only.
    { from: prometheus, to: { kind: 'namespaces', namespaces: annotated }, ports: 'all', purpose: 'scrape annotated pods' },
  ];
}

/** The monitored services: their scrape jobs, RED recordings and alerts, SLOs and dashboards. */
export const servicesComponent: Component<'discovery' | 'services', 'service' | 'slo'> = {
  key: 'services',
  settings: {
    keys: ['discovery', 'services'],
    resolve: ({ where, input, resolved }) => {
      const discovery = resolveDiscovery(where, input.discovery);
      const services = resolveServices(where, input.services);
      services.forEach((service, i) => {
        if (service.redSource === 'spanMetrics' && !resolved('jaeger'))
          fail(where, `services[${i}].redSource`, service.redSource, '"own" without tracing: span metrics come from settings.jaeger');
      });
      return { discovery, services };
    },
  },
  targets: [],
  scrapeJobs: servicesScrapeJobs,
  flows: servicesFlows,
  alerts: [...SERVICE_ALERTS, ...SLO_ALERTS] as Component['alerts'],
  ruleFiles: serviceRuleFiles,
  dashboards: {
    service: { build: serviceDashboard, byDefault: (s) => s.services.length > 0, order: 10 },
    slo: { build: sloDashboard, byDefault: () => true, order: 20 },
  },
};
