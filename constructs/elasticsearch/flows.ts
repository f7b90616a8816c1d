import { Flow, FlowPeer, tcp } from '../../config/flows';
import { podsOf } from '../component';
import { prometheusSpec } from '../prometheus/spec';
import { ResolvedClient, ResolvedElasticsearch } from './settings';
import { elasticsearchExporterSpec, elasticsearchSetupSpec, elasticsearchSpec } from './spec';

const spec = elasticsearchSpec;
const transport = spec.extraPorts[0];

/**
 * The flow of a client of the cluster to its HTTP port. Components that read or write logs
 * (Logstash, Filebeat, Jaeger, Kibana, Grafana) register through `elasticsearch.clients`, or
 * declare this flow themselves with their own pods as `from`.
 */
export function elasticsearchClientFlow(from: FlowPeer, esNamespace: string, purpose: string): Flow {
  return { from, to: podsOf(spec, esNamespace), ports: tcp(spec.web.port), purpose };
}

/** The flow of a registered client (its pods by `app.kubernetes.io/name` = the client's name). */
export function clientFlow(client: ResolvedClient, esNamespace: string): Flow {
  return elasticsearchClientFlow(
    { kind: 'component', name: client.name, namespace: client.namespace },
    esNamespace,
    `${client.access} logs`,
  );
}

/** What the flows depend on. */
export interface ElasticsearchFlowInput {
  /** Namespace of the Elasticsearch, exporter and setup pods. */
  readonly namespace: string;
  /** Namespace of the Prometheus that scrapes the exporter. */
  readonly prometheusNamespace: string;
  readonly es: Pick<ResolvedElasticsearch, 'replicas' | 'clients'>;
}

/**
 * Node to node on transport (with more than one node), the setup Job and the exporter to the HTTP
 * port, Prometheus to the exporter, each registered client to the HTTP port. The setup Job
 * listens on nothing; its one ingress rule admits only its own pods (no port is open there), since
 * every policy needs a non-empty ingress list (POLICY.md W14).
 */
export function elasticsearchFlows({ namespace, prometheusNamespace, es }: ElasticsearchFlowInput): Flow[] {
  const nodes = podsOf(spec, namespace);
  const setup = podsOf(elasticsearchSetupSpec, namespace);
  const exporter = podsOf(elasticsearchExporterSpec, namespace);
  return [
    ...(es.replicas > 1 ? [{ from: nodes, to: nodes, ports: tcp(transport.port), purpose: 'cluster transport' }] : []),
    elasticsearchClientFlow(setup, namespace, 'setup: users, roles, ILM, templates'),
    elasticsearchClientFlow(exporter, namespace, 'cluster metrics'),
    { from: podsOf(prometheusSpec, prometheusNamespace), to: exporter, ports: tcp(elasticsearchExporterSpec.web.port), purpose: 'scrape' },
    { from: setup, to: setup, ports: 'all', purpose: 'none (a Job listens on nothing)' },
    ...es.clients.map((client) => clientFlow(client, namespace)),
  ];
}
