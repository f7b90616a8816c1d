import { Flow, FlowPeer, tcp } from '../../config/flows';
import { podsOf } from '../component';
import { grafanaSpec } from '../grafana/spec';
import { prometheusSpec } from '../prometheus/spec';
import { ResolvedJaeger } from './settings';
import { JAEGER_PORTS as P, jaegerCleanerSpec, jaegerCollectorSpec, jaegerQuerySpec, jaegerSpec } from './spec';

/** What the flows depend on. */
export interface JaegerFlowInput {
  readonly jaeger: Pick<ResolvedJaeger, 'shape' | 'rotation'>;
  /** Namespace of the Jaeger pods, Prometheus and Grafana (the stack's). */
  readonly namespace: string;
  /** Where the instrumented applications run (the monitored namespaces), or every namespace. */
  readonly apps: readonly string[] | 'all';
}

/**
 * Applications send OTLP (and fetch their sampling strategies) to the collector; people and
 * Grafana reach query; Prometheus scrapes the telemetry and span-metrics ports. The flows to
 * Elasticsearch come with the Jaeger clients (elasticsearch/flows.ts clientFlow). The cleaner
 * listens on nothing; its one ingress rule admits only its own pods.
 */
export function jaegerFlows({ jaeger, namespace, apps }: JaegerFlowInput): Flow[] {
  const single = jaeger.shape === 'single';
  const collector = podsOf(single ? jaegerSpec : jaegerCollectorSpec, namespace);
  const query = podsOf(single ? jaegerSpec : jaegerQuerySpec, namespace);
  const prometheus = podsOf(prometheusSpec, namespace);
  const applications: FlowPeer = { kind: 'namespaces', namespaces: apps };
  const cleaner = podsOf(jaegerCleanerSpec, namespace);
  return [
    { from: applications, to: collector, ports: tcp(P.otlpGrpc.port, P.otlpHttp.port, P.sampling.port), purpose: 'OTLP traces, sampling' },
    { from: { kind: 'anywhere', label: 'users' }, to: query, ports: tcp(P.queryHttp.port, P.queryGrpc.port), purpose: 'Jaeger UI and API' },
    { from: podsOf(grafanaSpec, namespace), to: query, ports: tcp(P.queryHttp.port), purpose: 'traces datasource' },
    { from: prometheus, to: collector, ports: tcp(P.metrics.port, P.spanMetrics.port), purpose: 'scrape (telemetry, span metrics)' },
    ...(single ? [] : [{ from: prometheus, to: query, ports: tcp(P.metrics.port), purpose: 'scrape (telemetry)' }]),
    ...(jaeger.rotation === 'daily'
      ? [{ from: cleaner, to: cleaner, ports: 'all' as const, purpose: 'none (a Job listens on nothing)' }]
      : []),
  ];
}
