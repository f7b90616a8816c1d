import { AlertDefinition, NoContext } from '../../config/alerting/definition';
import { IGNORED_FILESYSTEMS } from './recordings';

/** Node alerts from node-exporter's series and the node recordings. */
export const NODE_EXPORTER_ALERTS: ReadonlyArray<AlertDefinition<NoContext>> = [
  {
    alert: 'NodeHighCpu',
    severity: 'warning',
    for: '15m',
    threshold: 0.8,
    thresholdUnit: 'CPU utilisation ratio (0..1)',
    expr: (_, t) => `instance:node_cpu_utilisation:ratio_rate5m > ${t}`,
    summary: 'Node {{ $labels.instance }} CPU is busy.',
    description: 'CPU utilisation of {{ $labels.instance }} is {{ $value | humanizePercentage }}.',
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
  },
];
