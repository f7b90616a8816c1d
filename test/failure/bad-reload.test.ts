import { writeFileSync } from 'fs';
import { join } from 'path';
import { parse, stringify } from 'yaml';
import { writeAlertmanagerFiles } from '../e2e/alertmanager-files';
import { FakeService } from '../e2e/fake-service';
import { instantQuery, startAlertmanager } from '../e2e/monitoring';
import { Delivery, WebhookReceiver } from '../e2e/webhook-receiver';
import { freePort, http, Running, waitFor } from '../support/processes';
import { realTool, TOOLS, toolVersion } from '../support/tools';
import { Cleanup, harnessSettings, ruleFilesWith, startPrometheus, writePrometheusFiles } from './harness';

const prometheus = realTool(TOOLS.prometheus);
const alertmanager = realTool(TOOLS.alertmanager);
const versions = [prometheus, alertmanager].map((bin) => (bin ? toolVersion(bin) : 'missing')).join('; ');
const runIt = prometheus && alertmanager ? it : it.skip;

const SERVICE = 'demo-api';
const ALERT = 'PrometheusConfigReloadFailed';
const SERVICE_RULES = `service-${SERVICE}.yml`;
/** A recording rule of the service's rule file: it keeps being written while the old rules run. */
const RECORDING = 'service:requests:rate5m';

const cleanup = new Cleanup();
let webhook: WebhookReceiver | undefined;
let service: FakeService | undefined;
afterAll(async () => {
  await cleanup.stop();
  await Promise.all([webhook?.stop(), service?.stop()]);
});

const isReloadFailed = (d: Delivery) =>
  d.path === '/notify' && d.body.alerts.some((a) => a.status === 'firing' && a.labels.alertname === ALERT);

/**
 * Bad reload on the real binaries. The stack's Prometheus runs without --web.enable-lifecycle
 * (constructs/prometheus), so the reload is SIGHUP by PID. A broken version of the service's rule
 * file replaces the good one: the reload fails, the old rules keep being evaluated, and the
 * shipped PrometheusConfigReloadFailed alert goes through the real Alertmanager to the webhook.
 * Test-only timings: 1s scrape/evaluation and group_wait 1s (by settings); in the rendered file the
 * test writes, the alert's `for` 10m -> 2s and its window `max_over_time(...[5m])` -> [3s] (the
 * shipped rule fires after 5m of failed reloads plus 10m).
 */
describe(`bad reload (${versions})`, () => {
  runIt(
    'a broken rule file and SIGHUP: the old rules keep running and PrometheusConfigReloadFailed reaches the webhook',
    async () => {
      const dir = cleanup.tempDir('bad-reload');
      const [promPort, amPort, servicePort, hookPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
      webhook = new WebhookReceiver(hookPort);
      service = new FakeService(servicePort);
      await Promise.all([webhook.start(), service.start()]);
      const hook = webhook;
      const settings = harnessSettings({ interval: '1s', webhookUrl: hook.url('/notify'), groupWait: '1s' });
      const ruleFiles = ruleFilesWith(settings, ['self-monitoring.yml', SERVICE_RULES], { [ALERT]: { for: '2s', ranges: { '5m': '3s' } } });
      const files = writePrometheusFiles(settings, dir, {
        targets: { prometheus: [`127.0.0.1:${promPort}`], alertmanager: [`127.0.0.1:${amPort}`] },
        services: { [SERVICE]: [`127.0.0.1:${servicePort}`] },
        ruleFiles,
      });
      try {
        const amConfig = writeAlertmanagerFiles(settings, join(dir, 'alertmanager'));
        await startAlertmanager(alertmanager!, amConfig, join(dir, 'am-data'), amPort, cleanup.processes);
        const { running, url } = await startPrometheus(prometheus!, 'prometheus', files, join(dir, 'data'), promPort, cleanup);
        const value = async (expr: string) => (await instantQuery(url, expr))[0]?.value;
        await waitFor(
          'the first good reload and recording-rule sample',
          async () => ((await value(RECORDING)) !== undefined ? true : undefined),
          20_000,
        );
        expect(await value('prometheus_config_last_reload_successful')).toBe(1);
        const groupsBefore = await ruleGroups(url);

        // The broken file: the service's own, with its first expression cut short.
        const broken = parse(ruleFiles[SERVICE_RULES]) as { groups: Array<{ rules: Array<{ expr: string }> }> };
        broken.groups[0].rules[0].expr = 'sum(rate(http_requests_total[5m]';
        writeFileSync(join(files.rulesDir, SERVICE_RULES), stringify(broken));
        const reloadedAt = Date.now() / 1000;
        reload(running);

        await waitFor(
          'the failed reload',
          async () => ((await value('prometheus_config_last_reload_successful')) === 0 ? true : undefined),
          10_000,
        );
        expect(running.output()).toMatch(/Error reloading config|error loading rules/i);
        const page = await hook.waitFor(`${ALERT} at the webhook`, isReloadFailed, 30_000);
        const alert = page.body.alerts.find((a) => a.labels.alertname === ALERT)!;
        expect(page.body.receiver).toBe('warning');
        expect(alert.labels).toMatchObject({
          severity: 'warning',
          cluster: 'dev-cluster',
          job: 'prometheus',
          instance: `127.0.0.1:${promPort}`,
        });

        // The old rules still run: the same groups, evaluated after the failed reload.
        expect(await ruleGroups(url)).toEqual(groupsBefore);
        const [latest] = await instantQuery(url, `timestamp(${RECORDING})`);
        expect(latest.value).toBeGreaterThan(reloadedAt + 1);
        const [evaluated] = await instantQuery(url, `min(prometheus_rule_group_last_evaluation_timestamp_seconds)`);
        expect(evaluated.value).toBeGreaterThan(reloadedAt);

        console.log(
          `bad-reload: ${ALERT} delivered ${(page.at / 1000 - reloadedAt).toFixed(1)} s after SIGHUP; ` +
            `${groupsBefore.length} rule groups still evaluated, ${RECORDING} written ${(latest.value - reloadedAt).toFixed(1)} s after it`,
        );
      } catch (error) {
        throw new Error(`${(error as Error).message}\nwebhook: ${hook.summary()}\n${cleanup.logs()}`, { cause: error });
      }
    },
    60_000,
  );
});

/** SIGHUP by PID: how Prometheus reloads without the lifecycle API. */
function reload(running: Running): void {
  running.child.kill('SIGHUP');
}

/** Names of the loaded rule groups with their rules, sorted. */
async function ruleGroups(url: string): Promise<string[]> {
  const body = JSON.parse((await http('GET', `${url}/api/v1/rules`)).body) as {
    data: { groups: Array<{ name: string; file: string; rules: Array<{ name: string }> }> };
  };
  return body.data.groups.map((g) => `${g.name}: ${g.rules.map((r) => r.name).join(',')}`).sort();
}
