import type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
import { substituteVariables } from '../../config/dashboards/promql-variables';
import { http, waitFor } from '../support/processes';
import { queriesOf } from './fixtures';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Instant query; the number of series (or scalar 1) returned, or the error text. */
export async function queryCount(base: string, expr: string): Promise<{ count: number; error?: string }> {
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
 * The value Grafana picks for each single-value variable of a dashboard: the current value of a
 * fixed list, or for `label_values(selector, label)` the first (sorted) value the running
 * Prometheus returns, waited for (bounded: 30 s).
 */
async function variableValues(base: string, model: Dashboard): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  for (const variable of model.templating?.list ?? []) {
    if (variable.multi) continue;
    if (variable.type === 'custom') {
      // A fixed list (e.g. the declared services): Grafana starts on the current value.
      values[variable.name] = String((variable.current as { value?: unknown } | undefined)?.value ?? '');
      continue;
    }
    if (variable.type !== 'query') continue;
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

/** What the panel queries of some dashboards returned from a live Prometheus. */
export interface LiveQueryResult {
  /** Queries that returned data. */
  readonly total: number;
  /** `<uid>/<panel>` keys left out by `noData`. */
  readonly excluded: readonly string[];
  /** Queries (`<uid>/<panel> :: <expr>`) that never returned data. */
  readonly stillEmpty: readonly string[];
  /** Queries Prometheus rejected, with its error. */
  readonly errors: Readonly<Record<string, string>>;
}

/**
 * Runs every panel query of the dashboards as Grafana would send it ("All" (.*) for multi-value
 * variables, the first value Prometheus knows for single-value ones, short windows for a 1 s
 * scrape) until each returns data. Bounded: at most `rounds` rounds of 1 s plus query time.
 */
export async function runPanelQueries(
  base: string,
  dashboards: readonly Dashboard[],
  noData: Readonly<Record<string, string>> = {},
  rounds = 75,
): Promise<LiveQueryResult> {
  const pending = new Map<string, string>();
  const excluded: string[] = [];
  for (const model of dashboards) {
    const values = await variableValues(base, model);
    const resolve = (name: string) => ({ __rate_interval: '10s', __interval: '2s', __range: '1m', ...values })[name as '__range'] ?? '.*';
    for (const { panel, expr } of queriesOf(model)) {
      const key = `${model.uid}/${panel}`;
      if (noData[key]) excluded.push(key);
      else pending.set(`${key} :: ${expr}`, substituteVariables(expr, resolve));
    }
  }
  const total = pending.size;
  const errors = new Map<string, string>();
  for (let round = 0; round < rounds && pending.size > 0; round++) {
    await sleep(1000);
    for (const [key, expr] of pending) {
      const result = await queryCount(base, expr);
      if (result.error) errors.set(key, result.error);
      else if (result.count > 0) {
        pending.delete(key);
        errors.delete(key);
      }
    }
  }
  return { total, excluded: [...new Set(excluded)], stillEmpty: [...pending.keys()], errors: Object.fromEntries(errors) };
}
