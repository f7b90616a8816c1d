import { ruleGroupsFor } from '../../constructs/stack/alerting';
import { buildDashboards } from '../../constructs/stack/dashboards';
import { metricNamesIn, substituteVariables } from '../../config/dashboards/promql-variables';
import { fixtureSettings } from '../support/fixtures';
import { EXPORTER_METRICS } from './exporter-metrics';
import { queriesOf, resolve, richSettings } from './fixtures';

/** Names recorded by the shipped rules for these settings. */
function recorded(settings: ReturnType<typeof resolve>): string[] {
  return Object.values(ruleGroupsFor(settings)).flatMap((groups) =>
    groups.flatMap((g) => g.rules.flatMap((r) => ('record' in r && r.record ? [r.record] : []))),
  );
}

/** RED metrics of the declared services (default or custom names), with the histogram series. */
function redMetrics(settings: ReturnType<typeof resolve>): string[] {
  return settings.services.flatMap((s) => {
    const duration = s.alerting?.durationMetric ?? 'http_request_duration_seconds';
    return [s.alerting?.requestsMetric ?? 'http_requests_total', `${duration}_bucket`, `${duration}_count`, `${duration}_sum`];
  });
}

describe('metrics the shipped dashboards read', () => {
  const rich = resolve(richSettings());
  const known = new Set([
    ...Object.values(EXPORTER_METRICS).flat(),
    ...recorded(resolve(fixtureSettings('dev'))),
    ...recorded(rich),
    ...redMetrics(rich),
  ]);

  // logs-audit reads Elasticsearch, not Prometheus: its fields are checked against the logs data view (test/kibana).
  it.each(
    buildDashboards(rich)
      .filter(({ model }) => model.uid !== 'logs-audit')
      .map(({ model }) => [model.uid!, model] as const),
  )('%s reads only exporter metrics, shipped recordings or declared RED metrics', (_uid, model) => {
    const unknown: string[] = [];
    let count = 0;
    for (const { panel, expr } of queriesOf(model)) {
      for (const name of metricNamesIn(substituteVariables(expr))) {
        count++;
        if (!known.has(name)) unknown.push(`${panel}: ${name}`);
      }
    }
    for (const variable of model.templating?.list ?? []) {
      const selector = typeof variable.query === 'string' ? /^label_values\((.+),\s*\w+\)$/.exec(variable.query)?.[1] : undefined;
      if (selector)
        for (const name of metricNamesIn(substituteVariables(selector))) if (!known.has(name)) unknown.push(`$${variable.name}: ${name}`);
    }
    expect(count).toBeGreaterThan(0);
    expect(unknown).toEqual([]);
  });
});
