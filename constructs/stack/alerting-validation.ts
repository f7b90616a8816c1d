import { duration, parseDuration } from '../../config/duration';
import { fail } from '../../config/errors';
import { dnsLabel, promLabelName, promMetricName } from '../../config/names';
import { isAlertRule, RuleGroup } from '../../config/rules';
import { ResolvedSettings } from './settings';
import { AlertDefinition } from '../../config/alerting/definition';
import { heartbeatReceiver, inhibitionsFor, pagingIntegrations } from '../alertmanager/files';
import { loadRuleFiles } from '../../config/alerting/rule-files';
import { shippedRuleFiles, shippedRuleGroups } from './rule-groups';
import { Matcher, matches, RECEIVERS, SHIPPED_INHIBITIONS } from '../alertmanager/routing';
import { DATABASE_ALERTS } from '../datastores/alerts';
import { COMPONENTS } from '../registry';
import { SERVICE_ALERTS } from '../services/alerts';
import {
  ALERT_OVERRIDE_KEYS,
  ALERTING_KEYS,
  AlertOverride,
  EMAIL_KEYS,
  EXPORTER_KEYS,
  EXPORTERS_KEYS,
  DATABASE_CLIENT_KEYS,
  FRESHNESS_KEYS,
  HEARTBEAT_LITERAL_KEYS,
  HEARTBEAT_SECRET_KEYS,
  INHIBITION_KEYS,
  PAGERDUTY_KEYS,
  PROBE_KEYS,
  RECEIVERS_KEYS,
  ROUTE_KEYS,
  ROUTING_KEYS,
  SERVICE_ALERTING_KEYS,
  DatabaseClientSettings,
  ServiceAlerting,
  SEVERITIES,
  SLACK_KEYS,
  SLO_KEYS,
  SloSettings,
  WATCHDOG_KEYS,
  WATCHDOG_OPT_OUT_KEYS,
  WEBHOOK_KEYS,
} from '../../config/alerting/settings';
import { checkEachKeys, checkKeys, suggest } from '../../config/strict';
import { LONGEST_BURN_WINDOW, SLO_ALERTS } from '../services/slo';

type AnyDefinition = AlertDefinition<never>;

/** Every shipped alert definition, by name. */
export function catalogDefinitions(): Map<string, AnyDefinition> {
  return new Map(COMPONENTS.flatMap((c) => c.alerts ?? []).map((d) => [d.alert, d as AnyDefinition]));
}

const SECRET_KEY = /^[-._a-zA-Z0-9]{1,253}$/;
const URL = /^https?:\/\/[^\s]+$/;

function nonEmpty(where: string, field: string, value: unknown, allowed: string): void {
  if (typeof value !== 'string' || value.trim() === '') fail(where, field, value, allowed);
}

function checkOverrides(
  where: string,
  field: string,
  overrides: Readonly<Record<string, AlertOverride>> | undefined,
  known: Map<string, AnyDefinition>,
): void {
  if (overrides === undefined) return;
  if (typeof overrides !== 'object' || overrides === null) fail(where, field, overrides, 'a map of alert name -> override');
  for (const [name, override] of Object.entries(overrides)) {
    const at = `${field}.${name}`;
    const definition = known.get(name);
    if (!definition) {
      // A short list (a service's alerts) is named in full; the whole catalog (docs/alert-coverage.md) is
      // too long for a message: the likely one is named instead.
      const names = [...known.keys()].sort();
      const closest = suggest(name, names);
      fail(
        where,
        field,
        name,
        names.length <= 20
          ? `a shipped alert name: ${names.join(', ')}`
          : `a shipped alert name (docs/alert-coverage.md)${closest ? `; did you mean ${closest}?` : ''}`,
      );
    }
    if (typeof override !== 'object' || override === null) fail(where, at, override, `an object with ${ALERT_OVERRIDE_KEYS.join(', ')}`);
    checkKeys(where, at, override, ALERT_OVERRIDE_KEYS);
    if (override.enabled !== undefined && typeof override.enabled !== 'boolean')
      fail(where, `${at}.enabled`, override.enabled, 'true or false');
    if (override.threshold !== undefined) {
      if (definition.threshold === undefined)
        fail(where, `${at}.threshold`, override.threshold, `no threshold: ${name} has none to override`);
      if (typeof override.threshold !== 'number' || !Number.isFinite(override.threshold)) {
        fail(
          where,
          `${at}.threshold`,
          override.threshold,
          `a finite number (${definition.thresholdUnit ?? 'the alert threshold'}, default ${definition.threshold})`,
        );
      }
      const range = definition.thresholdRange;
      if (range && !(override.threshold > range.above && override.threshold <= range.atMost)) {
        fail(
          where,
          `${at}.threshold`,
          override.threshold,
          `a number greater than ${range.above} and at most ${range.atMost} (${definition.thresholdUnit}, default ${definition.threshold})`,
        );
      }
    }
    if (override.for !== undefined) duration(where, `${at}.for`, override.for);
    if (override.severity !== undefined && !SEVERITIES.includes(override.severity))
      fail(where, `${at}.severity`, override.severity, SEVERITIES.map((s) => `"${s}"`).join(', '));
    for (const [key, value] of Object.entries(override.labels ?? {})) {
      promLabelName(where, `${at}.labels key`, key);
      if (key === 'severity' || key === 'alertname')
        fail(where, `${at}.labels key`, key, 'a label other than severity and alertname (use the severity field)');
      if (typeof value !== 'string') fail(where, `${at}.labels.${key}`, value, 'a string');
    }
  }
}

function checkSlo(where: string, at: string, slo: SloSettings, names: Set<string>): void {
  dnsLabel(where, `${at}.name`, slo.name);
  if (names.has(slo.name)) fail(where, `${at}.name`, slo.name, 'an SLO name not used by another SLO of the same service');
  names.add(slo.name);
  if (slo.kind !== 'availability' && slo.kind !== 'latency') fail(where, `${at}.kind`, slo.kind, '"availability" or "latency"');
  if (typeof slo.objective !== 'number' || !(slo.objective > 0 && slo.objective < 100)) {
    fail(where, `${at}.objective`, slo.objective, 'a percentage strictly between 0 and 100, e.g. 99.9');
  }
  if (slo.window !== undefined) {
    const ms = duration(where, `${at}.window`, slo.window);
    if (ms < (parseDuration(LONGEST_BURN_WINDOW) ?? 0)) {
      fail(where, `${at}.window`, slo.window, `a window of at least ${LONGEST_BURN_WINDOW}, the longest burn-rate window (default 30d)`);
    }
  }
  if (slo.kind === 'latency') {
    if (typeof slo.latencyThreshold !== 'number' || !(slo.latencyThreshold > 0) || !Number.isFinite(slo.latencyThreshold)) {
      fail(
        where,
        `${at}.latencyThreshold`,
        slo.latencyThreshold,
        'a positive number of seconds equal to a histogram bucket boundary (le), e.g. 0.3',
      );
    }
  } else if (slo.latencyThreshold !== undefined) {
    fail(where, `${at}.latencyThreshold`, slo.latencyThreshold, 'nothing: only latency SLOs take a latencyThreshold');
  }
}

function checkService(
  where: string,
  at: string,
  alerting: ServiceAlerting | undefined,
  known: Map<string, AnyDefinition>,
  interval: string | undefined,
): void {
  if (!alerting) return;
  checkKeys(where, at, alerting, SERVICE_ALERTING_KEYS);
  checkKeys(where, `${at}.probe`, alerting.probe, PROBE_KEYS);
  checkKeys(where, `${at}.freshness`, alerting.freshness, FRESHNESS_KEYS);
  checkKeys(where, `${at}.databaseClient`, alerting.databaseClient, DATABASE_CLIENT_KEYS);
  checkEachKeys(where, `${at}.slos`, alerting.slos, SLO_KEYS);
  if (alerting.requestsMetric !== undefined) promMetricName(where, `${at}.requestsMetric`, alerting.requestsMetric);
  if (alerting.durationMetric !== undefined) promMetricName(where, `${at}.durationMetric`, alerting.durationMetric);
  if (alerting.errorCodes !== undefined) {
    nonEmpty(where, `${at}.errorCodes`, alerting.errorCodes, 'a regular expression on the code label, e.g. "5.."');
    try {
      new RegExp(alerting.errorCodes);
    } catch {
      fail(where, `${at}.errorCodes`, alerting.errorCodes, 'a valid regular expression, e.g. "5.."');
    }
  }
  if (alerting.probe) {
    nonEmpty(where, `${at}.probe.instance`, alerting.probe.instance, 'the probed target (the instance label of probe_success)');
    if (alerting.probe.job !== undefined) nonEmpty(where, `${at}.probe.job`, alerting.probe.job, 'the blackbox exporter job name');
  }
  if (alerting.fastDetection !== undefined && typeof alerting.fastDetection !== 'boolean')
    fail(where, `${at}.fastDetection`, alerting.fastDetection, 'true or false');
  if (alerting.fastDetection && interval !== undefined) {
    fail(
      where,
      `${at}.fastDetection`,
      alerting.fastDetection,
      `false when the service sets its own interval (${JSON.stringify(interval)}): fast detection scrapes every 5s`,
    );
  }
  if (alerting.databaseClient) validateDatabaseClient(where, `${at}.databaseClient`, alerting.databaseClient);
  if (alerting.freshness) {
    promMetricName(where, `${at}.freshness.metric`, alerting.freshness.metric);
    if (alerting.freshness.maxAge !== undefined) duration(where, `${at}.freshness.maxAge`, alerting.freshness.maxAge);
  }
  const serviceAlerts = new Map(
    [...known].filter(([name]) => SERVICE_ALERTS.some((d) => d.alert === name) || SLO_ALERTS.some((d) => d.alert === name)),
  );
  checkOverrides(where, `${at}.alerts`, alerting.alerts, serviceAlerts);
  const names = new Set<string>();
  (alerting.slos ?? []).forEach((slo, i) => checkSlo(where, `${at}.slos[${i}]`, slo, names));
}

function checkReceivers(where: string, settings: ResolvedSettings): void {
  checkKeys(where, 'alerting.receivers', settings.alerting.receivers, RECEIVERS_KEYS);
  const r = settings.alerting.receivers ?? {};
  checkKeys(where, 'alerting.receivers.slack', r.slack, SLACK_KEYS);
  checkKeys(where, 'alerting.receivers.email', r.email, EMAIL_KEYS);
  checkKeys(where, 'alerting.receivers.pagerduty', r.pagerduty, PAGERDUTY_KEYS);
  checkKeys(where, 'alerting.receivers.webhook', r.webhook, WEBHOOK_KEYS);
  checkKeys(where, 'alerting.watchdog', settings.alerting.watchdog, WATCHDOG_KEYS);
  checkKeys(where, 'alerting.routing', settings.alerting.routing, ROUTING_KEYS);
  checkEachKeys(where, 'alerting.routes', settings.alerting.routes, ROUTE_KEYS);
  const key = (field: string, value: string | undefined) => {
    if (value !== undefined && (typeof value !== 'string' || !SECRET_KEY.test(value)))
      fail(where, field, value, 'a Kubernetes Secret key: letters, digits, "-", "_", "."');
  };
  if (r.slack) {
    nonEmpty(where, 'alerting.receivers.slack.channel', r.slack.channel, 'a Slack channel such as "#alerts"');
    if (r.slack.criticalChannel !== undefined)
      nonEmpty(where, 'alerting.receivers.slack.criticalChannel', r.slack.criticalChannel, 'a Slack channel such as "#incidents"');
    key('alerting.receivers.slack.apiUrlKey', r.slack.apiUrlKey);
  }
  if (r.email) {
    for (const field of ['to', 'from'] as const) {
      if (typeof r.email[field] !== 'string' || !r.email[field].includes('@'))
        fail(where, `alerting.receivers.email.${field}`, r.email[field], 'an e-mail address');
    }
    if (typeof r.email.smarthost !== 'string' || !/^[^\s:]+:\d+$/.test(r.email.smarthost))
      fail(where, 'alerting.receivers.email.smarthost', r.email.smarthost, 'host:port of the SMTP server, e.g. "smtp.example.org:587"');
    key('alerting.receivers.email.passwordKey', r.email.passwordKey);
  }
  if (r.pagerduty) key('alerting.receivers.pagerduty.routingKeyKey', r.pagerduty.routingKeyKey);
  if (r.webhook) {
    if (typeof r.webhook.url !== 'string' || !URL.test(r.webhook.url))
      fail(where, 'alerting.receivers.webhook.url', r.webhook.url, 'an http(s) URL');
    (r.webhook.severities ?? []).forEach((s, i) => {
      if (!SEVERITIES.includes(s))
        fail(where, `alerting.receivers.webhook.severities[${i}]`, s, SEVERITIES.map((x) => `"${x}"`).join(', '));
    });
  }
  checkWatchdog(where, settings);
  for (const [field, value] of Object.entries(settings.alerting.routing ?? {})) {
    if (value !== undefined) duration(where, `alerting.routing.${field}`, value as string);
  }
  (settings.alerting.routes ?? []).forEach((route, i) => {
    if (!(RECEIVERS as readonly string[]).includes(route.receiver))
      fail(where, `alerting.routes[${i}].receiver`, route.receiver, `a known receiver: ${RECEIVERS.join(', ')}`);
    if (!route.matchers || Object.keys(route.matchers).length === 0)
      fail(where, `alerting.routes[${i}].matchers`, route.matchers, 'at least one label matcher');
    Object.keys(route.matchers).forEach((k) => promLabelName(where, `alerting.routes[${i}].matchers key`, k));
  });
}

/** Query parameters whose name says they carry a credential. */
const CREDENTIAL_PARAM = /token|secret|passw|key|auth|sig|credential/i;

/** A literal URL that goes into alertmanager.yml: http(s), without user info or credential-like query parameters. */
function plainUrl(where: string, field: string, value: unknown): void {
  if (typeof value !== 'string' || !URL.test(value)) fail(where, field, value, 'an http(s) URL');
  const url = new globalThis.URL(value);
  const secretParams = [...url.searchParams.keys()].filter((k) => CREDENTIAL_PARAM.test(k));
  if (url.username || url.password || secretParams.length) {
    // Never echo the value: it holds a credential.
    fail(
      where,
      field,
      `${url.protocol}//[redacted]`,
      'a URL without credentials (no user:password@, no token/key/secret query parameter); put a URL that carries ' +
        'one in the Secret and set alerting.watchdog.heartbeat.urlKey instead',
    );
  }
}

function checkWatchdog(where: string, settings: ResolvedSettings): void {
  const w = settings.alerting.watchdog;
  if (!w) return;
  const heartbeat = w.heartbeat as Record<string, unknown> | undefined;
  if (heartbeat !== undefined) {
    if (typeof heartbeat !== 'object' || heartbeat === null || Array.isArray(heartbeat))
      fail(where, 'alerting.watchdog.heartbeat', heartbeat, 'an object: { urlKey } (URL in a Secret file) or { url } (plain URL)');
    const literal = 'url' in heartbeat;
    checkKeys(where, 'alerting.watchdog.heartbeat', heartbeat, literal ? HEARTBEAT_LITERAL_KEYS : HEARTBEAT_SECRET_KEYS);
    if (literal) plainUrl(where, 'alerting.watchdog.heartbeat.url', heartbeat.url);
    else if (heartbeat.urlKey !== undefined && (typeof heartbeat.urlKey !== 'string' || !SECRET_KEY.test(heartbeat.urlKey)))
      fail(where, 'alerting.watchdog.heartbeat.urlKey', heartbeat.urlKey, 'a Kubernetes Secret key: letters, digits, "-", "_", "."');
  }
  if (w.heartbeatUrl !== undefined) {
    if (heartbeat !== undefined)
      fail(where, 'alerting.watchdog.heartbeatUrl', w.heartbeatUrl, 'unset when alerting.watchdog.heartbeat is set (one heartbeat)');
    plainUrl(where, 'alerting.watchdog.heartbeatUrl', w.heartbeatUrl);
  }
  if (w.optOut !== undefined) {
    checkKeys(where, 'alerting.watchdog.optOut', w.optOut, WATCHDOG_OPT_OUT_KEYS);
    nonEmpty(
      where,
      'alerting.watchdog.optOut.reason',
      w.optOut?.reason,
      'a non-empty sentence saying why nobody needs to notice a dead alerting pipeline',
    );
    if (heartbeat !== undefined || w.heartbeatUrl !== undefined)
      fail(where, 'alerting.watchdog.optOut', w.optOut, 'unset when a heartbeat is configured (opt out or configure one, not both)');
  }
  if (w.repeatInterval !== undefined) duration(where, 'alerting.watchdog.repeatInterval', w.repeatInterval);
}

/**
 * What the prod profile requires of alerting, so that a dead pipeline, a dead link or an
 * unrouted page cannot ship silently: a heartbeat (or a stated opt-out), an absolute runbook
 * URL, and an integration that pages for critical alerts, with no user route diverting them.
 */
function checkProdAlerting(where: string, settings: ResolvedSettings): void {
  if (settings.profile !== 'prod') return;
  const alerting = settings.alerting;
  if (!heartbeatReceiver(settings) && !alerting.watchdog?.optOut) {
    fail(
      where,
      'alerting.watchdog.heartbeat',
      undefined,
      "a dead-man's-switch receiver in the prod profile: { urlKey: '<Secret key>' } (URL read from the " +
        "alertmanager-receivers Secret) or { url: '<plain URL>' }, or alerting.watchdog.optOut: { reason: '...' }",
    );
  }
  if (alerting.runbookBaseUrl === undefined || !URL.test(alerting.runbookBaseUrl)) {
    fail(
      where,
      'alerting.runbookBaseUrl',
      alerting.runbookBaseUrl,
      'an absolute http(s) URL in the prod profile (where the runbook pages are published, e.g. ' +
        '"https://github.com/acme/observability/blob/main/docs/runbooks"), so every notification links a page',
    );
  }
  if (pagingIntegrations(settings).length === 0) {
    fail(
      where,
      'alerting.receivers',
      Object.keys(alerting.receivers ?? {}),
      'at least one integration that pages for critical alerts in the prod profile: pagerduty, slack with a ' +
        'criticalChannel other than its channel, email, or a webhook whose severities include "critical"',
    );
  }
  (alerting.routes ?? []).forEach((route, i) => {
    const keys = Object.keys(route.matchers);
    if (keys.length === 1 && route.matchers.severity === 'critical' && route.receiver !== 'critical' && !route.continue) {
      fail(
        where,
        `alerting.routes[${i}].receiver`,
        route.receiver,
        '"critical" or continue: true in the prod profile: this route takes every critical alert away from the paging receiver',
      );
    }
  });
}

/** Whether an alert rule could carry labels accepted by all matchers; unknown labels come from series, so they may. */
function mayMatch(rule: { alert: string; labels?: Readonly<Record<string, string>> }, matchers: readonly Matcher[]): boolean {
  const fixed: Record<string, string> = { ...rule.labels, alertname: rule.alert };
  return matchers.every((m) => (m.name in fixed ? matches(m, fixed[m.name]) : true));
}

function checkInhibitions(where: string, settings: ResolvedSettings, groups: readonly RuleGroup[]): void {
  (settings.alerting.inhibitions ?? []).forEach((i, n) => {
    const at = `alerting.inhibitions[${n}]`;
    checkKeys(where, at, i, INHIBITION_KEYS);
    for (const side of ['source', 'target'] as const) {
      if (!i[side] || typeof i[side] !== 'object' || Object.keys(i[side]).length === 0)
        fail(where, `${at}.${side}`, i[side], 'at least one label matcher');
      Object.keys(i[side]).forEach((k) => promLabelName(where, `${at}.${side} key`, k));
    }
    (i.equal ?? []).forEach((k, e) => promLabelName(where, `${at}.equal[${e}]`, k));
  });
  const alerts = groups.flatMap((g) => g.rules.filter(isAlertRule));
  // Only the user's inhibitions must match something: a shipped one may wait for its alerts
  // (e.g. the service-down inhibition in a stack that declares no service yet).
  inhibitionsFor(settings)
    .slice(SHIPPED_INHIBITIONS.length)
    .forEach((inhibition) => {
      for (const side of ['source', 'target'] as const) {
        if (!alerts.some((a) => mayMatch(a, inhibition[side]))) {
          const field = `${inhibition.why}.${side}`;
          fail(
            where,
            field,
            Object.fromEntries(inhibition[side].map((m) => [m.name, m.value])),
            'matchers that match at least one alert this stack defines (check alertname and severity)',
          );
        }
      }
    });
}

/**
 * Validates `settings.alerting` and the per-service alerting settings. Throws a SettingsError
 * naming `where`, the field, the bad value and what is allowed.
 */
export function validateAlerting(settings: ResolvedSettings, where: string): void {
  const alerting = settings.alerting ?? {};
  checkKeys(where, 'alerting', alerting, ALERTING_KEYS);
  checkKeys(where, 'alerting.exporters', alerting.exporters, EXPORTERS_KEYS);
  const known = catalogDefinitions();
  checkOverrides(where, 'alerting.alerts', alerting.alerts, known);
  const exporters = alerting.exporters ?? {};
  for (const [name, exporter] of Object.entries(exporters)) {
    if (!DATABASE_ALERTS.some((d) => d.exporter === name))
      fail(where, 'alerting.exporters', name, DATABASE_ALERTS.map((d) => d.exporter).join(', '));
    checkKeys(where, `alerting.exporters.${name}`, exporter, EXPORTER_KEYS);
    for (const [k, v] of Object.entries(exporter?.matchers ?? {})) {
      promLabelName(where, `alerting.exporters.${name}.matchers key`, k);
      if (typeof v !== 'string') fail(where, `alerting.exporters.${name}.matchers.${k}`, v, 'a label value (string)');
    }
  }
  if (alerting.runbookBaseUrl !== undefined)
    nonEmpty(where, 'alerting.runbookBaseUrl', alerting.runbookBaseUrl, 'a URL or path prefix of the runbook pages');
  settings.services.forEach((service, i) => checkService(where, `services[${i}].alerting`, service.alerting, known, service.interval));
  checkReceivers(where, settings);
  checkProdAlerting(where, settings);
  const shipped = shippedRuleGroups(settings);
  const loaded = loadRuleFiles(where, alerting.ruleFiles, shippedRuleFiles(shipped));
  const groups = [...Object.values(shipped), ...Object.values(loaded)].flat();
  checkSeverities(where, 'ruleGroups', settings.ruleGroups);
  for (const [file, fileGroups] of Object.entries(loaded)) checkSeverities(where, `alerting.ruleFiles["${file}"].groups`, fileGroups);
  checkInhibitions(where, settings, groups);
}

/** Severities an alert may carry: the routed ones, and `none` (never notified, like the Watchdog). */
const RULE_SEVERITIES: readonly string[] = [...SEVERITIES, 'none'];

/**
 * Every user alert names a severity of the closed set; a misspelt or missing one would otherwise
 * fall through to the default receiver unnoticed.
 */
function checkSeverities(where: string, field: string, groups: readonly RuleGroup[]): void {
  groups.forEach((group, g) =>
    group.rules.forEach((rule, r) => {
      if (!isAlertRule(rule)) return;
      const severity = rule.labels?.severity;
      if (!RULE_SEVERITIES.includes(severity as string)) {
        fail(
          where,
          `${field}[${g}].rules[${r}].labels.severity`,
          severity,
          `one of ${RULE_SEVERITIES.map((x) => `"${x}"`).join(', ')} (alert ${rule.alert})`,
        );
      }
    }),
  );
}

/** The pool gauges come as a pair (a ratio needs both); every name is a valid metric name. */
function validateDatabaseClient(where: string, at: string, client: DatabaseClientSettings): void {
  const { poolInUseMetric: inUse, poolMaxMetric: max, queryDurationMetric: queryDuration } = client;
  if (inUse === undefined && max === undefined && queryDuration === undefined)
    fail(where, at, client, 'poolInUseMetric and poolMaxMetric, queryDurationMetric, or both');
  if ((inUse === undefined) !== (max === undefined)) {
    const [missing, given] = inUse === undefined ? ['poolInUseMetric', 'poolMaxMetric'] : ['poolMaxMetric', 'poolInUseMetric'];
    fail(where, `${at}.${missing}`, undefined, `the pool gauge that goes with ${given} (the alert divides one by the other)`);
  }
  if (inUse !== undefined) promMetricName(where, `${at}.poolInUseMetric`, inUse);
  if (max !== undefined) promMetricName(where, `${at}.poolMaxMetric`, max);
  if (queryDuration !== undefined) promMetricName(where, `${at}.queryDurationMetric`, queryDuration);
}
