import { join } from 'path';
import { writeAlertmanagerFiles } from '../e2e/alertmanager-files';
import { Delivery, WebhookReceiver } from '../e2e/webhook-receiver';
import { manifestsFor } from '../support/manifests';
import { freePort, http, waitFor } from '../support/processes';
import { realTool, TOOLS, toolVersion } from '../support/tools';
import { generatedAlertmanager, LoopbackCluster, PEER_TIMEOUT_MS, PostedAlert, postFromReplicas } from './alertmanager-cluster';
import { Cleanup, harnessSettings, killHard, sleep } from './harness';

const alertmanager = realTool(TOOLS.alertmanager);
const runIt = alertmanager ? it : it.skip;

/** group_wait of every route (test-only, by settings; shipped 30s, critical 10s). */
const GROUP_WAIT_MS = 1000;
/** Long enough for the last member's turn (position 2 waits 2 x peer timeout) and its gossip. */
const SETTLE_MS = GROUP_WAIT_MS + 2 * PEER_TIMEOUT_MS + 2000;

const cleanup = new Cleanup();
let webhook: WebhookReceiver | undefined;
afterAll(async () => {
  await cleanup.stop();
  await webhook?.stop();
});

/** A firing ServiceDown of `service`, as both Prometheus replicas send it (the `replica` label is not on alerts). */
const serviceDown = (service: string): PostedAlert => ({
  labels: { alertname: 'ServiceDown', severity: 'critical', service, namespace: 'demo', cluster: 'dev-cluster', environment: 'dev' },
  annotations: { summary: `${service} is down` },
});

const notificationsOf = (hook: WebhookReceiver, service: string): Delivery[] =>
  hook.deliveries.filter((d) => d.path === '/notify' && d.body.alerts.some((a) => a.labels.service === service));

/**
 * Alertmanager HA on the real binary: the three replicas of the prod stack, peered on loopback
 * with the gossip flags the construct generates (read from the synthesized StatefulSet), each
 * alert posted by two Prometheus replicas to all three. The webhook receiver counts notifications
 * per group: exactly one, before and after kill -9 of the member whose turn it is to notify. A
 * silence outlives a restart of the whole cluster (nobody holds it in memory: it comes from disk).
 */
describe(`Alertmanager HA: three peered replicas (${alertmanager ? toolVersion(alertmanager) : 'alertmanager missing'})`, () => {
  runIt(
    'one notification per group before and after kill -9 of a member; silences survive a restart',
    async () => {
      const dir = cleanup.tempDir('am-ha');
      const generated = generatedAlertmanager(manifestsFor('prod'));
      expect(generated.replicas).toBe(3);
      const ports = await Promise.all(Array.from({ length: 2 * generated.replicas + 1 }, () => freePort()));
      webhook = new WebhookReceiver(ports[0]);
      await webhook.start();
      const hook = webhook;
      const settings = harnessSettings({ interval: '1s', webhookUrl: hook.url('/notify'), groupWait: `${GROUP_WAIT_MS / 1000}s` });
      const config = writeAlertmanagerFiles(settings, join(dir, 'config'));
      const cluster = new LoopbackCluster(
        alertmanager!,
        cleanup,
        generated,
        config,
        dir,
        ports.slice(1, 1 + generated.replicas),
        ports.slice(1 + generated.replicas),
      );
      const all = cluster.members.map((m) => m.index);
      try {
        await Promise.all(all.map((i) => cluster.start(i)));
        const names = await cluster.waitMembers(all, 3, 20_000);

        // Before the kill: both replicas post the incident to all three members.
        expect(await postFromReplicas(cluster, ['a', 'b'], [serviceDown('demo-api')])).toBe(6);
        await hook.waitFor('the demo-api page', (d) => notificationsOf(hook, 'demo-api').includes(d), 15_000);
        await sleep(SETTLE_MS);
        const before = notificationsOf(hook, 'demo-api');
        expect(before).toHaveLength(1);
        expect(before[0].body.alerts).toHaveLength(1);
        expect(before[0].body.receiver).toBe('critical');

        // Mid-incident, kill -9 the member at position 0 (lowest gossip name): the one that notifies first.
        const first = [...names.entries()].sort(([, x], [, y]) => x.localeCompare(y))[0][0];
        await killHard(cluster.process(first));
        const survivors = all.filter((i) => i !== first);
        expect(await postFromReplicas(cluster, ['a', 'b'], [serviceDown('demo-api'), serviceDown('checkout-api')])).toBe(4);
        await hook.waitFor('the checkout-api page after the kill', (d) => notificationsOf(hook, 'checkout-api').includes(d), 20_000);
        await sleep(SETTLE_MS);
        const after = notificationsOf(hook, 'checkout-api');
        expect(after).toHaveLength(1);
        expect(after[0].body.alerts).toHaveLength(1);
        expect(notificationsOf(hook, 'demo-api')).toHaveLength(1);

        // A silence, gossiped to the other survivor, then the whole cluster restarted on its data dirs.
        const created = await http('POST', `${cluster.members[survivors[0]].url}/api/v2/silences`, {
          matchers: [{ name: 'service', value: 'silenced-api', isRegex: false, isEqual: true }],
          startsAt: new Date().toISOString(),
          endsAt: new Date(Date.now() + 3600_000).toISOString(),
          createdBy: 'failure-tests',
          comment: 'maintenance of silenced-api',
        });
        expect(created.status).toBe(200);
        const silenceId = (JSON.parse(created.body) as { silenceID: string }).silenceID;
        const silenceOn = async (index: number) => {
          const res = await http('GET', `${cluster.members[index].url}/api/v2/silence/${silenceId}`);
          return res.status === 200 && (JSON.parse(res.body) as { status: { state: string } }).status.state === 'active';
        };
        await waitFor('the silence on the other survivor', async () => ((await silenceOn(survivors[1])) ? true : undefined), 10_000);
        await Promise.all(survivors.map((i) => cluster.process(i).stop()));
        await Promise.all(all.map((i) => cluster.start(i)));
        await cluster.waitMembers(all, 3, 20_000);
        expect(await Promise.all(all.map((i) => silenceOn(i)))).toEqual([true, true, true]);

        // After the restart the silence mutes, and the cluster still notifies exactly once.
        expect(await postFromReplicas(cluster, ['a', 'b'], [serviceDown('silenced-api'), serviceDown('billing-api')])).toBe(6);
        await hook.waitFor('the billing-api page after the restart', (d) => notificationsOf(hook, 'billing-api').includes(d), 20_000);
        await sleep(SETTLE_MS);
        expect(notificationsOf(hook, 'billing-api')).toHaveLength(1);
        expect(notificationsOf(hook, 'silenced-api')).toEqual([]);
        expect(notificationsOf(hook, 'checkout-api')).toHaveLength(1);

        console.log(
          `alertmanager-ha: notifications per group: demo-api ${before.length} (posted 6x), after kill -9 of member ${first}: ` +
            `checkout-api ${after.length} (posted 4x), after the restart: billing-api ${notificationsOf(hook, 'billing-api').length}, ` +
            `silenced-api ${notificationsOf(hook, 'silenced-api').length} (silence ${silenceId} active on 3/3); ` +
            `webhook total ${hook.deliveries.length}`,
        );
      } catch (error) {
        throw new Error(`${(error as Error).message}\nwebhook: ${hook.summary()}\n${cleanup.logs()}`, { cause: error });
      }
    },
    90_000,
  );
});
