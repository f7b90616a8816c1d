/**
 * Planted secret config values: every stack test feeds them as Pulumi secrets and then searches
 * outputs, logs, snapshots and dist/ for them.
 */
export const SENTINELS = {
  grafanaAdminUser: 'sentinel-admin-3b9d',
  grafanaAdminPassword: 'SENTINEL-grafana-pw-4f1c',
  slackWebhookUrl: 'https://hooks.example.org/SENTINEL-slack-9a2e',
  smtpPassword: 'SENTINEL-smtp-77d0',
  pagerdutyRoutingKey: 'SENTINEL-pd-c0de',
  watchdogHeartbeatUrl: 'https://hc-ping.example.org/SENTINEL-heartbeat-5e11',
} as const;

/** The sentinels the default settings' receivers (Slack, e-mail) plus Grafana need. */
export const DEFAULT_SECRETS = {
  grafanaAdminUser: SENTINELS.grafanaAdminUser,
  grafanaAdminPassword: SENTINELS.grafanaAdminPassword,
  slackWebhookUrl: SENTINELS.slackWebhookUrl,
  smtpPassword: SENTINELS.smtpPassword,
};

/** The prod profile's settings also read the Watchdog heartbeat URL from a secret. */
export const PROD_SECRETS = { ...DEFAULT_SECRETS, watchdogHeartbeatUrl: SENTINELS.watchdogHeartbeatUrl };

/** Which planted values occur in `text`. */
export function leakedIn(text: string): string[] {
  return Object.values(SENTINELS).filter((s) => text.includes(s));
}
