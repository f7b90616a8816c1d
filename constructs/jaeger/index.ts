import { alertOptions, buildAlerts } from '../../config/alerting/definition';
import { Component } from '../component';
import { fail } from '../../config/errors';
import { jaegerClients } from './clients';
import { resolveJaeger } from './settings';
import { elasticsearchSpec } from '../elasticsearch/spec';
import { elasticsearchNamespace } from '../elasticsearch';
import { ResolvedSettings } from '../stack/settings';
import { JAEGER_ALERTS, JAEGER_RULE_FILE } from './alerts';
import { tracingDashboard } from './dashboards';
import { jaegerFlows } from './flows';
import { tracesDatasource } from './grafana-datasource';
import { Jaeger, jaegerWorkloads } from './jaeger';
import { jaegerScrapeJobs } from './scrape';
import { jaegerSpec } from './spec';

/** Namespaces of the instrumented applications: the discovery namespaces and the services', or every namespace. */
export function applicationNamespaces(settings: ResolvedSettings): readonly string[] | 'all' {
  if (settings.discovery.scope !== 'namespaces') return 'all';
  return [...new Set([...settings.discovery.namespaces, ...settings.services.map((s) => s.namespace)])].sort();
}

/**
 * Traces: Jaeger v2 on the stack's Elasticsearch (opt-in: set `jaeger`), in the stack namespace.
 * dev and Docker: one Jaeger process; prod: collector and query Deployments. With its index
 * cleaner, span metrics, alerts, the tracing dashboard and the Grafana traces datasource.
 */
export const jaegerComponent: Component<'jaeger', 'tracing'> = {
  key: 'jaeger',
  settings: {
    keys: ['jaeger'],
    resolve: ({ where, profile, namespace, input }) => {
      if (input.jaeger === undefined) return {};
      if (input.elasticsearch === undefined)
        fail(
          where,
          'jaeger',
          input.jaeger,
          'unset without the logs store: Jaeger stores spans in settings.elasticsearch (set elasticsearch: {})',
        );
      // Its index replicas depend on the node count, read from the input: Elasticsearch resolves
      // after Jaeger (it needs Jaeger's users) and validates the count again.
      const esNodes = input.elasticsearch.replicas ?? elasticsearchSpec.sizing[profile].replicas;
      return { jaeger: resolveJaeger(where, 'jaeger', profile, namespace, { esNodes }, input.jaeger) };
    },
    elasticsearchClients: ({ namespace, resolved }) => {
      const jaeger = resolved('jaeger');
      return jaeger ? jaegerClients(jaeger, namespace) : [];
    },
  },
  spec: jaegerSpec,
  instances: (s) => (s.jaeger ? jaegerWorkloads(s.jaeger).map((w) => w.spec) : [jaegerSpec]),
  targets: ['kubernetes', 'docker'],
  // On Docker: the Jaeger processes of the profile, from the synthesized pods (the cleaner is a
  // CronJob, which the Docker target does not run: Docker stacks are short-lived dev stacks).
  dockerSpecs: (s) => (s.jaeger ? jaegerWorkloads(s.jaeger).map((w) => w.spec) : []),
  enabled: (s) => s.jaeger !== undefined,
  scrapeJobs: (s, topology) => jaegerScrapeJobs(s.jaeger, s.namespace, topology),
  flows: (s) => (s.jaeger ? jaegerFlows({ jaeger: s.jaeger, namespace: s.jaeger.namespace, apps: applicationNamespaces(s) }) : []),
  alerts: JAEGER_ALERTS,
  ruleFiles: (s) => ({ [JAEGER_RULE_FILE]: [{ name: 'jaeger', rules: buildAlerts(JAEGER_ALERTS, {}, alertOptions(s.alerting)) }] }),
  dashboards: { tracing: { build: tracingDashboard, byDefault: () => true, order: 140 } },
  grafanaDatasources: (s) => (s.jaeger ? [tracesDatasource(s.jaeger)] : []),
  construct: (scope, s, _wiring, workload) =>
    new Jaeger(scope, 'jaeger', {
      ...s.jaeger!.input,
      ...workload,
      elasticsearch: s.elasticsearch!.input,
      elasticsearchNamespace: elasticsearchNamespace(s),
      applicationNamespaces: applicationNamespaces(s) === 'all' ? undefined : (applicationNamespaces(s) as string[]),
    }),
};
