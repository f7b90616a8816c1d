import type { AlertCase } from '../alerting/promtool-cases';

/**
 * promtool cases of the Filebeat alerts (rule file filebeat.yml), on the series the filebeat job
 * gives each node's exporter sidecar (beat-exporter 0.4.0 names, the job's target labels) and
 * kube-state-metrics' node and pod info.
 */
const target = (node: string) =>
  `job="filebeat", instance="${node}", node="${node}", namespace="monitoring-agents", pod="filebeat-${node}"`;
const up = (node: string) => `up{${target(node)}}`;
const beatUp = (node: string) => `filebeat_up{${target(node)}}`;
const nodeInfo = (node: string) => `kube_node_info{job="kube-state-metrics", node="${node}", kernel_version="6.8.0"}`;
const events = (node: string, type: string) => `filebeat_libbeat_output_events{${target(node)}, type="${type}"}`;
const writeErrors = (node: string) => `filebeat_libbeat_output_write_errors_total{${target(node)}}`;
const podInfo = (namespace: string, pod: string, node: string) =>
  `kube_pod_info{job="kube-state-metrics", namespace="${namespace}", pod="${pod}", node="${node}", host_ip="10.0.0.1"}`;
const configured = (targets: number) => ({
  'prometheus_sd_discovered_targets{job="prometheus", instance="prometheus-0:9090", config="filebeat", name="scrape"}': `${targets}x30`,
});
const on = (node: string) => [{ labels: { node, severity: 'warning' } }];
const healthy = { [up('node-a')]: '1x20', [beatUp('node-a')]: '1x20', [nodeInfo('node-a')]: '1x20' };

export const FILEBEAT_ALERT_CASES: readonly AlertCase[] = [
  {
    alert: 'FilebeatDown',
    suite: 'filebeat',
    why: "the exporter answers but Filebeat's endpoint has not for 15 minutes",
    series: { ...healthy, [beatUp('node-a')]: '0x20', [up('node-b')]: '1x20', [beatUp('node-b')]: '1x20' },
    at: '15m',
    fires: on('node-a'),
  },
  {
    alert: 'FilebeatDown',
    suite: 'filebeat',
    why: 'the pod does not answer its scrape',
    series: { ...healthy, [up('node-a')]: '0x20', [beatUp('node-a')]: '_x20' },
    at: '15m',
    fires: on('node-a'),
  },
  {
    alert: 'FilebeatDown',
    suite: 'filebeat',
    why: 'a node kube-state-metrics lists has no Filebeat target at all',
    series: { ...healthy, [nodeInfo('node-c')]: '1x20' },
    at: '15m',
    fires: on('node-c'),
  },
  { alert: 'FilebeatDown', suite: 'filebeat', why: 'every node ships', series: healthy, at: '15m', fires: [] },
  {
    alert: 'FilebeatDown',
    suite: 'filebeat',
    why: 'a restart of 5 minutes is pending, not firing',
    series: { ...healthy, [beatUp('node-a')]: '1x10 0x5 1x5' },
    at: '15m',
    fires: [],
  },
  {
    alert: 'FilebeatOutputErrors',
    suite: 'filebeat',
    why: 'events fail on one node for half an hour',
    series: { [events('node-a', 'failed')]: '0+10x30', [events('node-b', 'failed')]: '0x30' },
    at: '30m',
    fires: on('node-a'),
  },
  {
    alert: 'FilebeatOutputErrors',
    suite: 'filebeat',
    why: 'write errors alone count too',
    series: { [events('node-a', 'failed')]: '0x30', [writeErrors('node-a')]: '0+2x30' },
    at: '30m',
    fires: on('node-a'),
  },
  {
    alert: 'FilebeatOutputErrors',
    suite: 'filebeat',
    why: 'old failures (flat counters) and acknowledged events are no errors',
    series: { [events('node-a', 'failed')]: '7x30', [writeErrors('node-a')]: '3x30', [events('node-a', 'acked')]: '0+600x30' },
    at: '30m',
    fires: [],
  },
  {
    alert: 'FilebeatOutputErrors',
    suite: 'filebeat',
    why: 'failures for 10 minutes are pending, not firing',
    series: { [events('node-a', 'failed')]: '0x20 0+10x10' },
    at: '30m',
    fires: [],
  },
  {
    alert: 'LogsNotArrivingForNamespace',
    suite: 'filebeat',
    why: "node-a's acknowledged events stopped 40 minutes ago: the namespace with pods there is named",
    series: {
      [events('node-a', 'acked')]: '0+600x60 36000x40',
      [events('node-b', 'acked')]: '0+600x100',
      [podInfo('shop', 'web-1', 'node-a')]: '1x100',
      [podInfo('demo', 'api-1', 'node-b')]: '1x100',
    },
    at: '100m',
    fires: [{ labels: { namespace: 'shop', node: 'node-a', severity: 'warning' } }],
  },
  {
    alert: 'LogsNotArrivingForNamespace',
    suite: 'filebeat',
    why: 'a steady rate on every node',
    series: {
      [events('node-a', 'acked')]: '0+600x100',
      [podInfo('shop', 'web-1', 'node-a')]: '1x100',
    },
    at: '100m',
    fires: [],
  },
  {
    alert: 'LogsNotArrivingForNamespace',
    suite: 'filebeat',
    why: 'a node that shipped nothing an hour ago either has no drop',
    series: {
      [events('node-a', 'acked')]: '0x100',
      [podInfo('shop', 'web-1', 'node-a')]: '1x100',
    },
    at: '100m',
    fires: [],
  },
  {
    alert: 'LogsNotArrivingForNamespace',
    suite: 'filebeat',
    why: 'a dip to half the rate is no stop',
    series: {
      [events('node-a', 'acked')]: '0+600x60 36000+300x40',
      [podInfo('shop', 'web-1', 'node-a')]: '1x100',
    },
    at: '100m',
    fires: [],
  },

  {
    alert: 'FilebeatAbsent',
    suite: 'filebeat',
    why: 'the job is configured but no exporter has been discovered for 20 minutes',
    series: configured(0),
    at: '20m',
    fires: [{ labels: { job: 'filebeat', severity: 'warning' } }],
  },
  {
    alert: 'FilebeatAbsent',
    suite: 'filebeat',
    why: 'an exporter is up',
    series: { ...configured(1), [up('node-a')]: '1x30' },
    at: '20m',
    fires: [],
  },
  {
    alert: 'FilebeatAbsent',
    suite: 'filebeat',
    why: 'the job is not configured at all (no logs store)',
    series: {},
    at: '20m',
    fires: [],
  },
];
