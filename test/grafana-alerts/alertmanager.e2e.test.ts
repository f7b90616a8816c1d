import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { grafanaAlertingModel } from '../../constructs/grafana/alerting';
import { resolveSettings } from '../../constructs/stack/resolve';
import { writeAlertmanagerFiles } from '../e2e/alertmanager-files';
import { startAlertmanager } from '../e2e/monitoring';
import { WebhookReceiver } from '../e2e/webhook-receiver';
import { freePort, http, Running } from '../support/processes';
import { itWithTool, realTool, TOOLS, toolVersion } from '../support/tools';
import { grafanaAlertsSettings } from './fixtures';

const binary = realTool(TOOLS.alertmanager);
const version = binary ? toolVersion(binary) : 'alertmanager missing';
const dir = mkdtempSync(join(tmpdir(), 'grafana-alerts-am-'));
const started: Running[] = [];
let receiver: WebhookReceiver | undefined;
afterAll(async () => {
  await Promise.all(started.map((p) => p.stop()));
  await receiver?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * What Grafana's Alertmanager integration (grafana/alerting receivers/alertmanager) posts: the
 * JSON of Alertmanager's `types.Alert` list to `<url>/api/v2/alerts`: the labels and annotations
 * of the alert, its start, the end time Grafana stamps (4 x max(30s, interval) ahead), the
 * generator URL, and the two untagged fields of types.Alert.
 */
function grafanaPost(labels: Record<string, string>, annotations: Record<string, string>) {
  const now = Date.now();
  return [
    {
      labels,
      annotations,
      // A `for: 0s` rule: the alert starts at the evaluation that sends it.
      startsAt: new Date(now).toISOString(),
      endsAt: new Date(now + 4 * 60_000).toISOString(),
      generatorURL: 'http://grafana:3000/alerting/grafana/ordersnotwritten/view',
      UpdatedAt: new Date(now).toISOString(),
      Timeout: false,
    },
  ];
}

describe(`a Grafana-managed critical alert on the real ${version}`, () => {
  let base = '';
  beforeAll(async () => {
    if (!binary) return;
    receiver = new WebhookReceiver(await freePort());
    await receiver.start();
    const settings = resolveSettings(
      {
        ...grafanaAlertsSettings('dev'),
        alerting: { receivers: { webhook: { url: receiver.url('/oncall'), severities: ['critical'] } }, watchdog: {} },
      },
      'obs',
    );
    const config = writeAlertmanagerFiles(settings, join(dir, 'config'));
    ({ url: base } = await startAlertmanager(binary, config, join(dir, 'data'), await freePort(), started));
  }, 60_000);

  itWithTool(TOOLS.alertmanager)(
    'is accepted as Grafana posts it and pages through the critical receiver within its group_wait',
    async () => {
      const settings = resolveSettings(grafanaAlertsSettings('dev'), 'obs');
      const model = grafanaAlertingModel(settings.grafana.alerts);
      const rule = model.groups[0].group.rules![0];
      const labels = { ...rule.labels, alertname: rule.title, grafana_folder: model.groups[0].folder };
      const sentAt = Date.now();
      const posted = await http('POST', `${base}/api/v2/alerts`, grafanaPost(labels, rule.annotations ?? {}));
      expect(posted.status).toBe(200);
      const delivery = await receiver!.waitFor(
        'the critical page',
        (d) => d.body.alerts.some((a) => a.labels.alertname === rule.title),
        30_000,
      );
      expect(delivery.body.receiver).toBe('critical');
      expect(delivery.body.status).toBe('firing');
      expect(delivery.body.alerts[0].labels).toMatchObject({ severity: 'critical', grafana_folder: 'infrastructure' });
      expect(delivery.body.alerts[0].annotations.summary).toBe('No new rows in shop.orders for 2h.');
      // The critical route's group_wait is 10s; Grafana's policy adds none (group_wait 0s).
      expect(delivery.at - sentAt).toBeGreaterThanOrEqual(9_000);
      expect(delivery.at - sentAt).toBeLessThan(20_000);
    },
    60_000,
  );
});
