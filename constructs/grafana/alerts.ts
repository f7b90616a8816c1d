import { absentJobAlert, CoveringDefinition } from '../../config/alerting/coverage';
import { NoContext } from '../../config/alerting/definition';
import { GRAFANA_JOB } from './scrape';

/** Handlers that proxy to a datasource: their errors are the datasource's, not Grafana's. */
const PROXY_HANDLERS = '/api/datasources/proxy/.*|/api/ds/query|/api/tsdb/query';
const requests = (extra: string) =>
  'sum by (namespace, handler) (rate(grafana_http_request_duration_seconds_count' +
  `{job="${GRAFANA_JOB}", handler!~"${PROXY_HANDLERS}"${extra}}[5m]))`;

/** Grafana's own health: failing API requests, and its scrape job. */
export const GRAFANA_ALERTS: ReadonlyArray<CoveringDefinition<NoContext>> = [
  {
    alert: 'GrafanaRequestsFailing',
    severity: 'warning',
    for: '5m',
    threshold: 0.5,
    thresholdUnit: 'ratio of 5xx answers per handler (0..1)',
    expr: (_, t) => `${requests(', status_code=~"5.."')} / ${requests('')} > ${t}`,
    summary: 'Grafana fails requests to {{ $labels.handler }}.',
    description: '{{ $value | humanizePercentage }} of the requests to Grafana handler {{ $labels.handler }} end in a server error.',
  },
  absentJobAlert('GrafanaAbsent', GRAFANA_JOB, 'Grafana'),
];
