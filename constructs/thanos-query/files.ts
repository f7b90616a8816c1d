/**
 * What Thanos Query reads and how clients reach it. Pure: no cdk8s or Pulumi import.
 */
import { REPLICA_LABEL } from '../prometheus/files';
import { prometheusSpec } from '../prometheus/spec';
import { ResolvedSettings } from '../stack/settings';
import { THANOS_GRPC_PORT, thanosQuerySpec } from './spec';

/** Name of the Prometheus headless Service, whose DNS A records are the sidecars (one per replica). */
export const PROMETHEUS_HEADLESS = `${prometheusSpec.name}-headless`;

/**
 * Thanos Query's endpoint config (`--endpoint.sd-config`; the `--endpoint` flag is deprecated in
 * v0.42): one `dns+` address resolving the headless Service to every ready replica's sidecar.
 */
export function renderEndpointConfig(namespace: string): string {
  return JSON.stringify({ endpoints: [{ address: `dns+${PROMETHEUS_HEADLESS}.${namespace}.svc:${THANOS_GRPC_PORT.port}` }] });
}

/** Thanos Query's arguments: the StoreAPI endpoints and the replica label it deduplicates along. */
export function thanosQueryArgs(namespace: string): string[] {
  return [
    'query',
    `--http-address=:${thanosQuerySpec.web.port}`,
    `--grpc-address=:${THANOS_GRPC_PORT.port}`,
    '--log.format=logfmt',
    `--query.replica-label=${REPLICA_LABEL}`,
    `--endpoint.sd-config=${renderEndpointConfig(namespace)}`,
  ];
}

/**
 * The Prometheus query API the stack's clients (Grafana's Prometheus datasource) use: Thanos
 * Query when it runs (one deduplicated history across the replicas), else the Prometheus Service.
 * Short Service names, as Grafana's other datasources use.
 */
export function prometheusQueryUrl(settings: { readonly prometheus: Pick<ResolvedSettings['prometheus'], 'thanos'> }): string {
  return settings.prometheus.thanos
    ? `http://${thanosQuerySpec.name}:${thanosQuerySpec.web.port}`
    : `http://${prometheusSpec.name}:${prometheusSpec.web.port}`;
}
