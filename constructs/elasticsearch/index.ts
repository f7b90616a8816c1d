import { alertOptions, buildAlerts } from '../../config/alerting/definition';
import { Component, Placement } from '../component';
import { grafanaReaderClient } from './grafana-datasource';
import { resolveElasticsearch } from './settings';
import { ResolvedSettings } from '../stack/settings';
import { ELASTICSEARCH_ALERTS, ELASTICSEARCH_RULE_FILE } from './alerts';
import { elasticsearchDockerWorkload } from './docker';
import { elasticsearchDashboard } from './dashboards';
import { Elasticsearch } from './elasticsearch';
import { elasticsearchFlows } from './flows';
import { logsDatasource } from './grafana-datasource';
import { elasticsearchScrapeJobs } from './scrape';
import { elasticsearchExporterSpec, elasticsearchSetupSpec, elasticsearchSpec } from './spec';

/** Where the cluster runs: the agents namespace (Pod Security `privileged`) only for the opt-in sysctl init container. */
export function elasticsearchPlacement(settings: ResolvedSettings): Placement {
  return settings.elasticsearch?.maxMapCount === 'initContainer' ? 'agents' : 'stack';
}

/** Namespace of the Elasticsearch, exporter and setup pods. */
export function elasticsearchNamespace(settings: ResolvedSettings): string {
  return elasticsearchPlacement(settings) === 'agents' ? settings.agentsNamespace : settings.namespace;
}

/** Elasticsearch, the logs store: opt-in (set `elasticsearch`), with its exporter and setup Job. */
export const elasticsearchComponent: Component<'elasticsearch', 'elasticsearch'> = {
  key: 'elasticsearch',
  settings: {
    keys: ['elasticsearch'],
    resolve: ({ where, profile, namespace, agentsNamespace, input, elasticsearchClients }) => {
      if (input.elasticsearch === undefined) return {};
      const esNamespace = input.elasticsearch.maxMapCount === 'initContainer' ? agentsNamespace : namespace;
      // Its users: Grafana reads logs as its own (unless operator mode leaves Grafana to
      // kube-prometheus-stack), then every client the other components contribute.
      const clients = [...(input.operator === undefined ? [grafanaReaderClient(namespace)] : []), ...elasticsearchClients()];
      return { elasticsearch: resolveElasticsearch(where, 'elasticsearch', profile, esNamespace, input.elasticsearch, clients) };
    },
  },
  spec: elasticsearchSpec,
  targets: ['kubernetes', 'docker'],
  // On Docker: the node (a single one, dev), the exporter and the setup Job, each a container.
  dockerSpecs: () => [elasticsearchSpec, elasticsearchExporterSpec, elasticsearchSetupSpec],
  dockerWorkloads: elasticsearchDockerWorkload,
  placement: elasticsearchPlacement,
  enabled: (s) => s.elasticsearch !== undefined,
  scrapeJobs: (s, topology) => elasticsearchScrapeJobs(s, topology, elasticsearchNamespace(s)),
  flows: (s) =>
    s.elasticsearch
      ? elasticsearchFlows({ namespace: elasticsearchNamespace(s), prometheusNamespace: s.namespace, es: s.elasticsearch })
      : [],
  alerts: ELASTICSEARCH_ALERTS,
  ruleFiles: (s) => ({
    [ELASTICSEARCH_RULE_FILE]: [{ name: 'elasticsearch', rules: buildAlerts(ELASTICSEARCH_ALERTS, {}, alertOptions(s.alerting)) }],
  }),
  dashboards: { elasticsearch: { build: elasticsearchDashboard, byDefault: () => true, order: 110 } },
  grafanaDatasources: (s) => (s.elasticsearch ? [logsDatasource(s.elasticsearch, elasticsearchNamespace(s), s.jaeger !== undefined)] : []),
  construct: (scope, s, _wiring, workload) =>
    new Elasticsearch(scope, 'elasticsearch', {
      ...s.elasticsearch!.input,
      ...workload,
      // The agents namespace (initContainer mode) is for Pod Security only: keep the stack's PriorityClass.
      priorityClassName: s.priorityClassNames.stack,
      clusterName: s.cluster,
      prometheusNamespace: s.namespace,
    }),
};
