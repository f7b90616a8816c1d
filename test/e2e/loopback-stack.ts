import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { fixtureSettings } from '../support/fixtures';
import { ResolvedSettings, StackSettings } from '../../constructs/stack/settings';
import { resolveSettings } from '../../constructs/stack/resolve';
import { FakeService } from './fake-service';
import { startMonitoring } from './monitoring';
import { freePort, http, Running, start, waitFor } from '../support/processes';
import { WebhookReceiver } from './webhook-receiver';

/** Paths of the real binaries. */
export interface Binaries {
  readonly prometheus: string;
  readonly alertmanager: string;
  readonly nodeExporter: string;
}

/** The running loopback stack. */
export interface LoopbackStack {
  readonly settings: ResolvedSettings;
  readonly service: FakeService;
  readonly webhook: WebhookReceiver;
  readonly prometheusUrl: string;
  /** Value of `up` for the monitored service, or undefined before the first scrape. */
  serviceUp(): Promise<number | undefined>;
  /** Output of the binaries, for failure messages. */
  logs(): string;
  stop(): Promise<void>;
}

/** The monitored service of the default settings. */
export const SERVICE = 'demo-api';

/** Options of the loopback run: global intervals, and the monitored service's fast detection. */
export interface LoopbackOptions {
  readonly scrape?: string;
  readonly evaluation?: string;
  /** Set `alerting.fastDetection` on the monitored service. @default false */
  readonly fastDetection?: boolean;
}

/**
 * Settings for the loopback run: the shipped defaults (same rules, routes, inhibitions) with
 * the receivers pointed at the local webhook by settings, and optional scrape/eval intervals.
 */
export function loopbackSettings(webhook: WebhookReceiver, intervals: LoopbackOptions = {}): ResolvedSettings {
  const base = fixtureSettings('dev');
  const services = intervals.fastDetection
    ? base.services?.map((s) => ({ ...s, alerting: { ...s.alerting, fastDetection: true } }))
    : base.services;
  const input: StackSettings = {
    ...base,
    services,
    prometheus: {
      ...base.prometheus,
      ...(intervals.scrape ? { scrapeInterval: intervals.scrape } : {}),
      ...(intervals.evaluation ? { evaluationInterval: intervals.evaluation } : {}),
    },
    alerting: {
      ...base.alerting,
      receivers: { webhook: { url: webhook.url('/notify') } },
      watchdog: { heartbeatUrl: webhook.url('/heartbeat') },
    },
  };
  return resolveSettings(input, 'loopback');
}

/**
 * Starts node-exporter, Prometheus and Alertmanager from the generated configs on 127.0.0.1
 * (static loopback topology), the fake service and the webhook receiver. Everything is torn
 * down by `stop()`, also when starting fails half way.
 */
export async function startLoopbackStack(bins: Binaries, intervals: LoopbackOptions = {}): Promise<LoopbackStack> {
  const dir = mkdtempSync(join(tmpdir(), 'obs-loopback-'));
  const [promPort, amPort, nodePort, servicePort, hookPort] = await Promise.all([
    freePort(),
    freePort(),
    freePort(),
    freePort(),
    freePort(),
  ]);
  const webhook = new WebhookReceiver(hookPort);
  const service = new FakeService(servicePort);
  const processes: Running[] = [];
  const stop = async () => {
    await Promise.all(processes.map((p) => p.stop()));
    await Promise.all([service.stop(), webhook.stop()]);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await webhook.start();
    await service.start();
    const settings = loopbackSettings(webhook, intervals);
    processes.push(start('node-exporter', bins.nodeExporter, [`--web.listen-address=127.0.0.1:${nodePort}`]));
    const { prometheusUrl } = await startMonitoring(
      bins,
      settings,
      dir,
      { prometheus: promPort, alertmanager: amPort },
      { targets: { 'node-exporter': [`127.0.0.1:${nodePort}`] }, services: { [SERVICE]: [`127.0.0.1:${servicePort}`] } },
      processes,
    );

    return {
      settings,
      service,
      webhook,
      prometheusUrl,
      serviceUp: async () => {
        const query = encodeURIComponent(`up{job="${SERVICE}"}`);
        const body = JSON.parse((await http('GET', `${prometheusUrl}/api/v1/query?query=${query}`)).body);
        const value = body?.data?.result?.[0]?.value?.[1];
        return value === undefined ? undefined : Number(value);
      },
      logs: () => processes.map((p) => `--- ${p.name}\n${p.output()}`).join('\n'),
      stop,
    };
  } catch (error) {
    const logs = processes.map((p) => `--- ${p.name}\n${p.output()}`).join('\n');
    await stop();
    throw new Error(`${(error as Error).message}\n${logs}`, { cause: error });
  }
}

/** Waits until Prometheus has scraped the service successfully. */
export function waitServiceUp(stack: LoopbackStack, timeoutMs: number): Promise<true> {
  return waitFor(`${SERVICE} to be scraped as up`, async () => ((await stack.serviceUp()) === 1 ? true : undefined), timeoutMs, 500);
}

/** The critical page for the stopped service. */
export const isCriticalServiceDown = (d: {
  body: { receiver: string; status: string; alerts: Array<{ status: string; labels: Record<string, string> }> };
}) =>
  d.body.receiver === 'critical' &&
  d.body.alerts.some((a) => a.status === 'firing' && a.labels.alertname === 'ServiceDown' && a.labels.service === SERVICE);
