import { Flow, tcp } from '../../config/flows';
import { podsOf } from '../component';
import { elasticsearchClientFlow } from '../elasticsearch/flows';
import { prometheusSpec } from '../prometheus/spec';
import { filebeatSpec } from '../filebeat/spec';
import { logstashExporterSpec, logstashSpec } from './spec';

/** What the flows depend on. */
export interface LogstashFlowInput {
  /** Namespace of the Logstash pods. */
  readonly namespace: string;
  /** Namespace of the Elasticsearch pods. */
  readonly esNamespace: string;
  /** Namespace of the beats clients (Filebeat runs in the agents namespace). @default none: no beats client is admitted */
  readonly beatsNamespace?: string;
  /** Namespace of the Prometheus scraping the exporter sidecar. */
  readonly prometheusNamespace: string;
}

/**
 * Filebeat's pods to the beats input, Logstash to Elasticsearch as its writer user, Prometheus to
 * the exporter sidecar. Nothing else: the monitoring API (9600) is read over the pod's loopback by
 * the sidecar, and probed by the kubelet.
 */
export function logstashFlows({ namespace, esNamespace, beatsNamespace, prometheusNamespace }: LogstashFlowInput): Flow[] {
  const logstash = podsOf(logstashSpec, namespace);
  return [
    ...(beatsNamespace
      ? [
          {
            from: podsOf(filebeatSpec, beatsNamespace),
            to: logstash,
            ports: tcp(logstashSpec.web.port),
            purpose: 'log events (beats)',
          },
        ]
      : []),
    elasticsearchClientFlow(logstash, esNamespace, 'write logs (logstash writer)'),
    { from: podsOf(prometheusSpec, prometheusNamespace), to: logstash, ports: tcp(logstashExporterSpec.web.port), purpose: 'scrape' },
  ];
}
