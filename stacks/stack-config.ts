import * as pulumi from '@pulumi/pulumi';
import { PROFILES } from '../config/component';
import { defaultSettings } from '../synth-settings';
import { fail, SettingsError } from '../config/errors';
import { ResolvedSettings, StackSettings } from '../constructs/stack/settings';
import { synthesize, Synthesized } from '../constructs/stack/synthesize';
import { DockerOptions, dockerOptions } from './docker-components';
import { withoutUncertifiedElasticsearch } from './elasticsearch-secrets';
import {
  checkDockerSecrets,
  checkSecrets,
  RECEIVER_CONFIG_KEYS,
  SECRET_CONFIG_KEYS,
  SecretValues,
  withoutUnconfiguredReceivers,
} from './secrets';

export type { DockerOptions } from './docker-components';

/** Where a stack deploys to. */
export type Target = 'docker' | 'kubernetes';
export const TARGETS: readonly Target[] = ['docker', 'kubernetes'];

/** Kubernetes-only options. */
export interface KubernetesOptions {
  /** kubeconfig context. @default the kubeconfig's current context */
  readonly context?: string;
  /** Apply objects with server-side apply. @default true */
  readonly serverSideApply: boolean;
}

/** Everything the program needs, read from Pulumi config and validated once. */
export interface StackConfig {
  /** `docker` or `kubernetes`. */
  readonly target: Target;
  /** The settings as given to the constructs (before defaults). */
  readonly input: StackSettings;
  /** The stack synthesized from `input`, once: hand it to ClusterStack/DockerStack. */
  readonly synthesized: Synthesized;
  /** The settings after validation and defaults (`synthesized.stack.settings`). */
  readonly settings: ResolvedSettings;
  /** Pulumi secret values (Outputs marked secret). */
  readonly secrets: SecretValues;
  /** Docker options (meaningful when target is docker). */
  readonly docker: DockerOptions;
  /** Kubernetes options (meaningful when target is kubernetes). */
  readonly kubernetes: KubernetesOptions;
}

/**
 * Plain config keys; each maps onto a StackSettings field (or an option of one target).
 * `settings` is an object merged over `defaultSettings(profile)`, the settings `npm run synth`
 * uses, so a stack with only `target` and `profile` deploys exactly the synthesized manifests.
 */
const FLAT_FIELDS = {
  profile: 'profile',
  cluster: 'cluster',
  environment: 'environment',
  namespace: 'namespace',
  agentsNamespace: 'agentsNamespace',
  retention: 'prometheus.retention',
} as const;
const PLAIN_KEYS = [
  'target',
  ...Object.keys(FLAT_FIELDS),
  'settings',
  'bindAddress',
  'hostPorts',
  'serviceTargets',
  'kubeContext',
  'serverSideApply',
] as const;

/** Every key the program reads (documented in docs/pulumi.md). */
export const CONFIG_KEYS: readonly string[] = [...PLAIN_KEYS, ...SECRET_CONFIG_KEYS];

/** Reads and validates the stack's config. Every error is a SettingsError naming the config key. */
export function readStackConfig(config: pulumi.Config, stackName: string): StackConfig {
  const where = `Pulumi config of stack "${stackName}"`;
  const key = (k: string) => `${config.name}:${k}`;
  const bad = (k: string, value: unknown, allowed: string): never => fail(where, key(k), value, allowed);

  for (const fullKey of Object.keys(pulumi.runtime.allConfig())) {
    const [project, name] = fullKey.split(':');
    if (project === config.name && !CONFIG_KEYS.includes(name)) bad(name, '(set)', `one of the documented keys: ${CONFIG_KEYS.join(', ')}`);
  }

  const object = <T>(k: string): T | undefined => {
    const raw = config.get(k);
    if (raw === undefined) return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return bad(k, raw, 'a YAML/JSON object (set it with `pulumi config set --path`)');
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) bad(k, parsed, 'an object');
    return parsed as T;
  };

  const target = config.get('target');
  if (!TARGETS.includes(target as Target)) bad('target', target, TARGETS.map((t) => `"${t}"`).join(' or '));
  const profile = config.get('profile') ?? 'dev';
  if (!PROFILES.includes(profile as never)) bad('profile', profile, PROFILES.map((p) => `"${p}"`).join(' or '));
  if (target === 'docker' && profile !== 'dev')
    bad('profile', profile, '"dev" on target "docker" (one container per component; the prod profile runs replicas on a cluster)');

  // Flat keys override the merged settings; errors on their fields name the flat key.
  const overrides = object<Partial<StackSettings>>('settings') ?? {};
  const base = { ...defaultSettings(profile as StackSettings['profile']), ...overrides } as StackSettings;
  const flat = Object.fromEntries(
    Object.keys(FLAT_FIELDS)
      .filter((k) => config.get(k) !== undefined)
      .map((k) => [k, config.get(k)!]),
  );
  for (const k of Object.keys(flat)) {
    const path = FLAT_FIELDS[k as keyof typeof FLAT_FIELDS].split('.');
    if (path.length === 1 && k !== 'profile' && k in overrides) bad(k, flat[k], `either ${key(k)} or ${key(`settings.${k}`)}, not both`);
    if (path.length === 2 && (overrides as Record<string, Record<string, unknown> | undefined>)[path[0]]?.[path[1]] !== undefined) {
      bad(k, flat[k], `either ${key(k)} or ${key(`settings.${path.join('.')}`)}, not both`);
    }
  }
  // Each flat key sets the settings field FLAT_FIELDS maps it to (one level of nesting at most).
  const merged = Object.entries(flat).reduce<Record<string, unknown>>(
    (settings, [k, value]) => {
      const [field, sub] = FLAT_FIELDS[k as keyof typeof FLAT_FIELDS].split('.');
      return { ...settings, [field]: sub ? { ...(settings[field] as object | undefined), [sub]: value } : value };
    },
    { ...base, profile },
  ) as unknown as StackSettings;

  // The Docker target runs one Prometheus container: no sidecar, nothing for Thanos Query to deduplicate.
  const thanos = merged.prometheus?.thanos;
  if (target === 'docker' && thanos !== undefined && thanos !== false)
    bad('settings.prometheus.thanos', thanos, 'false or unset on target "docker" (one Prometheus; Thanos runs on a cluster)');

  const secrets: SecretValues = Object.fromEntries(
    SECRET_CONFIG_KEYS.flatMap((k) => {
      const value = config.getSecret(k);
      return value === undefined ? [] : [[k, value]];
    }),
  );

  // Docker is the dev laptop stack: it deploys with no configuration at all, so a receiver
  // whose secret is not set is left out (alerts still show in the Alertmanager UI). The
  // cluster targets keep requiring every enabled receiver's secret.
  const { settings: withReceivers, dropped } =
    target === 'docker' ? withoutUnconfiguredReceivers(merged, secrets) : { settings: merged, dropped: [] };
  const { settings: input, dropped: droppedElasticsearch } =
    target === 'docker' ? withoutUncertifiedElasticsearch(withReceivers, secrets) : { settings: withReceivers, dropped: false };
  if (droppedElasticsearch)
    pulumi.log.warn(
      `${where}: Elasticsearch is left out because its TLS certificate is not configured; set ` +
        `${key('elasticsearchTlsCertificate')}, ${key('elasticsearchTlsKey')} and ${key('elasticsearchTlsCa')} ` +
        `(\`pulumi config set --secret ...\`), or settings.elasticsearch.tls { http: false, transport: false }`,
    );
  for (const receiver of dropped) {
    pulumi.log.warn(
      `${where}: receiver ${receiver} is left out because ${key(RECEIVER_CONFIG_KEYS[receiver])} is not set; ` +
        `alerts still show in the Alertmanager UI (\`pulumi config set --secret ${RECEIVER_CONFIG_KEYS[receiver]} ` +
        `...\` to send them)`,
    );
  }

  // Synthesized once: the settings are resolved here and nowhere else in the program.
  let synthesized: Synthesized;
  try {
    synthesized = synthesize(input);
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    const flatKey = Object.keys(flat).find((k) => FLAT_FIELDS[k as keyof typeof FLAT_FIELDS] === error.field);
    throw new SettingsError(where, key(flatKey ?? `settings.${error.field}`), error.value, error.allowed);
  }
  const settings = synthesized.stack.settings;
  checkSecrets(where, key, settings, secrets);
  if (target === 'docker') checkDockerSecrets(where, key, settings, secrets);

  return {
    target: target as Target,
    input,
    synthesized,
    settings,
    secrets,
    docker: dockerOptions(
      where,
      key,
      { bindAddress: config.get('bindAddress'), hostPorts: object('hostPorts'), serviceTargets: object('serviceTargets') },
      settings,
    ),
    kubernetes: readKubernetesOptions(config, bad),
  };
}

function readKubernetesOptions(config: pulumi.Config, bad: (k: string, v: unknown, allowed: string) => never): KubernetesOptions {
  const context = config.get('kubeContext');
  if (context !== undefined && context.trim() === '')
    bad('kubeContext', context, 'a kubeconfig context name (or leave unset for the current context)');
  const ssa = config.get('serverSideApply') ?? 'true';
  if (ssa !== 'true' && ssa !== 'false') bad('serverSideApply', ssa, 'true or false');
  return { context, serverSideApply: ssa === 'true' };
}
