import { parse } from 'yaml';
import {
  alertingWarnings,
  receiverSecretKeys,
  receiverSecrets,
  renderAlertmanagerFiles,
  renderRuleFiles,
  ruleGroupsFor,
} from '../../constructs/stack/alerting';
import { num } from '../../config/alerting/format';
import { fixtureSettings } from '../support/fixtures';
import { AlertRule, isAlertRule, RecordingRule, RuleGroup } from '../../config/rules';
import { resolveSettings } from '../../constructs/stack/resolve';
import { fullInput, fullSettings, withAlerting } from './fixtures';
import { pagingIntegrations } from '../../constructs/alertmanager/files';
import { manifestsFor } from '../support/manifests';

const alertsOf = (groups: Record<string, readonly RuleGroup[]>) =>
  Object.values(groups)
    .flat()
    .flatMap((g) => g.rules.filter(isAlertRule));
const recordsOf = (groups: Record<string, readonly RuleGroup[]>) =>
  Object.values(groups)
    .flat()
    .flatMap((g) => g.rules.filter((r): r is RecordingRule => !isAlertRule(r)));
const one = (groups: Record<string, readonly RuleGroup[]>, alert: string): AlertRule => {
  const found = alertsOf(groups).filter((a) => a.alert === alert);
  expect(found).toHaveLength(1);
  return found[0];
};

describe('rule rendering', () => {
  it('prints numbers at fixed precision', () => {
    expect(num(1 - 0.999)).toBe('0.001');
    expect(num(14.4 * 0.001)).toBe('0.0144');
    expect(num(0.1 + 0.2)).toBe('0.3');
    const settings = resolveSettings(
      {
        ...fullInput(),
        services: [{ ...fullInput().services![0], alerting: { slos: [{ name: 'a', kind: 'availability', objective: 99.95 }] } }],
      },
      'test',
    );
    const slo = renderRuleFiles(settings)['slo-demo-api.yml'];
    expect(slo).toContain('vector(0.9995)');
    expect(slo).toContain('vector(0.0005)');
    expect(slo).toContain('> 0.0072 and');
    expect(slo).not.toMatch(/\d\.\d*(0000000|9999999)\d/);
  });

  it('writes the recording names of the naming contract', () => {
    const names = new Set(recordsOf(ruleGroupsFor(fullSettings())).map((r) => r.record));
    for (const name of [
      'service:requests:rate5m',
      'service:requests:rate1h',
      'service:request_errors:ratio_rate5m',
      'service:request_errors:ratio_rate1h',
      'service:request_duration_seconds:p50_5m',
      'service:request_duration_seconds:p95_5m',
      'service:request_duration_seconds:p99_5m',
      'service:request_duration_seconds:p50_1h',
      'service:request_duration_seconds:p95_1h',
      'service:request_duration_seconds:p99_1h',
      'service_code:requests:rate5m',
      'service_method_route:requests:rate5m',
      'instance:node_cpu_utilisation:ratio_rate5m',
      'instance:node_memory_utilisation:ratio',
      'instance_mountpoint:node_filesystem_usage:ratio',
      'namespace_pod_container:container_cpu_usage_seconds:rate5m',
      'namespace_pod_container:container_memory_working_set_bytes:sum',
      'slo:sli_error:ratio_rate5m',
      'slo:sli_error:ratio_rate30m',
      'slo:sli_error:ratio_rate1h',
      'slo:sli_error:ratio_rate2h',
      'slo:sli_error:ratio_rate6h',
      'slo:sli_error:ratio_rate1d',
      'slo:sli_error:ratio_rate3d',
      'slo:sli_error:ratio_rate30d',
      'slo:objective:ratio',
      'slo:error_budget:ratio',
      'slo:error_budget_remaining:ratio',
      'slo:burn_rate:rate1h',
      'slo:burn_rate:rate5m',
      'slo:burn_rate:rate6h',
      'slo:burn_rate:rate3d',
    ])
      expect(names).toContain(name);
    for (const name of names) expect(name).toMatch(/^[a-z_]+:[a-z0-9_]+:[a-z0-9_]+$/);
  });

  it('gives the example service of the default settings an availability and a latency SLO', () => {
    const groups = ruleGroupsFor(resolveSettings(fixtureSettings('dev'), 'test'));
    expect(groups['slo-demo-api.yml'].map((g) => g.name)).toEqual(['slo-demo-api-availability', 'slo-demo-api-latency']);
    expect(
      alertsOf(groups)
        .filter((a) => a.alert === 'SLOErrorBudgetBurnFast')
        .map((a) => a.labels?.slo),
    ).toEqual(['availability', 'latency']);
  });

  it('uses the SLO window for the window recording', () => {
    const settings = resolveSettings(
      {
        ...fullInput(),
        services: [{ ...fullInput().services![0], alerting: { slos: [{ name: 'a', kind: 'availability', objective: 99, window: '4w' }] } }],
      },
      'test',
    );
    const records = recordsOf(ruleGroupsFor(settings)).map((r) => r.record);
    expect(records).toContain('slo:sli_error:ratio_rate28d');
    expect(records).not.toContain('slo:sli_error:ratio_rate30d');
  });

  it('reads custom RED metric names from the service settings', () => {
    const settings = resolveSettings(
      {
        ...fullInput(),
        services: [
          {
            ...fullInput().services![0],
            alerting: { requestsMetric: 'api_calls_total', durationMetric: 'api_latency_seconds', errorCodes: '5..|429' },
          },
        ],
      },
      'test',
    );
    const services = renderRuleFiles(settings)['service-demo-api.yml'];
    expect(services).toContain('rate(api_calls_total{job="demo-api", code=~"5..|429"}[5m])');
    expect(services).toContain('rate(api_latency_seconds_bucket{job="demo-api"}[5m])');
    expect(services).not.toContain('http_requests_total');
  });

  it('gives every alert a severity, summary, description and runbook_url', () => {
    for (const alert of alertsOf(ruleGroupsFor(fullSettings()))) {
      expect(['critical', 'warning', 'info', 'none']).toContain(alert.labels?.severity);
      expect(alert.annotations?.summary).toBeTruthy();
      expect(alert.annotations?.description).toBeTruthy();
      expect(alert.annotations?.runbook_url).toBe(`docs/runbooks/${alert.alert}.md`);
    }
    const custom = alertsOf(ruleGroupsFor(withAlerting({ runbookBaseUrl: 'https://runbooks.example.org/obs/' })));
    expect(custom[0].annotations?.runbook_url).toBe(`https://runbooks.example.org/obs/${custom[0].alert}.md`);
  });

  it('applies overrides: disable, threshold, for, severity, labels', () => {
    const groups = ruleGroupsFor(
      withAlerting({
        alerts: {
          NodeHighCpu: { threshold: 0.95, for: '30m', severity: 'critical', labels: { team: 'infra' } },
          KubeJobFailed: { enabled: false },
        },
      }),
    );
    const cpu = one(groups, 'NodeHighCpu');
    expect(cpu.expr).toBe('instance:node_cpu_utilisation:ratio_rate5m > 0.95');
    expect(cpu.for).toBe('30m');
    expect(cpu.labels).toEqual({ team: 'infra', severity: 'critical' });
    expect(alertsOf(groups).some((a) => a.alert === 'KubeJobFailed')).toBe(false);
  });

  it('applies a per-service override to that service only', () => {
    const base = fullInput().services![0];
    const settings = resolveSettings(
      {
        ...fullInput(),
        services: [
          { ...base, alerting: { ...base.alerting, alerts: { ServiceHighErrorRate: { threshold: 0.01 } } } },
          { name: 'billing', namespace: 'billing', port: 9000 },
        ],
      },
      'test',
    );
    const exprs = alertsOf(ruleGroupsFor(settings))
      .filter((a) => a.alert === 'ServiceHighErrorRate')
      .map((a) => a.expr);
    expect(exprs).toEqual([
      'service:request_errors:ratio_rate5m{service="demo-api"} > 0.01',
      'service:request_errors:ratio_rate5m{service="billing"} > 0.05',
    ]);
    expect(one(ruleGroupsFor(settings), 'TargetDown').expr).toBe('up{job!~"demo-api|billing"} == 0');
  });

  it('uses the freshness max age as the staleness threshold', () => {
    expect(one(ruleGroupsFor(fullSettings()), 'ServiceDataStale').expr).toMatch(/> 7200$/);
  });

  it('switches database and queue alerts on per declared exporter', () => {
    const none = ruleGroupsFor(withAlerting({ exporters: {} }));
    expect(none['databases.yml']).toBeUndefined();
    const redisOnly = ruleGroupsFor(withAlerting({ exporters: { redis: { matchers: { namespace: 'cache' } } } }));
    expect(redisOnly['databases.yml'].map((g) => g.name)).toEqual(['redis']);
    expect(one(redisOnly, 'RedisDown').expr).toBe('redis_up{namespace="cache"} == 0');
  });

  it('adds the user groups and existing rule files as their own files', () => {
    const existing = 'groups:\n  - name: legacy\n    rules:\n      - record: job:up:sum\n        expr: sum by (job) (up)\n';
    const settings = resolveSettings(
      {
        ...fullInput(),
        ruleGroups: [{ name: 'mine', rules: [{ alert: 'MyAlert', expr: 'vector(1) > 2', labels: { severity: 'info' } }] }],
        alerting: { ...fullInput().alerting, ruleFiles: { 'legacy.yml': existing } },
      },
      'test',
    );
    const files = renderRuleFiles(settings);
    expect(parse(files['user.yml']).groups[0].rules[0].alert).toBe('MyAlert');
    expect(parse(files['legacy.yml']).groups[0].rules[0].record).toBe('job:up:sum');
  });
});

describe('runbook links in prod', () => {
  it('no rendered runbook_url of any prod rule file is relative: each is an absolute https URL ending in <Alert>.md', () => {
    const files = manifestsFor('prod')
      .filter((m) => m.kind === 'ConfigMap')
      .flatMap((m) => Object.entries((m as { data?: Record<string, string> }).data ?? {}))
      .filter(([, text]) => text.includes('groups:'));
    expect(files.length).toBeGreaterThan(3);
    const rules = files.flatMap(([, text]) =>
      ((parse(text) as { groups: RuleGroup[] }).groups ?? []).flatMap((g) => g.rules.filter(isAlertRule)),
    );
    expect(rules.length).toBeGreaterThan(40);
    const links = rules.map((r) => [r.alert, r.annotations?.runbook_url ?? '(none)'] as const);
    const bad = links.filter(([alert, url]) => !/^https:\/\/[^/\s]+\/\S+$/.test(url) || !url.endsWith(`/${alert}.md`));
    expect(bad).toEqual([]);
    expect(files.flatMap(([, text]) => text.match(/runbook_url: (?!https:\/\/).*/g) ?? [])).toEqual([]);
  });
});

describe('alertmanager rendering', () => {
  const config = (settings = fullSettings()) => parse(renderAlertmanagerFiles(settings)['alertmanager.yml']);

  it('reads every secret from a file under /etc/alertmanager/secrets and never inlines one', () => {
    const text = renderAlertmanagerFiles(fullSettings())['alertmanager.yml'];
    expect(receiverSecretKeys(fullSettings())).toEqual(['slack-api-url', 'smtp-password', 'pagerduty-routing-key']);
    expect(text).toContain('slack_api_url_file: /etc/alertmanager/secrets/slack-api-url');
    expect(text).toContain('smtp_auth_password_file: /etc/alertmanager/secrets/smtp-password');
    expect(text).toContain('routing_key_file: /etc/alertmanager/secrets/pagerduty-routing-key');
    expect(text).not.toMatch(/^\s*(slack_api_url|api_url|smtp_auth_password|auth_password|routing_key|service_key):/m);
  });

  it('routes critical to PagerDuty, Slack and e-mail, warning to Slack, info to e-mail, the Watchdog to its heartbeat', () => {
    const receivers = Object.fromEntries(
      (config().receivers as Array<Record<string, unknown>>).map((r) => [
        r.name,
        Object.keys(r)
          .filter((k) => k !== 'name')
          .sort(),
      ]),
    );
    expect(receivers).toEqual({
      critical: ['email_configs', 'pagerduty_configs', 'slack_configs', 'webhook_configs'],
      warning: ['slack_configs', 'webhook_configs'],
      info: ['email_configs', 'webhook_configs'],
      watchdog: ['webhook_configs'],
      null: [],
    });
    const critical = config().receivers[0];
    expect(critical.slack_configs[0].channel).toBe('#incidents');
    expect(config().receivers[1].slack_configs[0].channel).toBe('#alerts');
  });

  it('uses the shipped timings, and the props change them', () => {
    const route = config().route;
    expect(route).toMatchObject({
      group_by: ['alertname', 'cluster', 'service'],
      group_wait: '30s',
      group_interval: '5m',
      repeat_interval: '4h',
    });
    expect(route.routes.find((r: { receiver: string }) => r.receiver === 'critical')).toMatchObject({
      group_wait: '10s',
      repeat_interval: '30m',
    });
    const changed = config(withAlerting({ routing: { groupWait: '1m', criticalGroupWait: '5s', criticalRepeatInterval: '1h' } })).route;
    expect(changed.group_wait).toBe('1m');
    expect(changed.routes.find((r: { receiver: string }) => r.receiver === 'critical')).toMatchObject({
      group_wait: '5s',
      repeat_interval: '1h',
    });
  });

  it('leaves out receivers without secrets, with a warning each', () => {
    const settings = withAlerting({ receivers: {}, watchdog: {} });
    expect(receiverSecretKeys(settings)).toEqual([]);
    const warnings = alertingWarnings(settings);
    expect(warnings.join('\n')).toMatch(/PagerDuty/);
    expect(warnings.join('\n')).toMatch(/Slack/);
    expect(warnings.join('\n')).toMatch(/e-mail/);
    expect(warnings.join('\n')).toMatch(/heartbeat/);
    expect((config(settings).receivers as Array<Record<string, unknown>>).every((r) => Object.keys(r).length === 1)).toBe(true);
    expect(alertingWarnings(fullSettings())).toEqual([]);
  });

  it('ships templates carrying summary, severity, service and runbook for Slack, e-mail and PagerDuty', () => {
    const files = renderAlertmanagerFiles(fullSettings());
    const tmpl = files['notifications.tmpl'];
    for (const name of ['stack.slack.text', 'stack.email.html', 'stack.pagerduty.description']) expect(tmpl).toContain(`define "${name}"`);
    for (const field of ['.Annotations.summary', '.Labels.severity', '.Labels.service', '.Annotations.runbook_url'])
      expect(tmpl).toContain(field);
    expect(config().templates).toEqual(['/etc/alertmanager/config/*.tmpl']);
  });

  it('writes the shipped inhibitions: each source mutes only what it explains, on the labels that tie both to one thing', () => {
    expect(config().inhibit_rules).toEqual([
      {
        source_matchers: ['severity="critical"'],
        target_matchers: ['severity=~"warning|info"'],
        equal: ['alertname', 'cluster', 'service'],
      },
      {
        source_matchers: ['alertname="KubeNodeNotReady"'],
        target_matchers: ['alertname=~"KubePodCrashLooping|KubePodNotReady|KubeContainerWaiting|KubeContainerOOMKilled"'],
        equal: ['cluster', 'node'],
      },
      {
        source_matchers: ['alertname="ServiceDown"'],
        target_matchers: ['alertname=~"ServiceInstanceDown|ServiceProbeFailed|ServiceHighErrorRate|ServiceHighLatency|ServiceTrafficDrop"'],
        equal: ['cluster', 'service'],
      },
      {
        source_matchers: ['alertname="SLOErrorBudgetBurnFast"'],
        target_matchers: ['alertname="SLOErrorBudgetBurnSlow"'],
        equal: ['cluster', 'service', 'slo'],
      },
      {
        source_matchers: ['alertname="NodeDiskSpaceLow"'],
        target_matchers: ['alertname="NodeDiskPredictedFull"'],
        equal: ['cluster', 'instance', 'mountpoint', 'device'],
      },
      {
        source_matchers: ['alertname="AlertmanagerClusterDown"'],
        target_matchers: ['alertname="AlertmanagerClusterMembersMismatch"'],
        equal: ['cluster', 'namespace'],
      },
    ]);
    // A missing instance is not a root cause of anything service-wide.
    const sources = (config().inhibit_rules as Array<{ source_matchers: string[] }>).flatMap((r) => r.source_matchers);
    expect(sources.filter((m) => m.includes('ServiceInstanceDown'))).toEqual([]);
  });

  it('posts the Watchdog to the heartbeat: a URL read from a Secret file, or a plain URL', () => {
    const watchdog = (alerting: Parameters<typeof withAlerting>[0]) =>
      (config(withAlerting(alerting)).receivers as Array<Record<string, unknown>>).find((r) => r.name === 'watchdog');
    expect(watchdog({ watchdog: { heartbeat: {} } })).toEqual({
      name: 'watchdog',
      webhook_configs: [{ url_file: '/etc/alertmanager/secrets/watchdog-heartbeat-url', send_resolved: false }],
    });
    expect(watchdog({ watchdog: { heartbeat: { urlKey: 'hb' } } })?.webhook_configs).toEqual([
      { url_file: '/etc/alertmanager/secrets/hb', send_resolved: false },
    ]);
    expect(receiverSecrets(withAlerting({ watchdog: { heartbeat: { urlKey: 'hb' } } })).heartbeat).toBe('hb');
    expect(watchdog({ watchdog: { heartbeat: { url: 'https://hb.example.org/ping' } } })?.webhook_configs).toEqual([
      { url: 'https://hb.example.org/ping', send_resolved: false },
    ]);
    expect(watchdog({ watchdog: {} })).toEqual({ name: 'watchdog' });
  });

  it('counts PagerDuty, a Slack critical channel, e-mail and a critical webhook as paging, and nothing else', () => {
    const paging = (receivers: NonNullable<Parameters<typeof withAlerting>[0]['receivers']>) =>
      pagingIntegrations(withAlerting({ receivers }));
    expect(paging({})).toEqual([]);
    expect(paging({ slack: { channel: '#alerts' } })).toEqual([]);
    expect(paging({ slack: { channel: '#alerts', criticalChannel: '#alerts' } })).toEqual([]);
    expect(paging({ webhook: { url: 'http://bridge:8080/hook', severities: ['warning', 'info'] } })).toEqual([]);
    expect(paging({ slack: { channel: '#alerts', criticalChannel: '#incidents' } })).toEqual(['slack']);
    expect(paging({ webhook: { url: 'http://bridge:8080/hook' } })).toEqual(['webhook']);
    expect(paging(fullInput().alerting!.receivers!)).toEqual(['pagerduty', 'slack', 'email', 'webhook']);
  });
});
