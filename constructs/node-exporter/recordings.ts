import { RecordingRule } from '../../config/rules';

/** Filesystems that are not real disks. */
export const IGNORED_FILESYSTEMS = 'tmpfs|ramfs|squashfs|overlay|nsfs|fuse.lxcfs';

/** Node resource recordings (naming contract: `instance:node_cpu_utilisation:ratio_rate5m`, ...). */
export function nodeRecordings(): RecordingRule[] {
  return [
    {
      record: 'instance:node_cpu_utilisation:ratio_rate5m',
      expr: '1 - avg by (instance) (rate(node_cpu_seconds_total{mode="idle"}[5m]))',
    },
    {
      record: 'instance:node_memory_utilisation:ratio',
      expr: '1 - sum by (instance) (node_memory_MemAvailable_bytes) / sum by (instance) (node_memory_MemTotal_bytes)',
    },
    {
      record: 'instance_mountpoint:node_filesystem_usage:ratio',
      expr:
        `1 - max by (instance, mountpoint, device) ` +
        `(node_filesystem_avail_bytes{fstype!~"${IGNORED_FILESYSTEMS}"}) / max by (instance, mountpoint, ` +
        `device) (node_filesystem_size_bytes{fstype!~"${IGNORED_FILESYSTEMS}"})`,
    },
  ];
}
