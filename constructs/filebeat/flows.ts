import { API_SERVER_PORTS } from '../../config/kubernetes';
import { Flow, tcp } from '../../config/flows';
import { podsOf } from '../component';
import { elasticsearchClientFlow } from '../elasticsearch/flows';
import { prometheusSpec } from '../prometheus/spec';
import { logstashSpec } from '../logstash/spec';
import { FilebeatOutput } from './settings';
import { filebeatExporterSpec, filebeatSpec } from './spec';

/** What the flows depend on. */
export interface FilebeatFlowInput {
  /** Namespace of the Filebeat pods. */
  readonly namespace: string;
  /** Namespace of the Prometheus that scrapes the exporter sidecar. */
  readonly prometheusNamespace: string;
  /** The output in use. */
  readonly output: FilebeatOutput;
  /** Namespace of the Logstash pods (Logstash output). */
  readonly logstashNamespace: string;
  /** Namespace of the Elasticsearch pods (Elasticsearch output). */
  readonly esNamespace: string;
}

/**
 * Exactly three flows: Prometheus scrapes the exporter sidecar; Filebeat watches pods, namespaces,
 * nodes, ReplicaSets and Jobs on the API server (add_kubernetes_metadata); Filebeat ships to its
 * one output, Logstash's beats input or Elasticsearch's HTTP port. Filebeat's own HTTP endpoint
 * (5066) is reached by the sidecar inside the pod only: no flow, so no rule admits it.
 */
export function filebeatFlows({ namespace, prometheusNamespace, output, logstashNamespace, esNamespace }: FilebeatFlowInput): Flow[] {
  const fb = podsOf(filebeatSpec, namespace);
  return [
    { from: podsOf(prometheusSpec, prometheusNamespace), to: fb, ports: tcp(filebeatExporterSpec.web.port), purpose: 'scrape' },
    { from: fb, to: { kind: 'outside', label: 'Kubernetes API' }, ports: tcp(...API_SERVER_PORTS), purpose: 'pod metadata' },
    output === 'logstash'
      ? {
          from: fb,
          to: podsOf(logstashSpec, logstashNamespace),
          ports: tcp(logstashSpec.web.port),
          purpose: 'ship logs (beats)',
        }
      : // The same flow the Elasticsearch component declares for its `filebeat` client.
        elasticsearchClientFlow(fb, esNamespace, 'write logs'),
  ];
}
