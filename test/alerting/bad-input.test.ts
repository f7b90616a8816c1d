import { App, Chart } from 'cdk8s';
import { stackWarnings, validateAlerting } from '../../constructs/stack/alerting';
import { StackSettings } from '../../constructs/stack/settings';
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

describe('the prod profile refuses to synth an alerting path nobody would notice failing', () => {
  /** Prod settings that pass: a heartbeat from a Secret file, an absolute runbook URL, PagerDuty and Slack paging. */
  const prod = (alerting: AlertingSettings = {}, services?: StackSettings['services']): StackSettings => {
    const base = fullInput();
    return {
      ...base,
      profile: 'prod',
      ...(services ? { services } : {}),
      alerting: {
        ...base.alerting,
        watchdog: { heartbeat: { urlKey: 'watchdog-heartbeat-url' } },
        runbookBaseUrl: 'https://runbooks.example.org/obs',
        ...alerting,
      },
    };
  };
  const prodError = (alerting: AlertingSettings) => errorOf(() => resolveSettings(prod(alerting), 'obs'));

  it('accepts the complete prod settings, and the same alerting in dev without any of it', () => {
    expect(resolveSettings(prod(), 'obs').profile).toBe('prod');
    expect(resolveSettings({ ...fullInput(), alerting: { receivers: {}, watchdog: {} } }, 'obs').profile).toBe('dev');
  });

  it('no heartbeat: names the field and both ways out', () => {
    const error = prodError({ watchdog: {} });
    expect(error.where).toBe('obs');
    expect(error.field).toBe('alerting.watchdog.heartbeat');
    expect(error.value).toBeUndefined();
    expect(error.allowed).toMatch(/urlKey.*url.*optOut: \{ reason/);
  });

  it('an explicit opt-out with a reason passes, and the reason is kept in the warnings', () => {
    const reason = 'the on-call tool polls Alertmanager /api/v2/alerts for the Watchdog itself';
    const settings = resolveSettings(prod({ watchdog: { optOut: { reason } } }), 'obs');
    expect(stackWarnings(settings)).toContain(`alerting: no Watchdog heartbeat, opted out (alerting.watchdog.optOut.reason: "${reason}").`);
  });

  it.each([
    ['an empty reason', { reason: '' }],
    ['a blank reason', { reason: '   ' }],
    ['no reason', {}],
  ])('an opt-out with %s is refused', (_, optOut) => {
    const error = prodError({ watchdog: { optOut: optOut as { reason: string } } });
    expect(error.field).toBe('alerting.watchdog.optOut.reason');
    expect(error.allowed).toMatch(/non-empty sentence/);
  });

  it('an opt-out next to a heartbeat, or heartbeatUrl next to heartbeat, is contradictory', () => {
    expect(prodError({ watchdog: { heartbeat: { urlKey: 'hb' }, optOut: { reason: 'no' } } }).field).toBe('alerting.watchdog.optOut');
    expect(prodError({ watchdog: { heartbeat: { urlKey: 'hb' }, heartbeatUrl: 'https://hb.example.org' } }).field).toBe(
      'alerting.watchdog.heartbeatUrl',
    );
  });

  it('a literal heartbeat URL carrying credentials is refused without echoing them', () => {
    for (const url of ['https://user:hunter2@hb.example.org/ping', 'https://hb.example.org/ping?token=hunter2']) {
      const error = prodError({ watchdog: { heartbeat: { url } } });
      expect(error.field).toBe('alerting.watchdog.heartbeat.url');
      expect(error.message).not.toContain('hunter2');
      expect(error.allowed).toMatch(/without credentials.*urlKey/);
    }
    expect(prodError({ watchdog: { heartbeatUrl: 'https://a:b@hb.example.org' } }).field).toBe('alerting.watchdog.heartbeatUrl');
    expect(prodError({ watchdog: { heartbeat: { urlKey: 'bad key/' } } }).field).toBe('alerting.watchdog.heartbeat.urlKey');
    expect(prodError({ watchdog: { heartbeat: { url: 'https://hb', urlKey: 'x' } as never } }).field).toBe(
      'alerting.watchdog.heartbeat.urlKey',
    );
  });

  it.each([['docs/runbooks'], ['/runbooks'], ['runbooks.example.org/obs'], [undefined]])('runbook base %p is refused', (url) => {
    const error = prodError({ runbookBaseUrl: url });
    expect(error.field).toBe('alerting.runbookBaseUrl');
    expect(error.value).toBe(url);
    expect(error.allowed).toMatch(/absolute http\(s\) URL in the prod profile/);
  });

  it('no integration that pages for critical is refused; Slack without a critical channel does not page', () => {
    for (const receivers of [
      {},
      { slack: { channel: '#alerts' } },
      { webhook: { url: 'http://b:8080/h', severities: ['warning' as const] } },
    ]) {
      const error = prodError({ receivers });
      expect(error.field).toBe('alerting.receivers');
      expect(error.allowed).toMatch(/pages for critical alerts in the prod profile: pagerduty, slack with a criticalChannel/);
    }
    expect(resolveSettings(prod({ receivers: { pagerduty: {} } }), 'obs').profile).toBe('prod');
  });

  it('a route that takes every critical alert away from the paging receiver is refused', () => {
    const error = prodError({ routes: [{ matchers: { severity: 'critical' }, receiver: 'null' }] });
    expect(error.field).toBe('alerting.routes[0].receiver');
    expect(error.value).toBe('null');
    expect(resolveSettings(prod({ routes: [{ matchers: { severity: 'critical', team: 'x' }, receiver: 'null' }] }), 'obs')).toBeDefined();
  });

  it('the construct reports it with its path at synth', () => {
    const chart = new Chart(new App(), 'chart');
    expect(() => new ObservabilityStack(chart, 'obs', prod({ runbookBaseUrl: 'docs/runbooks' }))).toThrow(
      /^chart\/obs: invalid alerting\.runbookBaseUrl = "docs\/runbooks"; allowed: an absolute http\(s\) URL/,
    );
  });
});

describe('service availability settings', () => {
  const serviceDownError = (threshold: number) => errorOf(() => withService({ alerts: { ServiceDown: { threshold } } }));

  it.each([0, -0.5, 1.5, 2])('a ServiceDown fraction of %p is refused', (threshold) => {
    const error = serviceDownError(threshold);
    expect(error.field).toBe('services[0].alerting.alerts.ServiceDown.threshold');
    expect(error.value).toBe(threshold);
    expect(error.allowed).toBe('a number greater than 0 and at most 1 (fraction of the instances down (1 = all of them), default 1)');
  });

  it('the global override is checked the same way', () => {
    expect(alertingError({ alerts: { ServiceDown: { threshold: 1.01 } } }).field).toBe('alerting.alerts.ServiceDown.threshold');
  });

  it('fastDetection must be a boolean and cannot be combined with the service interval', () => {
    expect(errorOf(() => withService({ fastDetection: 'yes' as unknown as boolean })).field).toBe('services[0].alerting.fastDetection');
    const error = errorOf(() =>
      resolveSettings({ ...fullInput(), services: [{ ...demo, interval: '30s', alerting: { fastDetection: true } }] }, 'obs'),
    );
    expect(error.field).toBe('services[0].alerting.fastDetection');
    expect(error.allowed).toMatch(/own interval \("30s"\)/);
  });
});
