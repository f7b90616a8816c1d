import { DATASOURCE_UIDS, ProvisionedDatasource } from '../../config/dashboards/datasources';
import { TRACE_ID_FIELD } from '../elasticsearch/grafana-datasource';
import { SPAN_METRICS } from './files';
import { SPAN_METRICS_JOB } from './scrape';
import { ResolvedJaeger } from './settings';
import { JAEGER_PORTS as P, jaegerQuerySpec, jaegerSpec } from './spec';

/** The Jaeger query Service as Grafana reaches it: the short Service name resolves on both targets. */
export function jaegerQueryUrl(jaeger: Pick<ResolvedJaeger, 'shape'>): string {
  return `http://${(jaeger.shape === 'single' ? jaegerSpec : jaegerQuerySpec).name}:${P.queryHttp.port}`;
}

/**
 * The Jaeger UI URL of a trace as people open it (Kibana's trace.id links): through the query
 * Ingress when there is one, else a port-forward to localhost (`kubectl port-forward svc/<query> 16686`).
 */
export function jaegerTraceUrl(jaeger: Pick<ResolvedJaeger, 'ingress'>): string {
  return `${jaeger.ingress ? `https://${jaeger.ingress.host}` : `http://localhost:${P.queryHttp.port}`}/trace/{{value}}`;
}

const server = `job="${SPAN_METRICS_JOB}", span_kind="SPAN_KIND_SERVER", $__tags`;

/**
 * `jsonData` of Grafana's Jaeger datasource (Grafana 12.1): the correlations. Traces to logs: a
 * span opens the logs datasource filtered on `trace.id`; traces to metrics: a span opens the span
 * metrics of its service (`service.name` -> label `service_name`); the node graph.
 */
export function jaegerDatasourceJsonData() {
  return {
    tracesToLogsV2: {
      datasourceUid: DATASOURCE_UIDS.logs,
      spanStartTimeShift: '-5m',
      spanEndTimeShift: '5m',
      filterByTraceID: false,
      filterBySpanID: false,
      customQuery: true,
      query: `${TRACE_ID_FIELD}:"\${__trace.traceId}"`,
    },
    tracesToMetrics: {
      datasourceUid: DATASOURCE_UIDS.prometheus,
      spanStartTimeShift: '-5m',
      spanEndTimeShift: '5m',
      tags: [{ key: 'service.name', value: 'service_name' }],
      queries: [
        { name: 'Request rate', query: `sum(rate(${SPAN_METRICS.calls}{${server}}[5m]))` },
        { name: 'Error rate', query: `sum(rate(${SPAN_METRICS.calls}{${server}, status_code="STATUS_CODE_ERROR"}[5m]))` },
        { name: 'p99 duration', query: `histogram_quantile(0.99, sum by (le) (rate(${SPAN_METRICS.duration}_bucket{${server}}[5m])))` },
      ],
    },
    nodeGraph: { enabled: true },
  };
}

/** The traces datasource (uid DATASOURCE_UIDS.traces): Jaeger query, no credentials (the NetworkPolicy admits Grafana). */
export function tracesDatasource(jaeger: Pick<ResolvedJaeger, 'shape'>): ProvisionedDatasource {
  return {
    entry: {
      name: 'Traces (Jaeger)',
      uid: DATASOURCE_UIDS.traces,
      type: 'jaeger',
      access: 'proxy',
      url: jaegerQueryUrl(jaeger),
      editable: false,
      jsonData: jaegerDatasourceJsonData(),
    },
  };
}
