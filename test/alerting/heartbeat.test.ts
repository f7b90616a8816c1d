import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { alertmanagerSpec } from '../../constructs/alertmanager/spec';
import { writeAlertmanagerFiles } from '../e2e/alertmanager-files';
import { startAlertmanager } from '../e2e/monitoring';
import { WebhookReceiver } from '../e2e/webhook-receiver';
import { freePort, http, Running } from '../support/processes';
import { itWithTool, realTool, TOOLS, toolVersion } from '../support/tools';
import { withAlerting } from './fixtures';

const binary = realTool(TOOLS.alertmanager);
const version = binary ? toolVersion(binary) : 'alertmanager missing';
const dir = mkdtempSync(join(tmpdir(), 'alerting-heartbeat-'));
/** What the tests start, stopped by PID after them. */
const started: Running[] = [];
let webhook: WebhookReceiver | undefined;
afterAll(async () => {
  await Promise.all(started.map((p) => p.stop()));
  await webhook?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe(`the Watchdog reaches its dead-man's switch on a real ${version}`, () => {
  itWithTool(TOOLS.alertmanager)('reads the heartbeat URL from the Secret file (url_file) and posts the Watchdog to it', async () => {
    webhook = new WebhookReceiver(await freePort());
    await webhook.start();
    // The mounted Secret: one file per key, here in a temp dir instead of the container path.
    const secrets = join(dir, 'secrets');
    mkdirSync(secrets);
    writeFileSync(join(secrets, 'hb-url'), `${webhook.url('/heartbeat')}\n`);
    const settings = withAlerting({ receivers: {}, watchdog: { heartbeat: { urlKey: 'hb-url' } } });
    const config = writeAlertmanagerFiles(settings, join(dir, 'config'));
    const text = readFileSync(config, 'utf8');
    expect(text).toContain(`url_file: ${alertmanagerSpec.secretsDir}/hb-url`);
    expect(text).not.toContain(webhook.url('/heartbeat'));
    writeFileSync(config, text.split(`${alertmanagerSpec.secretsDir}/`).join(`${secrets}/`));

    const { url: base } = await startAlertmanager(binary!, config, join(dir, 'data'), await freePort(), started);
    const watchdog = { labels: { alertname: 'Watchdog', severity: 'none', cluster: 'test-cluster' }, startsAt: new Date().toISOString() };
    expect((await http('POST', `${base}/api/v2/alerts`, [watchdog])).status).toBe(200);
    const delivery = await webhook.waitFor('the Watchdog heartbeat', (d) => d.path === '/heartbeat', 20_000);
    expect(delivery.body).toMatchObject({ receiver: 'watchdog', status: 'firing' });
    expect(delivery.body.alerts.map((a: { labels: Record<string, string> }) => a.labels.alertname)).toEqual(['Watchdog']);
  });
});
