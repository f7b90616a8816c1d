import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { itWithTool, realTool, TOOLS, toolVersion } from '../support/tools';
import { writeAlertmanagerFiles } from '../e2e/alertmanager-files';
import { startAlertmanager } from '../e2e/monitoring';
import { freePort, http, Running, waitFor } from '../support/processes';
import { withAlerting } from './fixtures';

const binary = realTool(TOOLS.alertmanager);
const version = binary ? toolVersion(binary) : 'alertmanager missing';
const dir = mkdtempSync(join(tmpdir(), 'alerting-inhibit-'));
/** What the tests start, stopped by PID after them. */
const started: Running[] = [];
afterAll(async () => {
  await Promise.all(started.map((p) => p.stop()));
  rmSync(dir, { recursive: true, force: true });
});

type Labels = Record<string, string>;
const cluster = { cluster: 'test-cluster' };
const alert = (labels: Labels) => ({
  labels: { ...cluster, ...labels },
  annotations: { summary: 'test' },
  startsAt: new Date().toISOString(),
});

/** Each inhibition: the source, a target it must mute and a look-alike it must not mute. */
const CASES: Array<{ why: string; source: Labels; muted: Labels; notMuted: Labels }> = [
  {
    why: 'a critical alert mutes the warning of the same alert name and service',
    source: { alertname: 'ServiceHighErrorRate', severity: 'critical', service: 'shop' },
    muted: { alertname: 'ServiceHighErrorRate', severity: 'warning', service: 'shop' },
    notMuted: { alertname: 'ServiceHighErrorRate', severity: 'warning', service: 'cart' },
  },
  {
    why: 'a node that is not ready mutes the pod alerts of that node',
    source: { alertname: 'KubeNodeNotReady', severity: 'critical', node: 'node-1' },
    muted: { alertname: 'KubePodCrashLooping', severity: 'warning', node: 'node-1', pod: 'a' },
    notMuted: { alertname: 'KubePodCrashLooping', severity: 'warning', node: 'node-2', pod: 'b' },
  },
  {
    why: "a service that is down mutes that service's latency alert",
    source: { alertname: 'ServiceDown', severity: 'critical', service: 'billing' },
    muted: { alertname: 'ServiceHighLatency', severity: 'warning', service: 'billing' },
    notMuted: { alertname: 'ServiceHighLatency', severity: 'warning', service: 'search' },
  },
  {
    why: "a service that is down mutes that service's error-ratio alert",
    source: { alertname: 'ServiceDown', severity: 'critical', service: 'ledger' },
    muted: { alertname: 'ServiceHighErrorRate', severity: 'critical', service: 'ledger' },
    notMuted: { alertname: 'ServiceHighErrorRate', severity: 'critical', service: 'payments' },
  },
  {
    why: 'a service that is down mutes the instance-down warnings of that service',
    source: { alertname: 'ServiceDown', severity: 'critical', service: 'auth' },
    muted: { alertname: 'ServiceInstanceDown', severity: 'warning', service: 'auth', instance: '10.0.0.7:8080' },
    notMuted: { alertname: 'ServiceInstanceDown', severity: 'warning', service: 'profile', instance: '10.0.0.7:8080' },
  },
  {
    why: 'a fast error-budget burn mutes the slow burn of the same SLO, not of another SLO',
    source: { alertname: 'SLOErrorBudgetBurnFast', severity: 'critical', service: 'shop-api', slo: 'availability' },
    muted: { alertname: 'SLOErrorBudgetBurnSlow', severity: 'warning', service: 'shop-api', slo: 'availability' },
    notMuted: { alertname: 'SLOErrorBudgetBurnSlow', severity: 'warning', service: 'shop-api', slo: 'latency' },
  },
  {
    why: 'a disk that is almost full mutes the fill-up prediction of the same filesystem, not of another one',
    source: { alertname: 'NodeDiskSpaceLow', severity: 'critical', instance: 'node-1:9100', mountpoint: '/', device: '/dev/sda1' },
    muted: { alertname: 'NodeDiskPredictedFull', severity: 'warning', instance: 'node-1:9100', mountpoint: '/', device: '/dev/sda1' },
    notMuted: {
      alertname: 'NodeDiskPredictedFull',
      severity: 'warning',
      instance: 'node-1:9100',
      mountpoint: '/var/lib',
      device: '/dev/sdb1',
    },
  },
  {
    why: 'an Alertmanager cluster that is down mutes the member-count mismatch of that cluster',
    source: { alertname: 'AlertmanagerClusterDown', severity: 'critical', namespace: 'monitoring' },
    muted: { alertname: 'AlertmanagerClusterMembersMismatch', severity: 'warning', namespace: 'monitoring', instance: 'am-0' },
    notMuted: { alertname: 'AlertmanagerClusterMembersMismatch', severity: 'warning', namespace: 'monitoring-b', instance: 'am-0' },
  },
];

/** Alerts that fire together and must all stay active: the first explains none of the others. */
const NOTHING_MUTED: Array<{ why: string; alerts: Labels[] }> = [
  {
    why: 'one instance down of three mutes none of the service-wide symptoms (error ratio, latency, traffic)',
    alerts: [
      { alertname: 'ServiceInstanceDown', severity: 'warning', service: 'orders', instance: '10.0.0.8:8080' },
      { alertname: 'ServiceHighErrorRate', severity: 'critical', service: 'orders' },
      { alertname: 'ServiceHighLatency', severity: 'warning', service: 'orders' },
      { alertname: 'ServiceTrafficDrop', severity: 'warning', service: 'orders' },
    ],
  },
  {
    why: 'a slow burn does not mute the fast burn, and a prediction does not mute the full disk',
    alerts: [
      { alertname: 'SLOErrorBudgetBurnSlow', severity: 'warning', service: 'cart-api', slo: 'availability' },
      { alertname: 'SLOErrorBudgetBurnFast', severity: 'critical', service: 'cart-api', slo: 'latency' },
      { alertname: 'NodeDiskPredictedFull', severity: 'warning', instance: 'node-2:9100', mountpoint: '/', device: '/dev/sda1' },
    ],
  },
  {
    why: 'a ServiceDown of one cluster mutes nothing in another cluster',
    alerts: [
      { alertname: 'ServiceDown', severity: 'critical', service: 'maps', cluster: 'other-cluster' },
      { alertname: 'ServiceHighErrorRate', severity: 'critical', service: 'maps' },
    ],
  },
];

interface ApiAlert {
  labels: Labels;
  status: { state: string; inhibitedBy: string[] };
}

describe(`inhibitions hold on a real ${version}`, () => {
  let base = '';
  beforeAll(async () => {
    if (!binary) return;
    const config = writeAlertmanagerFiles(withAlerting({ receivers: {}, watchdog: {} }), join(dir, 'config'));
    ({ url: base } = await startAlertmanager(binary, config, join(dir, 'data'), await freePort(), started));
    const posted = await http(
      'POST',
      `${base}/api/v2/alerts`,
      [...CASES.flatMap((c) => [c.source, c.muted, c.notMuted]), ...NOTHING_MUTED.flatMap((c) => c.alerts)].map(alert),
    );
    expect(posted.status).toBe(200);
  });

  for (const c of CASES) {
    itWithTool(TOOLS.alertmanager)(c.why, async () => {
      const find = (all: ApiAlert[], labels: Labels) => all.find((a) => Object.entries(labels).every(([k, v]) => a.labels[k] === v));
      const alerts = await waitFor(
        'the target to be marked suppressed',
        async () => {
          const all = JSON.parse((await http('GET', `${base}/api/v2/alerts`)).body) as ApiAlert[];
          return find(all, c.muted)?.status.state === 'suppressed' ? all : undefined;
        },
        10000,
      );
      expect(find(alerts, c.muted)?.status.inhibitedBy.length).toBe(1);
      expect(find(alerts, c.notMuted)?.status).toMatchObject({ state: 'active', inhibitedBy: [] });
      expect(find(alerts, c.source)?.status).toMatchObject({ state: 'active', inhibitedBy: [] });
    });
  }

  for (const c of NOTHING_MUTED) {
    itWithTool(TOOLS.alertmanager)(c.why, async () => {
      // The muted cases above prove the inhibitor has evaluated these alerts (the API computes it per request).
      await waitFor(
        'the first inhibition to take effect',
        async () => {
          const all = JSON.parse((await http('GET', `${base}/api/v2/alerts`)).body) as ApiAlert[];
          return all.some((a) => a.status.state === 'suppressed') ? true : undefined;
        },
        10000,
      );
      const all = JSON.parse((await http('GET', `${base}/api/v2/alerts`)).body) as ApiAlert[];
      for (const labels of c.alerts) {
        const found = all.find((a) => Object.entries({ ...cluster, ...labels }).every(([k, v]) => a.labels[k] === v));
        expect({ alertname: labels.alertname, status: found?.status }).toMatchObject({
          alertname: labels.alertname,
          status: { state: 'active', inhibitedBy: [] },
        });
      }
    });
  }
});
