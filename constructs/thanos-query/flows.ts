import { Flow, tcp } from '../../config/flows';
import { podsOf } from '../component';
import { grafanaSpec } from '../grafana/spec';
import { prometheusSpec } from '../prometheus/spec';
import { THANOS_GRPC_PORT, thanosQuerySpec } from './spec';

/**
 * Grafana queries Thanos Query, which fans out to every Prometheus replica's sidecar StoreAPI;
 * Prometheus scrapes Thanos Query. People and other clients may use the query API too.
 */
export function thanosQueryFlows(namespace: string): Flow[] {
  const query = podsOf(thanosQuerySpec, namespace);
  const prometheus = podsOf(prometheusSpec, namespace);
  const http = tcp(thanosQuerySpec.web.port);
  return [
    { from: podsOf(grafanaSpec, namespace), to: query, ports: http, purpose: 'Prometheus datasource (deduplicated)' },
    { from: prometheus, to: query, ports: http, purpose: 'scrape' },
    { from: query, to: prometheus, ports: tcp(THANOS_GRPC_PORT.port), purpose: 'StoreAPI of the Thanos sidecars' },
  ];
}
