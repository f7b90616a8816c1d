import { App, Chart } from 'cdk8s';
import { validateAlerting } from '../../constructs/stack/alerting';
import { ObservabilityStack } from '../../constructs/observability-stack';
import { SettingsError } from '../../config/errors';
import { MonitoredService } from '../../constructs/services/settings';
import { fullInput, fullSettings, withAlerting } from './fixtures';
import { resolveSettings } from '../../constructs/stack/resolve';
import { AlertingSettings, SloSettings } from '../../config/alerting/settings';

/** Settings error thrown by validating (and by rendering, which validates too). */
function errorOf(make: () => unknown): SettingsError {
  try {
    const settings = make();
    validateAlerting(settings as ReturnType<typeof fullSettings>, 'obs/alerting');
  } catch (error) {
    if (error instanceof SettingsError) return error;
    throw error;
  }
  throw new Error('expected a SettingsError');
}

const alertingError = (alerting: AlertingSettings) => errorOf(() => withAlerting(alerting));
const demo = fullInput().services![0];
const withService = (alerting: MonitoredService['alerting']) =>
  resolveSettings({ ...fullInput(), services: [{ ...demo, alerting }] }, 'test');
const sloError = (slo: Partial<SloSettings>) =>
  errorOf(() => withService({ slos: [{ name: 'avail', kind: 'availability', objective: 99.9, ...slo } as SloSettings] }));

describe('bad alerting input gives a SettingsError naming where, field, value and what is allowed', () => {
  it('unknown alert name in an override', () => {
    const error = alertingError({ alerts: { ServiceDwn: { enabled: false } } });
    expect(error.where).toBe('test');
    expect(error.field).toBe('alerting.alerts');
    expect(error.value).toBe('ServiceDwn');
    expect(error.allowed).toContain('ServiceDown');
  });

  it('unknown alert name in a per-service override (infrastructure alerts are not per service)', () => {
    const error = errorOf(() => withService({ alerts: { NodeHighCpu: { threshold: 0.9 } } }));
    expect(error.field).toBe('services[0].alerting.alerts');
    expect(error.value).toBe('NodeHighCpu');
  });

  it('threshold of the wrong type', () => {
    const error = alertingError({ alerts: { NodeHighCpu: { threshold: '80%' as unknown as number } } });
    expect(error.field).toBe('alerting.alerts.NodeHighCpu.threshold');
    expect(error.value).toBe('80%');
    expect(error.allowed).toMatch(/finite number.*CPU utilisation ratio.*default 0.8/);
  });

  it('threshold on an alert that has none', () => {
    const error = alertingError({ alerts: { KubeJobFailed: { threshold: 2 } } });
    expect(error.field).toBe('alerting.alerts.KubeJobFailed.threshold');
    expect(error.allowed).toMatch(/no threshold/);
  });

  it('bad severity and bad for', () => {
    expect(alertingError({ alerts: { NodeHighCpu: { severity: 'page' as 'critical' } } }).field).toBe(
      'alerting.alerts.NodeHighCpu.severity',
    );
    expect(alertingError({ alerts: { NodeHighCpu: { for: '10 minutes' } } }).field).toBe('alerting.alerts.NodeHighCpu.for');
  });

  it('route to an unknown receiver', () => {
    const error = alertingError({ routes: [{ matchers: { team: 'data' }, receiver: 'pagerduty-data' }] });
    expect(error.field).toBe('alerting.routes[0].receiver');
    expect(error.value).toBe('pagerduty-data');
    expect(error.allowed).toBe('a known receiver: critical, warning, info, watchdog, null');
  });

  it('objective outside (0, 100)', () => {
    for (const objective of [0, 100, 150, -1]) {
      const error = sloError({ objective });
      expect(error.field).toBe('services[0].alerting.slos[0].objective');
      expect(error.value).toBe(objective);
      expect(error.allowed).toMatch(/strictly between 0 and 100/);
    }
  });

  it('window shorter than the longest burn window', () => {
    const error = sloError({ window: '2d' });
    expect(error.field).toBe('services[0].alerting.slos[0].window');
    expect(error.value).toBe('2d');
    expect(error.allowed).toMatch(/at least 3d/);
  });

  it('latency SLO without a bucket boundary', () => {
    const error = sloError({ kind: 'latency' });
    expect(error.field).toBe('services[0].alerting.slos[0].latencyThreshold');
  });

  it('inhibition that matches nothing', () => {
    const error = alertingError({
      inhibitions: [{ source: { alertname: 'DatabaseOnFire' }, target: { severity: 'warning' }, equal: ['service'] }],
    });
    expect(error.field).toBe('alerting.inhibitions[0].source');
    expect(error.value).toEqual({ alertname: 'DatabaseOnFire' });
    expect(error.allowed).toMatch(/match at least one alert/);
  });

  it('inhibition whose target names a disabled alert matches nothing', () => {
    const error = alertingError({
      alerts: { KubeJobFailed: { enabled: false } },
      inhibitions: [{ source: { alertname: 'KubeNodeNotReady' }, target: { alertname: 'KubeJobFailed' } }],
    });
    expect(error.field).toBe('alerting.inhibitions[0].target');
  });

  it('receiver settings: webhook URL, e-mail address, Secret key', () => {
    expect(alertingError({ receivers: { webhook: { url: 'ftp://x' } } }).field).toBe('alerting.receivers.webhook.url');
    expect(alertingError({ receivers: { email: { to: 'nobody', from: 'a@b.c', smarthost: 'smtp:25' } } }).field).toBe(
      'alerting.receivers.email.to',
    );
    expect(alertingError({ receivers: { pagerduty: { routingKeyKey: 'bad key/' } } }).field).toBe(
      'alerting.receivers.pagerduty.routingKeyKey',
    );
  });

  it('unknown exporter', () => {
    const error = alertingError({ exporters: { mongodb: {} } as AlertingSettings['exporters'] });
    expect(error.field).toBe('alerting.exporters.mongodb');
    expect(error.message).toContain('unknown setting alerting.exporters.mongodb; allowed: postgres, mysql, redis, kafka');
  });

  it('an existing rule file with invalid PromQL or a shipped name', () => {
    const bad = 'groups:\n  - name: mine\n    rules:\n      - alert: Mine\n        expr: rate(x[5m]\n';
    expect(alertingError({ ruleFiles: { 'mine.yml': bad } }).field).toMatch(
      /^alerting\.ruleFiles\["mine.yml"\]\.groups\[0\]\.rules\[0\]\.expr/,
    );
    expect(alertingError({ ruleFiles: { 'service-demo-api.yml': 'groups: []' } }).field).toBe('alerting.ruleFiles key');
    expect(alertingError({ ruleFiles: { 'mine.yaml': 'groups: []' } }).allowed).toMatch(/ending in "\.yml"/);
  });

  it('bad RED metric name', () => {
    const error = errorOf(() => withService({ requestsMetric: 'http-requests' }));
    expect(error.field).toBe('services[0].alerting.requestsMetric');
  });

  it('resolveSettings validates alerting, so the stack construct reports errors with its path at synth', () => {
    const chart = new Chart(new App(), 'chart');
    expect(
      () =>
        new ObservabilityStack(chart, 'obs', { ...fullInput(), alerting: { routes: [{ matchers: { team: 'x' }, receiver: 'nobody' }] } }),
    ).toThrow(/^chart\/obs: invalid alerting\.routes\[0\]\.receiver = "nobody"; allowed: a known receiver/);
  });
});

describe('severity is a closed set for user rules', () => {
  const rule = (labels?: Record<string, string>) => ({
    name: 'mine',
    rules: [{ alert: 'MyAlert', expr: 'up == 0', ...(labels ? { labels } : {}) }],
  });
  const ruleError = (labels?: Record<string, string>) =>
    errorOf(() => resolveSettings({ ...fullInput(), ruleGroups: [rule(labels)] }, 'obs'));

  it.each([
    ['an unknown severity', { severity: 'page' }, '"page"'],
    ['a wrongly cased severity', { severity: 'Critical' }, '"Critical"'],
    ['no severity at all', undefined, 'undefined'],
  ])('%s is a synth error naming the rule', (_, labels, shown) => {
    expect(ruleError(labels).message).toBe(
      `obs: invalid ruleGroups[0].rules[0].labels.severity = ${shown}; ` +
        'allowed: one of "critical", "warning", "info", "none" (alert MyAlert)',
    );
  });

  it('in a rule file given as YAML too', () => {
    const file =
      'groups:\n  - name: mine\n    rules:\n      - alert: FromFile\n        expr: up == 0\n        labels: { severity: page }\n';
    expect(errorOf(() => withAlerting({ ruleFiles: { 'mine.yml': file } })).message).toContain(
      'invalid alerting.ruleFiles["mine.yml"].groups[0].rules[0].labels.severity = "page"',
    );
  });

  it.each(['critical', 'warning', 'info', 'none'])('accepts %s', (severity) => {
    expect(resolveSettings({ ...fullInput(), ruleGroups: [rule({ severity })] }, 'obs').ruleGroups).toHaveLength(1);
  });
});
