import type { AlertCase } from '../alerting/promtool-cases';

/**
 * promtool cases of the Logstash alerts (rule file logstash.yml), on the series
 * kuskoman/logstash-exporter v1.9.1 gives, with the scrape job's target labels.
 */
const target = 'job="logstash", namespace="monitoring", pod="logstash-0", instance="10.0.0.5:9198"';
const pipe = `${target}, pipeline="main"`;
const at = (labels: Record<string, string>, severity: string, value?: string) => [
  { labels: { ...labels, severity }, ...(value !== undefined ? { value } : {}) },
];
const pod = { namespace: 'monitoring', pod: 'logstash-0' };
const pipeline = { ...pod, pipeline: 'main' };
const GiB = 1073741824;

export const LOGSTASH_ALERT_CASES: readonly AlertCase[] = [
  {
    alert: 'LogstashDown',
    suite: 'logstash',
    why: 'the exporter has not reached Logstash for 10 minutes',
    series: { [`logstash_info_up{${target}}`]: '0x10' },
    at: '10m',
    fires: at(pod, 'critical'),
  },
  {
    alert: 'LogstashDown',
    suite: 'logstash',
    why: 'a 3-minute restart is pending, not firing',
    series: { [`logstash_info_up{${target}}`]: '1x7 0x3' },
    at: '10m',
    fires: [],
  },
  { alert: 'LogstashDown', suite: 'logstash', why: 'up', series: { [`logstash_info_up{${target}}`]: '1x10' }, at: '10m', fires: [] },
  {
    alert: 'LogstashQueueFilling',
    suite: 'logstash',
    why: 'the queue is at 90% for 15 minutes',
    series: {
      [`logstash_stats_pipeline_queue_events_queue_size{${pipe}}`]: `${0.9 * GiB}x15`,
      [`logstash_stats_pipeline_queue_max_size_in_bytes{${pipe}}`]: `${GiB}x15`,
    },
    at: '15m',
    fires: at(pipeline, 'warning', '90%'),
  },
  {
    alert: 'LogstashQueueFilling',
    suite: 'logstash',
    why: 'the queue is at 50%',
    series: {
      [`logstash_stats_pipeline_queue_events_queue_size{${pipe}}`]: `${0.5 * GiB}x15`,
      [`logstash_stats_pipeline_queue_max_size_in_bytes{${pipe}}`]: `${GiB}x15`,
    },
    at: '15m',
    fires: [],
  },
  {
    alert: 'LogstashQueueFilling',
    suite: 'logstash',
    why: 'a memory queue (max 0) is never "filling"',
    series: {
      [`logstash_stats_pipeline_queue_events_queue_size{${pipe}}`]: '100x15',
      [`logstash_stats_pipeline_queue_max_size_in_bytes{${pipe}}`]: '0x15',
    },
    at: '15m',
    fires: [],
  },
  {
    alert: 'LogstashDeadLetterQueueGrowing',
    suite: 'logstash',
    why: 'the DLQ has grown for 40 minutes',
    series: { [`logstash_stats_pipeline_dead_letter_queue_size_in_bytes{${pipe}}`]: '0+1000x40' },
    at: '40m',
    fires: at(pipeline, 'warning'),
  },
  {
    alert: 'LogstashDeadLetterQueueGrowing',
    suite: 'logstash',
    why: 'the full DLQ has been dropping events for 40 minutes',
    series: {
      [`logstash_stats_pipeline_dead_letter_queue_size_in_bytes{${pipe}}`]: '5000x40',
      [`logstash_stats_pipeline_dead_letter_queue_dropped_events{${pipe}}`]: '0+10x40',
    },
    at: '40m',
    fires: at(pipeline, 'warning'),
  },
  {
    alert: 'LogstashDeadLetterQueueGrowing',
    suite: 'logstash',
    why: 'a DLQ that stopped growing (old rejected events kept) is quiet',
    series: {
      [`logstash_stats_pipeline_dead_letter_queue_size_in_bytes{${pipe}}`]: '0+1000x5 5000x35',
      [`logstash_stats_pipeline_dead_letter_queue_dropped_events{${pipe}}`]: '0x40',
    },
    at: '40m',
    fires: [],
  },
  {
    alert: 'LogstashWorkerSaturation',
    suite: 'logstash',
    why: 'workers busy 97% for 20 minutes',
    series: { [`logstash_stats_pipeline_flow_worker_utilization_current{${pipe}}`]: '97x20' },
    at: '20m',
    fires: at(pipeline, 'warning', '97'),
  },
  {
    alert: 'LogstashWorkerSaturation',
    suite: 'logstash',
    why: 'workers busy 60%',
    series: { [`logstash_stats_pipeline_flow_worker_utilization_current{${pipe}}`]: '60x20' },
    at: '20m',
    fires: [],
  },
  {
    alert: 'LogstashWorkerSaturation',
    suite: 'logstash',
    why: 'a 10-minute burst is pending, not firing',
    series: { [`logstash_stats_pipeline_flow_worker_utilization_current{${pipe}}`]: '50x10 97x10' },
    at: '20m',
    fires: [],
  },
];
