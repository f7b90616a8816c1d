import { Section } from '../../config/dashboards/layout';
import { statPanel, THRESHOLDS, timeseriesPanel } from '../../config/dashboards/panels';
import { LOGSTASH_JOB } from './scrape';

const LS = `job="${LOGSTASH_JOB}"`;
const rate = (metric: string, by = '') => `sum${by ? ` by (${by})` : ''} (rate(${metric}{${LS}}[5m]))`;

/**
 * The Logstash rows of the logging-pipeline dashboard (kuskoman/logstash-exporter v1.9.1 metrics):
 * events in, filtered and out per stage, events dropped, queue depth and lag, DLQ, workers.
 */
export function logstashPipelineSections(): Section[] {
  return [
    {
      panels: [
        statPanel({
          title: 'Logstash up',
          description: 'Logstash pods whose monitoring API answers their exporter.',
          queries: [{ expr: `sum(logstash_info_up{${LS}})`, instant: true }],
          unit: 'none',
        }),
        statPanel({
          title: 'Events in / s',
          description: 'Events the beats input accepted, all pods.',
          queries: [{ expr: rate('logstash_stats_pipeline_events_in'), instant: true }],
          unit: 'short',
        }),
        statPanel({
          title: 'Queued events',
          description: 'Events in the persisted queues, not yet through the filters and the output.',
          queries: [{ expr: `sum(logstash_stats_pipeline_queue_events_count{${LS}})`, instant: true }],
          unit: 'short',
        }),
        statPanel({
          title: 'Dead-letter queue',
          description: 'Bytes of events Elasticsearch rejected, kept in the DLQ.',
          queries: [{ expr: `sum(logstash_stats_pipeline_dead_letter_queue_size_in_bytes{${LS}})`, instant: true }],
          unit: 'bytes',
          thresholds: THRESHOLDS.badAbove(1, 1024 * 1024),
        }),
      ],
    },
    {
      title: 'Logstash: events per stage',
      panels: [
        timeseriesPanel({
          title: 'Events in, filtered, out',
          description: 'Per second: accepted by the input, through the filters, written by the output.',
          queries: [
            { expr: rate('logstash_stats_pipeline_events_in'), legend: 'in' },
            { expr: rate('logstash_stats_pipeline_events_filtered'), legend: 'filtered' },
            { expr: rate('logstash_stats_pipeline_events_out'), legend: 'out' },
          ],
          unit: 'short',
        }),
        timeseriesPanel({
          title: 'Events dropped',
          description: 'Per second: events the filters dropped (in minus out of each filter), and events the full DLQ dropped.',
          queries: [
            {
              expr:
                `sum (rate(logstash_stats_pipeline_plugin_events_in{${LS}, plugin_type="filter"}[5m]))` +
                ` - sum (rate(logstash_stats_pipeline_plugin_events_out{${LS}, plugin_type="filter"}[5m]))`,
              legend: 'filters',
            },
            { expr: rate('logstash_stats_pipeline_dead_letter_queue_dropped_events'), legend: 'dead-letter queue' },
          ],
          unit: 'short',
        }),
        timeseriesPanel({
          title: 'Rejected by Elasticsearch',
          description: 'Per second: documents the output could not write (non-retryable), and bulk requests with errors.',
          queries: [
            { expr: rate('logstash_stats_pipeline_plugin_documents_non_retryable_failures'), legend: 'documents' },
            { expr: rate('logstash_stats_pipeline_plugin_bulk_requests_errors'), legend: 'bulk requests' },
          ],
          unit: 'short',
        }),
      ],
    },
    {
      title: 'Logstash: queue and lag',
      panels: [
        timeseriesPanel({
          title: 'Persisted queue used',
          description: 'Share of queue.max_bytes in use, per pod; a full queue stops the beats input.',
          queries: [
            {
              expr:
                `max by (pod) (logstash_stats_pipeline_queue_events_queue_size{${LS}}` +
                ` / (logstash_stats_pipeline_queue_max_size_in_bytes{${LS}} > 0))`,
              legend: '{{pod}}',
            },
          ],
          unit: 'percentunit',
          min: 0,
          max: 1,
          thresholds: THRESHOLDS.badAbove(0.6, 0.8),
        }),
        timeseriesPanel({
          title: 'Lag (queue backpressure, time per event)',
          description: 'Milliseconds an event spends in the pipeline (events duration over events out), per pod.',
          queries: [
            {
              expr:
                `sum by (pod) (rate(logstash_stats_pipeline_events_duration{${LS}}[5m]))` +
                ` / sum by (pod) (rate(logstash_stats_pipeline_events_out{${LS}}[5m]))`,
              legend: '{{pod}}',
            },
          ],
          unit: 'ms',
        }),
        timeseriesPanel({
          title: 'Worker utilization',
          description: 'Share of worker time in use, per pod (LogstashWorkerSaturation above 90%).',
          queries: [{ expr: `max by (pod) (logstash_stats_pipeline_flow_worker_utilization_current{${LS}})`, legend: '{{pod}}' }],
          unit: 'percent',
          min: 0,
          max: 100,
          thresholds: THRESHOLDS.badAbove(75, 90),
        }),
      ],
    },
  ];
}
