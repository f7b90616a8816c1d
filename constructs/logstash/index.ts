import { alertOptions, buildAlerts } from '../../config/alerting/definition';
import { Component } from '../component';
import { ResolvedSettings } from '../stack/settings';
import { elasticsearchNamespace } from '../elasticsearch';
import { LOGSTASH_ALERTS, LOGSTASH_RULE_FILE } from './alerts';
import { logstashDockerWorkloads } from './docker';
import { logstashFlows } from './flows';
import { Logstash } from './logstash';
import { logstashScrapeJobs } from './scrape';
import { logstashExporterSpec, logstashSpec } from './spec';

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
export const logstashComponent: Component = {
  key: 'logstash',
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
