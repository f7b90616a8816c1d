import type { AlertCase } from './promtool-cases';

/**
 * promtool cases of the Elasticsearch alerts (rule file elasticsearch.yml), on the series
 * elasticsearch_exporter v1.11.0 exposes, with two exporter replicas reporting the same cluster
 * (as in prod): each alert fires once per cluster (or node), never once per exporter.
 */
const CLUSTER = 'test-cluster';
const exporter = (n: number) => `job="elasticsearch", instance="10.0.0.${n}:9114", cluster="${CLUSTER}"`;
const both = (metric: string, labels: string, values: string) => ({
  [`${metric}{${exporter(1)}${labels}}`]: values,
  [`${metric}{${exporter(2)}${labels}}`]: values,
});
const health = (color: string, values: string) => both('elasticsearch_cluster_health_status', `, color="${color}"`, values);
const nodeLabels = ', name="elasticsearch-0", host="10.1.0.4", es_master_node="true", es_data_node="true"';
const fsLabels = `${nodeLabels}, mount="/usr/share/elasticsearch/data (/dev/sdb)", path="/usr/share/elasticsearch/data"`;
const disk = (available: string) => ({
  ...both('elasticsearch_filesystem_data_available_bytes', fsLabels, available),
  ...both('elasticsearch_filesystem_data_size_bytes', fsLabels, '100x20'),
});
const heap = (used: string) => ({
  ...both('elasticsearch_jvm_memory_used_bytes', `${nodeLabels}, area="heap"`, used),
  ...both('elasticsearch_jvm_memory_max_bytes', `${nodeLabels}, area="heap"`, '100x30'),
});
const INDEX = '.ds-logs-generic-default-2026.12.01-000001';
const ilmIndex = (step: string) => ({
  [`elasticsearch_ilm_index_status{${exporter(1)}, index="${INDEX}", phase="hot", action="rollover", step="${step}"}`]: '1x40',
});
const onCluster = (severity: string) => ({ cluster: CLUSTER, severity });
const onNode = (severity: string) => ({ cluster: CLUSTER, name: 'elasticsearch-0', severity });

export const ELASTICSEARCH_ALERT_CASES: readonly AlertCase[] = [
  {
    alert: 'ElasticsearchClusterRed',
    suite: 'elasticsearch',
    why: 'red for 10 minutes, reported by both exporters: one alert',
    series: health('red', '1x10'),
    at: '10m',
    fires: [{ labels: onCluster('critical') }],
  },
  {
    alert: 'ElasticsearchClusterRed',
    suite: 'elasticsearch',
    why: 'red for 3 minutes is pending',
    series: health('red', '0x6 1x4'),
    at: '10m',
    fires: [],
  },
  { alert: 'ElasticsearchClusterRed', suite: 'elasticsearch', why: 'green', series: health('red', '0x10'), at: '10m', fires: [] },
  {
    alert: 'ElasticsearchClusterYellow',
    suite: 'elasticsearch',
    why: 'yellow for 35 minutes',
    series: health('yellow', '1x40'),
    at: '35m',
    fires: [{ labels: onCluster('warning') }],
  },
  {
    alert: 'ElasticsearchClusterYellow',
    suite: 'elasticsearch',
    why: 'yellow for 20 minutes (a node restart), then green',
    series: health('yellow', '1x20 0x20'),
    at: '35m',
    fires: [],
  },
  {
    alert: 'ElasticsearchUnassignedShards',
    suite: 'elasticsearch',
    why: '3 shards unassigned and not delayed',
    series: {
      ...both('elasticsearch_cluster_health_unassigned_shards', '', '3x20'),
      ...both('elasticsearch_cluster_health_delayed_unassigned_shards', '', '0x20'),
    },
    at: '20m',
    fires: [{ labels: onCluster('warning'), value: '3' }],
  },
  {
    alert: 'ElasticsearchUnassignedShards',
    suite: 'elasticsearch',
    why: 'the unassigned shards are all delayed (a node left moments ago)',
    series: {
      ...both('elasticsearch_cluster_health_unassigned_shards', '', '3x20'),
      ...both('elasticsearch_cluster_health_delayed_unassigned_shards', '', '3x20'),
    },
    at: '20m',
    fires: [],
  },
  {
    alert: 'ElasticsearchDiskWatermarkHigh',
    suite: 'elasticsearch',
    why: '95% full, above the default 90% high watermark (no watermark setting exported)',
    series: disk('5x20'),
    at: '10m',
    fires: [{ labels: onNode('warning'), value: '95%' }],
  },
  {
    alert: 'ElasticsearchDiskWatermarkHigh',
    suite: 'elasticsearch',
    why: '95% full, but the cluster sets its high watermark at 97%',
    series: { ...disk('5x20'), ...both('elasticsearch_clustersettings_allocation_watermark_high_ratio', '', '0.97x20') },
    at: '10m',
    fires: [],
  },
  { alert: 'ElasticsearchDiskWatermarkHigh', suite: 'elasticsearch', why: 'half full', series: disk('50x20'), at: '10m', fires: [] },
  {
    alert: 'ElasticsearchJvmHeapPressure',
    suite: 'elasticsearch',
    why: '90% heap for 20 minutes',
    series: heap('90x30'),
    at: '20m',
    fires: [{ labels: onNode('warning'), value: '90%' }],
  },
  {
    alert: 'ElasticsearchJvmHeapPressure',
    suite: 'elasticsearch',
    why: 'a 5-minute spike to 95% (garbage collection catches up)',
    series: heap('50x10 95x5 50x15'),
    at: '20m',
    fires: [],
  },
  {
    alert: 'ElasticsearchPendingTasks',
    suite: 'elasticsearch',
    why: '12 cluster tasks waiting for 20 minutes',
    series: both('elasticsearch_cluster_health_number_of_pending_tasks', '', '12x30'),
    at: '20m',
    fires: [{ labels: onCluster('warning'), value: '12' }],
  },
  {
    alert: 'ElasticsearchPendingTasks',
    suite: 'elasticsearch',
    why: 'two tasks waiting is normal',
    series: both('elasticsearch_cluster_health_number_of_pending_tasks', '', '2x30'),
    at: '20m',
    fires: [],
  },
  {
    alert: 'ElasticsearchIlmNotRunning',
    suite: 'elasticsearch',
    why: 'ILM stopped for 35 minutes',
    series: {
      ...both('elasticsearch_ilm_status', ', operation_mode="RUNNING"', '0x40'),
      ...both('elasticsearch_ilm_status', ', operation_mode="STOPPED"', '1x40'),
    },
    at: '35m',
    fires: [{ labels: { severity: 'warning' } }],
  },
  {
    alert: 'ElasticsearchIlmNotRunning',
    suite: 'elasticsearch',
    why: 'ILM running',
    series: both('elasticsearch_ilm_status', ', operation_mode="RUNNING"', '1x40'),
    at: '35m',
    fires: [],
  },
  {
    alert: 'ElasticsearchIlmError',
    suite: 'elasticsearch',
    why: 'a backing index stuck in the ERROR step',
    series: ilmIndex('ERROR'),
    at: '35m',
    fires: [
      {
        labels: { index: INDEX, phase: 'hot', action: 'rollover', severity: 'warning' },
      },
    ],
  },
  {
    alert: 'ElasticsearchIlmError',
    suite: 'elasticsearch',
    why: 'a backing index waiting for rollover',
    series: ilmIndex('check-rollover-ready'),
    at: '35m',
    fires: [],
  },
  {
    alert: 'ElasticsearchMetricsMissing',
    suite: 'elasticsearch',
    why: 'the exporters are up but report no cluster health for 15 minutes',
    series: { [`up{${exporter(1)}}`]: '1x20', [`up{${exporter(2)}}`]: '1x20' },
    at: '15m',
    fires: [{ labels: { job: 'elasticsearch', severity: 'critical' } }],
  },
  {
    alert: 'ElasticsearchMetricsMissing',
    suite: 'elasticsearch',
    why: 'the exporters report cluster health',
    series: { ...health('green', '1x20'), [`up{${exporter(1)}}`]: '1x20' },
    at: '15m',
    fires: [],
  },
  {
    alert: 'ElasticsearchMetricsMissing',
    suite: 'elasticsearch',
    why: 'the exporters are down: ElasticsearchExporterAbsent says so, not this alert',
    series: { [`up{${exporter(1)}}`]: '0x20' },
    at: '15m',
    fires: [],
  },
];
