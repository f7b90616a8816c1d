import { absentJobAlert } from '../../config/alerting/coverage';
import { AlertDefinition, NoContext } from '../../config/alerting/definition';
import { LOGSTASH_JOB } from './scrape';

/** Rule file of the Logstash alerts. */
export const LOGSTASH_RULE_FILE = 'logstash.yml';

const job = `job="${LOGSTASH_JOB}"`;
const perPipeline = (expr: string) => `max by (namespace, pod, pipeline) (${expr})`;

/**
 * Alerts on the log pipeline, on the metric names of kuskoman/logstash-exporter v1.9.1
 * (collectors/nodeinfo, collectors/nodestats/pipeline_subcollector.go). The exporter is a sidecar:
 * its target stays up while Logstash itself is down, which `logstash_info_up` reports.
 */
export const LOGSTASH_ALERTS: ReadonlyArray<AlertDefinition<NoContext>> = [
  absentJobAlert('LogstashExporterAbsent', LOGSTASH_JOB, 'Logstash exporter'),
  {
    alert: 'LogstashDown',
    severity: 'critical',
    for: '5m',
    expr: () => `max by (namespace, pod) (logstash_info_up{${job}}) == 0`,
    summary: 'Logstash {{ $labels.pod }} is down.',
    description:
      "The monitoring API of Logstash {{ $labels.pod }} has not answered its exporter for 5 minutes: its share of Filebeat's " +
      'events is not being processed (Filebeat buffers and retries, but its registry only moves on once Logstash acknowledges).',
  },
  {
    alert: 'LogstashQueueFilling',
    severity: 'warning',
    for: '10m',
    expr: () =>
      perPipeline(
        `logstash_stats_pipeline_queue_events_queue_size{${job}} / (logstash_stats_pipeline_queue_max_size_in_bytes{${job}} > 0)`,
      ) + ' > 0.8',
    summary: 'The persisted queue of Logstash {{ $labels.pod }} is {{ $value | humanizePercentage }} full.',
    description:
      'The persisted queue of pipeline {{ $labels.pipeline }} on {{ $labels.pod }} has been above 80% of queue.max_bytes for ' +
      '10 minutes: the output (Elasticsearch) is slower than the input. Once full, Logstash stops accepting events from Filebeat.',
  },
  {
    alert: 'LogstashDeadLetterQueueGrowing',
    severity: 'warning',
    for: '15m',
    expr: () =>
      `${perPipeline(`delta(logstash_stats_pipeline_dead_letter_queue_size_in_bytes{${job}}[15m])`)} > 0` +
      ` or ${perPipeline(`increase(logstash_stats_pipeline_dead_letter_queue_dropped_events{${job}}[15m])`)} > 0`,
    summary: 'The dead-letter queue of Logstash {{ $labels.pod }} is growing.',
    description:
      'Events of pipeline {{ $labels.pipeline }} on {{ $labels.pod }} have been going to the dead-letter queue (Elasticsearch ' +
      'rejected them, usually a mapping conflict) for 15 minutes, or the full DLQ is dropping them: those logs are not searchable.',
  },
  {
    alert: 'LogstashWorkerSaturation',
    severity: 'warning',
    for: '15m',
    expr: () => `${perPipeline(`logstash_stats_pipeline_flow_worker_utilization_current{${job}}`)} > 90`,
    summary: 'The pipeline workers of Logstash {{ $labels.pod }} are saturated.',
    description:
      'The workers of pipeline {{ $labels.pipeline }} on {{ $labels.pod }} have been busy {{ $value }}% of the time for 15 ' +
      'minutes: the filters cannot keep up, and the queue will fill. Add CPU, workers or replicas.',
  },
];
