import { absentJobAlert } from '../../config/alerting/coverage';
import { AlertDefinition, NoContext } from '../../config/alerting/definition';
import { KUBE_STATE_METRICS_JOB } from '../kube-state-metrics/scrape';
import { FILEBEAT_JOB } from './scrape';

/** Rule file of the Filebeat alerts. */
export const FILEBEAT_RULE_FILE = 'filebeat.yml';

const JOB = `job="${FILEBEAT_JOB}"`;
/** Events the output acknowledged: logs that arrived at Logstash or Elasticsearch (beat-exporter's `libbeat.output.events.acked`). */
const ACKED = `filebeat_libbeat_output_events{${JOB}, type="acked"}`;

/**
 * Filebeat alerts on beat-exporter 0.4.0's series (collector/libbeat.go, collector/main.go):
 * `filebeat_up` (the exporter reached Filebeat's `/stats`), `filebeat_libbeat_output_events{type}`
 * and `filebeat_libbeat_output_write_errors_total`, plus kube-state-metrics' `kube_node_info` and
 * `kube_pod_info` for the nodes and the namespaces on them.
 */
export const FILEBEAT_ALERTS: ReadonlyArray<AlertDefinition<NoContext>> = [
  {
    alert: 'FilebeatDown',
    severity: 'warning',
    for: '10m',
    expr: () =>
      `(max by (node) (up{${JOB}}) == 0) or (max by (node) (filebeat_up{${JOB}}) == 0) or ` +
      `(max by (node) (kube_node_info{job="${KUBE_STATE_METRICS_JOB}"}) unless on (node) max by (node) (up{${JOB}}))`,
    summary: 'Filebeat on node {{ $labels.node }} is down.',
    description:
      'No Filebeat is shipping the logs of node {{ $labels.node }}: its pod does not answer, its exporter cannot reach it, ' +
      'or no Filebeat pod runs there at all. Logs written meanwhile wait on the node and are sent when it comes back, ' +
      'unless the kubelet rotates them away first.',
  },
  {
    alert: 'FilebeatOutputErrors',
    severity: 'warning',
    for: '15m',
    expr: () =>
      `sum by (node) (rate(filebeat_libbeat_output_events{${JOB}, type="failed"}[5m])) > 0 or ` +
      `sum by (node) (rate(filebeat_libbeat_output_write_errors_total{${JOB}}[5m])) > 0`,
    summary: 'Filebeat on node {{ $labels.node }} fails to send events.',
    description:
      'Filebeat on {{ $labels.node }} has had failed events or write errors towards its output for 15 minutes: ' +
      'Logstash or Elasticsearch refuses or drops the connection. Filebeat retries, ' +
      'so logs are late, and lost once the node rotates the files it has not finished.',
  },
  {
    alert: 'LogsNotArrivingForNamespace',
    severity: 'warning',
    for: '10m',
    threshold: 0.1,
    thresholdUnit: 'ratio of the acknowledged event rate to the rate an hour earlier (0..1)',
    thresholdRange: { above: 0, atMost: 1 },
    expr: (_, t) =>
      `count by (namespace, node) (kube_pod_info{job="${KUBE_STATE_METRICS_JOB}", node!=""}) and on (node) ` +
      `(sum by (node) (rate(${ACKED}[15m])) < ${t} * sum by (node) (rate(${ACKED}[15m] offset 1h)))`,
    summary: 'Logs of namespace {{ $labels.namespace }} on node {{ $labels.node }} stopped arriving.',
    description:
      'Filebeat on {{ $labels.node }}, which ships the logs of the pods of {{ $labels.namespace }} there, has had almost ' +
      'none of its events acknowledged by its output for 10 minutes, against its rate an hour earlier. The rate is ' +
      "per node (Filebeat's counters carry no namespace): every namespace with pods on that node is named.",
  },
  absentJobAlert('FilebeatAbsent', FILEBEAT_JOB, 'Filebeat exporter'),
];
