import type { AlertCase } from '../alerting/promtool-cases';

/**
 * promtool cases of the Thanos alerts (rule file thanos.yml), on the series the two scrape jobs
 * give: the sidecar job (pod and namespace of the Prometheus pod) and the thanos-query job. The
 * rules are those of `fullSettings` (Thanos on, one Prometheus replica, so the query alert expects
 * one sidecar connection).
 */
const ns = 'monitoring';
const sidecar = (pod: string) => `{job="thanos-sidecar", namespace="${ns}", pod="${pod}", instance="${pod}:10902"}`;
const prometheusOf = (pod: string) => `{job="prometheus", namespace="${ns}", pod="${pod}", instance="${pod}:9090"}`;
const query = `job="thanos-query", namespace="${ns}", pod="thanos-query-a", instance="10.0.0.9:10902"`;
const sidecarLabels = (pod: string, severity: string) => ({
  job: 'thanos-sidecar',
  namespace: ns,
  pod,
  instance: `${pod}:10902`,
  severity,
});
const queryJob = (severity: string) => ({ job: 'thanos-query', namespace: ns, severity });
const requests = (handler: string, code: string) => `http_requests_total{${query}, handler="${handler}", code="${code}"}`;

export const THANOS_ALERT_CASES: readonly AlertCase[] = [
  {
    alert: 'ThanosSidecarNoConnectionToStartedPrometheus',
    suite: 'thanos',
    why: 'the sidecar reports its Prometheus down for 10 minutes after the WAL replay',
    series: {
      [`thanos_sidecar_prometheus_up${sidecar('prometheus-0')}`]: '0x10',
      [`prometheus_tsdb_data_replay_duration_seconds${prometheusOf('prometheus-0')}`]: '12x10',
    },
    at: '10m',
    fires: [{ labels: sidecarLabels('prometheus-0', 'critical') }],
  },
  {
    alert: 'ThanosSidecarNoConnectionToStartedPrometheus',
    suite: 'thanos',
    why: 'Prometheus is still replaying its WAL (replay duration 0): the sidecar is expected to wait',
    series: {
      [`thanos_sidecar_prometheus_up${sidecar('prometheus-0')}`]: '0x10',
      [`prometheus_tsdb_data_replay_duration_seconds${prometheusOf('prometheus-0')}`]: '0x10',
    },
    at: '10m',
    fires: [],
  },
  {
    alert: 'ThanosSidecarNoConnectionToStartedPrometheus',
    suite: 'thanos',
    why: 'another replica replayed its WAL: the join is per pod',
    series: {
      [`thanos_sidecar_prometheus_up${sidecar('prometheus-0')}`]: '0x10',
      [`prometheus_tsdb_data_replay_duration_seconds${prometheusOf('prometheus-0')}`]: '0x10',
      [`prometheus_tsdb_data_replay_duration_seconds${prometheusOf('prometheus-1')}`]: '12x10',
    },
    at: '10m',
    fires: [],
  },
  {
    alert: 'ThanosSidecarBucketOperationsFailed',
    suite: 'thanos',
    why: 'uploads fail steadily',
    series: { [`thanos_objstore_bucket_operation_failures_total{${sidecar('prometheus-1').slice(1, -1)}, operation="upload"}`]: '0+2x15' },
    at: '15m',
    fires: [{ labels: { namespace: ns, pod: 'prometheus-1', severity: 'critical' } }],
  },
  {
    alert: 'ThanosSidecarBucketOperationsFailed',
    suite: 'thanos',
    why: 'no failure counted',
    series: { [`thanos_objstore_bucket_operation_failures_total{${sidecar('prometheus-1').slice(1, -1)}, operation="upload"}`]: '0x15' },
    at: '15m',
    fires: [],
  },
  {
    alert: 'ThanosQueryStoreEndpointsMissing',
    suite: 'thanos',
    why: 'Thanos Query lost its only sidecar for 15 minutes',
    series: { [`thanos_store_nodes_grpc_connections{${query}, store_type="sidecar", external_labels="{cluster=\\"c\\"}"}`]: '0x15' },
    at: '15m',
    fires: [{ labels: { namespace: ns, pod: 'thanos-query-a', severity: 'warning' }, value: '0' }],
  },
  {
    alert: 'ThanosQueryStoreEndpointsMissing',
    suite: 'thanos',
    why: 'connected to every replica',
    series: { [`thanos_store_nodes_grpc_connections{${query}, store_type="sidecar", external_labels="{cluster=\\"c\\"}"}`]: '1x15' },
    at: '15m',
    fires: [],
  },
  {
    alert: 'ThanosQueryStoreEndpointsMissing',
    suite: 'thanos',
    why: 'a sidecar lost for 5 minutes (a replica rollout) is pending, not firing',
    series: { [`thanos_store_nodes_grpc_connections{${query}, store_type="sidecar", external_labels="{cluster=\\"c\\"}"}`]: '1x10 0x5' },
    at: '15m',
    fires: [],
  },
  {
    alert: 'ThanosQueryHttpRequestQueryErrorRateHigh',
    suite: 'thanos',
    why: 'a tenth of the instant queries fail',
    series: { [requests('query', '200')]: '0+90x15', [requests('query', '503')]: '0+10x15' },
    at: '15m',
    fires: [{ labels: queryJob('critical'), value: '10%' }],
  },
  {
    alert: 'ThanosQueryHttpRequestQueryErrorRateHigh',
    suite: 'thanos',
    why: 'failing range queries are not instant queries',
    series: { [requests('query', '200')]: '0+100x15', [requests('query_range', '503')]: '0+50x15' },
    at: '15m',
    fires: [],
  },
  {
    alert: 'ThanosQueryHttpRequestQueryRangeErrorRateHigh',
    suite: 'thanos',
    why: 'a third of the graphs fail',
    series: { [requests('query_range', '200')]: '0+20x15', [requests('query_range', '500')]: '0+10x15' },
    at: '15m',
    fires: [{ labels: queryJob('critical'), value: '33.33%' }],
  },
  {
    alert: 'ThanosQueryHttpRequestQueryRangeErrorRateHigh',
    suite: 'thanos',
    why: "client errors (4xx) are the users', not Thanos's",
    series: { [requests('query_range', '200')]: '0+20x15', [requests('query_range', '422')]: '0+10x15' },
    at: '15m',
    fires: [],
  },
  {
    alert: 'ThanosQueryGrpcClientErrorRate',
    suite: 'thanos',
    why: 'a fifth of the StoreAPI calls to the sidecars fail',
    series: {
      [`grpc_client_started_total{${query}, grpc_service="thanos.Store", grpc_method="Series"}`]: '0+100x15',
      [`grpc_client_handled_total{${query}, grpc_service="thanos.Store", grpc_method="Series", grpc_code="OK"}`]: '0+80x15',
      [`grpc_client_handled_total{${query}, grpc_service="thanos.Store", grpc_method="Series", grpc_code="Unavailable"}`]: '0+20x15',
    },
    at: '15m',
    fires: [{ labels: queryJob('warning'), value: '20%' }],
  },
  {
    alert: 'ThanosQueryGrpcClientErrorRate',
    suite: 'thanos',
    why: 'every call succeeds',
    series: {
      [`grpc_client_started_total{${query}, grpc_service="thanos.Store", grpc_method="Series"}`]: '0+100x15',
      [`grpc_client_handled_total{${query}, grpc_service="thanos.Store", grpc_method="Series", grpc_code="OK"}`]: '0+100x15',
    },
    at: '15m',
    fires: [],
  },
];
