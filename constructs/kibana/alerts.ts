import { AlertDefinition, NoContext } from '../../config/alerting/definition';
import { BLACKBOX_JOB } from '../blackbox-exporter/files';
import { kibanaSpec } from './spec';

/** Rule file of the Kibana alerts. */
export const KIBANA_RULE_FILE = 'kibana.yml';

/**
 * Kibana has no Prometheus endpoint of its own, so the stack's blackbox exporter probes its
 * status API through the Service (`http_2xx`): Kibana answers 200 while available and 503 while
 * it is not (no replica ready, or it lost Elasticsearch). A missing prober is
 * BlackboxExporterAbsent's to report.
 */
export const KIBANA_ALERTS: ReadonlyArray<AlertDefinition<NoContext>> = [
  {
    alert: 'KibanaDown',
    severity: 'warning',
    for: '5m',
    expr: () => `max by (namespace) (probe_success{job="${BLACKBOX_JOB}", service="${kibanaSpec.name}"}) == 0`,
    summary: 'Kibana in {{ $labels.namespace }} is down.',
    description:
      "Kibana's status API has not answered 2xx for 5 minutes: nobody can search the logs in Kibana " +
      '(logs are still stored, and Grafana can still read them).',
  },
];
