import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse, stringify } from 'yaml';
import { resolveRemoteWrite } from '../../constructs/prometheus/remote-write';
import { stackPrometheusConfig } from '../../constructs/registry';
import { withScrapeFiles } from '../support/prometheus-files';
import { renderRuleFiles } from '../../constructs/stack/alerting';
import { resolveSettings } from '../../constructs/stack/resolve';
import { ResolvedSettings } from '../../constructs/stack/settings';
import { fixtureSettings } from '../support/fixtures';
import { http, Running, start, waitReady } from '../support/processes';

/**
 * What the failure tests share: a cleanup list (every process stopped by PID, every temp dir
 * removed), settings with test-only intervals, our generated prometheus.yml and rules for a
 * loopback topology, and the real Prometheus and VictoriaMetrics started on 127.0.0.1.
 */

/** Processes and temp dirs of one test file, torn down by `stop()` in afterAll. */
export class Cleanup {
  /** Every process started (for helpers that push onto a list themselves). */
  readonly processes: Running[] = [];
  private readonly dirs: string[] = [];

  /** A new temp dir, removed by `stop()`. */
  tempDir(prefix: string): string {
    const dir = mkdtempSync(join(tmpdir(), `obs-failure-${prefix}-`));
    this.dirs.push(dir);
    return dir;
  }

  /** Tracks a started process (pushed before it is waited for, so a failed start is still stopped). */
  track(running: Running): Running {
    this.processes.push(running);
    return running;
  }

  /** Last output of every process, for failure messages. */
  logs(): string {
    return this.processes.map((p) => `--- ${p.name} (pid ${p.child.pid})\n${p.output().slice(-1500)}`).join('\n');
  }

  async stop(): Promise<void> {
    await Promise.all(this.processes.map((p) => p.stop()));
    for (const dir of this.dirs) rmSync(dir, { recursive: true, force: true });
  }
}

/** `kill -9` by PID; resolves when the process has exited. */
export async function killHard(running: Running): Promise<void> {
  running.child.kill('SIGKILL');
  await running.exited;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Options of the test settings. */
export interface HarnessOptions {
  /** Scrape and evaluation interval (test-only, by settings). */
  readonly interval: string;
  /** URL of the loopback webhook every severity is sent to. @default no receiver */
  readonly webhookUrl?: string;
  /** group_wait of every route (test-only, by settings). @default the shipped ones */
  readonly groupWait?: string;
}

/** The tests' fixture settings (dev) with test-only intervals and the receivers replaced by one loopback webhook. */
export function harnessSettings(options: HarnessOptions): ResolvedSettings {
  const base = fixtureSettings('dev');
  return resolveSettings(
    {
      ...base,
      prometheus: { ...base.prometheus, scrapeInterval: options.interval, evaluationInterval: options.interval },
      alerting: {
        ...base.alerting,
        receivers: options.webhookUrl ? { webhook: { url: options.webhookUrl } } : {},
        ...(options.groupWait ? { routing: { groupWait: options.groupWait, criticalGroupWait: options.groupWait } } : {}),
      },
    },
    'failure',
  );
}

/** One remote-write target of a test, rendered through the typed `prometheus.remoteWrite` setting. */
export interface RemoteWriteTarget {
  readonly url: string;
  /** Labels removed from every series on write (`write_relabel_configs` labeldrop). @default none */
  readonly dropLabels?: readonly string[];
}

/** Where the written Prometheus files are. */
export interface PrometheusFiles {
  readonly configFile: string;
  readonly rulesDir: string;
}

/** Options of `writePrometheusFiles`. */
export interface PrometheusFileOptions {
  /** host:port per component (`prometheus`, `alertmanager`, ...) and per monitored service. */
  readonly targets: Record<string, string[]>;
  readonly services: Record<string, string[]>;
  /** The rule files to write (a subset of, or edits to, the rendered ones). @default none */
  readonly ruleFiles?: Record<string, string>;
  /** Value of the `replica` external label (an HA replica). @default none */
  readonly replica?: string;
  /** @default none */
  readonly remoteWrite?: readonly RemoteWriteTarget[];
  /** batch_send_deadline of every remote_write queue (test-only: samples reach the store sooner). @default `1s` */
  readonly sendDeadline?: string;
}

/** Writes our generated prometheus.yml (static loopback topology), its scrape-job files and the given rule files into `dir`. */
export function writePrometheusFiles(settings: ResolvedSettings, dir: string, options: PrometheusFileOptions): PrometheusFiles {
  const rulesDir = join(dir, 'rules');
  mkdirSync(rulesDir, { recursive: true });
  for (const [file, text] of Object.entries(options.ruleFiles ?? {})) writeFileSync(join(rulesDir, file), text);
  // The remote-write targets go through the library's own setting, validation and rendering.
  const remoteWrite = resolveRemoteWrite(
    'failure',
    'prometheus.remoteWrite',
    (options.remoteWrite ?? []).map((target, i) => ({
      name: `target-${i}`,
      url: target.url,
      queue: { batchSendDeadline: options.sendDeadline ?? '1s' },
      ...(target.dropLabels?.length ? { writeRelabelConfigs: [{ action: 'labeldrop' as const, regex: target.dropLabels.join('|') }] } : {}),
    })),
  );
  const withTargets = { ...settings, prometheus: { ...settings.prometheus, remoteWrite } };
  const config = parse(
    stackPrometheusConfig(
      withTargets,
      withScrapeFiles(withTargets, dir, { kind: 'static', targets: options.targets, services: options.services, rulesDir }),
    ),
  ) as { global: { external_labels: Record<string, string> } };
  // The pod name stands in for ${POD_NAME} (the replica label's value in a pod).
  if (options.replica !== undefined) config.global.external_labels.replica = options.replica;
  const configFile = join(dir, 'prometheus.yml');
  writeFileSync(configFile, stringify(config, { lineWidth: 0 }));
  return { configFile, rulesDir };
}

/** Test-only timings of one shipped alert (the shipped rules are untouched: only the file the test writes). */
export interface AlertTimings {
  /** Its `for`. @default the shipped one */
  readonly for?: string;
  /** Range selectors of its expression to shorten, shipped -> test (e.g. `5m` -> `3s`); each must be in it. @default none */
  readonly ranges?: Readonly<Record<string, string>>;
}

/** The rendered rule files named, with test-only timings of the named alerts. */
export function ruleFilesWith(
  settings: ResolvedSettings,
  files: readonly string[],
  timings: Readonly<Record<string, AlertTimings>> = {},
): Record<string, string> {
  const rendered = renderRuleFiles(settings);
  const found = new Set<string>();
  const out: Record<string, string> = {};
  for (const file of files) {
    if (!rendered[file]) throw new Error(`rule file ${file} is not rendered; rendered: ${Object.keys(rendered).join(', ')}`);
    const doc = parse(rendered[file]) as { groups: Array<{ rules: Array<{ alert?: string; expr: string; for?: string }> }> };
    for (const rule of doc.groups.flatMap((g) => g.rules)) {
      const timing = rule.alert === undefined ? undefined : timings[rule.alert];
      if (!timing) continue;
      found.add(rule.alert!);
      if (timing.for !== undefined) rule.for = timing.for;
      for (const [shipped, test] of Object.entries(timing.ranges ?? {})) {
        if (!rule.expr.includes(`[${shipped}]`)) throw new Error(`${rule.alert}: no [${shipped}] in ${rule.expr}`);
        rule.expr = rule.expr.split(`[${shipped}]`).join(`[${test}]`);
      }
    }
    out[file] = stringify(doc, { lineWidth: 0 });
  }
  const missing = Object.keys(timings).filter((alert) => !found.has(alert));
  if (missing.length) throw new Error(`alerts ${missing.join(', ')} are not in ${files.join(', ')}`);
  return out;
}

/** A running real Prometheus. */
export interface PrometheusRun {
  readonly running: Running;
  readonly url: string;
}

/** Starts the real Prometheus on 127.0.0.1:`port` with its data in `dataDir`; resolves when ready. */
export async function startPrometheus(
  bin: string,
  name: string,
  files: PrometheusFiles,
  dataDir: string,
  port: number,
  cleanup: Cleanup,
): Promise<PrometheusRun> {
  const running = cleanup.track(
    start(name, bin, [`--config.file=${files.configFile}`, `--storage.tsdb.path=${dataDir}`, `--web.listen-address=127.0.0.1:${port}`]),
  );
  const url = `http://127.0.0.1:${port}`;
  await waitReady(`${url}/-/ready`, 30_000).catch((error) => {
    throw new Error(`${error}\n${running.output()}`);
  });
  return { running, url };
}

/** One series with its raw samples (times in ms). */
export interface RawSeries {
  readonly metric: Record<string, string>;
  readonly timestamps: number[];
}

/** A running real single-node VictoriaMetrics. */
export interface VictoriaMetrics {
  readonly running: Running;
  readonly url: string;
  /** Prometheus remote-write endpoint. */
  readonly writeUrl: string;
  /** Makes everything received searchable now. */
  flush(): Promise<void>;
  /** Raw samples of the series matching `selector` between two times (ms), as stored (after deduplication, if on). */
  samples(selector: string, fromMs: number, toMs: number): Promise<RawSeries[]>;
}

/**
 * Starts the real VictoriaMetrics on 127.0.0.1:`port`, data in `dataDir`. `dedupInterval` sets
 * `-dedup.minScrapeInterval` (one sample per series and interval). Fresh samples are visible at
 * once (`-search.latencyOffset=0s`, no response cache): the tests read what was just written.
 */
export async function startVictoriaMetrics(
  bin: string,
  name: string,
  dataDir: string,
  port: number,
  dedupInterval: string | undefined,
  cleanup: Cleanup,
): Promise<VictoriaMetrics> {
  const running = cleanup.track(
    start(name, bin, [
      `-httpListenAddr=127.0.0.1:${port}`,
      `-storageDataPath=${dataDir}`,
      '-search.latencyOffset=0s',
      '-search.disableCache',
      '-loggerLevel=WARN',
      ...(dedupInterval ? [`-dedup.minScrapeInterval=${dedupInterval}`] : []),
    ]),
  );
  const url = `http://127.0.0.1:${port}`;
  await waitReady(`${url}/health`, 30_000).catch((error) => {
    throw new Error(`${error}\n${running.output()}`);
  });
  return {
    running,
    url,
    writeUrl: `${url}/api/v1/write`,
    flush: async () => {
      const res = await http('GET', `${url}/internal/force_flush`);
      if (res.status !== 200) throw new Error(`${name} force_flush: ${res.status} ${res.body}`);
    },
    samples: async (selector, fromMs, toMs) => {
      // An instant query of a range selector returns the stored samples themselves.
      const seconds = Math.ceil((toMs - fromMs) / 1000);
      const query = `${selector}[${seconds}s]`;
      const res = await http('GET', `${url}/api/v1/query?query=${encodeURIComponent(query)}&time=${toMs / 1000}`);
      const body = JSON.parse(res.body);
      if (body.status !== 'success') throw new Error(`${name} query ${query}: ${res.body}`);
      return (body.data.result as Array<{ metric: Record<string, string>; values: Array<[number, string]> }>).map((r) => ({
        metric: r.metric,
        timestamps: r.values.map(([t]) => Math.round(t * 1000)).filter((t) => t >= fromMs),
      }));
    },
  };
}

/** The largest distance (ms) between consecutive timestamps, or Infinity with fewer than two. */
export function largestGap(timestamps: readonly number[]): number {
  if (timestamps.length < 2) return Infinity;
  return Math.max(...timestamps.slice(1).map((t, i) => t - timestamps[i]));
}
