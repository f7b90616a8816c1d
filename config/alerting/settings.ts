/**
 * Alerting settings: alert catalog overrides, database/queue exporters, receivers, routing
 * and SLOs. Everything is optional; unset fields take the defaults written next to them.
 */
import { keysOf } from '../strict';

/** Alert severities that route to a receiver. `none` is only used by the Watchdog. */
export type Severity = 'critical' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['critical', 'warning', 'info'];

/** Changes to one shipped alert. */
export interface AlertOverride {
  /** Set false to drop the alert. @default true */
  readonly enabled?: boolean;
  /** New threshold, in the unit the alert's runbook names (ratio 0..1, seconds, count). @default the catalog's */
  readonly threshold?: number;
  /** How long the condition must hold (`for`). @default the catalog's */
  readonly for?: string;
  /** Severity label. @default the catalog's */
  readonly severity?: Severity;
  /** Extra labels added to the alert (e.g. `team`). @default none */
  readonly labels?: Readonly<Record<string, string>>;
}

/** Where a database or queue exporter's series are found. */
export interface ExporterAlerting {
  /** Label matchers that select the exporter's series, e.g. `{ job: 'postgres' }`. @default none (every series of the metric) */
  readonly matchers?: Readonly<Record<string, string>>;
}

/** Exporters the stack alerts on; an entry switches its alerts on. */
export interface ExportersAlerting {
  /** postgres_exporter (`pg_up`, `pg_stat_activity_*`). @default off */
  readonly postgres?: ExporterAlerting;
  /** mysqld_exporter (`mysql_up`, `mysql_global_status_*`). @default off */
  readonly mysql?: ExporterAlerting;
  /** redis_exporter (`redis_up`, `redis_connected_clients`). @default off */
  readonly redis?: ExporterAlerting;
  /** kafka_exporter (`kafka_consumergroup_lag`). @default off */
  readonly kafka?: ExporterAlerting;
}

/** Slack: the webhook URL is read from the Secret key `apiUrlKey`. */
export interface SlackReceiver {
  /** Channel for critical and warning alerts, e.g. `#alerts`. */
  readonly channel: string;
  /** Channel for critical alerts. @default `channel` */
  readonly criticalChannel?: string;
  /** Secret key holding the incoming-webhook URL. @default `slack-api-url` */
  readonly apiUrlKey?: string;
}

/** E-mail over SMTP: the password is read from the Secret key `passwordKey`. */
export interface EmailReceiver {
  /** Recipient address(es), comma separated. */
  readonly to: string;
  /** Sender address. */
  readonly from: string;
  /** SMTP server `host:port`. */
  readonly smarthost: string;
  /** SMTP user name. @default `from` */
  readonly username?: string;
  /** Secret key holding the SMTP password. @default `smtp-password` */
  readonly passwordKey?: string;
  /** Require STARTTLS. @default true */
  readonly requireTls?: boolean;
}

/** PagerDuty Events API v2: the routing key is read from the Secret key `routingKeyKey`. */
export interface PagerDutyReceiver {
  /** Secret key holding the integration (routing) key. @default `pagerduty-routing-key` */
  readonly routingKeyKey?: string;
}

/** A plain (non-secret) webhook, e.g. an on-call bridge inside the cluster. */
export interface WebhookReceiver {
  /** URL the notifications are POSTed to (not a secret: it is written into alertmanager.yml). */
  readonly url: string;
  /** Severities sent to it. @default all (critical, warning, info) */
  readonly severities?: readonly Severity[];
}

/** Notification integrations. A missing one is left out of every receiver, with a warning at synth. */
export interface ReceiversSettings {
  /** Slack (critical and warning). @default not configured */
  readonly slack?: SlackReceiver;
  /** E-mail (critical and info). @default not configured */
  readonly email?: EmailReceiver;
  /** PagerDuty (critical). @default not configured */
  readonly pagerduty?: PagerDutyReceiver;
  /** Extra plain webhook. @default none */
  readonly webhook?: WebhookReceiver;
}

/**
 * The dead-man's-switch service the Watchdog is posted to (a webhook receiver). Give either a
 * Secret key (`urlKey`: Alertmanager reads the URL from that file, `url_file`) or a literal
 * `url`. A literal URL lands in `alertmanager.yml` and in the ConfigMap, so it must carry no
 * credentials: no `user:password@`, no token-like query parameter. Services whose URL path is
 * itself the secret (a ping UUID or token) belong in the Secret.
 */
export type HeartbeatReceiver = HeartbeatFromSecret | HeartbeatLiteral;

/** Heartbeat URL read from a Secret file. */
export interface HeartbeatFromSecret {
  /** Key of the `alertmanager-receivers` Secret holding the URL (Alertmanager `url_file`). @default `watchdog-heartbeat-url` */
  readonly urlKey?: string;
}

/** Heartbeat URL written into alertmanager.yml; it must carry no credentials. */
export interface HeartbeatLiteral {
  /** Plain http(s) heartbeat URL. @default none (required) */
  readonly url: string;
}

/** An explicit decision to run prod without a dead-man's switch. */
export interface WatchdogOptOut {
  /** Why nobody needs to notice a dead alerting pipeline (non-empty, kept in the synth output warnings). */
  readonly reason: string;
}

/** The always-firing Watchdog alert and its heartbeat. */
export interface WatchdogSettings {
  /**
   * The dead-man's-switch receiver; required by the prod profile unless `optOut` is set.
   * @default none (the Watchdog is dropped by a receiver without integration)
   */
  readonly heartbeat?: HeartbeatReceiver;
  /**
   * Shorthand for `heartbeat: { url }` (plain URL without credentials); not together with `heartbeat`.
   * @default none
   */
  readonly heartbeatUrl?: string;
  /** Run the prod profile without a heartbeat, with the reason stated. @default none (prod requires a heartbeat) */
  readonly optOut?: WatchdogOptOut;
  /** How often the heartbeat repeats. @default `1m` */
  readonly repeatInterval?: string;
}

/** Grouping and timing of the route tree. */
export interface RoutingSettings {
  /** Wait before the first notification of a new group. @default `30s` */
  readonly groupWait?: string;
  /** Wait before notifying about new alerts in a group. @default `5m` */
  readonly groupInterval?: string;
  /** Resend interval of a still-firing group. @default `4h` */
  readonly repeatInterval?: string;
  /** group_wait of critical alerts. @default `10s` */
  readonly criticalGroupWait?: string;
  /** repeat_interval of critical alerts. @default `30m` */
  readonly criticalRepeatInterval?: string;
  /** Evaluation interval of the service availability alerts (ServiceDown, ServiceProbeFailed). @default `5s` */
  readonly availabilityEvaluationInterval?: string;
}

/** An extra route placed before the severity routes. */
export interface RouteSettings {
  /** Equality matchers, label -> value. */
  readonly matchers: Readonly<Record<string, string>>;
  /** Receiver name: `critical`, `warning`, `info`, `watchdog` or `null`. */
  readonly receiver: string;
  /** Keep matching the following routes. @default false */
  readonly continue?: boolean;
}

/** An extra inhibition: alerts matching `target` are muted while one matching `source` fires. */
export interface InhibitionSettings {
  /** Equality matchers of the muting alert. */
  readonly source: Readonly<Record<string, string>>;
  /** Equality matchers of the muted alerts. */
  readonly target: Readonly<Record<string, string>>;
  /** Labels that must be equal on both. @default none */
  readonly equal?: readonly string[];
}

/** Everything alerting; set on `StackSettings.alerting`. */
export interface AlertingSettings {
  /** Overrides of shipped alerts by alert name (applies to every instance, e.g. every service). @default none */
  readonly alerts?: Readonly<Record<string, AlertOverride>>;
  /** Database and queue exporters to alert on. @default none */
  readonly exporters?: ExportersAlerting;
  /** Existing rule files (file name -> YAML text), validated like the shipped ones. @default none */
  readonly ruleFiles?: Readonly<Record<string, string>>;
  /**
   * Base URL of the runbook pages; each alert links `<base>/<AlertName>.md`. The prod profile
   * requires an absolute http(s) URL, so every notification carries a clickable link.
   * @default `docs/runbooks` (this repository's path; dev only: point it at where you host the docs)
   */
  readonly runbookBaseUrl?: string;
  /** Notification integrations. @default none (only the Watchdog route, and a warning) */
  readonly receivers?: ReceiversSettings;
  /** Watchdog heartbeat (dead-man's switch); required by the prod profile unless opted out. @default no heartbeat */
  readonly watchdog?: WatchdogSettings;
  /** Route timing. @default 30s / 5m / 4h, critical 10s / 30m */
  readonly routing?: RoutingSettings;
  /** Extra routes before the severity routes. @default none */
  readonly routes?: readonly RouteSettings[];
  /** Extra inhibitions after the shipped ones. @default none */
  readonly inhibitions?: readonly InhibitionSettings[];
}

/** A service level objective on a monitored service. */
export interface SloSettings {
  /** SLO name, the `slo` label (lower-case letters, digits, '-'). */
  readonly name: string;
  /** `availability`: non-5xx / all requests. `latency`: requests faster than `latencyThreshold`. */
  readonly kind: 'availability' | 'latency';
  /** Objective in percent, strictly between 0 and 100, e.g. 99.9. */
  readonly objective: number;
  /** Compliance window, at least the longest burn window (3d). @default `30d` */
  readonly window?: string;
  /** Latency SLOs: the histogram bucket boundary (`le`, seconds) a good request stays under. */
  readonly latencyThreshold?: number;
}

/** Where a service's freshness timestamp lives (stalled pipelines). */
export interface FreshnessSettings {
  /** Gauge holding the Unix time (seconds) of the last processed item, e.g. `pipeline_last_success_timestamp_seconds`. */
  readonly metric: string;
  /** Alert when no new data arrived for this long. @default `2h` */
  readonly maxAge?: string;
}

/** A blackbox probe of the service (health endpoint). */
export interface ProbeSettings {
  /** Scrape job of the blackbox exporter. @default `blackbox` */
  readonly job?: string;
  /** The probed target, the `instance` label of `probe_success`, e.g. `http://demo-api.demo:8080/healthz`. */
  readonly instance: string;
}

/** Per-service alerting: RED metric names, probes, freshness and SLOs. */
export interface ServiceAlerting {
  /** Request counter with labels `code`, `method`, `route`. @default `http_requests_total` */
  readonly requestsMetric?: string;
  /** Request-duration histogram base name (`_bucket`, `_count` series). @default `http_request_duration_seconds` */
  readonly durationMetric?: string;
  /** Regex on the `code` label that counts as an error. @default `5..` */
  readonly errorCodes?: string;
  /** Blackbox probe of the service. @default none */
  readonly probe?: ProbeSettings;
  /** Data freshness (stalled pipeline) alert. @default none */
  readonly freshness?: FreshnessSettings;
  /** SLOs of the service. @default none */
  readonly slos?: readonly SloSettings[];
  /**
   * Fast detection: scrape this service every 5 s and page after three failed scrapes in a row
   * (ServiceDown `for: 10s`), about 30 s from failure to page instead of about a minute. One or
   * two failed scrapes still never page. Not together with the service's own `interval`.
   * @default false (the global scrape interval; ServiceDown after 30 s)
   */
  readonly fastDetection?: boolean;
  /** Overrides of this service's alerts, by alert name. @default none */
  readonly alerts?: Readonly<Record<string, AlertOverride>>;
}

/** Name of the optional Kubernetes Secret holding receiver credentials, one key per file. */
export const ALERTMANAGER_SECRET_NAME = 'alertmanager-receivers';

// Every key of each alerting settings interface, checked against the interface by tsc; the
// validation (constructs/stack/alerting-validation.ts) rejects any other key.
export const ALERT_OVERRIDE_KEYS = keysOf<AlertOverride>({ enabled: true, threshold: true, for: true, severity: true, labels: true });
export const EXPORTER_KEYS = keysOf<ExporterAlerting>({ matchers: true });
export const EXPORTERS_KEYS = keysOf<ExportersAlerting>({ postgres: true, mysql: true, redis: true, kafka: true });
export const SLACK_KEYS = keysOf<SlackReceiver>({ channel: true, criticalChannel: true, apiUrlKey: true });
export const EMAIL_KEYS = keysOf<EmailReceiver>({
  to: true,
  from: true,
  smarthost: true,
  username: true,
  passwordKey: true,
  requireTls: true,
});
export const PAGERDUTY_KEYS = keysOf<PagerDutyReceiver>({ routingKeyKey: true });
export const WEBHOOK_KEYS = keysOf<WebhookReceiver>({ url: true, severities: true });
export const RECEIVERS_KEYS = keysOf<ReceiversSettings>({ slack: true, email: true, pagerduty: true, webhook: true });
export const WATCHDOG_KEYS = keysOf<WatchdogSettings>({ heartbeat: true, heartbeatUrl: true, optOut: true, repeatInterval: true });
/** Keys of each form of the heartbeat receiver, and of the opt-out. */
export const HEARTBEAT_SECRET_KEYS = keysOf<HeartbeatFromSecret>({ urlKey: true });
export const HEARTBEAT_LITERAL_KEYS = keysOf<HeartbeatLiteral>({ url: true });
export const WATCHDOG_OPT_OUT_KEYS = keysOf<WatchdogOptOut>({ reason: true });
export const ROUTING_KEYS = keysOf<RoutingSettings>({
  groupWait: true,
  groupInterval: true,
  repeatInterval: true,
  criticalGroupWait: true,
  criticalRepeatInterval: true,
  availabilityEvaluationInterval: true,
});
export const ROUTE_KEYS = keysOf<RouteSettings>({ matchers: true, receiver: true, continue: true });
export const INHIBITION_KEYS = keysOf<InhibitionSettings>({ source: true, target: true, equal: true });
export const ALERTING_KEYS = keysOf<AlertingSettings>({
  alerts: true,
  exporters: true,
  ruleFiles: true,
  runbookBaseUrl: true,
  receivers: true,
  watchdog: true,
  routing: true,
  routes: true,
  inhibitions: true,
});
export const SLO_KEYS = keysOf<SloSettings>({ name: true, kind: true, objective: true, window: true, latencyThreshold: true });
export const FRESHNESS_KEYS = keysOf<FreshnessSettings>({ metric: true, maxAge: true });
export const PROBE_KEYS = keysOf<ProbeSettings>({ job: true, instance: true });
export const SERVICE_ALERTING_KEYS = keysOf<ServiceAlerting>({
  requestsMetric: true,
  durationMetric: true,
  errorCodes: true,
  probe: true,
  freshness: true,
  slos: true,
  fastDetection: true,
  alerts: true,
});
