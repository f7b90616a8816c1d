import { ruleGroupsFor } from '../../constructs/stack/alerting';
import { promqlSyntaxError } from '../../config/promql';
import { isAlertRule, validateRuleGroups } from '../../config/rules';
import { fullSettings } from '../alerting/fixtures';
import { resolveSettings } from '../../constructs/stack/resolve';
import { fixtureSettings } from '../support/fixtures';

const variants = {
  'default dev settings': resolveSettings(fixtureSettings('dev'), 'test'),
  'default prod settings': resolveSettings(fixtureSettings('prod'), 'test'),
  'every catalog feature on': fullSettings(),
};

describe.each(Object.entries(variants))('shipped rules with %s', (_name, settings) => {
  const groups = Object.values(ruleGroupsFor(settings)).flat();
  const rules = groups.flatMap((g) =>
    g.rules.map((rule) => ({ group: g.name, name: isAlertRule(rule) ? rule.alert : rule.record, expr: rule.expr })),
  );

  it('parse as PromQL, every expression (lezer grammar of the Prometheus UI)', () => {
    expect(rules.length).toBeGreaterThan(40);
    const broken = rules.filter((r) => promqlSyntaxError(r.expr)).map((r) => `${r.group}/${r.name}: ${r.expr}`);
    expect(broken).toEqual([]);
  });

  it('pass the same validation as user rules (names, durations, labels, no duplicates in a group)', () => {
    expect(() => validateRuleGroups('test', 'shipped', groups)).not.toThrow();
  });
});

describe('the PromQL check itself', () => {
  it.each([
    ['sum(rate(x[5m])) by (job', 24],
    ['rate(x[5m]', 10],
    ['up ==', 5],
    ['', 0],
  ])('finds the error in %j', (expr, offset) => {
    expect(promqlSyntaxError(expr)?.offset).toBe(offset);
  });

  it('accepts valid expressions, including subqueries and offsets', () => {
    for (const expr of [
      'up == 0',
      'histogram_quantile(0.95, sum by (le) (rate(x_bucket[5m])))',
      'max_over_time(up[1h:1m] offset 5m)',
      'vector(1)',
    ]) {
      expect(promqlSyntaxError(expr)).toBeUndefined();
    }
  });
});
