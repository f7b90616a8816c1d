import { toYaml } from '../../config/yaml';
import { ResolvedSettings } from '../stack/settings';
import { Inhibition, matcherText, RECEIVERS, ReceiverName, SEVERITY_RECEIVER, SHIPPED_INHIBITIONS, eq } from './routing';
import { Severity, SEVERITIES } from '../../config/alerting/settings';
import { alertmanagerSpec } from './spec';

/** Route timing defaults (the seeds' 30s / 5m / 4h; critical 10s / 30m; heartbeat every minute). */
export const ROUTING_DEFAULTS = {
  groupWait: '30s',
  groupInterval: '5m',
  repeatInterval: '4h',
  criticalGroupWait: '10s',
  criticalRepeatInterval: '30m',
  watchdogRepeatInterval: '1m',
} as const;

/** Default Secret keys of the receiver credentials. */
export const SECRET_KEY_DEFAULTS = {
  slack: 'slack-api-url',
  email: 'smtp-password',
  pagerduty: 'pagerduty-routing-key',
  heartbeat: 'watchdog-heartbeat-url',
} as const;

/** Labels notifications are grouped by. */
export const GROUP_BY = ['alertname', 'cluster', 'service'] as const;

const secretFile = (key: string) => `${alertmanagerSpec.secretsDir}/${key}`;
const template = (name: string) => `{{ template "${name}" . }}`;

/** Receivers whose credential is a secret file (`heartbeat`: the Watchdog's dead-man's switch). */
export type SecretReceiver = keyof typeof SECRET_KEY_DEFAULTS;

/** The Watchdog's heartbeat receiver, from `heartbeat` or the `heartbeatUrl` shorthand; undefined when none. */
export function heartbeatReceiver(
  settings: Pick<ResolvedSettings, 'alerting'>,
): { readonly url: string } | { readonly urlFile: string; readonly key: string } | undefined {
  const w = settings.alerting.watchdog ?? {};
  if (w.heartbeatUrl !== undefined) return { url: w.heartbeatUrl };
  if (!w.heartbeat) return undefined;
  if ('url' in w.heartbeat) return { url: w.heartbeat.url };
  const key = w.heartbeat.urlKey ?? SECRET_KEY_DEFAULTS.heartbeat;
  return { urlFile: secretFile(key), key };
}

/** The Secret key (file name under the secrets dir) of each configured receiver's credential. */
export function receiverSecrets(settings: Pick<ResolvedSettings, 'alerting'>): Partial<Record<SecretReceiver, string>> {
  const r = settings.alerting.receivers ?? {};
  const heartbeat = heartbeatReceiver(settings);
  return {
    ...(r.slack ? { slack: r.slack.apiUrlKey ?? SECRET_KEY_DEFAULTS.slack } : {}),
    ...(r.email ? { email: r.email.passwordKey ?? SECRET_KEY_DEFAULTS.email } : {}),
    ...(r.pagerduty ? { pagerduty: r.pagerduty.routingKeyKey ?? SECRET_KEY_DEFAULTS.pagerduty } : {}),
    ...(heartbeat && 'key' in heartbeat ? { heartbeat: heartbeat.key } : {}),
  };
}

/** Secret keys (file names under the secrets dir) the rendered config reads, for these settings. */
export function receiverSecretKeys(settings: Pick<ResolvedSettings, 'alerting'>): string[] {
  return Object.values(receiverSecrets(settings));
}

/** Integrations of the receiver of one severity. */
function severityReceiver(settings: Pick<ResolvedSettings, 'alerting'>, severity: Severity): Record<string, unknown> {
  const r = settings.alerting.receivers ?? {};
  const config: Record<string, unknown> = { name: SEVERITY_RECEIVER[severity] };
  const keys = receiverSecrets(settings);
  if (severity === 'critical' && keys.pagerduty) {
    config.pagerduty_configs = [
      {
        routing_key_file: secretFile(keys.pagerduty),
        description: template('stack.pagerduty.description'),
        severity: 'critical',
        details: {
          service: '{{ .CommonLabels.service }}',
          cluster: '{{ .CommonLabels.cluster }}',
          runbook: template('stack.pagerduty.runbook'),
        },
      },
    ];
  }
  if (r.slack && severity !== 'info') {
    config.slack_configs = [
      {
        channel: severity === 'critical' ? (r.slack.criticalChannel ?? r.slack.channel) : r.slack.channel,
        send_resolved: true,
        title: template('stack.title'),
        text: template('stack.slack.text'),
      },
    ];
  }
  if (r.email && severity !== 'warning') {
    config.email_configs = [{ to: r.email.to, headers: { Subject: template('stack.email.subject') }, html: template('stack.email.html') }];
  }
  if (r.webhook && (r.webhook.severities ?? SEVERITIES).includes(severity)) {
    config.webhook_configs = [{ url: r.webhook.url, send_resolved: true }];
  }
  return config;
}

/**
 * The integrations of the critical receiver that page someone: PagerDuty; Slack only with a
 * `criticalChannel` of its own (critical alerts in the warning channel wake nobody); e-mail
 * (the on-call mailbox); a webhook that receives critical alerts (an on-call bridge).
 */
export function pagingIntegrations(settings: Pick<ResolvedSettings, 'alerting'>): string[] {
  const r = settings.alerting.receivers ?? {};
  return [
    ...(r.pagerduty ? ['pagerduty'] : []),
    ...(r.slack?.criticalChannel !== undefined && r.slack.criticalChannel !== r.slack.channel ? ['slack'] : []),
    ...(r.email ? ['email'] : []),
    ...(r.webhook && (r.webhook.severities ?? SEVERITIES).includes('critical') ? ['webhook'] : []),
  ];
}

function receivers(settings: Pick<ResolvedSettings, 'alerting'>): Array<Record<string, unknown>> {
  const heartbeat = heartbeatReceiver(settings);
  // The dead-man's switch expects a steady stream of firing notifications; resolved ones never come.
  const hook = heartbeat && ('url' in heartbeat ? { url: heartbeat.url } : { url_file: heartbeat.urlFile });
  const byName: Record<ReceiverName, Record<string, unknown>> = {
    critical: severityReceiver(settings, 'critical'),
    warning: severityReceiver(settings, 'warning'),
    info: severityReceiver(settings, 'info'),
    watchdog: { name: 'watchdog', ...(hook ? { webhook_configs: [{ ...hook, send_resolved: false }] } : {}) },
    null: { name: 'null' },
  };
  return RECEIVERS.map((name) => byName[name]);
}

function globalSection(settings: Pick<ResolvedSettings, 'alerting'>): Record<string, unknown> {
  const r = settings.alerting.receivers ?? {};
  const keys = receiverSecrets(settings);
  return {
    resolve_timeout: '5m',
    ...(keys.slack ? { slack_api_url_file: secretFile(keys.slack) } : {}),
    ...(r.email
      ? {
          smtp_from: r.email.from,
          smtp_smarthost: r.email.smarthost,
          smtp_auth_username: r.email.username ?? r.email.from,
          smtp_auth_password_file: secretFile(keys.email!),
          smtp_require_tls: r.email.requireTls ?? true,
        }
      : {}),
  };
}

/** The route tree: Watchdog first, then the user's routes, then one route per severity. */
function route(settings: Pick<ResolvedSettings, 'alerting'>): Record<string, unknown> {
  const routing = settings.alerting.routing ?? {};
  return {
    receiver: 'warning',
    group_by: [...GROUP_BY],
    group_wait: routing.groupWait ?? ROUTING_DEFAULTS.groupWait,
    group_interval: routing.groupInterval ?? ROUTING_DEFAULTS.groupInterval,
    repeat_interval: routing.repeatInterval ?? ROUTING_DEFAULTS.repeatInterval,
    routes: [
      {
        receiver: 'watchdog',
        matchers: [matcherText(eq('alertname', 'Watchdog'))],
        group_wait: '0s',
        group_interval: '1m',
        repeat_interval: settings.alerting.watchdog?.repeatInterval ?? ROUTING_DEFAULTS.watchdogRepeatInterval,
      },
      ...(settings.alerting.routes ?? []).map((r) => ({
        receiver: r.receiver,
        matchers: Object.entries(r.matchers).map(([name, value]) => matcherText(eq(name, value))),
        ...(r.continue ? { continue: true } : {}),
      })),
      {
        receiver: 'critical',
        matchers: [matcherText(eq('severity', 'critical'))],
        group_wait: routing.criticalGroupWait ?? ROUTING_DEFAULTS.criticalGroupWait,
        repeat_interval: routing.criticalRepeatInterval ?? ROUTING_DEFAULTS.criticalRepeatInterval,
      },
      { receiver: 'warning', matchers: [matcherText(eq('severity', 'warning'))] },
      { receiver: 'info', matchers: [matcherText(eq('severity', 'info'))] },
    ],
  };
}

/** Shipped plus user inhibitions, in matcher form. */
export function inhibitionsFor(settings: Pick<ResolvedSettings, 'alerting'>): Inhibition[] {
  return [
    ...SHIPPED_INHIBITIONS,
    ...(settings.alerting.inhibitions ?? []).map((i, n) => ({
      why: `alerting.inhibitions[${n}]`,
      source: Object.entries(i.source).map(([k, v]) => eq(k, v)),
      target: Object.entries(i.target).map(([k, v]) => eq(k, v)),
      equal: [...(i.equal ?? [])],
    })),
  ];
}

/** Renders `alertmanager.yml`: only `*_file` references to secrets, never their values. */
export function renderAlertmanagerConfig(settings: Pick<ResolvedSettings, 'alerting'>): string {
  const config = {
    global: globalSection(settings),
    route: route(settings),
    inhibit_rules: inhibitionsFor(settings).map((i) => ({
      source_matchers: i.source.map(matcherText),
      target_matchers: i.target.map(matcherText),
      ...(i.equal.length ? { equal: [...i.equal] } : {}),
    })),
    receivers: receivers(settings),
    templates: [`${alertmanagerSpec.configDir}/*.tmpl`],
  };
  return toYaml(config);
}

/** Warnings for integrations left out because they are not configured. */
export function receiverWarnings(settings: Pick<ResolvedSettings, 'alerting'>): string[] {
  const r = settings.alerting.receivers ?? {};
  const warnings: string[] = [];
  if (!r.slack && !r.email && !r.pagerduty && !r.webhook) {
    warnings.push(
      'alerting: no receiver configured: alerts go nowhere except the Alertmanager UI (set ' +
        'alerting.receivers.slack, email, pagerduty or webhook).',
    );
  }
  const missing = (what: string, key: string, effect: string) =>
    warnings.push(`alerting: no ${what} configured (alerting.receivers.${key}); ${effect}.`);
  if (!r.pagerduty) missing('PagerDuty routing key', 'pagerduty', 'critical alerts will not page PagerDuty');
  if (!r.slack) missing('Slack webhook', 'slack', 'critical and warning alerts will not reach Slack');
  if (!r.email) missing('SMTP e-mail', 'email', 'critical and info alerts will not be e-mailed');
  const optOut = settings.alerting.watchdog?.optOut;
  if (!heartbeatReceiver(settings)) {
    warnings.push(
      optOut
        ? `alerting: no Watchdog heartbeat, opted out (alerting.watchdog.optOut.reason: ${JSON.stringify(optOut.reason)}).`
        : 'alerting: no Watchdog heartbeat (alerting.watchdog.heartbeat); nobody notices if the alerting pipeline itself dies.',
    );
  }
  if (pagingIntegrations(settings).length === 0) {
    warnings.push(
      'alerting: nothing pages for critical alerts (set alerting.receivers.pagerduty, slack.criticalChannel, email or a ' +
        'critical webhook); the prod profile refuses to synth without one.',
    );
  }
  for (const severity of SEVERITIES) {
    const receiver = severityReceiver(settings, severity);
    if (Object.keys(receiver).length === 1)
      warnings.push(`alerting: receiver "${severity}" has no integration; ${severity} alerts are dropped.`);
  }
  return warnings;
}
