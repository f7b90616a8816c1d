import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { renderRuleFiles } from '../../config/alerting';
import { buildDashboards } from '../../config/dashboards';
import { substituteVariables } from '../../config/dashboards/promql-variables';
import { defaultSettings } from '../../config/default-settings';
import { renderPrometheusConfig } from '../../config/prometheus-config';
import { resolveSettings } from '../../config/settings';
import { Running, freePort, start } from '../support/processes';
import { realTool, TOOLS, toolVersion } from '../support/tools';
import { queriesOf } from './fixtures';

/**
 * Panels that cannot have data on a loopback Prometheus scraping only itself, node-exporter and
 * Alertmanager, each with the reason. Every other panel of the system-health and stack
 * dashboards must return data.
 */
const NO_DATA_HERE: Readonly<Record<string, string>> = {
  'system-health/Container CPU vs limit (top 10)': 'needs cAdvisor (kubelet) and kube-state-metrics',
  'system-health/Container memory vs limit (top 10)': 'needs cAdvisor (kubelet) and kube-state-metrics',
  'system-health/Container CPU': 'needs cAdvisor (kubelet or the cadvisor container)',
  'system-health/Container memory': 'needs cAdvisor (kubelet or the cadvisor container)',
  'system-health/Pod restarts (1h)': 'needs kube-state-metrics',
  'system-health/Pods not running': 'needs kube-state-metrics',
  'stack-health/Grafana requests by status': 'no Grafana binary here (Debian does not package it)',
  'stack-health/Grafana request latency p95': 'no Grafana binary here',
  'stack-health/Grafana datasource errors': 'no Grafana binary here',
};

const prometheus = realTool(TOOLS.prometheus);
const nodeExporter = realTool(TOOLS.nodeExporter);
const alertmanager = realTool(TOOLS.alertmanager);
const runIt = prometheus && nodeExporter && alertmanager ? it : it.skip;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Instant query; the number of series (or scalar 1) returned, or the error text. */
async function query(base: string, expr: string): Promise<{ count: number; error?: string }> {
  try {
    const response = await fetch(`${base}/api/v1/query`, { method: 'POST', body: new URLSearchParams({ query: expr }), signal: AbortSignal.timeout(5000) });
    const body = (await response.json()) as { status: string; error?: string; data?: { resultType: string; result: unknown[] } };
    if (body.status !== 'success') return { count: 0, error: body.error ?? response.statusText };
    return { count: body.data!.resultType === 'scalar' ? 1 : body.data!.result.length };
  } catch (error) {
    return { count: 0, error: String(error) };
  }
}

describe('system-health and stack dashboards against a real Prometheus', () => {
  const processes: Running[] = [];
  let dir = '';

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.stop()));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  runIt('every panel query returns data (except the listed ones)', async () => {
    const started = Date.now();
    dir = mkdtempSync(join(tmpdir(), 'dashboards-e2e-'));
    const [promPort, nodePort, amPort] = [await freePort(), await freePort(), await freePort()];
    const settings = resolveSettings({ ...defaultSettings('dev'), prometheus: { scrapeInterval: '1s', evaluationInterval: '1s' } }, 'e2e');
    const rulesDir = join(dir, 'rules');
    mkdirSync(rulesDir);
    for (const [file, yaml] of Object.entries(renderRuleFiles(settings))) writeFileSync(join(rulesDir, file), yaml);
    writeFileSync(
      join(dir, 'prometheus.yml'),
      renderPrometheusConfig(settings, { kind: 'static', prometheus: [`127.0.0.1:${promPort}`], alertmanager: [`127.0.0.1:${amPort}`], nodeExporter: [`127.0.0.1:${nodePort}`], services: { 'demo-api': [] }, rulesDir }),
    );
    writeFileSync(join(dir, 'alertmanager.yml'), 'route:\n  receiver: default\nreceivers:\n  - name: default\n');
    const run = (name: string, bin: string, args: string[]) => {
      const running = start(name, bin, args);
      processes.push(running);
      return running;
    };
    run('node-exporter', nodeExporter!, [`--web.listen-address=127.0.0.1:${nodePort}`]);
    run('alertmanager', alertmanager!, [`--config.file=${join(dir, 'alertmanager.yml')}`, `--storage.path=${join(dir, 'am')}`, `--web.listen-address=127.0.0.1:${amPort}`, '--cluster.listen-address=']);
    const promProcess = run('prometheus', prometheus!, [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'tsdb')}`, `--web.listen-address=127.0.0.1:${promPort}`]);

    const dashboards = buildDashboards(settings).filter((d) => ['system-health', 'stack-health'].includes(d.model.uid!));
    expect(dashboards).toHaveLength(2);
    // What Grafana would send: "All" (.*) for every template variable, short windows for the 1s scrape.
    const resolve = (name: string) => ({ __rate_interval: '10s', __interval: '2s', __range: '1m' })[name as '__range'] ?? '.*';
    const pending = new Map<string, string>();
    const excluded: string[] = [];
    for (const { model } of dashboards) {
      for (const { panel, expr } of queriesOf(model)) {
        const key = `${model.uid}/${panel}`;
        if (NO_DATA_HERE[key]) excluded.push(key);
        else pending.set(`${key} :: ${expr}`, substituteVariables(expr, resolve));
      }
    }
    const total = pending.size;
    const base = `http://127.0.0.1:${promPort}`;
    const errors = new Map<string, string>();
    // Bounded: at most 75 rounds of 1 s (plus query time), well under the 2-minute budget.
    for (let round = 0; round < 75 && pending.size > 0; round++) {
      await sleep(1000);
      for (const [key, expr] of pending) {
        const result = await query(base, expr);
        if (result.error) errors.set(key, result.error);
        else if (result.count > 0) {
          pending.delete(key);
          errors.delete(key);
        }
      }
    }
    const version = toolVersion(prometheus!);
    // eslint-disable-next-line no-console
    console.log(`${version}: ${total} panel queries returned data in ${Math.round((Date.now() - started) / 1000)} s; without data here by design: ${excluded.length} (${[...new Set(excluded)].join('; ')})`);
    expect({ stillEmpty: [...pending.keys()], errors: Object.fromEntries(errors), log: pending.size ? promProcess.output().slice(-1500) : '' }).toEqual({ stillEmpty: [], errors: {}, log: '' });
    expect(total).toBeGreaterThan(20);
  }, 120_000);
});
