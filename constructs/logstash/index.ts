import { alertOptions, buildAlerts } from '../../config/alerting/definition';
import { Component } from '../component';
import { fail } from '../../config/errors';
import { logstashWriterClient, resolveLogstash } from './settings';
import { ResolvedSettings, StackSettings } from '../stack/settings';
import { elasticsearchNamespace } from '../elasticsearch';
import { LOGSTASH_ALERTS, LOGSTASH_RULE_FILE } from './alerts';
import { logstashDockerWorkloads } from './docker';
import { logstashFlows } from './flows';
import { Logstash } from './logstash';
import { logstashScrapeJobs } from './scrape';
import { logstashExporterSpec, logstashSpec } from './spec';

/** Logstash comes with the logs store unless set to `false`. */
const logstashOn = (input: StackSettings) => input.elasticsearch !== undefined && input.logstash !== false;

/**
 * Namespace of the beats clients in the stack: Filebeat's, when it ships to Logstash; none
 * otherwise, so the NetworkPolicy never admits pods that do not send (POLICY.md W15).
 */
export function beatsNamespace(s: ResolvedSettings): string | undefined {
  return s.filebeat?.output === 'logstash' ? s.filebeat.namespace : undefined;
}

/**
 * Logstash, the log pipeline: on with Elasticsearch (`logstash: false` leaves it out), in the
 * stack namespace, with its exporter sidecar, its alerts and the logging-pipeline dashboard.
 */
export const logstashComponent: Component<'logstash', never> = {
  key: 'logstash',
  settings: {
    keys: ['logstash'],
    resolve: ({ where, profile, namespace, input, resolved }) => {
      if (input.logstash !== undefined && input.logstash !== false && input.elasticsearch === undefined)
        fail(where, 'logstash', input.logstash, 'unset or false without the logs store: Logstash comes with settings.elasticsearch');
      if (!logstashOn(input)) return {};
      // Validated once Elasticsearch's settings (the log streams) are.
      return {
        logstash: resolveLogstash(where, 'logstash', profile, namespace, resolved('elasticsearch')!.logStreams, input.logstash || {}),
      };
    },
    // It writes its log stream as its own user, which the Elasticsearch setup Job creates; told
    // from the input, as Elasticsearch needs its users before Logstash can resolve.
    elasticsearchClients: ({ input, namespace }) =>
      logstashOn(input) ? [logstashWriterClient({ dataset: (input.logstash || {}).dataset ?? 'generic', namespace })] : [],
  },
  spec: logstashSpec,
  targets: ['kubernetes', 'docker'],
  // On Docker: Logstash and its exporter, each a container, from the same container functions.
  dockerSpecs: () => [logstashSpec, logstashExporterSpec],
  dockerWorkloads: logstashDockerWorkloads,
  enabled: (s) => s.logstash !== undefined,
  scrapeJobs: (s, topology) => (s.logstash ? logstashScrapeJobs(topology, s.logstash.namespace) : []),
  flows: (s) =>
    s.logstash && s.elasticsearch
      ? logstashFlows({
          namespace: s.logstash.namespace,
          esNamespace: elasticsearchNamespace(s),
          beatsNamespace: beatsNamespace(s),
          prometheusNamespace: s.namespace,
        })
      : [],
  alerts: LOGSTASH_ALERTS,
  ruleFiles: (s) => ({
    [LOGSTASH_RULE_FILE]: [{ name: 'logstash', rules: buildAlerts(LOGSTASH_ALERTS, {}, alertOptions(s.alerting)) }],
  }),
  construct: (scope, s, _wiring, workload) =>
    new Logstash(scope, 'logstash', {
      ...s.logstash!.input,
      ...workload,
      elasticsearch: s.elasticsearch!.input,
      elasticsearchNamespace: elasticsearchNamespace(s),
      beatsNamespace: beatsNamespace(s),
      prometheusNamespace: s.namespace,
    }),
};
