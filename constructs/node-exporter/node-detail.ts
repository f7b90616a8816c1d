import { composeDashboard, FolderedDashboard } from '../../config/dashboards/layout';
import { statPanel, THRESHOLDS, timeseriesPanel } from '../../config/dashboards/panels';
import { singleLabelVariable } from '../../config/dashboards/variables';
import { NODE_EXPORTER_JOB } from './scrape';

/** The one chosen node. */
const NODE = `job="${NODE_EXPORTER_JOB}", instance="$instance"`;
/** Real filesystems only (no in-memory or container-image layers). */
const REAL_FS = `${NODE}, fstype!~"tmpfs|ramfs|overlay|squashfs|nsfs|autofs|fuse.lxcfs"`;
const CORES = `count(node_cpu_seconds_total{${NODE}, mode="idle"})`;
const rate = (metric: string, matchers = NODE) => `rate(${metric}{${matchers}}[$__rate_interval])`;
const ratio = { unit: 'percentunit', min: 0, max: 1 } as const;

/** One node in depth: CPU by mode, load, memory breakdown, disks, filesystems, network and file descriptors. */
export function nodeDetailDashboard(): FolderedDashboard {
  const model = composeDashboard(
    {
      uid: 'node-detail',
      title: 'Node detail',
      description:
        'One node from node-exporter: CPU by mode, load against cores, where memory goes, disk utilisation and ' +
        'operations, filesystem space and inodes, network traffic and errors, file descriptors.',
      tags: ['infrastructure'],
      variables: [singleLabelVariable('instance', 'instance', `node_uname_info{job="${NODE_EXPORTER_JOB}"}`, 'Node')],
    },
    [
      {
        panels: [
          statPanel({
            title: 'Uptime',
            description: 'Time since the node booted; a small value means it restarted recently.',
            queries: [{ expr: `time() - node_boot_time_seconds{${NODE}}`, instant: true }],
            unit: 's',
          }),
          statPanel({
            title: 'CPU cores',
            description: 'Logical CPUs of the node.',
            queries: [{ expr: CORES, instant: true }],
            unit: 'none',
          }),
          statPanel({
            title: 'Memory',
            description: 'Total memory of the node.',
            queries: [{ expr: `node_memory_MemTotal_bytes{${NODE}}`, instant: true }],
            unit: 'bytes',
          }),
          statPanel({
            title: 'File descriptors used',
            description: 'Allocated file handles over the kernel maximum; near 1 new files and sockets fail to open.',
            queries: [{ expr: `node_filefd_allocated{${NODE}} / node_filefd_maximum{${NODE}}`, instant: true }],
            ...ratio,
            thresholds: THRESHOLDS.badAbove(0.7, 0.9),
          }),
        ],
      },
      {
        title: 'CPU and memory',
        panels: [
          timeseriesPanel({
            title: 'CPU by mode',
            description: 'Share of all cores spent in each mode but idle; a large iowait share means disks hold work up.',
            queries: [
              { expr: `sum by (mode) (${rate('node_cpu_seconds_total', `${NODE}, mode!="idle"`)}) / scalar(${CORES})`, legend: '{{mode}}' },
            ],
            ...ratio,
            stack: true,
          }),
          timeseriesPanel({
            title: 'Load vs cores',
            description: 'Load averages over 1, 5 and 15 minutes against the number of cores; above the cores, runnable work waits.',
            queries: [
              { expr: `node_load1{${NODE}}`, legend: '1m' },
              { expr: `node_load5{${NODE}}`, legend: '5m' },
              { expr: `node_load15{${NODE}}`, legend: '15m' },
              { expr: CORES, legend: 'cores' },
            ],
            unit: 'short',
          }),
          timeseriesPanel({
            title: 'Memory breakdown',
            description: 'Used (total minus available), page cache, buffers and free memory.',
            queries: [
              { expr: `node_memory_MemTotal_bytes{${NODE}} - node_memory_MemAvailable_bytes{${NODE}}`, legend: 'used' },
              { expr: `node_memory_Cached_bytes{${NODE}}`, legend: 'cached' },
              { expr: `node_memory_Buffers_bytes{${NODE}}`, legend: 'buffers' },
              { expr: `node_memory_MemFree_bytes{${NODE}}`, legend: 'free' },
            ],
            unit: 'bytes',
            width: 24,
          }),
        ],
      },
      {
        title: 'Disks and filesystems',
        panels: [
          timeseriesPanel({
            title: 'Disk utilisation',
            description: 'Share of time each device was busy with I/O; near 1 the device is saturated.',
            queries: [{ expr: rate('node_disk_io_time_seconds_total'), legend: '{{device}}' }],
            ...ratio,
            thresholds: THRESHOLDS.badAbove(0.8, 0.95),
          }),
          timeseriesPanel({
            title: 'Disk operations',
            description: 'Reads and writes completed per second per device.',
            queries: [
              { expr: rate('node_disk_reads_completed_total'), legend: '{{device}} reads' },
              { expr: rate('node_disk_writes_completed_total'), legend: '{{device}} writes' },
            ],
            unit: 'iops',
          }),
          timeseriesPanel({
            title: 'Filesystem space used',
            description: 'Used share of each real filesystem.',
            queries: [
              { expr: `1 - node_filesystem_avail_bytes{${REAL_FS}} / node_filesystem_size_bytes{${REAL_FS}}`, legend: '{{mountpoint}}' },
            ],
            ...ratio,
            thresholds: THRESHOLDS.badAbove(0.8, 0.9),
          }),
          timeseriesPanel({
            title: 'Filesystem inodes used',
            description: "Used share of each real filesystem's inodes; at 1 no file can be created although space is left.",
            queries: [{ expr: `1 - node_filesystem_files_free{${REAL_FS}} / node_filesystem_files{${REAL_FS}}`, legend: '{{mountpoint}}' }],
            ...ratio,
            thresholds: THRESHOLDS.badAbove(0.8, 0.9),
          }),
        ],
      },
      {
        title: 'Network',
        panels: [
          timeseriesPanel({
            title: 'Network traffic',
            description: 'Bytes received and sent per second per device (loopback left out).',
            queries: [
              { expr: rate('node_network_receive_bytes_total', `${NODE}, device!="lo"`), legend: '{{device}} received' },
              { expr: rate('node_network_transmit_bytes_total', `${NODE}, device!="lo"`), legend: '{{device}} sent' },
            ],
            unit: 'Bps',
          }),
          timeseriesPanel({
            title: 'Network errors and drops',
            description: 'Receive/transmit errors and dropped packets per second per device; anything above zero deserves a look.',
            queries: [
              {
                expr: `${rate('node_network_receive_errs_total')} + ${rate('node_network_transmit_errs_total')}`,
                legend: '{{device}} errors',
              },
              {
                expr: `${rate('node_network_receive_drop_total')} + ${rate('node_network_transmit_drop_total')}`,
                legend: '{{device}} drops',
              },
            ],
            unit: 'pps',
          }),
        ],
      },
    ],
  );
  return { folder: 'infrastructure', model };
}
