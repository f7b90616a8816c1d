import { AlertCase, ExpectedAlert, Suite } from './promtool-cases';

/**
 * promtool cases of the alerts that bring coverage to kube-prometheus level and of the absent
 * alerts: each alert fires on the failure it names and stays quiet on a healthy (or near-miss)
 * input. Severities are written out, so a changed default fails here.
 */
interface Pair {
  readonly suite: Suite;
  readonly interval?: string;
  readonly at: string;
  /** Why it fires, the series, and the alert expected. */
  readonly fire: readonly [string, Readonly<Record<string, string>>, ExpectedAlert];
  /** Why it stays quiet, and the series; several quiet inputs may be given. */
  readonly quiet: ReadonlyArray<readonly [string, Readonly<Record<string, string>>]>;
}

function pair(alert: string, p: Pair): AlertCase[] {
  const base = { alert, suite: p.suite, at: p.at, ...(p.interval ? { interval: p.interval } : {}) };
  return [
    { ...base, why: p.fire[0], series: p.fire[1], fires: [p.fire[2]] },
    ...p.quiet.map(([why, series]) => ({ ...base, why, series, fires: [] })),
  ];
}

const alternating = (n: number) => Array.from({ length: n }, (_, i) => i % 2).join(' ');

// ---- node-exporter
const node = 'instance="node-1:9100"';
const nodeL = { instance: 'node-1:9100' };
const fs = `${node}, mountpoint="/", device="/dev/sda1", fstype="ext4"`;
const fsL = { ...nodeL, mountpoint: '/', device: '/dev/sda1', fstype: 'ext4' };
const eth = `${node}, device="eth0"`;
const ethL = { ...nodeL, device: 'eth0' };

function nodeCases(): AlertCase[] {
  const inf = 'infrastructure' as const;
  return [
    ...pair('NodeFilesystemFilesFillingUp', {
      suite: inf,
      at: '7h',
      fire: [
        'inodes below 20% and falling by 15 an hour',
        { [`node_filesystem_files_free{${fs}}`]: '250-0.25x600', [`node_filesystem_files{${fs}}`]: '1000x600' },
        { labels: { ...fsL, severity: 'warning' } },
      ],
      quiet: [
        [
          'few inodes free but usage flat',
          { [`node_filesystem_files_free{${fs}}`]: '150x600', [`node_filesystem_files{${fs}}`]: '1000x600' },
        ],
      ],
    }),
    ...pair('NodeFilesystemAlmostOutOfFiles', {
      suite: inf,
      at: '40m',
      fire: [
        '4% of the inodes free',
        { [`node_filesystem_files_free{${fs}}`]: '40x50', [`node_filesystem_files{${fs}}`]: '1000x50' },
        { labels: { ...fsL, severity: 'critical' }, value: '4%' },
      ],
      quiet: [
        [
          'a read-only filesystem cannot fill up',
          {
            [`node_filesystem_files_free{${fs}}`]: '40x50',
            [`node_filesystem_files{${fs}}`]: '1000x50',
            [`node_filesystem_readonly{${fs}}`]: '1x50',
          },
        ],
      ],
    }),
    ...pair('NodeNetworkReceiveErrs', {
      suite: inf,
      at: '80m',
      fire: [
        '2% receive errors for over an hour',
        { [`node_network_receive_errs_total{${eth}}`]: '0+2x90', [`node_network_receive_packets_total{${eth}}`]: '0+100x90' },
        { labels: { ...ethL, severity: 'warning' }, value: '2%' },
      ],
      quiet: [
        ['no errors', { [`node_network_receive_errs_total{${eth}}`]: '0x90', [`node_network_receive_packets_total{${eth}}`]: '0+100x90' }],
      ],
    }),
    ...pair('NodeNetworkTransmitErrs', {
      suite: inf,
      at: '80m',
      fire: [
        '2% transmit errors for over an hour',
        { [`node_network_transmit_errs_total{${eth}}`]: '0+2x90', [`node_network_transmit_packets_total{${eth}}`]: '0+100x90' },
        { labels: { ...ethL, severity: 'warning' }, value: '2%' },
      ],
      quiet: [
        [
          '0.5% errors',
          { [`node_network_transmit_errs_total{${eth}}`]: '0+1x90', [`node_network_transmit_packets_total{${eth}}`]: '0+200x90' },
        ],
      ],
    }),
    ...pair('NodeNetworkInterfaceFlapping', {
      suite: inf,
      interval: '15s',
      at: '5m',
      fire: [
        'link up and down every 15 seconds',
        { [`node_network_up{${eth}}`]: alternating(41) },
        { labels: { ...ethL, severity: 'warning' }, value: '7' },
      ],
      quiet: [
        ['link steady', { [`node_network_up{${eth}}`]: '1x40' }],
        ['container veth interfaces come and go by design', { [`node_network_up{${node}, device="veth12ab"}`]: alternating(41) }],
      ],
    }),
    ...pair('NodeHighNumberConntrackEntriesUsed', {
      suite: inf,
      at: '10m',
      fire: [
        '80% of the conntrack table used',
        { [`node_nf_conntrack_entries{${node}}`]: '80000x15', [`node_nf_conntrack_entries_limit{${node}}`]: '100000x15' },
        { labels: { ...nodeL, severity: 'warning' }, value: '80%' },
      ],
      quiet: [
        ['10% used', { [`node_nf_conntrack_entries{${node}}`]: '10000x15', [`node_nf_conntrack_entries_limit{${node}}`]: '100000x15' }],
      ],
    }),
    ...pair('NodeTextFileCollectorScrapeError', {
      suite: inf,
      at: '15m',
      fire: [
        'a .prom file fails to parse',
        { [`node_textfile_scrape_error{${node}}`]: '1x20' },
        { labels: { ...nodeL, severity: 'warning' } },
      ],
      quiet: [['files parse', { [`node_textfile_scrape_error{${node}}`]: '0x20' }]],
    }),
    ...pair('NodeClockSkewDetected', {
      suite: inf,
      at: '20m',
      fire: [
        'clock 100ms ahead and not converging',
        { [`node_timex_offset_seconds{${node}}`]: '0.1x30' },
        { labels: { ...nodeL, severity: 'warning' }, value: '0.1' },
      ],
      quiet: [
        ['clock 1ms off', { [`node_timex_offset_seconds{${node}}`]: '0.001x30' }],
        ['clock 100ms behind but converging', { [`node_timex_offset_seconds{${node}}`]: '-0.3+0.01x30' }],
      ],
    }),
    ...pair('NodeClockNotSynchronising', {
      suite: inf,
      at: '20m',
      fire: [
        'kernel reports the clock unsynchronised',
        { [`node_timex_sync_status{${node}}`]: '0x30', [`node_timex_maxerror_seconds{${node}}`]: '16x30' },
        { labels: { ...nodeL, severity: 'warning' } },
      ],
      quiet: [['synchronised', { [`node_timex_sync_status{${node}}`]: '1x30', [`node_timex_maxerror_seconds{${node}}`]: '0.01x30' }]],
    }),
    ...pair('NodeRAIDDegraded', {
      suite: inf,
      at: '20m',
      fire: [
        'one of two disks of md0 active',
        { [`node_md_disks_required{${node}, device="md0"}`]: '2x30', [`node_md_disks{${node}, device="md0", state="active"}`]: '1x30' },
        { labels: { ...nodeL, device: 'md0', severity: 'critical' }, value: '1' },
      ],
      quiet: [
        [
          'both disks active',
          { [`node_md_disks_required{${node}, device="md0"}`]: '2x30', [`node_md_disks{${node}, device="md0", state="active"}`]: '2x30' },
        ],
      ],
    }),
    ...pair('NodeRAIDDiskFailure', {
      suite: inf,
      at: '5m',
      fire: [
        'a disk marked failed',
        { [`node_md_disks{${node}, device="md0", state="failed"}`]: '1x10' },
        { labels: { ...nodeL, device: 'md0', state: 'failed', severity: 'warning' }, value: '1' },
      ],
      quiet: [['no failed disk', { [`node_md_disks{${node}, device="md0", state="failed"}`]: '0x10' }]],
    }),
    ...pair('NodeFileDescriptorLimit', {
      suite: inf,
      at: '20m',
      fire: [
        '90% of the file descriptors allocated',
        { [`node_filefd_allocated{${node}}`]: '90000x30', [`node_filefd_maximum{${node}}`]: '100000x30' },
        { labels: { ...nodeL, severity: 'warning' }, value: '90%' },
      ],
      quiet: [['1% allocated', { [`node_filefd_allocated{${node}}`]: '1000x30', [`node_filefd_maximum{${node}}`]: '100000x30' }]],
    }),
    ...pair('NodeSystemSaturation', {
      suite: inf,
      at: '20m',
      fire: [
        'load 5 on 2 CPUs',
        {
          [`node_load1{${node}}`]: '5x30',
          [`node_cpu_seconds_total{${node}, cpu="0", mode="idle"}`]: '0+30x30',
          [`node_cpu_seconds_total{${node}, cpu="1", mode="idle"}`]: '0+30x30',
        },
        { labels: { ...nodeL, severity: 'warning' }, value: '2.5' },
      ],
      quiet: [
        [
          'load 3 on 2 CPUs',
          {
            [`node_load1{${node}}`]: '3x30',
            [`node_cpu_seconds_total{${node}, cpu="0", mode="idle"}`]: '0+30x30',
            [`node_cpu_seconds_total{${node}, cpu="1", mode="idle"}`]: '0+30x30',
          },
        ],
      ],
    }),
    ...pair('NodeMemoryMajorPagesFaults', {
      suite: inf,
      at: '20m',
      fire: [
        '1000 major faults a second',
        { [`node_vmstat_pgmajfault{${node}}`]: '0+60000x30' },
        { labels: { ...nodeL, severity: 'warning' }, value: '1000' },
      ],
      quiet: [['10 a second', { [`node_vmstat_pgmajfault{${node}}`]: '0+600x30' }]],
    }),
    ...pair('NodeDiskIOSaturation', {
      suite: inf,
      at: '40m',
      fire: [
        'queue depth 20 on sda',
        { [`node_disk_io_time_weighted_seconds_total{${node}, device="sda"}`]: '0+1200x50' },
        { labels: { ...nodeL, device: 'sda', severity: 'warning' }, value: '20' },
      ],
      quiet: [
        ['queue depth 1', { [`node_disk_io_time_weighted_seconds_total{${node}, device="sda"}`]: '0+60x50' }],
        ['a busy loop device is not a disk', { [`node_disk_io_time_weighted_seconds_total{${node}, device="loop3"}`]: '0+1200x50' }],
      ],
    }),
    ...pair('NodeSystemdServiceFailed', {
      suite: inf,
      at: '8m',
      fire: [
        'a unit in the failed state',
        { [`node_systemd_unit_state{${node}, name="backup.service", state="failed", type="oneshot"}`]: '1x10' },
        { labels: { ...nodeL, name: 'backup.service', state: 'failed', type: 'oneshot', severity: 'warning' } },
      ],
      quiet: [
        ['the unit is not failed', { [`node_systemd_unit_state{${node}, name="backup.service", state="failed", type="oneshot"}`]: '0x10' }],
      ],
    }),
    ...pair('NodeSystemdServiceCrashlooping', {
      suite: inf,
      at: '25m',
      fire: [
        'restarted every minute',
        { [`node_systemd_service_restart_total{${node}, name="app.service"}`]: '0+1x30' },
        { labels: { ...nodeL, name: 'app.service', severity: 'warning' } },
      ],
      quiet: [['restarted 3 times long ago', { [`node_systemd_service_restart_total{${node}, name="app.service"}`]: '3x30' }]],
    }),
    ...pair('NodeBondingDegraded', {
      suite: inf,
      at: '10m',
      fire: [
        'one of two links active',
        { [`node_bonding_slaves{${node}, master="bond0"}`]: '2x15', [`node_bonding_active{${node}, master="bond0"}`]: '1x15' },
        { labels: { ...nodeL, master: 'bond0', severity: 'warning' }, value: '1' },
      ],
      quiet: [
        [
          'both links active',
          { [`node_bonding_slaves{${node}, master="bond0"}`]: '2x15', [`node_bonding_active{${node}, master="bond0"}`]: '2x15' },
        ],
      ],
    }),
  ];
}

// ---- kube-state-metrics
const pod = 'namespace="shop", pod="cart-7c9d-x2x"';
const ctr = `${pod}, container="cart"`;
const podInfo = (n: number) => ({ [`kube_pod_info{${pod}, node="node-1"}`]: `1x${n}` });
const podL = { namespace: 'shop', pod: 'cart-7c9d-x2x', node: 'node-1' };
const ready = 'node="node-1", condition="Ready", status="true"';
const dep = 'namespace="shop", deployment="cart"';
const depL = { namespace: 'shop', deployment: 'cart' };
const sts = 'namespace="db", statefulset="pg"';
const stsL = { namespace: 'db', statefulset: 'pg' };
const ds = 'namespace="kube-system", daemonset="node-exporter"';
const dsL = { namespace: 'kube-system', daemonset: 'node-exporter' };
const hpa = 'namespace="shop", horizontalpodautoscaler="cart"';
const hpaL = { namespace: 'shop', horizontalpodautoscaler: 'cart' };
const job = 'namespace="batch", job_name="nightly-report"';
const quota = (type: string, resource: string) =>
  `kube_resourcequota{namespace="shop", resourcequota="compute", resource="${resource}", type="${type}"}`;
const quotaL = (resource: string) => ({ namespace: 'shop', resourcequota: 'compute', resource });
const pvc = 'namespace="db", persistentvolumeclaim="data-pg-0"';
const pvcL = { namespace: 'db', persistentvolumeclaim: 'data-pg-0' };

function daemonSet(current: number, misscheduled: number, updated: number, available: number): Record<string, string> {
  return {
    [`kube_daemonset_status_desired_number_scheduled{${ds}}`]: '3x30',
    [`kube_daemonset_status_current_number_scheduled{${ds}}`]: `${current}x30`,
    [`kube_daemonset_status_number_misscheduled{${ds}}`]: `${misscheduled}x30`,
    [`kube_daemonset_status_updated_number_scheduled{${ds}}`]: `${updated}x30`,
    [`kube_daemonset_status_number_available{${ds}}`]: `${available}x30`,
  };
}

function hpaSeries(desired: number, current: number, min: number, max: number): Record<string, string> {
  return {
    [`kube_horizontalpodautoscaler_status_desired_replicas{${hpa}}`]: `${desired}x40`,
    [`kube_horizontalpodautoscaler_status_current_replicas{${hpa}}`]: `${current}x40`,
    [`kube_horizontalpodautoscaler_spec_min_replicas{${hpa}}`]: `${min}x40`,
    [`kube_horizontalpodautoscaler_spec_max_replicas{${hpa}}`]: `${max}x40`,
  };
}

/** Two nodes of `perNode` allocatable units of `resource` and one running pod requesting `requested`. */
function cluster(resource: string, perNode: number, requested: number, nodes = 2): Record<string, string> {
  const out: Record<string, string> = {
    [`kube_pod_container_resource_requests{${ctr}, node="node-1", resource="${resource}"}`]: `${requested}x20`,
    [`kube_pod_status_phase{${pod}, phase="Running"}`]: '1x20',
    [`kube_pod_status_phase{${pod}, phase="Pending"}`]: '0x20',
  };
  for (let i = 1; i <= nodes; i++) out[`kube_node_status_allocatable{node="node-${i}", resource="${resource}"}`] = `${perNode}x20`;
  return out;
}

function ksmCases(): AlertCase[] {
  const inf = 'infrastructure' as const;
  const GiB = 1024 ** 3;
  return [
    ...pair('KubeNodePressure', {
      suite: inf,
      at: '15m',
      fire: [
        'memory pressure for 15 minutes',
        { 'kube_node_status_condition{node="node-1", condition="MemoryPressure", status="true"}': '1x20' },
        { labels: { node: 'node-1', condition: 'MemoryPressure', status: 'true', severity: 'info' } },
      ],
      quiet: [
        [
          'a cordoned node is already being handled',
          {
            'kube_node_status_condition{node="node-1", condition="MemoryPressure", status="true"}': '1x20',
            'kube_node_spec_unschedulable{node="node-1"}': '1x20',
          },
        ],
      ],
    }),
    ...pair('KubeNodeUnreachable', {
      suite: inf,
      at: '20m',
      fire: [
        'tainted unreachable for 20 minutes',
        { 'kube_node_spec_taint{node="node-1", key="node.kubernetes.io/unreachable", effect="NoSchedule"}': '1x25' },
        { labels: { node: 'node-1', key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', severity: 'warning' } },
      ],
      quiet: [['another taint', { 'kube_node_spec_taint{node="node-1", key="dedicated", effect="NoSchedule"}': '1x25' }]],
    }),
    ...pair('KubeNodeReadinessFlapping', {
      suite: inf,
      at: '35m',
      fire: [
        'ready and not ready every minute',
        { [`kube_node_status_condition{${ready}}`]: alternating(41) },
        { labels: { node: 'node-1', severity: 'warning' }, value: '14' },
      ],
      quiet: [['one change', { [`kube_node_status_condition{${ready}}`]: '1x20 0 1x20' }]],
    }),
    ...pair('KubePodNotReady', {
      suite: inf,
      at: '20m',
      fire: [
        'running but not ready for 20 minutes',
        {
          [`kube_pod_status_phase{${pod}, phase="Running"}`]: '1x30',
          [`kube_pod_status_ready{${pod}, condition="true"}`]: '0x30',
          ...podInfo(30),
        },
        { labels: { ...podL, severity: 'warning' } },
      ],
      quiet: [
        [
          'running and ready',
          {
            [`kube_pod_status_phase{${pod}, phase="Running"}`]: '1x30',
            [`kube_pod_status_ready{${pod}, condition="true"}`]: '1x30',
            ...podInfo(30),
          },
        ],
        [
          'a pending pod of a Job is left to the Job alerts',
          {
            [`kube_pod_status_phase{${pod}, phase="Pending"}`]: '1x30',
            [`kube_pod_owner{${pod}, owner_kind="Job", owner_name="nightly-report"}`]: '1x30',
            ...podInfo(30),
          },
        ],
      ],
    }),
    ...pair('KubeContainerWaiting', {
      suite: inf,
      at: '70m',
      fire: [
        'ImagePullBackOff for over an hour',
        { [`kube_pod_container_status_waiting_reason{${ctr}, reason="ImagePullBackOff"}`]: '1x80', ...podInfo(80) },
        { labels: { ...podL, container: 'cart', reason: 'ImagePullBackOff', severity: 'warning' } },
      ],
      quiet: [
        [
          'crash looping is KubePodCrashLooping',
          { [`kube_pod_container_status_waiting_reason{${ctr}, reason="CrashLoopBackOff"}`]: '1x80', ...podInfo(80) },
        ],
      ],
    }),
    ...pair('KubeDeploymentGenerationMismatch', {
      suite: inf,
      at: '20m',
      fire: [
        'generation 4 not observed',
        { [`kube_deployment_status_observed_generation{${dep}}`]: '3x30', [`kube_deployment_metadata_generation{${dep}}`]: '4x30' },
        { labels: { ...depL, severity: 'warning' } },
      ],
      quiet: [
        [
          'observed',
          { [`kube_deployment_status_observed_generation{${dep}}`]: '4x30', [`kube_deployment_metadata_generation{${dep}}`]: '4x30' },
        ],
      ],
    }),
    ...pair('KubeDeploymentRolloutStuck', {
      suite: inf,
      at: '20m',
      fire: [
        'progress deadline exceeded',
        { [`kube_deployment_status_condition{${dep}, condition="Progressing", status="false"}`]: '1x30' },
        { labels: { ...depL, condition: 'Progressing', status: 'false', severity: 'warning' } },
      ],
      quiet: [['progressing', { [`kube_deployment_status_condition{${dep}, condition="Progressing", status="false"}`]: '0x30' }]],
    }),
    ...pair('KubeStatefulSetGenerationMismatch', {
      suite: inf,
      at: '20m',
      fire: [
        'generation 2 not observed',
        { [`kube_statefulset_status_observed_generation{${sts}}`]: '1x30', [`kube_statefulset_metadata_generation{${sts}}`]: '2x30' },
        { labels: { ...stsL, severity: 'warning' } },
      ],
      quiet: [
        [
          'observed',
          { [`kube_statefulset_status_observed_generation{${sts}}`]: '2x30', [`kube_statefulset_metadata_generation{${sts}}`]: '2x30' },
        ],
      ],
    }),
    ...pair('KubeStatefulSetUpdateNotRolledOut', {
      suite: inf,
      at: '20m',
      fire: [
        'one of three pods updated, no progress',
        {
          [`kube_statefulset_status_current_revision{${sts}, revision="pg-1"}`]: '1x30',
          [`kube_statefulset_status_update_revision{${sts}, revision="pg-2"}`]: '1x30',
          [`kube_statefulset_replicas{${sts}}`]: '3x30',
          [`kube_statefulset_status_replicas_updated{${sts}}`]: '1x30',
        },
        { labels: { ...stsL, severity: 'warning' } },
      ],
      quiet: [
        [
          'the update is complete',
          {
            [`kube_statefulset_status_current_revision{${sts}, revision="pg-2"}`]: '1x30',
            [`kube_statefulset_status_update_revision{${sts}, revision="pg-2"}`]: '1x30',
            [`kube_statefulset_replicas{${sts}}`]: '3x30',
            [`kube_statefulset_status_replicas_updated{${sts}}`]: '3x30',
          },
        ],
      ],
    }),
    ...pair('KubeDaemonSetRolloutStuck', {
      suite: inf,
      at: '20m',
      fire: ['two of three nodes updated, no progress', daemonSet(3, 0, 2, 3), { labels: { ...dsL, severity: 'warning' } }],
      quiet: [['all updated and available', daemonSet(3, 0, 3, 3)]],
    }),
    ...pair('KubeDaemonSetNotScheduled', {
      suite: inf,
      at: '15m',
      fire: ['a node without its pod', daemonSet(2, 0, 2, 2), { labels: { ...dsL, severity: 'warning' }, value: '1' }],
      quiet: [['every node has its pod', daemonSet(3, 0, 3, 3)]],
    }),
    ...pair('KubeDaemonSetMisScheduled', {
      suite: inf,
      at: '20m',
      fire: ['a pod on an excluded node', daemonSet(3, 1, 3, 3), { labels: { ...dsL, severity: 'warning' }, value: '1' }],
      quiet: [['none misscheduled', daemonSet(3, 0, 3, 3)]],
    }),
    ...pair('KubeJobNotCompleted', {
      suite: inf,
      interval: '10m',
      at: '13h',
      fire: [
        'active for 13 hours',
        { [`kube_job_status_start_time{${job}}`]: '0x80', [`kube_job_status_active{${job}}`]: '1x80' },
        { labels: { namespace: 'batch', job_name: 'nightly-report', severity: 'warning' } },
      ],
      quiet: [['finished', { [`kube_job_status_start_time{${job}}`]: '0x80', [`kube_job_status_active{${job}}`]: '0x80' }]],
    }),
    ...pair('KubeHpaReplicasMismatch', {
      suite: inf,
      at: '30m',
      fire: ['wants 5, stuck at 3', hpaSeries(5, 3, 2, 10), { labels: { ...hpaL, severity: 'warning' }, value: '5' }],
      quiet: [
        ['at its desired count', hpaSeries(3, 3, 2, 10)],
        ['held at its maximum is KubeHpaMaxedOut', hpaSeries(12, 10, 2, 10)],
      ],
    }),
    ...pair('KubeHpaMaxedOut', {
      suite: inf,
      at: '20m',
      fire: ['at its maximum of 10', hpaSeries(10, 10, 2, 10), { labels: { ...hpaL, severity: 'warning' }, value: '10' }],
      quiet: [
        ['half way', hpaSeries(5, 5, 2, 10)],
        ['a fixed-size HPA (min = max)', hpaSeries(4, 4, 4, 4)],
      ],
    }),
    ...pair('KubePdbNotEnoughHealthyPods', {
      suite: inf,
      at: '20m',
      fire: [
        'one healthy pod short',
        {
          'kube_poddisruptionbudget_status_desired_healthy{namespace="db", poddisruptionbudget="pg"}': '2x30',
          'kube_poddisruptionbudget_status_current_healthy{namespace="db", poddisruptionbudget="pg"}': '1x30',
        },
        { labels: { namespace: 'db', poddisruptionbudget: 'pg', severity: 'warning' }, value: '1' },
      ],
      quiet: [
        [
          'enough healthy pods',
          {
            'kube_poddisruptionbudget_status_desired_healthy{namespace="db", poddisruptionbudget="pg"}': '2x30',
            'kube_poddisruptionbudget_status_current_healthy{namespace="db", poddisruptionbudget="pg"}': '3x30',
          },
        ],
      ],
    }),
    ...pair('KubeCPUOvercommit', {
      suite: inf,
      at: '15m',
      fire: ['6 CPUs requested on two 4-CPU nodes', cluster('cpu', 4, 6), { labels: { severity: 'warning' }, value: '6' }],
      quiet: [
        ['3 CPUs requested on two 4-CPU nodes', cluster('cpu', 4, 3)],
        ['a single node cannot lose a node', cluster('cpu', 4, 3, 1)],
      ],
    }),
    ...pair('KubeMemoryOvercommit', {
      suite: inf,
      at: '15m',
      fire: [
        '6 GiB requested on two 4 GiB nodes',
        cluster('memory', 4 * GiB, 6 * GiB),
        { labels: { severity: 'warning' }, value: '6.442G' },
      ],
      quiet: [['3 GiB requested', cluster('memory', 4 * GiB, 3 * GiB)]],
    }),
    ...pair('KubeCPUQuotaOvercommit', {
      suite: inf,
      at: '10m',
      fire: [
        '10 CPUs of quota on 4 allocatable',
        { [quota('hard', 'requests.cpu')]: '10x15', 'kube_node_status_allocatable{node="node-1", resource="cpu"}': '4x15' },
        { labels: { severity: 'warning' }, value: '250%' },
      ],
      quiet: [
        [
          '4 CPUs of quota',
          { [quota('hard', 'requests.cpu')]: '4x15', 'kube_node_status_allocatable{node="node-1", resource="cpu"}': '4x15' },
        ],
      ],
    }),
    ...pair('KubeMemoryQuotaOvercommit', {
      suite: inf,
      at: '10m',
      fire: [
        '8 GiB of quota on 4 allocatable',
        { [quota('hard', 'memory')]: `${8 * GiB}x15`, 'kube_node_status_allocatable{node="node-1", resource="memory"}': `${4 * GiB}x15` },
        { labels: { severity: 'warning' }, value: '200%' },
      ],
      quiet: [
        [
          '4 GiB of quota',
          { [quota('hard', 'memory')]: `${4 * GiB}x15`, 'kube_node_status_allocatable{node="node-1", resource="memory"}': `${4 * GiB}x15` },
        ],
      ],
    }),
    ...pair('KubeQuotaAlmostFull', {
      suite: inf,
      at: '20m',
      fire: [
        '95% of the pods quota used',
        { [quota('used', 'pods')]: '95x30', [quota('hard', 'pods')]: '100x30' },
        { labels: { ...quotaL('pods'), severity: 'info' }, value: '95%' },
      ],
      quiet: [
        ['half used', { [quota('used', 'pods')]: '50x30', [quota('hard', 'pods')]: '100x30' }],
        ['fully used is KubeQuotaFullyUsed', { [quota('used', 'pods')]: '100x30', [quota('hard', 'pods')]: '100x30' }],
      ],
    }),
    ...pair('KubeQuotaFullyUsed', {
      suite: inf,
      at: '20m',
      fire: [
        'all of the quota used',
        { [quota('used', 'pods')]: '100x30', [quota('hard', 'pods')]: '100x30' },
        { labels: { ...quotaL('pods'), severity: 'info' } },
      ],
      quiet: [['95% used', { [quota('used', 'pods')]: '95x30', [quota('hard', 'pods')]: '100x30' }]],
    }),
    ...pair('KubeQuotaExceeded', {
      suite: inf,
      at: '20m',
      fire: [
        '120% used after the quota was lowered',
        { [quota('used', 'pods')]: '120x30', [quota('hard', 'pods')]: '100x30' },
        { labels: { ...quotaL('pods'), severity: 'warning' }, value: '120%' },
      ],
      quiet: [
        ['exactly used', { [quota('used', 'pods')]: '100x30', [quota('hard', 'pods')]: '100x30' }],
        ['a zero quota is a ban, not an overrun', { [quota('used', 'pods')]: '1x30', [quota('hard', 'pods')]: '0x30' }],
      ],
    }),
    ...pair('KubePersistentVolumeInodesFillingUp', {
      suite: inf,
      at: '10m',
      fire: [
        '5% of the inodes free',
        { [`kubelet_volume_stats_inodes_free{${pvc}}`]: '5x20', [`kubelet_volume_stats_inodes{${pvc}}`]: '100x20' },
        { labels: { ...pvcL, severity: 'warning' }, value: '5%' },
      ],
      quiet: [['half free', { [`kubelet_volume_stats_inodes_free{${pvc}}`]: '50x20', [`kubelet_volume_stats_inodes{${pvc}}`]: '100x20' }]],
    }),
    ...pair('KubePersistentVolumeErrors', {
      suite: inf,
      at: '8m',
      fire: [
        'a failed volume',
        { 'kube_persistentvolume_status_phase{persistentvolume="pv-1", phase="Failed"}': '1x10' },
        { labels: { persistentvolume: 'pv-1', phase: 'Failed', severity: 'critical' } },
      ],
      quiet: [
        [
          'bound',
          {
            'kube_persistentvolume_status_phase{persistentvolume="pv-1", phase="Bound"}': '1x10',
            'kube_persistentvolume_status_phase{persistentvolume="pv-1", phase="Failed"}': '0x10',
          },
        ],
      ],
    }),
    ...pair('KubeStateMetricsListErrors', {
      suite: inf,
      at: '20m',
      fire: [
        '5% of list calls fail',
        {
          'kube_state_metrics_list_total{resource="pods", result="error"}': '0+5x30',
          'kube_state_metrics_list_total{resource="pods", result="success"}': '0+95x30',
        },
        { labels: { severity: 'warning' }, value: '5%' },
      ],
      quiet: [
        [
          'no errors',
          {
            'kube_state_metrics_list_total{resource="pods", result="error"}': '0x30',
            'kube_state_metrics_list_total{resource="pods", result="success"}': '0+95x30',
          },
        ],
      ],
    }),
    ...pair('KubeStateMetricsWatchErrors', {
      suite: inf,
      at: '20m',
      fire: [
        '5% of watch calls fail',
        {
          'kube_state_metrics_watch_total{resource="pods", result="error"}': '0+5x30',
          'kube_state_metrics_watch_total{resource="pods", result="success"}': '0+95x30',
        },
        { labels: { severity: 'warning' }, value: '5%' },
      ],
      quiet: [
        [
          'no errors',
          {
            'kube_state_metrics_watch_total{resource="pods", result="error"}': '0x30',
            'kube_state_metrics_watch_total{resource="pods", result="success"}': '0+95x30',
          },
        ],
      ],
    }),
  ];
}

// ---- kubelet and API server
const kubelet = 'job="kubelet", instance="node-1", node="node-1"';
const kubeletL = { job: 'kubelet', instance: 'node-1', node: 'node-1' };
const api = 'job="apiserver", instance="10.0.0.1:443"';
const apiL = { job: 'apiserver', instance: '10.0.0.1:443' };
const apiRequests = (code: string) => `apiserver_request_total{${api}, code="${code}", verb="GET", resource="pods"}`;

function kubernetesCases(): AlertCase[] {
  const inf = 'infrastructure' as const;
  const histogram = (metric: string, labels: string, buckets: Record<string, string>) =>
    Object.fromEntries(Object.entries(buckets).map(([le, v]) => [`${metric}_bucket{${labels}, le="${le}"}`, v]));
  return [
    ...pair('KubeletTooManyPods', {
      suite: inf,
      at: '20m',
      fire: [
        '108 of 110 pods',
        { [`kubelet_running_pods{${kubelet}}`]: '108x30', 'kube_node_status_capacity{node="node-1", resource="pods"}': '110x30' },
        { labels: { node: 'node-1', severity: 'info' }, value: '98.18%' },
      ],
      quiet: [
        [
          '50 of 110',
          { [`kubelet_running_pods{${kubelet}}`]: '50x30', 'kube_node_status_capacity{node="node-1", resource="pods"}': '110x30' },
        ],
      ],
    }),
    ...pair('KubeletPlegDurationHigh', {
      suite: inf,
      at: '10m',
      fire: [
        'relists take 1 to 30 seconds',
        histogram('kubelet_pleg_relist_duration_seconds', kubelet, { '1': '0x20', '30': '0+10x20', '+Inf': '0+10x20' }),
        { labels: { node: 'node-1', severity: 'warning' } },
      ],
      quiet: [
        [
          'relists under a second',
          histogram('kubelet_pleg_relist_duration_seconds', kubelet, { '1': '0+10x20', '30': '0+10x20', '+Inf': '0+10x20' }),
        ],
      ],
    }),
    ...pair('KubeletPodStartUpLatencyHigh', {
      suite: inf,
      at: '20m',
      fire: [
        'pod syncs take 10 to 120 seconds',
        histogram('kubelet_pod_worker_duration_seconds', `${kubelet}, operation_type="create"`, {
          '10': '0x30',
          '120': '0+10x30',
          '+Inf': '0+10x30',
        }),
        { labels: { node: 'node-1', severity: 'warning' } },
      ],
      quiet: [
        [
          'pod syncs under 10 seconds',
          histogram('kubelet_pod_worker_duration_seconds', `${kubelet}, operation_type="create"`, {
            '10': '0+10x30',
            '120': '0+10x30',
            '+Inf': '0+10x30',
          }),
        ],
      ],
    }),
    ...pair('KubeletClientCertificateExpiration', {
      suite: inf,
      at: '5m',
      fire: [
        'a day left',
        { [`kubelet_certificate_manager_client_ttl_seconds{${kubelet}}`]: '86400x10' },
        { labels: { ...kubeletL, severity: 'warning' }, value: '1d 0h 0m 0s' },
      ],
      quiet: [['30 days left', { [`kubelet_certificate_manager_client_ttl_seconds{${kubelet}}`]: '2592000x10' }]],
    }),
    ...pair('KubeletServerCertificateExpiration', {
      suite: inf,
      at: '5m',
      fire: [
        'a day left',
        { [`kubelet_certificate_manager_server_ttl_seconds{${kubelet}}`]: '86400x10' },
        { labels: { ...kubeletL, severity: 'warning' }, value: '1d 0h 0m 0s' },
      ],
      quiet: [['30 days left', { [`kubelet_certificate_manager_server_ttl_seconds{${kubelet}}`]: '2592000x10' }]],
    }),
    ...pair('KubeletClientCertificateRenewalErrors', {
      suite: inf,
      at: '20m',
      fire: [
        'a failed renewal every minute',
        { [`kubelet_certificate_manager_client_expiration_renew_errors{${kubelet}}`]: '0+1x30' },
        { labels: { ...kubeletL, severity: 'warning' } },
      ],
      quiet: [['no failed renewal', { [`kubelet_certificate_manager_client_expiration_renew_errors{${kubelet}}`]: '0x30' }]],
    }),
    ...pair('KubeletServerCertificateRenewalErrors', {
      suite: inf,
      at: '20m',
      fire: [
        'a failed renewal every minute',
        { [`kubelet_server_expiration_renew_errors{${kubelet}}`]: '0+1x30' },
        { labels: { ...kubeletL, severity: 'warning' } },
      ],
      quiet: [['no failed renewal', { [`kubelet_server_expiration_renew_errors{${kubelet}}`]: '0x30' }]],
    }),
    ...pair('KubeNodeEviction', {
      suite: inf,
      at: '5m',
      fire: [
        'a pod evicted for memory',
        { [`kubelet_evictions{${kubelet}, eviction_signal="memory.available"}`]: '0 0 0 1x10' },
        { labels: { node: 'node-1', eviction_signal: 'memory.available', severity: 'info' } },
      ],
      quiet: [['no eviction', { [`kubelet_evictions{${kubelet}, eviction_signal="memory.available"}`]: '0x10' }]],
    }),
    ...pair('KubeAPIErrorBudgetBurn', {
      suite: inf,
      at: '70m',
      fire: [
        '20% of requests fail for an hour',
        { [apiRequests('200')]: '0+80x80', [apiRequests('500')]: '0+20x80' },
        { labels: { severity: 'critical' }, value: '20%' },
      ],
      quiet: [
        ['1% fail, within 14.4 times a 1% budget', { [apiRequests('200')]: '0+99x80', [apiRequests('500')]: '0+1x80' }],
        [
          'an hour of errors that stopped 10 minutes ago',
          { [apiRequests('200')]: '0+80x60 4800+100x20', [apiRequests('500')]: '0+20x60 1200x20' },
        ],
      ],
    }),
    ...pair('KubeClientCertificateExpiration', {
      suite: inf,
      at: '10m',
      fire: [
        'clients present certificates expiring within a day',
        {
          ...histogram('apiserver_client_certificate_expiration_seconds', api, { '86400': '0+1x20', '+Inf': '0+1x20' }),
          [`apiserver_client_certificate_expiration_seconds_count{${api}}`]: '0+1x20',
        },
        { labels: { ...apiL, severity: 'warning' }, value: '14m 24s' },
      ],
      quiet: [
        [
          'every certificate has more than 30 days',
          {
            ...histogram('apiserver_client_certificate_expiration_seconds', api, {
              '2592000': '0x20',
              '31536000': '0+1x20',
              '+Inf': '0+1x20',
            }),
            [`apiserver_client_certificate_expiration_seconds_count{${api}}`]: '0+1x20',
          },
        ],
      ],
    }),
    ...pair('KubeAggregatedAPIErrors', {
      suite: inf,
      at: '20m',
      fire: [
        'metrics API marked unavailable every minute',
        { [`aggregator_unavailable_apiservice_total{${api}, name="v1beta1.metrics.k8s.io", reason="MissingEndpoints"}`]: '0+1x30' },
        { labels: { name: 'v1beta1.metrics.k8s.io', reason: 'MissingEndpoints', severity: 'warning' } },
      ],
      quiet: [
        [
          'never unavailable',
          { [`aggregator_unavailable_apiservice_total{${api}, name="v1beta1.metrics.k8s.io", reason="MissingEndpoints"}`]: '0x30' },
        ],
      ],
    }),
    ...pair('KubeAggregatedAPIDown', {
      suite: inf,
      at: '20m',
      fire: [
        'metrics API unavailable for 20 minutes',
        { [`aggregator_unavailable_apiservice{${api}, name="v1beta1.metrics.k8s.io"}`]: '1x30' },
        { labels: { name: 'v1beta1.metrics.k8s.io', severity: 'warning' }, value: '0%' },
      ],
      quiet: [['available', { [`aggregator_unavailable_apiservice{${api}, name="v1beta1.metrics.k8s.io"}`]: '0x30' }]],
    }),
    ...pair('KubeAPITerminatedRequests', {
      suite: inf,
      at: '20m',
      fire: [
        '30% of requests terminated',
        { [`apiserver_request_terminations_total{${api}, code="429", verb="LIST"}`]: '0+30x30', [apiRequests('200')]: '0+70x30' },
        { labels: { severity: 'warning' }, value: '30%' },
      ],
      quiet: [
        [
          'none terminated',
          { [`apiserver_request_terminations_total{${api}, code="429", verb="LIST"}`]: '0x30', [apiRequests('200')]: '0+70x30' },
        ],
      ],
    }),
    ...pair('KubeClientErrors', {
      suite: inf,
      at: '20m',
      fire: [
        '5% of kube-state-metrics API calls get a 5xx',
        {
          'rest_client_requests_total{job="kube-state-metrics", instance="ksm:8080", code="500", method="GET"}': '0+5x30',
          'rest_client_requests_total{job="kube-state-metrics", instance="ksm:8080", code="200", method="GET"}': '0+95x30',
        },
        { labels: { job: 'kube-state-metrics', instance: 'ksm:8080', severity: 'warning' }, value: '5%' },
      ],
      quiet: [
        [
          'no server errors',
          { 'rest_client_requests_total{job="kube-state-metrics", instance="ksm:8080", code="200", method="GET"}': '0+95x30' },
        ],
      ],
    }),
    ...pair('KubeVersionMismatch', {
      suite: inf,
      at: '20m',
      fire: [
        'API server 1.30, a kubelet 1.29',
        {
          [`kubernetes_build_info{${api}, git_version="v1.30.2"}`]: '1x30',
          [`kubernetes_build_info{${kubelet}, git_version="v1.29.5"}`]: '1x30',
        },
        { labels: { severity: 'warning' }, value: '2' },
      ],
      quiet: [
        [
          'patch versions differ only',
          {
            [`kubernetes_build_info{${api}, git_version="v1.30.2"}`]: '1x30',
            [`kubernetes_build_info{${kubelet}, git_version="v1.30.1"}`]: '1x30',
          },
        ],
      ],
    }),
  ];
}

// ---- cAdvisor and probes
function containerAndProbeCases(): AlertCase[] {
  const inf = 'infrastructure' as const;
  const c = `job="cadvisor", instance="node-1", ${ctr}`;
  const probe = 'job="blackbox", instance="https://shop.example.org"';
  return [
    ...pair('CPUThrottlingHigh', {
      suite: inf,
      at: '20m',
      fire: [
        'half of the CPU periods throttled',
        { [`container_cpu_cfs_throttled_periods_total{${c}}`]: '0+300x30', [`container_cpu_cfs_periods_total{${c}}`]: '0+600x30' },
        { labels: { namespace: 'shop', pod: 'cart-7c9d-x2x', container: 'cart', severity: 'info' }, value: '50%' },
      ],
      quiet: [
        [
          '10% throttled',
          { [`container_cpu_cfs_throttled_periods_total{${c}}`]: '0+60x30', [`container_cpu_cfs_periods_total{${c}}`]: '0+600x30' },
        ],
      ],
    }),
    ...pair('ProbeCertificateExpiring', {
      suite: inf,
      at: '20m',
      fire: [
        'certificate expires in 10 days',
        { [`probe_ssl_earliest_cert_expiry{${probe}}`]: '864000x30' },
        { labels: { job: 'blackbox', instance: 'https://shop.example.org', severity: 'warning' }, value: '9d 23h 40m 0s' },
      ],
      quiet: [['certificate valid for 3 years', { [`probe_ssl_earliest_cert_expiry{${probe}}`]: '100000000x30' }]],
    }),
  ];
}

// ---- self-monitoring additions
const prom = 'job="prometheus", instance="prometheus-0:9090"';
const promL = { job: 'prometheus', instance: 'prometheus-0:9090' };
const remote = `${prom}, remote_name="abc123", url="https://metrics.example.org/api/v1/write"`;
const remoteL = { ...promL, remote_name: 'abc123', url: 'https://metrics.example.org/api/v1/write' };
const grafana = (handler: string, code: string) =>
  `grafana_http_request_duration_seconds_count{job="grafana", namespace="monitoring", handler="${handler}", status_code="${code}"}`;
const am = (i: number) => `job="alertmanager", namespace="monitoring", instance="alertmanager-${i}:9093"`;

/** A counter of Prometheus rising by `perMinute` (0: flat), fires when rising, quiet when flat. */
function counterPair(alert: string, metric: string, why: string, severity = 'warning'): AlertCase[] {
  return pair(alert, {
    suite: 'self',
    at: '20m',
    fire: [why, { [`${metric}{${prom}}`]: '0+1x30' }, { labels: { ...promL, severity } }],
    quiet: [['the counter stays flat', { [`${metric}{${prom}}`]: '4x30' }]],
  });
}

function selfCases(): AlertCase[] {
  const self = 'self' as const;
  const amUrl = (i: number) => `http://alertmanager-${i}:9093/api/v2/alerts`;
  const sends = (i: number, errors: string) => ({
    [`prometheus_notifications_errors_total{${prom}, alertmanager="${amUrl(i)}"}`]: errors,
    [`prometheus_notifications_sent_total{${prom}, alertmanager="${amUrl(i)}"}`]: '0+60x30',
  });
  const amSends = (i: number, failed: string) => ({
    [`alertmanager_notifications_failed_total{${am(i)}, integration="slack", reason="serverError"}`]: failed,
    [`alertmanager_notifications_total{${am(i)}, integration="slack"}`]: '0+60x20',
  });
  return [
    ...pair('PrometheusErrorSendingAlertsToAnyAlertmanager', {
      suite: self,
      at: '25m',
      fire: [
        '10% of sends fail to both Alertmanagers',
        { ...sends(0, '0+6x30'), ...sends(1, '0+6x30') },
        { labels: { ...promL, severity: 'critical' }, value: '10%' },
      ],
      quiet: [['one Alertmanager takes every alert', { ...sends(0, '0+6x30'), ...sends(1, '0x30') }]],
    }),
    ...counterPair('PrometheusKubernetesListWatchFailures', 'prometheus_sd_kubernetes_failures_total', 'a failed watch every minute'),
    ...counterPair('PrometheusTSDBReloadsFailing', 'prometheus_tsdb_reloads_failures_total', 'a failed block reload every minute'),
    ...counterPair(
      'PrometheusDuplicateTimestamps',
      'prometheus_target_scrapes_sample_duplicate_timestamp_total',
      'duplicates every scrape',
    ),
    ...counterPair(
      'PrometheusOutOfOrderTimestamps',
      'prometheus_target_scrapes_sample_out_of_order_total',
      'out-of-order samples every scrape',
    ),
    ...counterPair('PrometheusTargetLimitHit', 'prometheus_target_scrape_pool_exceeded_target_limit_total', 'a job over its target limit'),
    ...counterPair('PrometheusLabelLimitHit', 'prometheus_target_scrape_pool_exceeded_label_limits_total', 'targets over the label limits'),
    ...counterPair(
      'PrometheusScrapeBodySizeLimitHit',
      'prometheus_target_scrapes_exceeded_body_size_limit_total',
      'answers over the body size limit',
    ),
    ...counterPair(
      'PrometheusScrapeSampleLimitHit',
      'prometheus_target_scrapes_exceeded_sample_limit_total',
      'targets over the sample limit',
    ),
    ...pair('PrometheusTargetSyncFailure', {
      suite: self,
      at: '20m',
      fire: [
        'targets of a job fail to sync',
        { [`prometheus_target_sync_failed_total{${prom}, scrape_job="kubernetes-pods"}`]: '0 0 1x30' },
        { labels: { ...promL, scrape_job: 'kubernetes-pods', severity: 'warning' } },
      ],
      quiet: [['syncs succeed', { [`prometheus_target_sync_failed_total{${prom}, scrape_job="kubernetes-pods"}`]: '0x30' }]],
    }),
    ...pair('PrometheusNotIngestingSamples', {
      suite: self,
      at: '20m',
      fire: [
        'targets configured, no sample appended',
        {
          [`prometheus_tsdb_head_samples_appended_total{${prom}, type="float"}`]: '1000x30',
          [`prometheus_target_scrape_pool_targets{${prom}, scrape_job="node-exporter"}`]: '3x30',
        },
        { labels: { ...promL, severity: 'warning' } },
      ],
      quiet: [
        [
          'appending samples',
          {
            [`prometheus_tsdb_head_samples_appended_total{${prom}, type="float"}`]: '0+1000x30',
            [`prometheus_target_scrape_pool_targets{${prom}, scrape_job="node-exporter"}`]: '3x30',
          },
        ],
      ],
    }),
    ...pair('PrometheusRemoteStorageFailures', {
      suite: self,
      at: '20m',
      fire: [
        '10% of remote-written samples fail',
        {
          [`prometheus_remote_storage_samples_failed_total{${remote}}`]: '0+10x30',
          [`prometheus_remote_storage_samples_total{${remote}}`]: '0+100x30',
        },
        { labels: { ...remoteL, severity: 'warning' }, value: '10%' },
      ],
      quiet: [
        [
          'every sample sent',
          {
            [`prometheus_remote_storage_samples_failed_total{${remote}}`]: '0x30',
            [`prometheus_remote_storage_samples_total{${remote}}`]: '0+100x30',
          },
        ],
      ],
    }),
    ...pair('PrometheusRemoteWriteBehind', {
      suite: self,
      at: '20m',
      fire: [
        'nothing sent since the start',
        {
          [`prometheus_remote_storage_highest_timestamp_in_seconds{${prom}}`]: '0+60x30',
          [`prometheus_remote_storage_queue_highest_sent_timestamp_seconds{${remote}}`]: '0x30',
        },
        { labels: { ...remoteL, severity: 'warning' }, value: '20m 0s' },
      ],
      quiet: [
        [
          'sending keeps up',
          {
            [`prometheus_remote_storage_highest_timestamp_in_seconds{${prom}}`]: '0+60x30',
            [`prometheus_remote_storage_queue_highest_sent_timestamp_seconds{${remote}}`]: '0+60x30',
          },
        ],
      ],
    }),
    ...pair('PrometheusRemoteWriteDesiredShards', {
      suite: self,
      at: '20m',
      fire: [
        'wants 20 of at most 10 shards',
        { [`prometheus_remote_storage_shards_desired{${remote}}`]: '20x30', [`prometheus_remote_storage_shards_max{${remote}}`]: '10x30' },
        { labels: { ...remoteL, severity: 'warning' }, value: '20' },
      ],
      quiet: [
        [
          'wants 5',
          { [`prometheus_remote_storage_shards_desired{${remote}}`]: '5x30', [`prometheus_remote_storage_shards_max{${remote}}`]: '10x30' },
        ],
      ],
    }),
    ...pair('PrometheusHighQueryLoad', {
      suite: self,
      at: '20m',
      fire: [
        '18 of 20 query slots busy',
        { [`prometheus_engine_queries{${prom}}`]: '18x30', [`prometheus_engine_queries_concurrent_max{${prom}}`]: '20x30' },
        { labels: { ...promL, severity: 'warning' }, value: '90%' },
      ],
      quiet: [
        [
          '2 of 20 busy',
          { [`prometheus_engine_queries{${prom}}`]: '2x30', [`prometheus_engine_queries_concurrent_max{${prom}}`]: '20x30' },
        ],
      ],
    }),
    ...pair('AlertmanagerClusterFailedToSendAlerts', {
      suite: self,
      at: '12m',
      fire: [
        'both Alertmanagers fail 10% of Slack notifications',
        { ...amSends(0, '0+6x20'), ...amSends(1, '0+6x20') },
        { labels: { namespace: 'monitoring', integration: 'slack', severity: 'critical' }, value: '10%' },
      ],
      quiet: [['one Alertmanager delivers', { ...amSends(0, '0+6x20'), ...amSends(1, '0x20') }]],
    }),
    ...pair('AlertmanagerClusterFailedPeers', {
      suite: self,
      at: '20m',
      fire: [
        'a peer unreachable for 20 minutes',
        { [`alertmanager_cluster_failed_peers{${am(0)}}`]: '1x30' },
        { labels: { job: 'alertmanager', namespace: 'monitoring', instance: 'alertmanager-0:9093', severity: 'warning' }, value: '1' },
      ],
      quiet: [['every peer reachable', { [`alertmanager_cluster_failed_peers{${am(0)}}`]: '0x30' }]],
    }),
    ...pair('GrafanaRequestsFailing', {
      suite: self,
      at: '10m',
      fire: [
        'most dashboard API calls fail',
        {
          [grafana('/api/dashboards/uid/:uid', '500')]: '0+80x15',
          [grafana('/api/dashboards/uid/:uid', '200')]: '0+20x15',
        },
        { labels: { namespace: 'monitoring', handler: '/api/dashboards/uid/:uid', severity: 'warning' }, value: '80%' },
      ],
      quiet: [
        [
          'a failing datasource query is the datasource, not Grafana',
          {
            [grafana('/api/ds/query', '500')]: '0+80x15',
          },
        ],
      ],
    }),
  ];
}

// ---- absent alerts: one per job the stack ships
/** `prometheus_sd_discovered_targets` of a configured job (what Prometheus reports for each job in its configuration). */
const configured = (jobName: string, targets = 1) => ({
  [`prometheus_sd_discovered_targets{${prom}, config="${jobName}", name="scrape"}`]: `${targets}x30`,
});

function absentPair(alert: string, suite: Suite, jobName: string, severity: string, gated = true): AlertCase[] {
  const up = `up{job="${jobName}", instance="${jobName}-0:9100"}`;
  const gate = gated ? configured(jobName, 0) : {};
  return pair(alert, {
    suite,
    at: '20m',
    fire: [`job ${jobName} configured but no target discovered for 20 minutes`, { ...gate }, { labels: { job: jobName, severity } }],
    quiet: [
      ['a target is up', { ...(gated ? configured(jobName) : {}), [up]: '1x30' }],
      ['a 10-minute gap (a rollout) is still pending at its end', { ...(gated ? configured(jobName) : {}), [up]: '1x5 stale _x9 1x14' }],
      ...(gated ? [['the job is not configured at all (the Docker target has no such job)', {}] as const] : []),
    ],
  });
}

function absentCases(): AlertCase[] {
  return [
    ...absentPair('KubeletDown', 'infrastructure', 'kubelet', 'critical'),
    ...pair('KubeletDown', {
      suite: 'infrastructure',
      at: '20m',
      fire: [
        'every kubelet target down',
        { ...configured('kubelet'), [`up{${kubelet}}`]: '0x30' },
        { labels: { job: 'kubelet', severity: 'critical' } },
      ],
      quiet: [],
    }),
    ...absentPair('KubeAPIDown', 'infrastructure', 'apiserver', 'critical'),
    ...absentPair('KubeStateMetricsAbsent', 'infrastructure', 'kube-state-metrics', 'warning'),
    ...absentPair('NodeExporterAbsent', 'infrastructure', 'node-exporter', 'warning'),
    ...absentPair('CadvisorAbsent', 'infrastructure', 'cadvisor', 'warning'),
    ...absentPair('BlackboxExporterAbsent', 'infrastructure', 'blackbox', 'warning'),
    ...absentPair('AlertmanagerAbsent', 'self', 'alertmanager', 'warning'),
    ...absentPair('GrafanaAbsent', 'self', 'grafana', 'warning'),
    ...absentPair('PrometheusAbsent', 'self', 'prometheus', 'warning', false),
    ...absentPair('ElasticsearchExporterAbsent', 'elasticsearch', 'elasticsearch', 'warning'),
    ...absentPair('LogstashExporterAbsent', 'logstash', 'logstash', 'warning'),
    ...absentPair('ThanosQueryAbsent', 'thanos', 'thanos-query', 'warning'),
    ...absentPair('ThanosSidecarAbsent', 'thanos', 'thanos-sidecar', 'warning'),
    ...absentPair('JaegerAbsent', 'jaeger', 'jaeger', 'warning'),
    ...absentPair('JaegerSpanMetricsAbsent', 'jaeger', 'jaeger-spanmetrics', 'warning'),
  ];
}

/** Every case of this file. */
export const COVERAGE_CASES: readonly AlertCase[] = [
  ...nodeCases(),
  ...ksmCases(),
  ...kubernetesCases(),
  ...containerAndProbeCases(),
  ...selfCases(),
  ...absentCases(),
];
