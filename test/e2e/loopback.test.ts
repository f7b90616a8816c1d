import { itWithTool, realTool, TOOLS, toolVersion } from '../support/tools';
import { isCriticalServiceDown, LoopbackStack, SERVICE, startLoopbackStack, waitServiceUp } from './loopback-stack';

const prometheus = realTool(TOOLS.prometheus);
const alertmanager = realTool(TOOLS.alertmanager);
const nodeExporter = realTool(TOOLS.nodeExporter);
const versions = [prometheus, alertmanager, nodeExporter].map((bin) => (bin ? toolVersion(bin) : 'missing')).join('; ');

let stack: LoopbackStack | undefined;
afterAll(async () => {
  await stack?.stop();
});

/**
 * End to end on real binaries, 127.0.0.1 only: the shipped rules and routes, with a 5s
 * scrape/evaluation interval (test-only, by settings) so the run stays short. The rules
 * (ServiceDown `for: 30s`) and Alertmanager timings (critical group_wait 10s) are the shipped ones.
 */
describe(`loopback stack (${versions})`, () => {
  const run = prometheus && alertmanager && nodeExporter ? itWithTool(TOOLS.prometheus) : it.skip;
  run(
    'delivers the Watchdog to the heartbeat, and a stopped target pages the critical receiver',
    async () => {
      stack = await startLoopbackStack(
        { prometheus: prometheus!, alertmanager: alertmanager!, nodeExporter: nodeExporter! },
        { scrape: '5s', evaluation: '5s' },
      );
      const s = stack;
      await waitServiceUp(s, 30_000);
      // Healthy service: nothing critical was sent.
      expect(s.webhook.deliveries.filter(isCriticalServiceDown)).toEqual([]);

      const stoppedAt = Date.now();
      await s.service.stop();
      // Prometheus drops the very first Watchdog notification when it fires before the
      // Alertmanager target is discovered and resends after its 1m resend delay: wait for both together.
      const [watchdog, page] = await Promise.all([
        s.webhook.waitFor('the Watchdog at the heartbeat URL', (d) => d.path === '/heartbeat' && d.body.receiver === 'watchdog', 100_000),
        s.webhook.waitFor('the critical ServiceDown page', isCriticalServiceDown, 100_000),
      ]).catch((error) => {
        throw new Error(`${error.message}\n${s.logs().slice(-3000)}`);
      });
      expect(watchdog.body.alerts.map((a) => a.labels.alertname)).toEqual(['Watchdog']);
      expect(watchdog.body.alerts[0].labels).toMatchObject({ cluster: 'dev-cluster', environment: 'dev', severity: 'none' });
      const alert = page.body.alerts.find((a) => a.labels.alertname === 'ServiceDown')!;
      expect(page.path).toBe('/notify');
      expect(alert.labels).toMatchObject({
        service: SERVICE,
        namespace: 'demo',
        team: 'platform',
        severity: 'critical',
        cluster: 'dev-cluster',
      });
      expect(alert.annotations.runbook_url).toBe('docs/runbooks/ServiceDown.md');
      // for: 30s means at least 30 s between stop and page.
      expect(page.at - stoppedAt).toBeGreaterThanOrEqual(30_000);

      console.log(`loopback: critical page ${((page.at - stoppedAt) / 1000).toFixed(1)} s after stopping ${SERVICE} (5s scrape/eval)`);
    },
    170_000,
  );
});
