import { stringify } from 'yaml';
import { AlertRule, isAlertRule, RuleGroup } from '../../config/rules';
import { AlertCase, ExprCase, ExpectedAlert, Suite, SUITES } from './promtool-cases';

/**
 * Turns the case tables into `promtool test rules` files. Expected annotations are the rule's
 * own templates with `$labels.x` replaced by the expected label and `$value` (with any
 * humanize function) by the case's expected text, so Prometheus's template engine must agree.
 */
export function expectedAnnotations(rule: AlertRule, expected: ExpectedAlert, where: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, template] of Object.entries(rule.annotations ?? {})) {
    out[key] = template
      .replace(/\{\{ \$labels\.([a-zA-Z_][a-zA-Z0-9_]*) \}\}/g, (_, name: string) => {
        const value = expected.labels[name] ?? (name === 'alertname' ? rule.alert : undefined);
        if (value === undefined) throw new Error(`${where}: annotation ${key} uses $labels.${name}, which the case does not expect`);
        return value;
      })
      .replace(/\{\{ \$value( \| humanize[A-Za-z]*)? \}\}/g, () => {
        if (expected.value === undefined) throw new Error(`${where}: annotation ${key} uses $value; give the case an expected value text`);
        return expected.value;
      });
    if (out[key].includes('{{'))
      throw new Error(`${where}: annotation ${key} has a template construct the test cannot expand: ${out[key]}`);
  }
  return out;
}

/** The alert rule named `alert` whose fixed labels the expected alert carries (one per service or SLO). */
export function findRule(groups: readonly RuleGroup[], alert: string, labels: Readonly<Record<string, string>> = {}): AlertRule {
  const rule = groups
    .flatMap((g) => g.rules)
    .find(
      (r): r is AlertRule =>
        isAlertRule(r) &&
        r.alert === alert &&
        Object.entries(r.labels ?? {}).every(([k, v]) => k === 'severity' || labels[k] === undefined || labels[k] === v),
    );
  if (!rule) throw new Error(`no rule ${alert} in the rendered files`);
  return rule;
}

const inputSeries = (series: Readonly<Record<string, string>>) =>
  Object.entries(series).map(([name, values]) => ({ series: name, values }));

/** One promtool test file (YAML) for a suite. */
export function promtoolTestFile(
  suite: Suite,
  rulesDir: string,
  groups: readonly RuleGroup[],
  alerts: readonly AlertCase[],
  exprs: readonly ExprCase[],
): string {
  const { files, evaluation } = SUITES[suite];
  const tests = [
    ...alerts
      .filter((c) => c.suite === suite)
      .map((c) => {
        return {
          name: `${c.alert}: ${c.why}`,
          interval: c.interval ?? evaluation,
          input_series: inputSeries(c.series),
          alert_rule_test: [
            {
              alertname: c.alert,
              eval_time: c.at,
              exp_alerts: c.fires.map((f) => ({
                exp_labels: { ...f.labels },
                exp_annotations: expectedAnnotations(findRule(groups, c.alert, f.labels), f, `${c.alert}: ${c.why}`),
              })),
            },
          ],
        };
      }),
    ...exprs
      .filter((c) => c.suite === suite)
      .map((c) => ({
        name: `recording: ${c.why}`,
        interval: c.interval ?? evaluation,
        input_series: inputSeries(c.series),
        promql_expr_test: [{ expr: c.expr, eval_time: c.at, exp_samples: c.samples.map((s) => ({ labels: s.labels, value: s.value })) }],
      })),
  ];
  return stringify({ rule_files: files.map((f) => `${rulesDir}/${f}`), evaluation_interval: evaluation, tests }, { lineWidth: 0 });
}
