import { AlertOverride } from '../../config/alerting/settings';
import { SettingsError } from '../../config/errors';
import { isAlertRule } from '../../config/rules';
import { ALERTMANAGER_ALERTS } from '../../constructs/alertmanager/alerts';
import { BLACKBOX_ALERTS } from '../../constructs/blackbox-exporter/alerts';
import { CADVISOR_ALERTS } from '../../constructs/cadvisor/alerts';
import { GRAFANA_ALERTS } from '../../constructs/grafana/alerts';
import { KUBE_STATE_METRICS_ALERTS } from '../../constructs/kube-state-metrics/alerts';
import { KUBERNETES_ALERTS } from '../../constructs/kubernetes/alerts';
import { NODE_EXPORTER_ALERTS } from '../../constructs/node-exporter/alerts';
import { PROMETHEUS_ALERTS } from '../../constructs/prometheus/alerts';
import { ruleGroupsFor } from '../../constructs/stack/alerting';
import { withAlerting } from './fixtures';

/** The component alerts this coverage work owns (the Watchdog has no severity to override). */
const DEFINITIONS = [
  ...PROMETHEUS_ALERTS,
  ...ALERTMANAGER_ALERTS,
  ...GRAFANA_ALERTS,
  ...NODE_EXPORTER_ALERTS,
  ...KUBE_STATE_METRICS_ALERTS,
  ...KUBERNETES_ALERTS,
  ...CADVISOR_ALERTS,
  ...BLACKBOX_ALERTS,
].filter((d) => d.alert !== 'Watchdog');

const rendered = (alerts: Record<string, AlertOverride>) =>
  Object.values(ruleGroupsFor(withAlerting({ alerts })))
    .flat()
    .flatMap((g) => g.rules.filter(isAlertRule));

describe('alerting.alerts.<Name> overrides every component alert', () => {
  it('severity, for and threshold are applied to each', () => {
    const overrides = Object.fromEntries(
      DEFINITIONS.map((d) => [
        d.alert,
        { severity: d.severity === 'info' ? 'warning' : 'info', for: '42m', ...(d.threshold !== undefined ? { threshold: 123.25 } : {}) },
      ]),
    ) as Record<string, AlertOverride>;
    const rules = new Map(rendered(overrides).map((r) => [r.alert, r]));
    for (const d of DEFINITIONS) {
      const rule = rules.get(d.alert);
      expect({ alert: d.alert, severity: rule?.labels?.severity, for: rule?.for }).toEqual({
        alert: d.alert,
        severity: overrides[d.alert].severity,
        for: '42m',
      });
      if (d.threshold !== undefined) expect([d.alert, rule?.expr.includes('123.25')]).toEqual([d.alert, true]);
    }
  });

  it('enabled: false leaves each out', () => {
    const names = DEFINITIONS.map((d) => d.alert);
    const rules = rendered(Object.fromEntries(names.map((n) => [n, { enabled: false }])));
    expect(rules.filter((r) => names.includes(r.alert)).map((r) => r.alert)).toEqual([]);
    expect(rules.some((r) => r.alert === 'Watchdog')).toBe(true);
  });

  it('a threshold on an alert without one is a SettingsError naming the field', () => {
    let error: unknown;
    try {
      withAlerting({ alerts: { KubeletDown: { threshold: 3 } } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SettingsError);
    expect((error as SettingsError).field).toBe('alerting.alerts.KubeletDown.threshold');
    expect((error as SettingsError).allowed).toContain('KubeletDown has none');
  });
});
