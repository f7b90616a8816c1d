import { composeDashboard, FolderedDashboard } from '../../config/dashboards/layout';
import { statPanel, THRESHOLDS, timeseriesPanel } from '../../config/dashboards/panels';
import { instanceVariable, namespaceVariable } from '../../config/dashboards/variables';
import { NODE_EXPORTER_JOB } from './scrape';

/** Node selector: the chosen nodes. */
const NODE = `job="${NODE_EXPORTER_JOB}", instance=~"$instance"`;
/** Real filesystems only (no in-memory or container-image layers). */
const REAL_FS = `${NODE}, fstype!~"tmpfs|ramfs|overlay|squashfs|nsfs|autofs|fuse.lxcfs"`;
/** Containers of the chosen namespaces, without the pod-level aggregate series (container=""). */
const CONTAINER = 'namespace=~"$namespace", container!="", container!="POD"';

const ratio = { unit: 'percentunit', min: 0, max: 1 } as const;
const cpuBusy = (by: string) => `1 - avg${by}(rate(node_cpu_seconds_total{${NODE}, mode="idle"}[$__rate_interval]))`;

/** Per-container usage divided by its limit (kube-state-metrics); containers without a limit drop out. */
const vsLimit = (usage: string, resource: 'cpu' | 'memory') =>
  `topk(10, ${usage} / on (namespace, pod, container) sum by (namespace, pod, container) ` +
  `(kube_pod_container_resource_limits{resource="${resource}", namespace=~"$namespace"}))`;
const cpuUsage = `sum by (namespace, pod, container) (rate(container_cpu_usage_seconds_total{${CONTAINER}}[$__rate_interval]))`;
const memoryUsage = `sum by (namespace, pod, container) (container_memory_working_set_bytes{${CONTAINER}})`;

/** System health: nodes (CPU, memory, disk, network) and containers (CPU/memory vs limits, restarts). */
export function systemHealthDashboard(): FolderedDashboard {
  const model = composeDashboard(
    {
      uid: 'system-health',
      title: 'System health',
      description:
        'Node CPU, memory, disk and network (node-exporter); container CPU and memory against their limits and ' +
        'pod restarts (cAdvisor, kube-state-metrics).',
      tags: ['infrastructure'],
      variables: [instanceVariable(), namespaceVariable()],
    },
    [
      {
        panels: [
          statPanel({
            title: 'CPU busy',
            description: 'Share of CPU time not idle, averaged over the selected nodes. Sustained > 90% means queued work.',
            queries: [{ expr: cpuBusy(' '), instant: true }],
            ...ratio,
            thresholds: THRESHOLDS.badAbove(0.8, 0.9),
          }),
          statPanel({
            title: 'Memory used',
            description: 'Memory not available for new work (1 - MemAvailable/MemTotal) over the selected nodes.',
            queries: [
              { expr: `1 - sum(node_memory_MemAvailable_bytes{${NODE}}) / sum(node_memory_MemTotal_bytes{${NODE}})`, instant: true },
            ],
            ...ratio,
            thresholds: THRESHOLDS.badAbove(0.8, 0.9),
          }),
          statPanel({
            title: 'Fullest filesystem',
            description: 'Usage of the fullest real filesystem on the selected nodes.',
            queries: [{ expr: `max(1 - node_filesystem_avail_bytes{${REAL_FS}} / node_filesystem_size_bytes{${REAL_FS}})`, instant: true }],
            ...ratio,
            thresholds: THRESHOLDS.badAbove(0.8, 0.9),
          }),
          statPanel({
            title: 'Nodes up',
            description: 'node-exporter targets answering their scrape.',
            queries: [{ expr: `sum(up{${NODE}})`, instant: true }],
            unit: 'none',
            thresholds: [
              [null, 'red'],
              [1, 'green'],
            ],
          }),
        ],
      },
      {
        title: 'Nodes',
        panels: [
          timeseriesPanel({
            title: 'CPU busy by node',
            description: 'Share of CPU time not idle per node.',
            queries: [{ expr: cpuBusy(' by (instance) '), legend: '{{instance}}' }],
            ...ratio,
            thresholds: THRESHOLDS.badAbove(0.8, 0.9),
          }),
          timeseriesPanel({
            title: 'Load per core',
            description: '1-minute load average divided by the number of cores; above 1 means runnable work waits.',
            queries: [
              {
                expr: `node_load1{${NODE}} / on (instance) count by (instance) (node_cpu_seconds_total{${NODE}, mode="idle"})`,
                legend: '{{instance}}',
              },
            ],
            unit: 'short',
            thresholds: THRESHOLDS.badAbove(1, 2),
          }),
          timeseriesPanel({
            title: 'Memory used by node',
            description: '1 - MemAvailable/MemTotal per node.',
            queries: [
              { expr: `1 - node_memory_MemAvailable_bytes{${NODE}} / node_memory_MemTotal_bytes{${NODE}}`, legend: '{{instance}}' },
            ],
            ...ratio,
            thresholds: THRESHOLDS.badAbove(0.8, 0.9),
          }),
          timeseriesPanel({
            title: 'Filesystem used',
            description: 'Usage per real filesystem (tmpfs and overlay layers left out).',
            queries: [
              {
                expr: `1 - node_filesystem_avail_bytes{${REAL_FS}} / node_filesystem_size_bytes{${REAL_FS}}`,
                legend: '{{instance}} {{mountpoint}}',
              },
            ],
            ...ratio,
            thresholds: THRESHOLDS.badAbove(0.8, 0.9),
          }),
          timeseriesPanel({
            title: 'Disk throughput',
            description: 'Bytes read and written per second per node.',
            queries: [
              { expr: `sum by (instance) (rate(node_disk_read_bytes_total{${NODE}}[$__rate_interval]))`, legend: '{{instance}} read' },
              {
                expr: `sum by (instance) (rate(node_disk_written_bytes_total{${NODE}}[$__rate_interval]))`,
                legend: '{{instance}} written',
              },
            ],
            unit: 'Bps',
          }),
          timeseriesPanel({
            title: 'Network throughput',
            description: 'Bytes received and sent per second per node (loopback left out).',
            queries: [
              {
                expr: `sum by (instance) (rate(node_network_receive_bytes_total{${NODE}, device!="lo"}[$__rate_interval]))`,
                legend: '{{instance}} received',
              },
              {
                expr: `sum by (instance) (rate(node_network_transmit_bytes_total{${NODE}, device!="lo"}[$__rate_interval]))`,
                legend: '{{instance}} sent',
              },
            ],
            unit: 'Bps',
          }),
          timeseriesPanel({
            title: 'Network errors and drops',
            description: 'Receive/transmit errors and dropped packets per second per node; anything above zero deserves a look.',
            queries: [
              {
                expr:
                  `sum by (instance) (rate(node_network_receive_errs_total{${NODE}}[$__rate_interval]) ` +
                  `+ rate(node_network_transmit_errs_total{${NODE}}[$__rate_interval]))`,
                legend: '{{instance}} errors',
              },
              {
                expr:
                  `sum by (instance) (rate(node_network_receive_drop_total{${NODE}}[$__rate_interval]) ` +
                  `+ rate(node_network_transmit_drop_total{${NODE}}[$__rate_interval]))`,
                legend: '{{instance}} drops',
              },
            ],
            unit: 'pps',
            width: 24,
          }),
        ],
      },
      {
        title: 'Containers',
        panels: [
          timeseriesPanel({
            title: 'Container CPU vs limit (top 10)',
            description: 'CPU used divided by the CPU limit; near 1 the container is throttled.',
            queries: [{ expr: vsLimit(cpuUsage, 'cpu'), legend: '{{namespace}}/{{pod}}/{{container}}' }],
            ...ratio,
            max: undefined,
            thresholds: THRESHOLDS.badAbove(0.8, 0.95),
          }),
          timeseriesPanel({
            title: 'Container memory vs limit (top 10)',
            description: 'Working set divided by the memory limit; at 1 the container is OOM-killed.',
            queries: [{ expr: vsLimit(memoryUsage, 'memory'), legend: '{{namespace}}/{{pod}}/{{container}}' }],
            ...ratio,
            max: undefined,
            thresholds: THRESHOLDS.badAbove(0.8, 0.95),
          }),
          timeseriesPanel({
            title: 'Container CPU',
            description: 'CPU cores used per pod.',
            queries: [
              {
                expr: `topk(10, sum by (namespace, pod) (rate(container_cpu_usage_seconds_total{${CONTAINER}}[$__rate_interval])))`,
                legend: '{{namespace}}/{{pod}}',
              },
            ],
            unit: 'short',
          }),
          timeseriesPanel({
            title: 'Container memory',
            description: 'Working-set bytes per pod.',
            queries: [
              {
                expr: `topk(10, sum by (namespace, pod) (container_memory_working_set_bytes{${CONTAINER}}))`,
                legend: '{{namespace}}/{{pod}}',
              },
            ],
            unit: 'bytes',
          }),
          timeseriesPanel({
            title: 'Pod restarts (1h)',
            description: 'Container restarts over the last hour per pod; a steady climb is a crash loop.',
            queries: [
              {
                expr:
                  `topk(10, sum by (namespace, pod) ` +
                  `(increase(kube_pod_container_status_restarts_total{namespace=~"$namespace"}[1h])))`,
                legend: '{{namespace}}/{{pod}}',
              },
            ],
            unit: 'none',
            thresholds: THRESHOLDS.badAbove(1, 5),
          }),
          timeseriesPanel({
            title: 'Pods not running',
            description: 'Pods in phase Pending, Failed or Unknown per namespace.',
            queries: [
              {
                expr: `sum by (namespace) (kube_pod_status_phase{phase=~"Pending|Failed|Unknown", ` + `namespace=~"$namespace"})`,
                legend: '{{namespace}}',
              },
            ],
            unit: 'none',
            thresholds: THRESHOLDS.badAbove(1, 5),
          }),
        ],
      },
    ],
  );
  return { folder: 'infrastructure', model };
}
