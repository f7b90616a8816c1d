import { composeDashboard, FolderedDashboard } from '../../config/dashboards/layout';
import { statPanel, tablePanel, THRESHOLDS, timeseriesPanel } from '../../config/dashboards/panels';
import { ELASTICSEARCH_JOB } from './scrape';

const ES = `job="${ELASTICSEARCH_JOB}"`;
/** One value (per node) although two exporters report it in prod; one logs cluster per Prometheus. */
const perCluster = (expr: string) => `max(${expr})`;
const perNode = (expr: string) => `max by (name) (${expr})`;
const health = (color: string) => perCluster(`elasticsearch_cluster_health_status{${ES}, color="${color}"}`);

/** Elasticsearch cluster health: status, shards, nodes, disk, heap, pending tasks and ILM (elasticsearch_exporter v1.11.0). */
export function elasticsearchDashboard(): FolderedDashboard {
  const model = composeDashboard(
    {
      uid: 'elasticsearch-cluster',
      title: 'Elasticsearch cluster health',
      description: 'The logs store: cluster status, shards, nodes, data disks, JVM heap, pending cluster tasks and index lifecycle.',
      tags: ['logs', 'elasticsearch'],
      refresh: '30s',
    },
    [
      {
        panels: [
          statPanel({
            title: 'Status',
            description: '0 green, 1 yellow (replicas unassigned), 2 red (primaries unassigned).',
            queries: [{ expr: `${health('yellow')} + 2 * ${health('red')}`, instant: true }],
            unit: 'none',
            thresholds: [
              [null, 'green'],
              [1, 'orange'],
              [2, 'red'],
            ],
          }),
          statPanel({
            title: 'Nodes',
            description: 'Nodes in the cluster.',
            queries: [{ expr: perCluster(`elasticsearch_cluster_health_number_of_nodes{${ES}}`), instant: true }],
            unit: 'none',
          }),
          statPanel({
            title: 'Unassigned shards',
            description: 'Shards without a node (delayed ones included).',
            queries: [{ expr: perCluster(`elasticsearch_cluster_health_unassigned_shards{${ES}}`), instant: true }],
            unit: 'none',
            thresholds: THRESHOLDS.badAbove(1, 1),
          }),
          statPanel({
            title: 'Pending tasks',
            description: 'Cluster-state changes waiting for the elected master.',
            queries: [{ expr: perCluster(`elasticsearch_cluster_health_number_of_pending_tasks{${ES}}`), instant: true }],
            unit: 'none',
            thresholds: THRESHOLDS.badAbove(1, 6),
          }),
        ],
      },
      {
        title: 'Shards',
        panels: [
          timeseriesPanel({
            title: 'Shards by state',
            description: 'Active, initializing, relocating and unassigned shards.',
            queries: ['active', 'initializing', 'relocating', 'unassigned'].map((state) => ({
              expr: perCluster(`elasticsearch_cluster_health_${state}_shards{${ES}}`),
              legend: state,
            })),
            unit: 'none',
          }),
        ],
      },
      {
        title: 'Nodes',
        panels: [
          timeseriesPanel({
            title: 'Data disk used',
            description: 'Used share of each node’s data disk; the high watermark (90% by default) moves shards away.',
            queries: [
              {
                expr: perNode(`1 - elasticsearch_filesystem_data_available_bytes{${ES}} / elasticsearch_filesystem_data_size_bytes{${ES}}`),
                legend: '{{name}}',
              },
            ],
            unit: 'percentunit',
            min: 0,
            max: 1,
            thresholds: THRESHOLDS.badAbove(0.85, 0.9),
          }),
          timeseriesPanel({
            title: 'JVM heap used',
            description: 'Heap used as a share of the maximum, per node.',
            queries: [
              {
                expr: perNode(
                  `elasticsearch_jvm_memory_used_bytes{${ES}, area="heap"} / elasticsearch_jvm_memory_max_bytes{${ES}, area="heap"}`,
                ),
                legend: '{{name}}',
              },
            ],
            unit: 'percentunit',
            min: 0,
            max: 1,
            thresholds: THRESHOLDS.badAbove(0.75, 0.85),
          }),
        ],
      },
      {
        title: 'Index lifecycle',
        panels: [
          statPanel({
            title: 'ILM running',
            description: '1 while index lifecycle management runs (rollover and retention deletes).',
            queries: [{ expr: `max(elasticsearch_ilm_status{${ES}, operation_mode="RUNNING"})`, instant: true }],
            unit: 'none',
            thresholds: [
              [null, 'red'],
              [1, 'green'],
            ],
          }),
          tablePanel({
            title: 'Indices in the ILM ERROR step',
            description: 'Indices whose rollover or deletion is stuck.',
            queries: [
              {
                expr: `max by (index, phase, action) (elasticsearch_ilm_index_status{${ES}, step="ERROR"}) == 1`,
                instant: true,
                table: true,
              },
            ],
            unit: 'none',
          }),
        ],
      },
    ],
  );
  return { folder: 'logs', model };
}
