import { alertOptions, buildAlerts } from '../../config/alerting/definition';
import { tcp } from '../../config/flows';
import { Component, sizingSettings, podsOf } from '../component';
import { prometheusSpec } from '../prometheus/spec';
import { BLACKBOX_ALERTS } from './alerts';
import { BlackboxExporter } from './blackbox-exporter';
import { probeTargets, validateProbeTargets } from './files';
import { blackboxScrapeJobs } from './scrape';
import { blackboxExporterSpec } from './spec';

/** The blackbox exporter: runs the services' health probes; deployed only when a service declares one. */
export const blackboxExporterComponent: Component<'blackboxExporter', never> = {
  key: 'blackboxExporter',
  settings: {
    ...sizingSettings('blackboxExporter', blackboxExporterSpec),
    // The services' probe targets parse (they are the services' settings, probed here).
    validate: validateProbeTargets,
  },
  spec: blackboxExporterSpec,
  targets: ['kubernetes', 'docker'],
  // Only where some service declares a probe: an idle prober would be one more thing to run.
  enabled: (s) => probeTargets(s).length > 0,
  scrapeJobs: blackboxScrapeJobs,
  alerts: BLACKBOX_ALERTS,
  ruleFiles: (s) => ({
    'infrastructure.yml': [{ name: 'probes', rules: buildAlerts(BLACKBOX_ALERTS, {}, alertOptions(s.alerting)) }],
  }),
  flows: (s) => [
    {
      from: podsOf(prometheusSpec, s.namespace),
      to: podsOf(blackboxExporterSpec, s.namespace),
      ports: tcp(blackboxExporterSpec.web.port),
      purpose: 'probes',
    },
    // Probed targets may be Services in any namespace or addresses outside the cluster.
    {
      from: podsOf(blackboxExporterSpec, s.namespace),
      to: { kind: 'anywhere', label: 'probe targets' },
      ports: tcp(...[...new Set(probeTargets(s).map((p) => p.port))].sort((a, b) => a - b)),
      purpose: 'probe targets',
    },
  ],
  construct: (scope, s, _wiring, workload) =>
    new BlackboxExporter(scope, 'blackbox-exporter', {
      ...s.blackboxExporter,
      ...workload,
    }),
};
