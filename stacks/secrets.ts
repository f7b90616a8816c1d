import * as pulumi from '@pulumi/pulumi';
import { receiverSecrets, SecretReceiver } from '../constructs/stack/alerting';
import { ALERTMANAGER_SECRET_NAME } from '../config/alerting/settings';
import { fail } from '../config/errors';
import { ResolvedSettings, StackSettings } from '../constructs/stack/settings';

/**
 * The Pulumi secret config keys and the Secret file each one becomes. This is the one place
 * that maps a config key to a Kubernetes Secret key (cluster target) or an uploaded secret file
 * (Docker target); both targets read it.
 */
export const SECRET_CONFIG_KEYS = [
  'grafanaAdminUser',
  'grafanaAdminPassword',
  'slackWebhookUrl',
  'smtpPassword',
  'pagerdutyRoutingKey',
  'watchdogHeartbeatUrl',
  'databaseSecrets',
  'elasticPassword',
  'elasticsearchTlsCertificate',
  'elasticsearchTlsKey',
  'elasticsearchTlsCa',
] as const;
export type SecretConfigKey = (typeof SECRET_CONFIG_KEYS)[number];

/**
 * `databaseSecrets` is one secret JSON object holding the values of the Secrets the database
 * exporters reference: `{ "<Secret name>": { "<key>": "<value>" } }`. The Docker target needs it
 * for every declared database; on a cluster it is optional (the referenced Secrets usually exist).
 */
export type DatabaseSecretValues = Readonly<Record<string, Readonly<Record<string, string>>>>;

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

/** The Pulumi secret config key that fills each receiver's credential. */
export const RECEIVER_CONFIG_KEYS: Readonly<Record<SecretReceiver, SecretConfigKey>> = {
  slack: 'slackWebhookUrl',
  email: 'smtpPassword',
  pagerduty: 'pagerdutyRoutingKey',
  heartbeat: 'watchdogHeartbeatUrl',
};

/** Receiver secrets: the receiver, its config key and its Secret key for these settings (configured receivers only). */
export function receiverSecretSources(settings: ResolvedSettings): Array<SecretFileSource & { readonly receiver: SecretReceiver }> {
  return Object.entries(receiverSecrets(settings)).map(([receiver, key]) => ({
    receiver: receiver as SecretReceiver,
    configKey: RECEIVER_CONFIG_KEYS[receiver as SecretReceiver],
    key: key!,
    secret: ALERTMANAGER_SECRET_NAME,
  }));
}

/** Grafana admin login files (Secret named by `grafana.adminSecret`). */
export function grafanaSecretSources(settings: ResolvedSettings): SecretFileSource[] {
  const admin = settings.grafana.adminSecret;
  return [
    { secret: admin.name, key: admin.userKey, configKey: 'grafanaAdminUser' },
    { secret: admin.name, key: admin.passwordKey, configKey: 'grafanaAdminPassword' },
  ];
}

/** Every Secret key the declared database exporters read, without repeats. */
export function databaseSecretRefs(settings: ResolvedSettings): Array<{ readonly name: string; readonly key: string }> {
  const all = Object.values(settings.databases).flatMap((instances) => instances.flatMap((i) => i.secretRefs));
  return all.filter((ref, i) => all.findIndex((r) => r.name === ref.name && r.key === ref.key) === i);
}

/** One value of `databaseSecrets`, read when Pulumi resolves the secret; a missing one fails the deployment, naming it. */
function databaseSecretValue(json: pulumi.Output<string>, ref: { name: string; key: string }): pulumi.Output<string> {
  return pulumi.secret(
    json.apply((text) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new Error('config databaseSecrets: not a JSON object of Secret name -> key -> value (value not shown)');
      }
      const value = (parsed as DatabaseSecretValues | null)?.[ref.name]?.[ref.key];
      if (typeof value !== 'string' || value === '')
        throw new Error(`config databaseSecrets: no value for Secret ${ref.name} key ${ref.key} (a declared database exporter reads it)`);
      return value;
    }),
  );
}

/**
 * The Secrets the stack creates from config: Secret name -> key -> secret value. A Secret is
 * only listed when every one of its values is configured (otherwise the cluster must already
 * hold it; the Docker target requires them, see the config reader).
 */
export function secretData(settings: ResolvedSettings, given: SecretValues): Record<string, Record<string, pulumi.Output<string>>> {
  const result: Record<string, Record<string, pulumi.Output<string>>> = {};
  // A password without a user logs in as `admin`.
  const values: SecretValues =
    given.grafanaAdminPassword && !given.grafanaAdminUser ? { ...given, grafanaAdminUser: pulumi.secret('admin') } : given;
  for (const group of [grafanaSecretSources(settings), receiverSecretSources(settings)]) {
    if (group.length === 0 || group.some((s) => values[s.configKey] === undefined)) continue;
    for (const source of group) {
      (result[source.secret] ??= {})[source.key] = pulumi.secret(values[source.configKey]!);
    }
  }
  if (values.databaseSecrets) {
    for (const ref of databaseSecretRefs(settings)) (result[ref.name] ??= {})[ref.key] = databaseSecretValue(values.databaseSecrets, ref);
  }
  return result;
}

/**
 * Checks the secret values against the settings; the stack program and both components call
 * it, so a component instantiated directly fails like the program does. `field(key)` spells a
 * secret key in the caller's terms (a Pulumi config key, or `args.secrets.<key>`).
 * Secret values are never shown: only whether a key is set.
 */
export function checkSecrets(
  where: string,
  field: (key: SecretConfigKey) => string,
  settings: ResolvedSettings,
  values: SecretValues,
): void {
  const sources = receiverSecretSources(settings);
  for (const source of sources) {
    if (!values[source.configKey]) {
      fail(
        where,
        field(source.configKey),
        undefined,
        `a secret (\`pulumi config set --secret ${source.configKey} ...\`) because ` +
          (source.receiver === 'heartbeat'
            ? 'settings.alerting.watchdog.heartbeat reads its URL from a Secret file'
            : `settings.alerting.receivers.${source.receiver} is enabled`),
      );
    }
  }
  const enabled = new Set(sources.map((s) => s.configKey));
  for (const key of Object.values(RECEIVER_CONFIG_KEYS)) {
    if (values[key] && !enabled.has(key))
      fail(where, field(key), '[secret]', 'unset, or enable its receiver in settings.alerting.receivers (or watchdog.heartbeat)');
  }
  if (values.databaseSecrets && databaseSecretRefs(settings).length === 0)
    fail(where, field('databaseSecrets'), '[secret]', 'unset, or declare a database in settings.databases whose exporter reads a Secret');
  const stackSecrets = new Set([ALERTMANAGER_SECRET_NAME, settings.grafana.adminSecret.name]);
  for (const ref of databaseSecretRefs(settings)) {
    if (stackSecrets.has(ref.name))
      fail(
        where,
        `settings.databases (Secret ${ref.name})`,
        ref.name,
        "a Secret other than the stack's own (alertmanager-receivers, Grafana admin)",
      );
  }
  if (values.elasticPassword && !settings.elasticsearch)
    fail(where, field('elasticPassword'), '[secret]', 'unset, or add the logs store (settings.elasticsearch)');
  if (values.grafanaAdminUser && !values.grafanaAdminPassword)
    fail(where, field('grafanaAdminPassword'), undefined, `a secret whenever ${field('grafanaAdminUser')} is set`);
}

/**
 * The settings without the receivers whose secret is not configured, and the receivers left
 * out. The Docker (dev) stack uses it so it deploys with no configuration: alerts still show
 * in the Alertmanager UI, they are just not sent anywhere.
 */
export function withoutUnconfiguredReceivers(
  input: StackSettings,
  values: SecretValues,
): { settings: StackSettings; dropped: SecretReceiver[] } {
  const receivers = input.alerting?.receivers ?? {};
  const watchdog = input.alerting?.watchdog;
  const secretHeartbeat = watchdog?.heartbeat !== undefined && !('url' in watchdog.heartbeat);
  const enabled = (r: SecretReceiver) => (r === 'heartbeat' ? secretHeartbeat : receivers[r] !== undefined);
  const dropped = (Object.keys(RECEIVER_CONFIG_KEYS) as SecretReceiver[]).filter((r) => enabled(r) && !values[RECEIVER_CONFIG_KEYS[r]]);
  if (dropped.length === 0) return { settings: input, dropped };
  const kept = Object.fromEntries(Object.entries(receivers).filter(([r]) => !dropped.includes(r as SecretReceiver)));
  const { heartbeat: _heartbeat, ...otherWatchdog } = watchdog ?? {};
  return {
    settings: {
      ...input,
      alerting: {
        ...input.alerting,
        ...(input.alerting?.receivers ? { receivers: kept } : {}),
        ...(dropped.includes('heartbeat') ? { watchdog: otherWatchdog } : {}),
      },
    },
    dropped,
  };
}

/**
 * Docker has no Secrets of its own: each one a declared database exporter reads must come from
 * `databaseSecrets`. The stack program (target docker) and DockerStack call this.
 */
export function checkDockerSecrets(
  where: string,
  field: (key: SecretConfigKey) => string,
  settings: ResolvedSettings,
  values: SecretValues,
): void {
  const refs = databaseSecretRefs(settings);
  if (refs.length > 0 && !values.databaseSecrets)
    fail(
      where,
      field('databaseSecrets'),
      undefined,
      `a secret JSON object { "<Secret name>": { "<key>": "<value>" } } with ${refs.map((r) => `${r.name}/${r.key}`).join(', ')} ` +
        `(\`pulumi config set --secret databaseSecrets '...'\`), because settings.databases declares exporters that read them`,
    );
}
