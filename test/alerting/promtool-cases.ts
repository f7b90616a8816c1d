import { ELASTICSEARCH_ALERT_CASES } from './elasticsearch-cases';
import { KIBANA_ALERT_CASES } from '../kibana/alert-cases';
import { LOGSTASH_ALERT_CASES } from '../logstash/alert-cases';
import { THANOS_ALERT_CASES } from '../thanos/alert-cases';
import { FILEBEAT_ALERT_CASES } from '../filebeat/alert-cases';
import { JAEGER_ALERT_CASES } from '../jaeger/alert-cases';
import { DATABASE_CLIENT, DEMO, FRESHNESS_METRIC, PROBE_INSTANCE } from './fixtures';

/** Rule files and evaluation interval of one `promtool test rules` file. */
export const SUITES = {
  services: { files: ['service-demo-api.yml'], evaluation: '15s' },
  slo: { files: ['slo-demo-api.yml'], evaluation: '1m' },
  infrastructure: { files: ['recordings.yml', 'infrastructure.yml'], evaluation: '1m' },
  databases: { files: ['databases.yml'], evaluation: '1m' },
  self: { files: ['self-monitoring.yml'], evaluation: '1m' },
  elasticsearch: { files: ['elasticsearch.yml'], evaluation: '1m' },
  kibana: { files: ['kibana.yml'], evaluation: '1m' },
  logstash: { files: ['logstash.yml'], evaluation: '1m' },
  thanos: { files: ['thanos.yml'], evaluation: '1m' },
  filebeat: { files: ['filebeat.yml'], evaluation: '1m' },
  jaeger: { files: ['jaeger.yml'], evaluation: '1m' },
} as const;
export type Suite = keyof typeof SUITES;

/** One expected alert: all its labels except alertname, and the text `$value` renders to. */
export interface ExpectedAlert {
  readonly labels: Readonly<Record<string, string>>;
  readonly value?: string;
}

/** One promtool test group: synthetic series, one alert checked at one time. */
export interface AlertCase {
  readonly alert: string;
  readonly suite: Suite;
  readonly why: string;
  /** Input series interval. Default: the suite's evaluation interval. */
  readonly interval?: string;
  /** Series selector -> promtool expanding notation. */
  readonly series: Readonly<Record<string, string>>;
  readonly at: string;
  /** Expected firing alerts; empty means the alert stays quiet. */
  readonly fires: readonly ExpectedAlert[];
}

/** A promql_expr_test: a recording checked at a time. */
export interface ExprCase {
  readonly suite: Suite;
  readonly why: string;
  readonly interval?: string;
  readonly series: Readonly<Record<string, string>>;
  readonly at: string;
  readonly expr: string;
  readonly samples: ReadonlyArray<{ readonly labels: string; readonly value: number }>;
}

const svc = { namespace: DEMO.namespace, service: DEMO.service, team: DEMO.team };
const svcSel = `job="${DEMO.service}", service="${DEMO.service}", namespace="${DEMO.namespace}"`;
const upSel =
  `up{job="${DEMO.service}", instance="10.0.0.7:8080", ` + `namespace="${DEMO.namespace}", service="${DEMO.service}", team="${DEMO.team}"}`;
/** The `up` series and the labels of instance n (1..3) of the example service. */
const instanceOf = (n: number) => `10.0.0.${6 + n}:8080`;
const upOf = (n: number) =>
  `up{job="${DEMO.service}", instance="${instanceOf(n)}", namespace="${DEMO.namespace}", service="${DEMO.service}", team="${DEMO.team}"}`;
const targetOf = (n: number) => ({ ...svc, job: DEMO.service, instance: instanceOf(n) });
const requests = (code: string) => `http_requests_total{${svcSel}, code="${code}", method="GET", route="/items"}`;
const bucket = (le: string) => `http_request_duration_seconds_bucket{${svcSel}, le="${le}"}`;
const count = `http_request_duration_seconds_count{${svcSel}}`;
/** Series of the example service's pool gauges and query histogram, on instance 1 (a `pool` label, as pool libraries add). */
const poolOf = (metric: string) => `${metric}{${svcSel}, instance="${instanceOf(1)}", pool="main"}`;
const queryBucket = (le: string) => `${DATABASE_CLIENT.queryDurationMetric}_bucket{${svcSel}, instance="${instanceOf(1)}", le="${le}"}`;
const sloLabels = (slo: string, severity: string) => ({ ...svc, slo, severity });
const pg = (metric: string, extra = '') => `${metric}{job="postgres", instance="db:9187"${extra}}`;
const node = 'instance="node-1:9100"';
const fs = `${node}, mountpoint="/", device="/dev/sda1", fstype="ext4"`;
const pod = 'namespace="shop", pod="cart-7c9d-x2x", container="cart"';
const podInfo = { 'kube_pod_info{namespace="shop", pod="cart-7c9d-x2x", node="node-1"}': '1x40' };
const podLabels = { namespace: 'shop', pod: 'cart-7c9d-x2x', container: 'cart', node: 'node-1' };
const prom = 'job="prometheus", instance="prometheus-0:9090"';
const promLabels = { job: 'prometheus', instance: 'prometheus-0:9090' };
const GiB = 1024 ** 3;

/** Every shipped alert: at least one case where it fires and one where it stays quiet. */
export const ALERT_CASES: readonly AlertCase[] = [
  // ---- services (15s scrape/eval, as shipped)
  {
    alert: 'ServiceDown',
    suite: 'services',
    why: 'three failed scrapes in a row of its only instance page',
    series: { [upSel]: '1 1 1 0 0 0 0 0' },
    at: '1m30s',
    fires: [{ labels: { ...svc, job: DEMO.service, severity: 'critical' }, value: '100%' }],
  },
  {
    alert: 'ServiceDown',
    suite: 'services',
    why: 'one failed scrape never pages',
    series: { [upSel]: '1 1 1 0 1 1 1 1' },
    at: '1m30s',
    fires: [],
  },
  {
    alert: 'ServiceDown',
    suite: 'services',
    why: 'two failed scrapes are still pending',
    series: { [upSel]: '1 1 1 0 0 0 0 0' },
    at: '1m',
    fires: [],
  },
  {
    alert: 'ServiceDown',
    suite: 'services',
    why: 'one of three instances down is not the service down',
    series: { [upOf(1)]: '1 1 1 0x20', [upOf(2)]: '1x24', [upOf(3)]: '1x24' },
    at: '5m',
    fires: [],
  },
  {
    alert: 'ServiceDown',
    suite: 'services',
    why: 'two of three instances down are not all of them (the default fraction is 1)',
    series: { [upOf(1)]: '1 1 1 0x20', [upOf(2)]: '1 1 1 0x20', [upOf(3)]: '1x24' },
    at: '5m',
    fires: [],
  },
  {
    alert: 'ServiceDown',
    suite: 'services',
    why: 'all three instances down page once for the service',
    series: { [upOf(1)]: '1 1 1 0x20', [upOf(2)]: '1 1 1 0x20', [upOf(3)]: '1 1 1 0x20' },
    at: '1m30s',
    fires: [{ labels: { ...svc, job: DEMO.service, severity: 'critical' }, value: '100%' }],
  },
  {
    alert: 'ServiceDown',
    suite: 'services',
    why: 'no target discovered is not a scrape failure (ServiceTargetMissing covers it)',
    series: {},
    at: '1m',
    fires: [],
  },
  {
    alert: 'ServiceInstanceDown',
    suite: 'services',
    why: 'one of three instances down for 5 minutes is a warning for that instance',
    series: { [upOf(1)]: '1 1 1 0x30', [upOf(2)]: '1x33', [upOf(3)]: '1x33' },
    at: '6m',
    fires: [{ labels: { ...targetOf(1), severity: 'warning' } }],
  },
  {
    alert: 'ServiceInstanceDown',
    suite: 'services',
    why: 'an instance down for 4 minutes (a restart, a slow rollout step) is still pending',
    series: { [upOf(1)]: '1 1 1 0x30', [upOf(2)]: '1x33', [upOf(3)]: '1x33' },
    at: '4m30s',
    fires: [],
  },
  {
    alert: 'ServiceInstanceDown',
    suite: 'services',
    why: 'instances that keep answering stay quiet',
    series: { [upOf(1)]: '1 0 1x30', [upOf(2)]: '1x33', [upOf(3)]: '1x33' },
    at: '6m',
    fires: [],
  },
  {
    alert: 'ServiceTargetMissing',
    suite: 'services',
    why: 'no target discovered for 15 minutes pages',
    series: {},
    at: '16m',
    fires: [{ labels: { ...svc, job: DEMO.service, severity: 'critical' } }],
  },
  {
    alert: 'ServiceTargetMissing',
    suite: 'services',
    why: 'a target that disappears and stays gone pages after 15 minutes',
    series: { [upSel]: '1x20 stale' },
    at: '21m',
    fires: [{ labels: { ...svc, job: DEMO.service, severity: 'critical' } }],
  },
  {
    alert: 'ServiceTargetMissing',
    suite: 'services',
    why: 'a 10 minute gap without targets (a slow Recreate rollout) does not page',
    series: { [upSel]: '1x20 stale _x40 1x20' },
    at: '15m45s',
    fires: [],
  },
  {
    alert: 'ServiceTargetMissing',
    suite: 'services',
    why: 'a discovered target, even a failing one, is not missing',
    series: { [upSel]: '0x80' },
    at: '20m',
    fires: [],
  },
  {
    alert: 'ServiceProbeFailed',
    suite: 'services',
    why: 'probe failing for over a minute',
    series: { [`probe_success{job="blackbox", instance="${PROBE_INSTANCE}"}`]: '1 0x10' },
    at: '2m',
    fires: [{ labels: { ...svc, job: 'blackbox', instance: PROBE_INSTANCE, severity: 'critical' } }],
  },
  {
    alert: 'ServiceProbeFailed',
    suite: 'services',
    why: 'one failed probe',
    series: { [`probe_success{job="blackbox", instance="${PROBE_INSTANCE}"}`]: '1 0 1x8' },
    at: '2m',
    fires: [],
  },
  {
    alert: 'ServiceHighErrorRate',
    suite: 'services',
    why: '10% errors for 5 minutes',
    series: { [requests('200')]: '0+90x60', [requests('500')]: '0+10x60' },
    at: '14m',
    fires: [{ labels: { ...svc, severity: 'critical' }, value: '10%' }],
  },
  {
    alert: 'ServiceHighErrorRate',
    suite: 'services',
    why: '1% errors',
    series: { [requests('200')]: '0+99x60', [requests('500')]: '0+1x60' },
    at: '14m',
    fires: [],
  },
  {
    alert: 'ServiceHighErrorRate',
    suite: 'services',
    why: 'no 5xx series at all',
    series: { [requests('200')]: '0+99x60' },
    at: '14m',
    fires: [],
  },
  {
    alert: 'ServiceHighLatency',
    suite: 'services',
    why: 'all requests between 100ms and 1s',
    series: { [bucket('0.1')]: '0x80', [bucket('1')]: '0+10x80', [bucket('+Inf')]: '0+10x80', [count]: '0+10x80' },
    at: '19m',
    fires: [{ labels: { ...svc, severity: 'warning' }, value: '955ms' }],
  },
  {
    alert: 'ServiceHighLatency',
    suite: 'services',
    why: 'all requests under 100ms',
    series: { [bucket('0.1')]: '0+10x80', [bucket('1')]: '0+10x80', [bucket('+Inf')]: '0+10x80' },
    at: '19m',
    fires: [],
  },
  {
    alert: 'ServiceTrafficDrop',
    suite: 'services',
    interval: '1m',
    why: 'traffic stops after an hour',
    series: { [requests('200')]: '0+100x60 6000x30' },
    at: '80m',
    fires: [{ labels: { ...svc, severity: 'warning' }, value: '0%' }],
  },
  {
    alert: 'ServiceTrafficDrop',
    suite: 'services',
    interval: '1m',
    why: 'steady traffic',
    series: { [requests('200')]: '0+100x90' },
    at: '80m',
    fires: [],
  },
  {
    alert: 'ServiceHealthCheckFailing',
    suite: 'services',
    interval: '1m',
    why: 'a pod not ready for 10 minutes',
    series: { 'kube_pod_status_ready{namespace="demo", pod="demo-api-6f7b9-k2x4q", condition="false"}': '1x12' },
    at: '10m',
    fires: [{ labels: { ...svc, severity: 'warning' }, value: '1' }],
  },
  {
    alert: 'ServiceHealthCheckFailing',
    suite: 'services',
    interval: '1m',
    why: "another service's pod is not ready",
    series: {
      'kube_pod_status_ready{namespace="demo", pod="billing-5d4c-abcde", condition="false"}': '1x12',
      'kube_pod_status_ready{namespace="demo", pod="demo-api-6f7b9-k2x4q", condition="false"}': '0x12',
    },
    at: '10m',
    fires: [],
  },
  {
    alert: 'ServiceDataStale',
    suite: 'services',
    interval: '1m',
    why: 'no new data for 3 hours',
    series: { [`${FRESHNESS_METRIC}{${svcSel}}`]: '0x200' },
    at: '3h',
    fires: [{ labels: { ...svc, severity: 'critical' }, value: '3h 0m 0s' }],
  },
  {
    alert: 'ServiceConnectionPoolSaturated',
    suite: 'services',
    why: '19 of 20 pool connections in use for 10 minutes',
    series: { [poolOf(DATABASE_CLIENT.poolInUseMetric)]: '19x80', [poolOf(DATABASE_CLIENT.poolMaxMetric)]: '20x80' },
    at: '10m',
    fires: [{ labels: { ...svc, instance: instanceOf(1), severity: 'warning' }, value: '95%' }],
  },
  {
    alert: 'ServiceConnectionPoolSaturated',
    suite: 'services',
    why: 'a busy pool (17 of 20, 85%) stays under the 90% threshold',
    series: { [poolOf(DATABASE_CLIENT.poolInUseMetric)]: '17x80', [poolOf(DATABASE_CLIENT.poolMaxMetric)]: '20x80' },
    at: '10m',
    fires: [],
  },
  {
    alert: 'ServiceConnectionPoolSaturated',
    suite: 'services',
    why: 'a full pool for 3 minutes only (shorter than for: 5m)',
    series: { [poolOf(DATABASE_CLIENT.poolInUseMetric)]: '5x28 20x12', [poolOf(DATABASE_CLIENT.poolMaxMetric)]: '20x40' },
    at: '10m',
    fires: [],
  },
  {
    alert: 'ServiceSlowQueries',
    suite: 'services',
    why: 'every query takes between 1 s and 5 s for 20 minutes',
    series: { [queryBucket('1')]: '0x100', [queryBucket('5')]: '0+10x100', [queryBucket('+Inf')]: '0+10x100' },
    at: '20m',
    fires: [{ labels: { ...svc, severity: 'warning' }, value: '4.96s' }],
  },
  {
    alert: 'ServiceSlowQueries',
    suite: 'services',
    why: 'every query under 100 ms',
    series: { [queryBucket('0.1')]: '0+10x100', [queryBucket('1')]: '0+10x100', [queryBucket('+Inf')]: '0+10x100' },
    at: '20m',
    fires: [],
  },
  {
    alert: 'ServiceDataStale',
    suite: 'services',
    interval: '1m',
    why: 'new data every minute',
    series: { [`${FRESHNESS_METRIC}{${svcSel}}`]: '0+60x200' },
    at: '3h',
    fires: [],
  },

  // ---- SLOs (known burn rates against a 99.9% availability / 99% latency objective)
  {
    alert: 'SLOErrorBudgetBurnFast',
    suite: 'slo',
    why: 'burn rate 20 (2% errors) pages',
    series: { [requests('200')]: '0+98x20', [requests('500')]: '0+2x20' },
    at: '10m',
    fires: [{ labels: sloLabels('availability', 'critical'), value: '2%' }],
  },
  {
    alert: 'SLOErrorBudgetBurnFast',
    suite: 'slo',
    why: 'latency SLO: 20% slower than 500ms pages (14.4x a 1% budget is 14.4%)',
    series: { [bucket('0.5')]: '0+80x20', [bucket('+Inf')]: '0+100x20', [count]: '0+100x20' },
    at: '10m',
    fires: [{ labels: sloLabels('latency', 'critical'), value: '20%' }],
  },
  {
    alert: 'SLOErrorBudgetBurnFast',
    suite: 'slo',
    why: 'burn rate 5 (0.5% errors) does not page',
    series: { [requests('200')]: '0+995x20', [requests('500')]: '0+5x20' },
    at: '10m',
    fires: [],
  },
  {
    alert: 'SLOErrorBudgetBurnSlow',
    suite: 'slo',
    why: 'burn rate 5 opens a ticket',
    series: { [requests('200')]: '0+995x20', [requests('500')]: '0+5x20' },
    at: '10m',
    fires: [{ labels: sloLabels('availability', 'warning'), value: '0.5%' }],
  },
  {
    alert: 'SLOErrorBudgetBurnSlow',
    suite: 'slo',
    why: 'burn rate 0.5 is within budget',
    series: { [requests('200')]: '0+9995x20', [requests('500')]: '0+5x20' },
    at: '10m',
    fires: [],
  },
  {
    alert: 'SLOErrorBudgetExhausted',
    suite: 'slo',
    why: 'error ratio 20x the budget over the window so far',
    series: { [requests('200')]: '0+98x20', [requests('500')]: '0+2x20' },
    at: '10m',
    fires: [{ labels: sloLabels('availability', 'warning'), value: '-1900%' }],
  },
  {
    alert: 'SLOErrorBudgetExhausted',
    suite: 'slo',
    why: 'half of the budget used',
    series: { [requests('200')]: '0+9995x20', [requests('500')]: '0+5x20' },
    at: '10m',
    fires: [],
  },

  // ---- infrastructure
  {
    alert: 'NodeHighCpu',
    suite: 'infrastructure',
    why: '90% busy for 15 minutes',
    series: { [`node_cpu_seconds_total{${node}, cpu="0", mode="idle"}`]: '0+6x40' },
    at: '30m',
    fires: [{ labels: { instance: 'node-1:9100', severity: 'warning' }, value: '90%' }],
  },
  {
    alert: 'NodeHighCpu',
    suite: 'infrastructure',
    why: '50% busy',
    series: { [`node_cpu_seconds_total{${node}, cpu="0", mode="idle"}`]: '0+30x40' },
    at: '30m',
    fires: [],
  },
  {
    alert: 'NodeHighMemory',
    suite: 'infrastructure',
    why: '90% of memory used',
    series: { [`node_memory_MemAvailable_bytes{${node}}`]: '10x40', [`node_memory_MemTotal_bytes{${node}}`]: '100x40' },
    at: '30m',
    fires: [{ labels: { instance: 'node-1:9100', severity: 'warning' }, value: '90%' }],
  },
  {
    alert: 'NodeHighMemory',
    suite: 'infrastructure',
    why: '50% used',
    series: { [`node_memory_MemAvailable_bytes{${node}}`]: '50x40', [`node_memory_MemTotal_bytes{${node}}`]: '100x40' },
    at: '30m',
    fires: [],
  },
  {
    alert: 'NodeDiskSpaceLow',
    suite: 'infrastructure',
    why: '5% free',
    series: { [`node_filesystem_avail_bytes{${fs}}`]: '5x20', [`node_filesystem_size_bytes{${fs}}`]: '100x20' },
    at: '10m',
    fires: [{ labels: { instance: 'node-1:9100', mountpoint: '/', device: '/dev/sda1', severity: 'critical' }, value: '5%' }],
  },
  {
    alert: 'NodeDiskSpaceLow',
    suite: 'infrastructure',
    why: 'a full tmpfs is ignored, the disk is half free',
    series: {
      [`node_filesystem_avail_bytes{${fs}}`]: '50x20',
      [`node_filesystem_size_bytes{${fs}}`]: '100x20',
      [`node_filesystem_avail_bytes{${node}, mountpoint="/run", device="tmpfs", fstype="tmpfs"}`]: '0x20',
      [`node_filesystem_size_bytes{${node}, mountpoint="/run", device="tmpfs", fstype="tmpfs"}`]: '100x20',
    },
    at: '10m',
    fires: [],
  },
  {
    alert: 'NodeDiskPredictedFull',
    suite: 'infrastructure',
    why: 'losing 30 bytes/h with 190 left',
    series: { [`node_filesystem_avail_bytes{${fs}}`]: '400-0.5x480', [`node_filesystem_size_bytes{${fs}}`]: '1000x480' },
    at: '7h',
    fires: [{ labels: { instance: 'node-1:9100', mountpoint: '/', device: '/dev/sda1', fstype: 'ext4', severity: 'warning' } }],
  },
  {
    alert: 'NodeDiskPredictedFull',
    suite: 'infrastructure',
    why: 'usage flat',
    series: { [`node_filesystem_avail_bytes{${fs}}`]: '190x480', [`node_filesystem_size_bytes{${fs}}`]: '1000x480' },
    at: '7h',
    fires: [],
  },
  {
    alert: 'KubeNodeNotReady',
    suite: 'infrastructure',
    why: 'not ready for 10 minutes',
    series: { 'kube_node_status_condition{node="node-1", condition="Ready", status="true"}': '0x12' },
    at: '10m',
    fires: [{ labels: { node: 'node-1', condition: 'Ready', status: 'true', severity: 'critical' } }],
  },
  {
    alert: 'KubeNodeNotReady',
    suite: 'infrastructure',
    why: 'ready',
    series: { 'kube_node_status_condition{node="node-1", condition="Ready", status="true"}': '1x12' },
    at: '10m',
    fires: [],
  },
  {
    alert: 'KubePodCrashLooping',
    suite: 'infrastructure',
    why: 'CrashLoopBackOff for 20 minutes',
    series: { [`kube_pod_container_status_waiting_reason{${pod}, reason="CrashLoopBackOff"}`]: '1x40', ...podInfo },
    at: '25m',
    fires: [{ labels: { ...podLabels, severity: 'warning' } }],
  },
  {
    alert: 'KubePodCrashLooping',
    suite: 'infrastructure',
    why: 'waiting for an image pull only',
    series: { [`kube_pod_container_status_waiting_reason{${pod}, reason="ContainerCreating"}`]: '1x40', ...podInfo },
    at: '25m',
    fires: [],
  },
  {
    alert: 'KubeContainerOOMKilled',
    suite: 'infrastructure',
    why: 'restarted after an OOM kill',
    series: {
      [`kube_pod_container_status_restarts_total{${pod}}`]: '0 0 0 1x10',
      [`kube_pod_container_status_last_terminated_reason{${pod}, reason="OOMKilled"}`]: '0 0 0 1x10',
      ...podInfo,
    },
    at: '5m',
    fires: [{ labels: { ...podLabels, severity: 'warning' } }],
  },
  {
    alert: 'KubeContainerOOMKilled',
    suite: 'infrastructure',
    why: 'restarted after an error exit',
    series: {
      [`kube_pod_container_status_restarts_total{${pod}}`]: '0 0 0 1x10',
      [`kube_pod_container_status_last_terminated_reason{${pod}, reason="Error"}`]: '0 0 0 1x10',
      ...podInfo,
    },
    at: '5m',
    fires: [],
  },
  {
    alert: 'KubePersistentVolumeFilling',
    suite: 'infrastructure',
    why: '10% free',
    series: {
      'kubelet_volume_stats_available_bytes{namespace="db", persistentvolumeclaim="data-pg-0"}': '10x20',
      'kubelet_volume_stats_capacity_bytes{namespace="db", persistentvolumeclaim="data-pg-0"}': '100x20',
    },
    at: '10m',
    fires: [{ labels: { namespace: 'db', persistentvolumeclaim: 'data-pg-0', severity: 'warning' }, value: '10%' }],
  },
  {
    alert: 'KubePersistentVolumeFilling',
    suite: 'infrastructure',
    why: '50% free',
    series: {
      'kubelet_volume_stats_available_bytes{namespace="db", persistentvolumeclaim="data-pg-0"}': '50x20',
      'kubelet_volume_stats_capacity_bytes{namespace="db", persistentvolumeclaim="data-pg-0"}': '100x20',
    },
    at: '10m',
    fires: [],
  },
  {
    alert: 'KubeDeploymentReplicasMismatch',
    suite: 'infrastructure',
    why: '2 of 3 available for 20 minutes',
    series: {
      'kube_deployment_spec_replicas{namespace="shop", deployment="cart"}': '3x25',
      'kube_deployment_status_replicas_available{namespace="shop", deployment="cart"}': '2x25',
    },
    at: '20m',
    fires: [{ labels: { namespace: 'shop', deployment: 'cart', severity: 'warning' }, value: '3' }],
  },
  {
    alert: 'KubeDeploymentReplicasMismatch',
    suite: 'infrastructure',
    why: 'a short rollout',
    series: {
      'kube_deployment_spec_replicas{namespace="shop", deployment="cart"}': '3x25',
      'kube_deployment_status_replicas_available{namespace="shop", deployment="cart"}': '2x5 3x20',
    },
    at: '20m',
    fires: [],
  },
  {
    alert: 'KubeStatefulSetReplicasMismatch',
    suite: 'infrastructure',
    why: '1 of 3 ready for 20 minutes',
    series: {
      'kube_statefulset_replicas{namespace="db", statefulset="pg"}': '3x25',
      'kube_statefulset_status_replicas_ready{namespace="db", statefulset="pg"}': '1x25',
    },
    at: '20m',
    fires: [{ labels: { namespace: 'db', statefulset: 'pg', severity: 'warning' }, value: '3' }],
  },
  {
    alert: 'KubeStatefulSetReplicasMismatch',
    suite: 'infrastructure',
    why: 'all ready',
    series: {
      'kube_statefulset_replicas{namespace="db", statefulset="pg"}': '3x25',
      'kube_statefulset_status_replicas_ready{namespace="db", statefulset="pg"}': '3x25',
    },
    at: '20m',
    fires: [],
  },
  {
    alert: 'KubeJobFailed',
    suite: 'infrastructure',
    why: 'a failed job',
    series: { 'kube_job_failed{namespace="batch", job_name="nightly-report", condition="true"}': '1x5' },
    at: '2m',
    fires: [{ labels: { namespace: 'batch', job_name: 'nightly-report', condition: 'true', severity: 'warning' } }],
  },
  {
    alert: 'KubeJobFailed',
    suite: 'infrastructure',
    why: 'a succeeded job',
    series: { 'kube_job_failed{namespace="batch", job_name="nightly-report", condition="true"}': '0x5' },
    at: '2m',
    fires: [],
  },

  // ---- databases and queues
  {
    alert: 'PostgresDown',
    suite: 'databases',
    why: 'down for 2 minutes',
    series: { [pg('pg_up')]: '0x5' },
    at: '3m',
    fires: [{ labels: { job: 'postgres', instance: 'db:9187', severity: 'critical' } }],
  },
  {
    alert: 'PostgresDown',
    suite: 'databases',
    why: 'a pg_up outside the declared job is ignored',
    series: { [pg('pg_up')]: '1x5', 'pg_up{job="other", instance="x:9187"}': '0x5' },
    at: '3m',
    fires: [],
  },
  {
    alert: 'PostgresConnectionsNearLimit',
    suite: 'databases',
    why: '90 of 100 connections',
    series: { [pg('pg_stat_activity_count', ', datname="app", state="active"')]: '90x10', [pg('pg_settings_max_connections')]: '100x10' },
    at: '8m',
    fires: [{ labels: { instance: 'db:9187', severity: 'warning' }, value: '90%' }],
  },
  {
    alert: 'PostgresConnectionsNearLimit',
    suite: 'databases',
    why: '10 of 100',
    series: { [pg('pg_stat_activity_count', ', datname="app", state="active"')]: '10x10', [pg('pg_settings_max_connections')]: '100x10' },
    at: '8m',
    fires: [],
  },
  {
    alert: 'PostgresSlowQueries',
    suite: 'databases',
    why: 'a 2-minute transaction',
    series: { [pg('pg_stat_activity_max_tx_duration', ', datname="app", state="active"')]: '120x5' },
    at: '3m',
    fires: [{ labels: { instance: 'db:9187', datname: 'app', severity: 'warning' }, value: '2m 0s' }],
  },
  {
    alert: 'PostgresSlowQueries',
    suite: 'databases',
    why: 'a long idle transaction is not a slow query',
    series: { [pg('pg_stat_activity_max_tx_duration', ', datname="app", state="idle in transaction"')]: '600x5' },
    at: '3m',
    fires: [],
  },
  {
    alert: 'MySQLDown',
    suite: 'databases',
    why: 'down',
    series: { 'mysql_up{instance="mysql:9104"}': '0x5' },
    at: '3m',
    fires: [{ labels: { instance: 'mysql:9104', severity: 'critical' } }],
  },
  { alert: 'MySQLDown', suite: 'databases', why: 'up', series: { 'mysql_up{instance="mysql:9104"}': '1x5' }, at: '3m', fires: [] },
  {
    alert: 'MySQLConnectionsNearLimit',
    suite: 'databases',
    why: '90 of 100 threads',
    series: {
      'mysql_global_status_threads_connected{instance="mysql:9104"}': '90x10',
      'mysql_global_variables_max_connections{instance="mysql:9104"}': '100x10',
    },
    at: '8m',
    fires: [{ labels: { instance: 'mysql:9104', severity: 'warning' }, value: '90%' }],
  },
  {
    alert: 'MySQLConnectionsNearLimit',
    suite: 'databases',
    why: '10 of 100',
    series: {
      'mysql_global_status_threads_connected{instance="mysql:9104"}': '10x10',
      'mysql_global_variables_max_connections{instance="mysql:9104"}': '100x10',
    },
    at: '8m',
    fires: [],
  },
  {
    alert: 'MySQLSlowQueries',
    suite: 'databases',
    why: 'one slow query per second',
    series: { 'mysql_global_status_slow_queries{instance="mysql:9104"}': '0+60x15' },
    at: '12m',
    fires: [{ labels: { instance: 'mysql:9104', severity: 'warning' }, value: '1' }],
  },
  {
    alert: 'MySQLSlowQueries',
    suite: 'databases',
    why: 'no slow queries',
    series: { 'mysql_global_status_slow_queries{instance="mysql:9104"}': '7x15' },
    at: '12m',
    fires: [],
  },
  {
    alert: 'RedisDown',
    suite: 'databases',
    why: 'down',
    series: { 'redis_up{instance="redis:9121"}': '0x5' },
    at: '3m',
    fires: [{ labels: { instance: 'redis:9121', severity: 'critical' } }],
  },
  { alert: 'RedisDown', suite: 'databases', why: 'up', series: { 'redis_up{instance="redis:9121"}': '1x5' }, at: '3m', fires: [] },
  {
    alert: 'RedisConnectionsNearLimit',
    suite: 'databases',
    why: '9000 of 10000 clients',
    series: { 'redis_connected_clients{instance="redis:9121"}': '9000x10', 'redis_config_maxclients{instance="redis:9121"}': '10000x10' },
    at: '8m',
    fires: [{ labels: { instance: 'redis:9121', severity: 'warning' }, value: '90%' }],
  },
  {
    alert: 'RedisConnectionsNearLimit',
    suite: 'databases',
    why: '100 of 10000',
    series: { 'redis_connected_clients{instance="redis:9121"}': '100x10', 'redis_config_maxclients{instance="redis:9121"}': '10000x10' },
    at: '8m',
    fires: [],
  },
  {
    alert: 'KafkaConsumerGroupLag',
    suite: 'databases',
    why: '1500 messages behind over two partitions',
    series: {
      'kafka_consumergroup_lag{consumergroup="orders", topic="orders", partition="0"}': '800x15',
      'kafka_consumergroup_lag{consumergroup="orders", topic="orders", partition="1"}': '700x15',
    },
    at: '12m',
    fires: [{ labels: { consumergroup: 'orders', topic: 'orders', severity: 'warning' }, value: '1500' }],
  },
  {
    alert: 'KafkaConsumerGroupLag',
    suite: 'databases',
    why: '100 behind',
    series: { 'kafka_consumergroup_lag{consumergroup="orders", topic="orders", partition="0"}': '100x15' },
    at: '12m',
    fires: [],
  },

  // ---- the stack itself
  {
    alert: 'Watchdog',
    suite: 'self',
    why: 'always fires, from the first evaluation',
    series: {},
    at: '0m',
    fires: [{ labels: { severity: 'none' } }],
  },
  {
    alert: 'Watchdog',
    suite: 'self',
    why: 'still exactly one an hour later',
    series: {},
    at: '1h',
    fires: [{ labels: { severity: 'none' } }],
  },
  {
    alert: 'TargetDown',
    suite: 'self',
    why: 'Alertmanager unscrapable for 10 minutes',
    series: { 'up{job="alertmanager", instance="alertmanager-0:9093"}': '0x12' },
    at: '10m',
    fires: [{ labels: { job: 'alertmanager', instance: 'alertmanager-0:9093', severity: 'warning' } }],
  },
  {
    alert: 'TargetDown',
    suite: 'self',
    why: 'a down monitored service is left to ServiceDown',
    series: {
      [`up{job="${DEMO.service}", instance="10.0.0.7:8080"}`]: '0x12',
      'up{job="alertmanager", instance="alertmanager-0:9093"}': '1x12',
    },
    at: '10m',
    fires: [],
  },
  {
    alert: 'PrometheusConfigReloadFailed',
    suite: 'self',
    why: 'reload failing for 20 minutes',
    series: { [`prometheus_config_last_reload_successful{${prom}}`]: '0x25' },
    at: '20m',
    fires: [{ labels: { ...promLabels, severity: 'warning' } }],
  },
  {
    alert: 'PrometheusConfigReloadFailed',
    suite: 'self',
    why: 'one failed reload, then fixed',
    series: { [`prometheus_config_last_reload_successful{${prom}}`]: '1 0 1x23' },
    at: '20m',
    fires: [],
  },
  {
    alert: 'PrometheusRuleEvaluationFailures',
    suite: 'self',
    why: 'failing evaluations for 20 minutes',
    series: { [`prometheus_rule_evaluation_failures_total{${prom}, rule_group="/etc/prometheus/rules/slo.yml;slo"}`]: '0+5x30' },
    at: '25m',
    fires: [{ labels: { ...promLabels, rule_group: '/etc/prometheus/rules/slo.yml;slo', severity: 'critical' } }],
  },
  {
    alert: 'PrometheusRuleEvaluationFailures',
    suite: 'self',
    why: 'no failures',
    series: { [`prometheus_rule_evaluation_failures_total{${prom}, rule_group="g"}`]: '3x30' },
    at: '25m',
    fires: [],
  },
  {
    alert: 'PrometheusNotificationQueueFilling',
    suite: 'self',
    why: 'queue 90% full',
    series: {
      [`prometheus_notifications_queue_length{${prom}}`]: '9000x20',
      [`prometheus_notifications_queue_capacity{${prom}}`]: '10000x20',
    },
    at: '16m',
    fires: [{ labels: { ...promLabels, severity: 'warning' }, value: '90%' }],
  },
  {
    alert: 'PrometheusNotificationQueueFilling',
    suite: 'self',
    why: 'queue nearly empty',
    series: {
      [`prometheus_notifications_queue_length{${prom}}`]: '10x20',
      [`prometheus_notifications_queue_capacity{${prom}}`]: '10000x20',
    },
    at: '16m',
    fires: [],
  },
  {
    alert: 'AlertmanagerFailedToSendAlerts',
    suite: 'self',
    why: '10% of Slack notifications fail',
    series: {
      'alertmanager_notifications_failed_total{instance="alertmanager-0:9093", integration="slack"}': '0+6x15',
      'alertmanager_notifications_total{instance="alertmanager-0:9093", integration="slack"}': '0+60x15',
    },
    at: '12m',
    fires: [{ labels: { instance: 'alertmanager-0:9093', integration: 'slack', severity: 'warning' }, value: '10%' }],
  },
  {
    alert: 'AlertmanagerFailedToSendAlerts',
    suite: 'self',
    why: 'no failures',
    series: {
      'alertmanager_notifications_failed_total{instance="alertmanager-0:9093", integration="slack"}': '0x15',
      'alertmanager_notifications_total{instance="alertmanager-0:9093", integration="slack"}': '0+60x15',
    },
    at: '12m',
    fires: [],
  },
  {
    alert: 'AlertmanagerClusterMembersMismatch',
    suite: 'self',
    why: 'one of three sees only two members',
    series: {
      'alertmanager_cluster_members{job="alertmanager", namespace="monitoring", instance="alertmanager-0"}': '3x25',
      'alertmanager_cluster_members{job="alertmanager", namespace="monitoring", instance="alertmanager-1"}': '3x25',
      'alertmanager_cluster_members{job="alertmanager", namespace="monitoring", instance="alertmanager-2"}': '2x25',
    },
    at: '20m',
    fires: [{ labels: { job: 'alertmanager', namespace: 'monitoring', instance: 'alertmanager-2', severity: 'warning' }, value: '2' }],
  },
  {
    alert: 'AlertmanagerClusterMembersMismatch',
    suite: 'self',
    why: 'all three see three',
    series: {
      'alertmanager_cluster_members{job="alertmanager", namespace="monitoring", instance="alertmanager-0"}': '3x25',
      'alertmanager_cluster_members{job="alertmanager", namespace="monitoring", instance="alertmanager-1"}': '3x25',
      'alertmanager_cluster_members{job="alertmanager", namespace="monitoring", instance="alertmanager-2"}': '3x25',
    },
    at: '20m',
    fires: [],
  },
  {
    alert: 'PrometheusTsdbCompactionsFailing',
    suite: 'self',
    why: 'a failed compaction',
    series: { [`prometheus_tsdb_compactions_failed_total{${prom}}`]: '0 0 1x10' },
    at: '5m',
    fires: [{ labels: { ...promLabels, severity: 'warning' } }],
  },
  {
    alert: 'PrometheusTsdbCompactionsFailing',
    suite: 'self',
    why: 'none failed',
    series: { [`prometheus_tsdb_compactions_failed_total{${prom}}`]: '0x10' },
    at: '5m',
    fires: [],
  },
  {
    alert: 'PrometheusStorageFilling',
    suite: 'self',
    why: '9.5 GiB of a 10Gi volume',
    series: {
      [`prometheus_tsdb_storage_blocks_bytes{${prom}}`]: `${9 * GiB}x20`,
      [`prometheus_tsdb_wal_storage_size_bytes{${prom}}`]: `${0.5 * GiB}x20`,
    },
    at: '16m',
    fires: [{ labels: { ...promLabels, severity: 'warning' }, value: '95%' }],
  },
  {
    alert: 'PrometheusStorageFilling',
    suite: 'self',
    why: '2 GiB of 10Gi',
    series: {
      [`prometheus_tsdb_storage_blocks_bytes{${prom}}`]: `${1.5 * GiB}x20`,
      [`prometheus_tsdb_wal_storage_size_bytes{${prom}}`]: `${0.5 * GiB}x20`,
    },
    at: '16m',
    fires: [],
  },
  ...pipelineCases(),
  // ---- Elasticsearch (elasticsearch-cases.ts)
  ...ELASTICSEARCH_ALERT_CASES,
  // ---- Kibana (test/kibana/alert-cases.ts)
  ...KIBANA_ALERT_CASES,
  // ---- Logstash (test/logstash/alert-cases.ts)
  ...LOGSTASH_ALERT_CASES,
  ...THANOS_ALERT_CASES,
  // ---- Filebeat (test/filebeat/alert-cases.ts)
  ...FILEBEAT_ALERT_CASES,
  // ---- Jaeger (test/jaeger/alert-cases.ts)
  ...JAEGER_ALERT_CASES,
];

/** Recording checks: known burn rates, budget and RED recordings. */
export const EXPR_CASES: readonly ExprCase[] = [
  {
    suite: 'slo',
    why: '0.5% errors burn a 99.9% budget at 5x',
    series: { [requests('200')]: '0+995x20', [requests('500')]: '0+5x20' },
    at: '10m',
    expr: 'round(slo:burn_rate:rate1h{slo="availability"}, 0.001)',
    samples: [{ labels: `{slo="availability", service="${DEMO.service}"}`, value: 5 }],
  },
  {
    suite: 'slo',
    why: 'half the budget remains at 0.05% errors',
    series: { [requests('200')]: '0+9995x20', [requests('500')]: '0+5x20' },
    at: '10m',
    expr: 'round(slo:error_budget_remaining:ratio{slo="availability"}, 0.001)',
    samples: [{ labels: `{slo="availability", service="${DEMO.service}"}`, value: 0.5 }],
  },
  {
    suite: 'slo',
    why: 'objective and budget at fixed precision',
    series: {},
    at: '1m',
    expr: 'slo:error_budget:ratio',
    samples: [
      { labels: `slo:error_budget:ratio{slo="availability", service="${DEMO.service}"}`, value: 0.001 },
      { labels: `slo:error_budget:ratio{slo="latency", service="${DEMO.service}"}`, value: 0.01 },
    ],
  },
  {
    suite: 'services',
    why: 'status-code distribution',
    series: { [requests('200')]: '0+90x60', [requests('500')]: '0+15x60' },
    at: '10m',
    // Rounded like the SLO cases: Prometheus 3's rate() gives 5.999999999999999 here, and promtool compares exactly.
    expr: 'round(service_code:requests:rate5m, 0.001)',
    samples: [
      { labels: `{service="${DEMO.service}", namespace="${DEMO.namespace}", code="200"}`, value: 6 },
      { labels: `{service="${DEMO.service}", namespace="${DEMO.namespace}", code="500"}`, value: 1 },
    ],
  },
];

/** Series of one Alertmanager instance of a three-replica cluster. */
function amSeries(metric: string, i: number): string {
  return `${metric}{job="alertmanager", namespace="monitoring", instance="alertmanager-${i}:9093"}`;
}

/** The alerting pipeline watching itself: Prometheus -> Alertmanager, and the Alertmanager cluster. */
function pipelineCases(): AlertCase[] {
  const AM_CLUSTER = { namespace: 'monitoring' };
  const target = 'http://alertmanager-0:9093/api/v2/alerts';
  return [
    {
      alert: 'PrometheusNotConnectedToAlertmanagers',
      suite: 'self',
      why: 'no Alertmanager discovered for 15 minutes',
      series: { [`prometheus_notifications_alertmanagers_discovered{${prom}}`]: '0x20' },
      at: '15m',
      fires: [{ labels: { ...promLabels, severity: 'critical' } }],
    },
    {
      alert: 'PrometheusNotConnectedToAlertmanagers',
      suite: 'self',
      why: 'one Alertmanager discovered',
      series: { [`prometheus_notifications_alertmanagers_discovered{${prom}}`]: '1x20' },
      at: '15m',
      fires: [],
    },
    {
      alert: 'PrometheusErrorSendingAlerts',
      suite: 'self',
      why: '10% of sends to one Alertmanager fail for 20 minutes',
      series: {
        [`prometheus_notifications_errors_total{${prom}, alertmanager="${target}"}`]: '0+6x30',
        [`prometheus_notifications_sent_total{${prom}, alertmanager="${target}"}`]: '0+60x30',
      },
      at: '25m',
      fires: [{ labels: { ...promLabels, alertmanager: target, severity: 'warning' }, value: '10%' }],
    },
    {
      alert: 'PrometheusErrorSendingAlerts',
      suite: 'self',
      why: 'every send succeeds',
      series: {
        [`prometheus_notifications_errors_total{${prom}, alertmanager="${target}"}`]: '0x30',
        [`prometheus_notifications_sent_total{${prom}, alertmanager="${target}"}`]: '0+60x30',
      },
      at: '25m',
      fires: [],
    },
    {
      alert: 'PrometheusMissingRuleEvaluations',
      suite: 'self',
      why: 'an iteration skipped every minute for 25 minutes',
      series: { [`prometheus_rule_group_iterations_missed_total{${prom}, rule_group="slow.yml;slow"}`]: '0+1x30' },
      at: '25m',
      fires: [{ labels: { ...promLabels, rule_group: 'slow.yml;slow', severity: 'warning' } }],
    },
    {
      alert: 'PrometheusMissingRuleEvaluations',
      suite: 'self',
      why: 'no iteration skipped',
      series: { [`prometheus_rule_group_iterations_missed_total{${prom}, rule_group="slow.yml;slow"}`]: '0x30' },
      at: '25m',
      fires: [],
    },
    {
      alert: 'PrometheusSDRefreshFailure',
      suite: 'self',
      why: 'Kubernetes discovery failing every minute for 35 minutes',
      series: { [`prometheus_sd_refresh_failures_total{${prom}, mechanism="kubernetes"}`]: '0+1x40' },
      at: '35m',
      fires: [{ labels: { ...promLabels, mechanism: 'kubernetes', severity: 'warning' } }],
    },
    {
      alert: 'PrometheusSDRefreshFailure',
      suite: 'self',
      why: 'refreshes succeed',
      series: { [`prometheus_sd_refresh_failures_total{${prom}, mechanism="kubernetes"}`]: '0x40' },
      at: '35m',
      fires: [],
    },
    {
      alert: 'AlertmanagerFailedReload',
      suite: 'self',
      why: 'reload failing for 15 minutes',
      series: { [amSeries('alertmanager_config_last_reload_successful', 0)]: '0x20' },
      at: '15m',
      fires: [{ labels: { job: 'alertmanager', ...AM_CLUSTER, instance: 'alertmanager-0:9093', severity: 'critical' } }],
    },
    {
      alert: 'AlertmanagerFailedReload',
      suite: 'self',
      why: 'the last reload succeeded',
      series: { [amSeries('alertmanager_config_last_reload_successful', 0)]: '1x20' },
      at: '15m',
      fires: [],
    },
    {
      alert: 'AlertmanagerConfigInconsistent',
      suite: 'self',
      why: 'one replica of three has another config hash for 25 minutes',
      series: {
        [amSeries('alertmanager_config_hash', 0)]: '111x30',
        [amSeries('alertmanager_config_hash', 1)]: '111x30',
        [amSeries('alertmanager_config_hash', 2)]: '222x30',
      },
      at: '25m',
      fires: [{ labels: { ...AM_CLUSTER, severity: 'critical' }, value: '2' }],
    },
    {
      alert: 'AlertmanagerConfigInconsistent',
      suite: 'self',
      why: 'all replicas load the same config',
      series: {
        [amSeries('alertmanager_config_hash', 0)]: '111x30',
        [amSeries('alertmanager_config_hash', 1)]: '111x30',
        [amSeries('alertmanager_config_hash', 2)]: '111x30',
      },
      at: '25m',
      fires: [],
    },
    {
      alert: 'AlertmanagerClusterDown',
      suite: 'self',
      why: 'two of three replicas down for 15 minutes',
      series: { [amSeries('up', 0)]: '0x20', [amSeries('up', 1)]: '0x20', [amSeries('up', 2)]: '1x20' },
      at: '15m',
      fires: [{ labels: { ...AM_CLUSTER, severity: 'critical' }, value: '66.67%' }],
    },
    {
      alert: 'AlertmanagerClusterDown',
      suite: 'self',
      why: 'one of three replicas down is less than half',
      series: { [amSeries('up', 0)]: '0x20', [amSeries('up', 1)]: '1x20', [amSeries('up', 2)]: '1x20' },
      at: '15m',
      fires: [],
    },
    {
      alert: 'AlertmanagerClusterCrashlooping',
      suite: 'self',
      why: 'two of three replicas restart every minute',
      series: {
        [amSeries('process_start_time_seconds', 0)]: '0+60x25',
        [amSeries('process_start_time_seconds', 1)]: '0+60x25',
        [amSeries('process_start_time_seconds', 2)]: '100x25',
        [amSeries('up', 0)]: '1x25',
        [amSeries('up', 1)]: '1x25',
        [amSeries('up', 2)]: '1x25',
      },
      at: '20m',
      fires: [{ labels: { ...AM_CLUSTER, severity: 'critical' }, value: '66.67%' }],
    },
    {
      alert: 'AlertmanagerClusterCrashlooping',
      suite: 'self',
      why: 'one replica restarting is less than half',
      series: {
        [amSeries('process_start_time_seconds', 0)]: '0+60x25',
        [amSeries('process_start_time_seconds', 1)]: '100x25',
        [amSeries('process_start_time_seconds', 2)]: '100x25',
        [amSeries('up', 0)]: '1x25',
        [amSeries('up', 1)]: '1x25',
        [amSeries('up', 2)]: '1x25',
      },
      at: '20m',
      fires: [],
    },
  ];
}
