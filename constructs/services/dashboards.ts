import { ResolvedSettings } from '../stack/settings';
import { composeDashboard, FolderedDashboard, Section } from '../../config/dashboards/layout';
import { POOL_USE, queryDurationRecord } from './recordings';
import { pieChartPanel, statPanel, THRESHOLDS, timeseriesPanel } from '../../config/dashboards/panels';
import { serviceVariable } from '../../config/dashboards/variables';

/** The chosen service's recorded series (naming contract: `service:*` recordings). */
const SVC = 'service="$service"';
/** Pods of the chosen service: the targets of its scrape job (which carry namespace and pod). */
const PODS = 'on (namespace, pod) up{job="$service"}';
const CONTAINERS = 'container!="", container!="POD"';

/** Usage of the service's pods divided by their limit, per pod. */
const podVsLimit = (usage: string, resource: 'cpu' | 'memory') =>
  `sum by (pod) (${usage} and ${PODS}) / sum by (pod) (kube_pod_container_resource_limits{resource="${resource}"} and ${PODS})`;

/**
 * RED dashboard of the monitored services (one dashboard, `service` variable listing the
 * declared services). Reads the RED recordings, so custom metric names per service do not
 * change the queries.
 */
export function serviceDashboard(settings: ResolvedSettings): FolderedDashboard {
  const model = composeDashboard(
    {
      uid: 'service-red',
      title: 'Service overview (RED)',
      description: 'Request rate, errors and duration of a monitored service, its status codes and how saturated its pods are.',
      tags: ['services', 'red'],
      variables: [serviceVariable(settings.services.map((s) => s.name))],
      from: 'now-3h',
    },
    [
      {
        panels: [
          statPanel({
            title: 'Request rate',
            description: 'Requests per second over the last 5 minutes.',
            queries: [{ expr: `sum(service:requests:rate5m{${SVC}})`, instant: true }],
            unit: 'reqps',
          }),
          statPanel({
            title: 'Error ratio',
            description: 'Share of requests answered with an error code (default 5xx) over the last 5 minutes.',
            queries: [{ expr: `max(service:request_errors:ratio_rate5m{${SVC}})`, instant: true }],
            unit: 'percentunit',
            thresholds: THRESHOLDS.badAbove(0.01, 0.05),
          }),
          statPanel({
            title: 'Latency p99',
            description: '99th percentile request duration over the last 5 minutes.',
            queries: [{ expr: `max(service:request_duration_seconds:p99_5m{${SVC}})`, instant: true }],
            unit: 's',
            thresholds: THRESHOLDS.badAbove(0.5, 1),
          }),
          statPanel({
            title: 'Targets up',
            description: 'Instances of the service answering their scrape.',
            queries: [{ expr: 'sum(up{job="$service"})', instant: true }],
            unit: 'none',
            thresholds: [
              [null, 'red'],
              [1, 'green'],
            ],
          }),
        ],
      },
      {
        title: 'Traffic',
        panels: [
          timeseriesPanel({
            title: 'Requests by method and route',
            description: 'Requests per second per HTTP method and route (5m rate).',
            queries: [{ expr: `sum by (method, route) (service_method_route:requests:rate5m{${SVC}})`, legend: '{{method}} {{route}}' }],
            unit: 'reqps',
            stack: true,
            legendTable: true,
          }),
          pieChartPanel({
            title: 'Status codes',
            description: 'Share of responses per status code over the last 5 minutes.',
            queries: [{ expr: `sum by (code) (service_code:requests:rate5m{${SVC}})`, legend: '{{code}}', instant: true }],
            unit: 'reqps',
          }),
          timeseriesPanel({
            title: 'Requests by status code',
            description: 'Requests per second per status code (5m rate).',
            queries: [{ expr: `sum by (code) (service_code:requests:rate5m{${SVC}})`, legend: '{{code}}' }],
            unit: 'reqps',
            stack: true,
            width: 24,
          }),
        ],
      },
      {
        title: 'Errors and latency',
        panels: [
          timeseriesPanel({
            title: 'Error ratio',
            description: 'Share of error responses over 5 minutes and over 1 hour.',
            queries: [
              { expr: `max(service:request_errors:ratio_rate5m{${SVC}})`, legend: '5m' },
              { expr: `max(service:request_errors:ratio_rate1h{${SVC}})`, legend: '1h' },
            ],
            unit: 'percentunit',
            min: 0,
            thresholds: THRESHOLDS.badAbove(0.01, 0.05),
          }),
          timeseriesPanel({
            title: 'Latency p50 / p95 / p99',
            description: 'Request duration quantiles over 5-minute windows, from the request-duration histogram.',
            queries: (['p50', 'p95', 'p99'] as const).map((q) => ({
              expr: `max(service:request_duration_seconds:${q}_5m{${SVC}})`,
              legend: q,
            })),
            unit: 's',
            min: 0,
          }),
        ],
      },
      {
        title: 'Saturation',
        panels: [
          timeseriesPanel({
            title: 'CPU vs limit by pod',
            description: "CPU used by the service's pods divided by their CPU limit; near 1 they are throttled.",
            queries: [
              { expr: podVsLimit(`rate(container_cpu_usage_seconds_total{${CONTAINERS}}[$__rate_interval])`, 'cpu'), legend: '{{pod}}' },
            ],
            unit: 'percentunit',
            min: 0,
            thresholds: THRESHOLDS.badAbove(0.8, 0.95),
            width: 8,
          }),
          timeseriesPanel({
            title: 'Memory vs limit by pod',
            description: "Working set of the service's pods divided by their memory limit; at 1 they are OOM-killed.",
            queries: [{ expr: podVsLimit(`container_memory_working_set_bytes{${CONTAINERS}}`, 'memory'), legend: '{{pod}}' }],
            unit: 'percentunit',
            min: 0,
            thresholds: THRESHOLDS.badAbove(0.8, 0.95),
            width: 8,
          }),
          timeseriesPanel({
            title: 'Pod restarts (1h)',
            description: "Container restarts of the service's pods over the last hour.",
            queries: [{ expr: `sum by (pod) (increase(kube_pod_container_status_restarts_total[1h]) and ${PODS})`, legend: '{{pod}}' }],
            unit: 'none',
            thresholds: THRESHOLDS.badAbove(1, 5),
            width: 8,
          }),
        ],
      },
      ...databaseClientSection(settings),
    ],
  );
  return { folder: 'services', model };
}

/**
 * Pool use and query latency the services report about their own database connections; only when
 * some service declares `alerting.databaseClient` (other services show no data in this row).
 */
function databaseClientSection(settings: ResolvedSettings): Section[] {
  const clients = settings.services.map((s) => s.alerting?.databaseClient).filter((c) => c !== undefined);
  if (clients.length === 0) return [];
  const panels = [];
  if (clients.some((c) => c.poolInUseMetric))
    panels.push(
      timeseriesPanel({
        title: 'Connection pool use',
        description: 'Connections in use over the pool maximum, per instance; at 1 requests queue for a connection.',
        queries: [{ expr: `${POOL_USE}{${SVC}}`, legend: '{{instance}}' }],
        unit: 'percentunit',
        min: 0,
        max: 1,
        thresholds: THRESHOLDS.badAbove(0.8, 0.9),
      }),
    );
  if (clients.some((c) => c.queryDurationMetric))
    panels.push(
      timeseriesPanel({
        title: 'Query duration p50 / p99',
        description: 'Duration of the database queries the service reports, median and 99th percentile over 5 minutes.',
        queries: (['p50', 'p99'] as const).map((q) => ({ expr: `${queryDurationRecord(q)}{${SVC}}`, legend: q })),
        unit: 's',
      }),
    );
  return [{ title: 'Database client', panels }];
}
