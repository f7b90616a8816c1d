import { alertOptions, buildAlerts } from '../../config/alerting/definition';
import { Component } from '../component';
import { fail } from '../../config/errors';
import { filebeatWriterClient, resolveFilebeat } from './settings';
import { elasticsearchNamespace } from '../elasticsearch';
import { FILEBEAT_ALERTS, FILEBEAT_RULE_FILE } from './alerts';
import { loggingPipelineDashboard } from './dashboards';
import { filebeatDockerWorkloads } from './docker';
import { Filebeat } from './filebeat';
import { filebeatFlows } from './flows';
import { filebeatScrapeJobs } from './scrape';
import { filebeatExporterSpec, filebeatSpec } from './spec';

/**
 * Filebeat, the log shipper: on with Elasticsearch (`filebeat: false` leaves it out), a
 * DaemonSet in the agents namespace (host-agent exemption: root, hostPath), shipping to Logstash
 * or, in a stack without Logstash, to Elasticsearch as its own writer user; scraped through its
 * exporter sidecar.
 */
export const filebeatComponent: Component<'filebeat', 'loggingPipeline'> = {
  key: 'filebeat',
  settings: {
    keys: ['filebeat'],
    resolve: ({ where, profile, agentsNamespace, input }) => {
      if (input.filebeat !== undefined && input.filebeat !== false && input.elasticsearch === undefined)
        fail(where, 'filebeat', input.filebeat, 'unset or false without the logs store: Filebeat comes with settings.elasticsearch');
      if (input.elasticsearch === undefined || input.filebeat === false) return {};
      // It ships to Logstash when the stack runs it; straight to Elasticsearch (no Logstash, or asked for) as its own user.
      const logstashOn = input.logstash !== false;
      return { filebeat: resolveFilebeat(where, 'filebeat', profile, agentsNamespace, logstashOn, input.filebeat) };
    },
    elasticsearchClients: ({ input, agentsNamespace, resolved }) =>
      resolved('filebeat')?.output === 'elasticsearch' ? [filebeatWriterClient(agentsNamespace, input.elasticsearch)] : [],
  },
  spec: filebeatSpec,
  targets: ['kubernetes', 'docker'],
  placement: 'agents',
  enabled: (s) => s.filebeat !== undefined,
  // On Docker: Filebeat and its exporter, each a container (Docker has no pods).
  dockerSpecs: () => [filebeatSpec, filebeatExporterSpec],
  dockerWorkloads: filebeatDockerWorkloads,
  scrapeJobs: filebeatScrapeJobs,
  flows: (s) =>
    s.filebeat
      ? filebeatFlows({
          namespace: s.filebeat.namespace,
          prometheusNamespace: s.namespace,
          output: s.filebeat.output,
          logstashNamespace: s.namespace,
          esNamespace: elasticsearchNamespace(s),
        })
      : [],
  alerts: FILEBEAT_ALERTS,
  dashboards: { loggingPipeline: { build: loggingPipelineDashboard, byDefault: () => true, order: 130 } },
  ruleFiles: (s) => ({
    [FILEBEAT_RULE_FILE]: [{ name: 'filebeat', rules: buildAlerts(FILEBEAT_ALERTS, {}, alertOptions(s.alerting)) }],
  }),
  construct: (scope, s, _wiring, workload) =>
    new Filebeat(scope, 'filebeat', {
      ...s.filebeat!.input,
      ...workload,
      logstash: s.filebeat!.output === 'logstash',
      logstashNamespace: s.namespace,
      elasticsearch: s.elasticsearch?.input,
      elasticsearchNamespace: elasticsearchNamespace(s),
      prometheusNamespace: s.namespace,
    }),
};
