import { readFileSync } from 'fs';
import { join } from 'path';
import { CoveringDefinition } from '../../config/alerting/coverage';
import { catalogDefinitions } from '../../constructs/stack/alerting-validation';
import { alertCoverage, COVERAGE_FILE, renderAlertCoverage } from '../../scripts/alert-coverage';
import { KUBE_PROMETHEUS_GROUPS, LEFT_OUT, NOT_APPLICABLE } from '../../scripts/kube-prometheus-alerts';

const ROOT = join(__dirname, '..', '..');

describe('coverage against kube-prometheus', () => {
  const coverage = alertCoverage();

  it('the committed docs/alert-coverage.md is what `npm run alert-coverage` writes from the catalog', () => {
    expect(readFileSync(join(ROOT, COVERAGE_FILE), 'utf8')).toBe(renderAlertCoverage(coverage));
  });

  it('covers at least 80 of the kube-prometheus alerts that apply without the operator', () => {
    expect(coverage.names).toBe(125);
    expect(new Set(KUBE_PROMETHEUS_GROUPS.flatMap((g) => g.alerts)).size).toBe(125);
    expect(coverage.applicable).toBe(125 - Object.keys(NOT_APPLICABLE).length);
    expect(coverage.covered).toBeGreaterThanOrEqual(80);
    expect(coverage.covered + Object.keys(LEFT_OUT).length).toBe(coverage.applicable);
    expect(coverage.categories.reduce((n, c) => n + c.covered, 0)).toBe(coverage.covered);
    expect(coverage.categories.find((c) => c.category === 'Prometheus operator')).toMatchObject({ applicable: 0, covered: 0 });
  });

  it('every equivalent is named on the runbook page of the alert that covers it', () => {
    const claims = [...catalogDefinitions()].flatMap(([name, d]) => ((d as CoveringDefinition<never>).covers ?? []).map((k) => [name, k]));
    expect(claims.length).toBeGreaterThan(10);
    for (const [name, covered] of claims) {
      const page = readFileSync(join(ROOT, 'docs', 'runbooks', `${name}.md`), 'utf8');
      expect([name, page.includes(`\`${covered}\``)]).toEqual([name, true]);
    }
  });

  it('refuses an equivalent that is no kube-prometheus alert, or one we also ship under its own name', () => {
    const base = { severity: 'warning' as const, expr: () => 'vector(1)', summary: 's', description: 'd' };
    const catalog = (covers: string[]) =>
      new Map<string, CoveringDefinition<never>>([
        ['Ours', { ...base, alert: 'Ours', covers }],
        ['TargetDown', { ...base, alert: 'TargetDown' }],
      ]);
    expect(() => alertCoverage(catalog(['NoSuchAlert']))).toThrow('Ours.covers names NoSuchAlert, which is not a kube-prometheus alert');
    expect(() => alertCoverage(catalog(['TargetDown']))).toThrow('which we ship under its own name');
    expect(() => alertCoverage(catalog(['KubeSchedulerDown']))).toThrow('listed as not applicable or left out');
    expect(() => alertCoverage(catalog([]))).toThrow(/applies and is not covered/);
  });
});
