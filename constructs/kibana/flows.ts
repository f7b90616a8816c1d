import { Flow, tcp } from '../../config/flows';
import { blackboxExporterSpec } from '../blackbox-exporter/spec';
import { podsOf } from '../component';
import { elasticsearchClientFlow } from '../elasticsearch/flows';
import { kibanaSetupSpec, kibanaSpec } from './spec';

/** What the flows depend on. */
export interface KibanaFlowInput {
  /** Namespace of the Kibana and setup pods. */
  readonly namespace: string;
  /** Namespace of the Elasticsearch pods. */
  readonly esNamespace: string;
  /** Namespace of the blackbox exporter that probes `/api/status`. */
  readonly proberNamespace: string;
}

/**
 * People reach the UI (port-forward or an ingress controller anywhere), Kibana queries the
 * cluster as kibana_system, the setup Job calls Kibana's API, and the blackbox exporter probes
 * its status. The setup Job listens on nothing; its one ingress rule admits only its own pods.
 */
export function kibanaFlows({ namespace, esNamespace, proberNamespace }: KibanaFlowInput): Flow[] {
  const kibana = podsOf(kibanaSpec, namespace);
  const setup = podsOf(kibanaSetupSpec, namespace);
  const port = tcp(kibanaSpec.web.port);
  return [
    { from: { kind: 'anywhere', label: 'users' }, to: kibana, ports: port, purpose: 'UI and API' },
    elasticsearchClientFlow(kibana, esNamespace, 'Kibana (kibana_system)'),
    { from: setup, to: kibana, ports: port, purpose: 'setup: data views, saved searches' },
    { from: setup, to: setup, ports: 'all', purpose: 'none (a Job listens on nothing)' },
    { from: podsOf(blackboxExporterSpec, proberNamespace), to: kibana, ports: port, purpose: 'status probe (KibanaDown)' },
  ];
}
