import * as pulumi from '@pulumi/pulumi';
import { SECRET_KEY_DEFAULTS } from '../config/alerting';
import { ALERTMANAGER_SECRET_NAME } from '../config/alerting/settings';
import { ResolvedSettings } from '../config/settings';

/**
 * The Pulumi secret config keys and the Secret file each one becomes. This is the one place
 * that maps a config key to a Kubernetes Secret key (cluster target) or an uploaded secret file
 * (Docker target); both targets read it.
 */
export const SECRET_CONFIG_KEYS = ['grafanaAdminUser', 'grafanaAdminPassword', 'slackWebhookUrl', 'smtpPassword', 'pagerdutyRoutingKey'] as const;
export type SecretConfigKey = (typeof SECRET_CONFIG_KEYS)[number];

/** Secret config values as read from Pulumi config (always Pulumi secrets). */
export type SecretValues = Partial<Record<SecretConfigKey, pulumi.Output<string>>>;

/** One secret file: which config key fills it. */
export interface SecretFileSource {
  /** Kubernetes Secret name (also how the Docker target finds the mount). */
  readonly secret: string;
  /** Key in the Secret = file name in the mounted directory. */
  readonly key: string;
  /** Pulumi config key holding the value. */
  readonly configKey: SecretConfigKey;
}

/** Receiver secrets: config key, the receiver that needs it and its Secret key for these settings. */
export function receiverSecretSources(settings: ResolvedSettings): Array<SecretFileSource & { readonly receiver: 'slack' | 'email' | 'pagerduty' }> {
  const r = settings.alerting.receivers ?? {};
  return [
    { receiver: 'slack' as const, configKey: 'slackWebhookUrl' as const, enabled: !!r.slack, key: r.slack?.apiUrlKey ?? SECRET_KEY_DEFAULTS.slack },
    { receiver: 'email' as const, configKey: 'smtpPassword' as const, enabled: !!r.email, key: r.email?.passwordKey ?? SECRET_KEY_DEFAULTS.email },
    { receiver: 'pagerduty' as const, configKey: 'pagerdutyRoutingKey' as const, enabled: !!r.pagerduty, key: r.pagerduty?.routingKeyKey ?? SECRET_KEY_DEFAULTS.pagerduty },
  ]
    .filter((s) => s.enabled)
    .map(({ receiver, configKey, key }) => ({ receiver, configKey, key, secret: ALERTMANAGER_SECRET_NAME }));
}

/** Grafana admin login files (Secret named by `grafana.adminSecret`). */
export function grafanaSecretSources(settings: ResolvedSettings): SecretFileSource[] {
  const admin = settings.grafana.adminSecret;
  return [
    { secret: admin.name, key: admin.userKey, configKey: 'grafanaAdminUser' },
    { secret: admin.name, key: admin.passwordKey, configKey: 'grafanaAdminPassword' },
  ];
}

/**
 * The Secrets the stack creates from config: Secret name -> key -> secret value. A Secret is
 * only listed when every one of its values is configured (otherwise the cluster must already
 * hold it; the Docker target requires them, see the config reader).
 */
export function secretData(settings: ResolvedSettings, values: SecretValues): Record<string, Record<string, pulumi.Output<string>>> {
  const result: Record<string, Record<string, pulumi.Output<string>>> = {};
  for (const group of [grafanaSecretSources(settings), receiverSecretSources(settings)]) {
    if (group.length === 0 || group.some((s) => values[s.configKey] === undefined)) continue;
    for (const source of group) {
      (result[source.secret] ??= {})[source.key] = pulumi.secret(values[source.configKey]!);
    }
  }
  return result;
}
