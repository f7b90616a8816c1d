import { absentJobAlert } from '../../config/alerting/coverage';
import { AlertDefinition, NoContext } from '../../config/alerting/definition';
import { ELASTICSEARCH_JOB } from './scrape';

/** Rule file of the Elasticsearch alerts. */
export const ELASTICSEARCH_RULE_FILE = 'elasticsearch.yml';

const job = `job="${ELASTICSEARCH_JOB}"`;
/** Both exporter replicas report the same cluster: one series per cluster (and per node where it matters). */
const perCluster = (expr: string) => `max by (cluster) (${expr})`;
const perNode = (expr: string) => `max by (cluster, name) (${expr})`;
const heap = (metric: string) => `elasticsearch_jvm_memory_${metric}_bytes{${job}, area="heap"}`;

/**
 * Alerts on the logs store, on the metric names of elasticsearch_exporter v1.11.0
 * (collector/cluster_health.go, nodes.go, cluster_settings.go, ilm.go).
 */
export const ELASTICSEARCH_ALERTS: ReadonlyArray<AlertDefinition<NoContext>> = [
  {
    alert: 'ElasticsearchClusterRed',
    severity: 'critical',
    for: '5m',
    expr: () => `${perCluster(`elasticsearch_cluster_health_status{${job}, color="red"}`)} == 1`,
    summary: 'Elasticsearch cluster {{ $labels.cluster }} is red.',
    description:
      'At least one primary shard of cluster {{ $labels.cluster }} is unassigned: some logs can be neither written nor searched.',
  },
  {
    alert: 'ElasticsearchClusterYellow',
    severity: 'warning',
    for: '30m',
    expr: () => `${perCluster(`elasticsearch_cluster_health_status{${job}, color="yellow"}`)} == 1`,
    summary: 'Elasticsearch cluster {{ $labels.cluster }} is yellow.',
    description: 'Replica shards of cluster {{ $labels.cluster }} have been unassigned for 30 minutes: one more node loss can lose data.',
  },
  {
    alert: 'ElasticsearchUnassignedShards',
    severity: 'warning',
    for: '15m',
    expr: () =>
      perCluster(
        `elasticsearch_cluster_health_unassigned_shards{${job}} - elasticsearch_cluster_health_delayed_unassigned_shards{${job}}`,
      ) + ' > 0',
    summary: 'Elasticsearch cluster {{ $labels.cluster }} has unassigned shards.',
    description:
      '{{ $value }} shards of cluster {{ $labels.cluster }} have been unassigned (not merely delayed after a node left) for 15 minutes.',
  },
  {
    alert: 'ElasticsearchDiskWatermarkHigh',
    severity: 'warning',
    for: '5m',
    expr: () =>
      `${perNode(`1 - elasticsearch_filesystem_data_available_bytes{${job}} / elasticsearch_filesystem_data_size_bytes{${job}}`)}` +
      ` > on () group_left () (max(elasticsearch_clustersettings_allocation_watermark_high_ratio{${job}}) or vector(0.9))`,
    summary: 'Elasticsearch node {{ $labels.name }} is above the high disk watermark.',
    description:
      'The data disk of node {{ $labels.name }} ({{ $labels.cluster }}) is {{ $value | humanizePercentage }} full, above the high ' +
      'watermark: Elasticsearch moves shards away; at the flood stage its indices become read-only.',
  },
  {
    alert: 'ElasticsearchJvmHeapPressure',
    severity: 'warning',
    for: '15m',
    threshold: 0.85,
    thresholdUnit: 'heap used ratio (0..1)',
    expr: (_, t) => `${perNode(`${heap('used')} / ${heap('max')}`)} > ${t}`,
    summary: 'Elasticsearch node {{ $labels.name }} is short of heap.',
    description:
      'Node {{ $labels.name }} ({{ $labels.cluster }}) has used {{ $value | humanizePercentage }} of its heap for 15 minutes: ' +
      'long garbage collections and circuit-breaker rejections follow.',
  },
  {
    alert: 'ElasticsearchPendingTasks',
    severity: 'warning',
    for: '15m',
    threshold: 5,
    thresholdUnit: 'pending cluster tasks',
    expr: (_, t) => `${perCluster(`elasticsearch_cluster_health_number_of_pending_tasks{${job}}`)} > ${t}`,
    summary: 'Elasticsearch cluster {{ $labels.cluster }} has a backlog of cluster tasks.',
    description:
      '{{ $value }} cluster-state changes of {{ $labels.cluster }} have waited for 15 minutes: the elected master is overloaded or stuck.',
  },
  {
    alert: 'ElasticsearchIlmNotRunning',
    severity: 'warning',
    for: '30m',
    expr: () => `max(elasticsearch_ilm_status{${job}, operation_mode="RUNNING"}) == 0`,
    summary: 'Elasticsearch index lifecycle management is not running.',
    description: 'ILM has been stopped for 30 minutes: no index rolls over and retention deletes nothing, so the disks fill.',
  },
  {
    alert: 'ElasticsearchIlmError',
    severity: 'warning',
    for: '30m',
    expr: () => `max by (index, phase, action) (elasticsearch_ilm_index_status{${job}, step="ERROR"}) == 1`,
    summary: 'ILM is stuck on index {{ $labels.index }}.',
    description:
      'Index {{ $labels.index }} has been in the ILM ERROR step of {{ $labels.phase }}/{{ $labels.action }} for 30 minutes; ' +
      'its rollover or deletion will not happen until the error is fixed and the step retried.',
  },
  {
    alert: 'ElasticsearchMetricsMissing',
    severity: 'critical',
    for: '10m',
    // The exporter answers but reports no cluster health: it cannot reach or log in to the cluster.
    expr: () => `absent(elasticsearch_cluster_health_status{${job}}) and on () count(up{${job}} == 1) > 0`,
    summary: 'No Elasticsearch cluster health for 10 minutes.',
    description:
      'The Elasticsearch exporter is up but reports no cluster health: it cannot reach or log in to the cluster ' +
      '(check the nodes, the exporter user and the CA).',
  },
  absentJobAlert('ElasticsearchExporterAbsent', ELASTICSEARCH_JOB, 'Elasticsearch exporter'),
];
