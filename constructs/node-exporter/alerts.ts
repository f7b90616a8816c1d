import { absentJobAlert, CoveringDefinition } from '../../config/alerting/coverage';
import { NoContext } from '../../config/alerting/definition';
import { IGNORED_FILESYSTEMS } from './recordings';
import { NODE_EXPORTER_JOB } from './scrape';

/** Real, mounted filesystems. */
const FS = `fstype!~"${IGNORED_FILESYSTEMS}", mountpoint!=""`;
/** Leaves out filesystems mounted read-only: they cannot fill up. */
const writable = `unless on (instance, mountpoint, device) node_filesystem_readonly{${FS}} == 1`;
/** Block devices that are not loop, RAM, optical or floppy devices. */
const DISKS = 'device!~"(loop|ram|sr|fd)[0-9]+"';

/** Node alerts from node-exporter's series and the node recordings. */
export const NODE_EXPORTER_ALERTS: ReadonlyArray<CoveringDefinition<NoContext>> = [
  {
    alert: 'NodeHighCpu',
    severity: 'warning',
    for: '15m',
    threshold: 0.8,
    thresholdUnit: 'CPU utilisation ratio (0..1)',
    expr: (_, t) => `instance:node_cpu_utilisation:ratio_rate5m > ${t}`,
    summary: 'Node {{ $labels.instance }} CPU is busy.',
    description: 'CPU utilisation of {{ $labels.instance }} is {{ $value | humanizePercentage }}.',
    covers: ['NodeCPUHighUsage'],
  },
  {
    alert: 'NodeHighMemory',
    severity: 'warning',
    for: '15m',
    threshold: 0.85,
    thresholdUnit: 'memory utilisation ratio (0..1)',
    expr: (_, t) => `instance:node_memory_utilisation:ratio > ${t}`,
    summary: 'Node {{ $labels.instance }} is short of memory.',
    description: 'Memory utilisation of {{ $labels.instance }} is {{ $value | humanizePercentage }}.',
    covers: ['NodeMemoryHighUtilization'],
  },
  {
    alert: 'NodeDiskSpaceLow',
    severity: 'critical',
    for: '5m',
    threshold: 0.1,
    thresholdUnit: 'free space ratio (0..1)',
    expr: (_, t) => `1 - instance_mountpoint:node_filesystem_usage:ratio < ${t}`,
    summary: 'Disk {{ $labels.mountpoint }} of {{ $labels.instance }} is almost full.',
    description: 'Only {{ $value | humanizePercentage }} of {{ $labels.mountpoint }} on {{ $labels.instance }} is free.',
    covers: ['NodeFilesystemAlmostOutOfSpace'],
  },
  {
    alert: 'NodeDiskPredictedFull',
    severity: 'warning',
    for: '30m',
    threshold: 86400,
    thresholdUnit: 'seconds ahead the 6h trend predicts the disk full',
    expr: (_, t) =>
      `predict_linear(node_filesystem_avail_bytes{fstype!~"${IGNORED_FILESYSTEMS}"}[6h], ${t}) < 0 and on ` +
      `(instance, mountpoint, device) instance_mountpoint:node_filesystem_usage:ratio > 0.5`,
    summary: 'Disk {{ $labels.mountpoint }} of {{ $labels.instance }} will fill up within a day.',
    description: 'At the growth of the last 6 hours, {{ $labels.mountpoint }} on {{ $labels.instance }} runs out of space within 24 hours.',
    covers: ['NodeFilesystemSpaceFillingUp'],
  },
  {
    alert: 'NodeFilesystemFilesFillingUp',
    severity: 'warning',
    for: '1h',
    threshold: 0.2,
    thresholdUnit: 'free inode ratio (0..1) below which a falling 6h trend alerts',
    expr: (_, t) =>
      `(node_filesystem_files_free{${FS}} / node_filesystem_files{${FS}} < ${t} ` +
      `and predict_linear(node_filesystem_files_free{${FS}}[6h], 86400) < 0) ${writable}`,
    summary: 'Filesystem {{ $labels.mountpoint }} of {{ $labels.instance }} runs out of inodes within a day.',
    description:
      'Few inodes are left on {{ $labels.mountpoint }} of {{ $labels.instance }} and the trend of the last 6 hours ' +
      'uses them up within 24 hours: new files will fail with "no space left on device".',
  },
  {
    alert: 'NodeFilesystemAlmostOutOfFiles',
    severity: 'critical',
    for: '30m',
    threshold: 0.05,
    thresholdUnit: 'free inode ratio (0..1)',
    expr: (_, t) => `node_filesystem_files_free{${FS}} / node_filesystem_files{${FS}} < ${t} ${writable}`,
    summary: 'Filesystem {{ $labels.mountpoint }} of {{ $labels.instance }} is almost out of inodes.',
    description: 'Only {{ $value | humanizePercentage }} of the inodes of {{ $labels.mountpoint }} on {{ $labels.instance }} are free.',
  },
  {
    alert: 'NodeNetworkReceiveErrs',
    severity: 'warning',
    for: '1h',
    threshold: 0.01,
    thresholdUnit: 'ratio of received packets with errors (0..1)',
    expr: (_, t) => `rate(node_network_receive_errs_total[5m]) / rate(node_network_receive_packets_total[5m]) > ${t}`,
    summary: 'Interface {{ $labels.device }} of {{ $labels.instance }} receives damaged packets.',
    description: '{{ $value | humanizePercentage }} of the packets {{ $labels.device }} on {{ $labels.instance }} receives have errors.',
  },
  {
    alert: 'NodeNetworkTransmitErrs',
    severity: 'warning',
    for: '1h',
    threshold: 0.01,
    thresholdUnit: 'ratio of transmitted packets with errors (0..1)',
    expr: (_, t) => `rate(node_network_transmit_errs_total[5m]) / rate(node_network_transmit_packets_total[5m]) > ${t}`,
    summary: 'Interface {{ $labels.device }} of {{ $labels.instance }} fails to send packets.',
    description: '{{ $value | humanizePercentage }} of the packets {{ $labels.device }} on {{ $labels.instance }} sends fail.',
  },
  {
    alert: 'NodeNetworkInterfaceFlapping',
    severity: 'warning',
    for: '2m',
    threshold: 2,
    thresholdUnit: 'link state changes in 2 minutes',
    expr: (_, t) => `changes(node_network_up{device!~"veth.+"}[2m]) > ${t}`,
    summary: 'Interface {{ $labels.device }} of {{ $labels.instance }} keeps going up and down.',
    description: 'The link of {{ $labels.device }} on {{ $labels.instance }} changed state {{ $value }} times in 2 minutes.',
  },
  {
    alert: 'NodeHighNumberConntrackEntriesUsed',
    severity: 'warning',
    for: '5m',
    threshold: 0.75,
    thresholdUnit: 'ratio of conntrack entries to the limit (0..1)',
    expr: (_, t) => `node_nf_conntrack_entries / node_nf_conntrack_entries_limit > ${t}`,
    summary: 'Connection tracking table of {{ $labels.instance }} is filling.',
    description:
      '{{ $value | humanizePercentage }} of the conntrack entries of {{ $labels.instance }} are used; when full, new connections drop.',
  },
  {
    alert: 'NodeTextFileCollectorScrapeError',
    severity: 'warning',
    for: '10m',
    expr: () => 'node_textfile_scrape_error == 1',
    summary: 'node-exporter on {{ $labels.instance }} cannot read its text files.',
    description: 'The textfile collector of {{ $labels.instance }} failed to parse a .prom file: the metrics it carries are missing.',
  },
  {
    alert: 'NodeClockSkewDetected',
    severity: 'warning',
    for: '10m',
    threshold: 0.05,
    thresholdUnit: 'clock offset in seconds',
    expr: (_, t) =>
      `(node_timex_offset_seconds > ${t} and deriv(node_timex_offset_seconds[5m]) >= 0) or ` +
      `(node_timex_offset_seconds < -${t} and deriv(node_timex_offset_seconds[5m]) <= 0)`,
    summary: 'Clock of {{ $labels.instance }} is off.',
    description: 'The clock of {{ $labels.instance }} is {{ $value }}s off and not converging: check NTP/chrony on the node.',
  },
  {
    alert: 'NodeClockNotSynchronising',
    severity: 'warning',
    for: '10m',
    expr: () => 'min_over_time(node_timex_sync_status[5m]) == 0 and node_timex_maxerror_seconds >= 16',
    summary: 'Clock of {{ $labels.instance }} is not synchronised.',
    description: 'The kernel reports the clock of {{ $labels.instance }} unsynchronised with a maximum error of 16s or more.',
  },
  {
    alert: 'NodeRAIDDegraded',
    severity: 'critical',
    for: '15m',
    expr: () => 'node_md_disks_required - ignoring (state) node_md_disks{state="active"} > 0',
    summary: 'RAID array {{ $labels.device }} of {{ $labels.instance }} is degraded.',
    description:
      'Software RAID {{ $labels.device }} on {{ $labels.instance }} misses {{ $value }} active disks: one more failure may lose data.',
  },
  {
    alert: 'NodeRAIDDiskFailure',
    severity: 'warning',
    expr: () => 'node_md_disks{state="failed"} > 0',
    summary: 'A disk of RAID array {{ $labels.device }} on {{ $labels.instance }} failed.',
    description: '{{ $value }} disks of software RAID {{ $labels.device }} on {{ $labels.instance }} are marked failed.',
  },
  {
    alert: 'NodeFileDescriptorLimit',
    severity: 'warning',
    for: '15m',
    threshold: 0.8,
    thresholdUnit: 'ratio of allocated file descriptors to the kernel limit (0..1)',
    expr: (_, t) => `node_filefd_allocated / node_filefd_maximum > ${t}`,
    summary: 'Node {{ $labels.instance }} is running out of file descriptors.',
    description: '{{ $value | humanizePercentage }} of the kernel file descriptor limit of {{ $labels.instance }} is allocated.',
  },
  {
    alert: 'NodeSystemSaturation',
    severity: 'warning',
    for: '15m',
    threshold: 2,
    thresholdUnit: '1-minute load per CPU',
    expr: (_, t) => `node_load1 / on (instance) group_left count by (instance) (node_cpu_seconds_total{mode="idle"}) > ${t}`,
    summary: 'Node {{ $labels.instance }} is overloaded.',
    description: 'The load of {{ $labels.instance }} is {{ $value }} per CPU: processes wait for CPU or I/O.',
  },
  {
    alert: 'NodeMemoryMajorPagesFaults',
    severity: 'warning',
    for: '15m',
    threshold: 500,
    thresholdUnit: 'major page faults per second',
    expr: (_, t) => `rate(node_vmstat_pgmajfault[5m]) > ${t}`,
    summary: 'Node {{ $labels.instance }} pages memory from disk.',
    description: '{{ $labels.instance }} has {{ $value }} major page faults per second: it is short of memory and thrashing.',
  },
  {
    alert: 'NodeDiskIOSaturation',
    severity: 'warning',
    for: '30m',
    threshold: 10,
    thresholdUnit: 'average I/O queue depth (weighted seconds per second)',
    expr: (_, t) => `rate(node_disk_io_time_weighted_seconds_total{${DISKS}}[5m]) > ${t}`,
    summary: 'Disk {{ $labels.device }} of {{ $labels.instance }} is saturated.',
    description: 'The I/O queue of {{ $labels.device }} on {{ $labels.instance }} averages {{ $value }} requests: reads and writes wait.',
  },
  {
    alert: 'NodeSystemdServiceFailed',
    severity: 'warning',
    for: '5m',
    expr: () => 'node_systemd_unit_state{state="failed"} == 1',
    summary: 'systemd unit {{ $labels.name }} failed on {{ $labels.instance }}.',
    description: 'systemd reports unit {{ $labels.name }} of {{ $labels.instance }} in the failed state.',
  },
  {
    alert: 'NodeSystemdServiceCrashlooping',
    severity: 'warning',
    for: '15m',
    threshold: 2,
    thresholdUnit: 'restarts in 5 minutes',
    expr: (_, t) => `increase(node_systemd_service_restart_total[5m]) > ${t}`,
    summary: 'systemd service {{ $labels.name }} keeps restarting on {{ $labels.instance }}.',
    description: 'systemd keeps restarting {{ $labels.name }} on {{ $labels.instance }}: it fails shortly after each start.',
  },
  {
    alert: 'NodeBondingDegraded',
    severity: 'warning',
    for: '5m',
    expr: () => 'node_bonding_slaves - node_bonding_active != 0',
    summary: 'Bond {{ $labels.master }} of {{ $labels.instance }} lost a link.',
    description: '{{ $value }} member links of bond {{ $labels.master }} on {{ $labels.instance }} are not active: no redundancy left.',
  },
  absentJobAlert('NodeExporterAbsent', NODE_EXPORTER_JOB, 'node-exporter'),
];
