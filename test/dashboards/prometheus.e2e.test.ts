import { buildDashboards } from '../../constructs/stack/dashboards';
import { substituteVariables } from '../../config/dashboards/promql-variables';
import { LoopbackStack, startLoopbackStack } from '../e2e/loopback-stack';
import { realTool, TOOLS, toolVersion } from '../support/tools';
import { http, waitFor } from '../support/processes';
import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { queriesOf } from './fixtures';

/**
 * Panels that cannot have data on the loopback stack (Prometheus scraping itself, node-exporter,
 * Alertmanager and a stand-in service), each with the reason. Every other panel of the system-health and stack
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
const versions = [prometheus, alertmanager, nodeExporter].map((bin) => (bin ? toolVersion(bin) : 'missing')).join('; ');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Instant query; the number of series (or scalar 1) returned, or the error text. */
async function query(base: string, expr: string): Promise<{ count: number; error?: string }> {
  try {
    const response = await fetch(`${base}/api/v1/query`, {
      method: 'POST',
      body: new URLSearchParams({ query: expr }),
      signal: AbortSignal.timeout(5000),
    });
    const body = (await response.json()) as { status: string; error?: string; data?: { resultType: string; result: unknown[] } };
    if (body.status !== 'success') return { count: 0, error: body.error ?? response.statusText };
    return { count: body.data!.resultType === 'scalar' ? 1 : body.data!.result.length };
  } catch (error) {
    return { count: 0, error: String(error) };
  }
}

/**
 * The value Grafana picks for each single-value `label_values(selector, label)` variable of a
 * dashboard: the first (sorted) value the running Prometheus returns, waited for (bounded: 30 s).
 */
async function variableValues(base: string, model: Dashboard): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  for (const variable of model.templating?.list ?? []) {
    if (variable.type !== 'query' || variable.multi) continue;
    const [, selector, label] = /^label_values\((.*), (\w+)\)$/.exec(String(variable.query)) ?? [];
    expect({ variable: variable.name, selector }).toEqual({ variable: variable.name, selector: expect.any(String) });
    const url = `${base}/api/v1/label/${label}/values?${new URLSearchParams({ 'match[]': selector })}`;
    values[variable.name] = await waitFor(
      `a value of $${variable.name}`,
      async () => (JSON.parse((await http('GET', url)).body).data as string[] | undefined)?.sort()[0],
      30_000,
      500,
    );
  }
  return values;
}

describe(`system-health, node-detail and stack dashboards against a real Prometheus (${versions})`, () => {
  let stack: LoopbackStack | undefined;
  afterAll(() => stack?.stop());

  runIt(
    'every panel query returns data (except the listed ones)',
    async () => {
      const started = Date.now();
      // The generated configs and rules on 127.0.0.1, scraping every second so rates fill quickly.
      stack = await startLoopbackStack(
        { prometheus: prometheus!, alertmanager: alertmanager!, nodeExporter: nodeExporter! },
        { scrape: '1s', evaluation: '1s' },
      );
      const settings = stack.settings;

      const dashboards = buildDashboards(settings).filter((d) => ['system-health', 'node-detail', 'stack-health'].includes(d.model.uid!));
      expect(dashboards).toHaveLength(3);
      const base = stack.prometheusUrl;
      const pending = new Map<string, string>();
      const excluded: string[] = [];
      for (const { model } of dashboards) {
        // What Grafana would send: "All" (.*) for multi-value variables, the first value Prometheus
        // knows for single-value ones, short windows for the 1s scrape.
        const values = await variableValues(base, model);
        const resolve = (name: string) =>
          ({ __rate_interval: '10s', __interval: '2s', __range: '1m', ...values })[name as '__range'] ?? '.*';
        for (const { panel, expr } of queriesOf(model)) {
          const key = `${model.uid}/${panel}`;
          if (NO_DATA_HERE[key]) excluded.push(key);
          else pending.set(`${key} :: ${expr}`, substituteVariables(expr, resolve));
        }
      }
      const total = pending.size;
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

      console.log(
        `${version}: ${total} panel queries returned data in ${Math.round((Date.now() - started) / 1000)} s; ` +
          `without data here by design: ${excluded.length} (${[...new Set(excluded)].join('; ')})`,
      );
      expect({
        stillEmpty: [...pending.keys()],
        errors: Object.fromEntries(errors),
        log: pending.size ? stack.logs().slice(-1500) : '',
      }).toEqual({ stillEmpty: [], errors: {}, log: '' });
      expect(total).toBeGreaterThan(20);
    },
    120_000,
  );
});
