import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { itWithTool, realTool, TOOLS, toolVersion } from '../support/tools';
import { writeAlertmanagerFiles } from '../e2e/alertmanager-files';
import { freePort, http, Running, start, waitFor, waitReady } from '../support/processes';
import { withAlerting } from './fixtures';

const binary = realTool(TOOLS.alertmanager);
const version = binary ? toolVersion(binary) : 'alertmanager missing';
const dir = mkdtempSync(join(tmpdir(), 'alerting-inhibit-'));
let alertmanager: Running | undefined;
afterAll(async () => {
  await alertmanager?.stop();
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
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    alertmanager = start('alertmanager', binary, [
      `--config.file=${config}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--cluster.listen-address=',
    ]);
    await waitReady(`${base}/-/ready`).catch((error) => {
      throw new Error(`${error}\n${alertmanager?.output()}`);
    });
    const posted = await http(
      'POST',
      `${base}/api/v2/alerts`,
      CASES.flatMap((c) => [c.source, c.muted, c.notMuted].map(alert)),
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
});
