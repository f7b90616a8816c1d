import { absentJobAlert, CoveringDefinition } from '../../config/alerting/coverage';
import { THANOS_QUERY_JOB, THANOS_SIDECAR_JOB } from './scrape';

/** The rule file of the Thanos alerts. */
export const THANOS_RULE_FILE = 'thanos.yml';

/** What the Thanos alerts need from the settings. */
export interface ThanosAlertContext {
  /** Prometheus replicas, each with a sidecar Thanos Query should be connected to. */
  readonly replicas: number;
}

/** Share of Thanos Query's HTTP requests to `handler` that end in a server error. */
const httpErrors = (handler: string) =>
  `sum by (namespace, job) (rate(http_requests_total{job="${THANOS_QUERY_JOB}", handler="${handler}", code=~"5.."}[5m]))` +
  ` / sum by (namespace, job) (rate(http_requests_total{job="${THANOS_QUERY_JOB}", handler="${handler}"}[5m]))`;

/**
 * The sidecar's link to its Prometheus and its bucket uploads, Thanos Query's error rates and its
 * connections to the sidecars, and the two scrape jobs. Metric names are those Thanos v0.42
 * exposes (the sidecar's `thanos_sidecar_prometheus_up`, the objstore client's
 * `thanos_objstore_bucket_operation_failures_total`, the endpoint set's
 * `thanos_store_nodes_grpc_connections`, the HTTP and gRPC middleware's request counters).
 */
export const THANOS_ALERTS: ReadonlyArray<CoveringDefinition<ThanosAlertContext>> = [
  {
    alert: 'ThanosSidecarNoConnectionToStartedPrometheus',
    severity: 'critical',
    for: '5m',
    // Only once Prometheus has replayed its WAL: during a long replay the sidecar is expected to wait.
    expr: () =>
      `thanos_sidecar_prometheus_up{job="${THANOS_SIDECAR_JOB}"} == 0` +
      ' and on (namespace, pod) prometheus_tsdb_data_replay_duration_seconds{job="prometheus"} != 0',
    summary: 'The Thanos sidecar of {{ $labels.pod }} cannot reach its started Prometheus.',
    description:
      'The sidecar in {{ $labels.namespace }}/{{ $labels.pod }} reports Prometheus down although Prometheus has replayed its WAL: ' +
      'Thanos Query gets no data of this replica.',
  },
  {
    alert: 'ThanosSidecarBucketOperationsFailed',
    severity: 'critical',
    for: '5m',
    expr: () => `sum by (namespace, pod) (rate(thanos_objstore_bucket_operation_failures_total{job="${THANOS_SIDECAR_JOB}"}[5m])) > 0`,
    summary: 'The Thanos sidecar of {{ $labels.pod }} fails bucket operations.',
    description:
      'Bucket operations of {{ $labels.namespace }}/{{ $labels.pod }} fail: its blocks are not uploaded and pile up on its volume.',
  },
  {
    alert: 'ThanosQueryStoreEndpointsMissing',
    severity: 'warning',
    for: '10m',
    expr: ({ replicas }) =>
      `sum by (namespace, pod) (thanos_store_nodes_grpc_connections{job="${THANOS_QUERY_JOB}", store_type="sidecar"}) < ${replicas}`,
    summary: 'Thanos Query {{ $labels.pod }} reaches fewer Prometheus sidecars than there are replicas.',
    description:
      'Thanos Query {{ $labels.namespace }}/{{ $labels.pod }} is connected to {{ $value }} sidecars: queries are no longer ' +
      'backed by every replica, so a replica restart shows a gap.',
  },
  {
    alert: 'ThanosQueryHttpRequestQueryErrorRateHigh',
    severity: 'critical',
    for: '5m',
    threshold: 0.05,
    thresholdUnit: 'ratio of instant queries failing (0..1)',
    thresholdRange: { above: 0, atMost: 1 },
    expr: (_, t) => `${httpErrors('query')} > ${t}`,
    summary: 'Thanos Query fails instant queries.',
    description: '{{ $value | humanizePercentage }} of the instant queries to {{ $labels.namespace }}/{{ $labels.job }} fail.',
  },
  {
    alert: 'ThanosQueryHttpRequestQueryRangeErrorRateHigh',
    severity: 'critical',
    for: '5m',
    threshold: 0.05,
    thresholdUnit: 'ratio of range queries failing (0..1)',
    thresholdRange: { above: 0, atMost: 1 },
    expr: (_, t) => `${httpErrors('query_range')} > ${t}`,
    summary: 'Thanos Query fails range queries.',
    description: '{{ $value | humanizePercentage }} of the range queries (graphs) to {{ $labels.namespace }}/{{ $labels.job }} fail.',
  },
  {
    alert: 'ThanosQueryGrpcClientErrorRate',
    severity: 'warning',
    for: '5m',
    threshold: 0.05,
    thresholdUnit: 'ratio of StoreAPI calls failing (0..1)',
    thresholdRange: { above: 0, atMost: 1 },
    expr: (_, t) =>
      `sum by (namespace, job) (rate(grpc_client_handled_total{job="${THANOS_QUERY_JOB}", grpc_code!="OK"}[5m]))` +
      ` / sum by (namespace, job) (rate(grpc_client_started_total{job="${THANOS_QUERY_JOB}"}[5m])) > ${t}`,
    summary: 'Thanos Query fails calls to the sidecars.',
    description:
      '{{ $value | humanizePercentage }} of the StoreAPI calls of {{ $labels.namespace }}/{{ $labels.job }} to the sidecars fail.',
  },
  absentJobAlert('ThanosQueryAbsent', THANOS_QUERY_JOB, 'Thanos Query'),
  absentJobAlert('ThanosSidecarAbsent', THANOS_SIDECAR_JOB, 'Thanos sidecar'),
];
