import * as pulumi from '@pulumi/pulumi';
import { PROFILES } from '../config/component';
import { defaultSettings } from '../synth-settings';
import { fail, SettingsError } from '../config/errors';
import { ResolvedSettings, StackSettings } from '../constructs/stack/settings';
import { resolveSettings } from '../constructs/stack/resolve';
import { DOCKER_COMPONENTS, DockerComponent } from './docker-components';
import { grafanaSecretSources, RECEIVER_CONFIG_KEYS, receiverSecretSources, SECRET_CONFIG_KEYS, SecretValues } from './secrets';
import { COMPONENT_SPECS } from '../constructs/registry';

/** Where a stack deploys to. */
export type Target = 'docker' | 'kubernetes';
export const TARGETS: readonly Target[] = ['docker', 'kubernetes'];

/** Docker-only options. */
export interface DockerOptions {
  /** Host address published ports bind to. @default `127.0.0.1` */
  readonly bindAddress: string;
  /** Host port per published component. @default the catalog's web port of each */
  readonly hostPorts: Readonly<Record<DockerComponent, number>>;
  /** host:port targets per monitored service. @default `<service name>:<port>` on the stack network */
  readonly serviceTargets: Readonly<Record<string, readonly string[]>>;
}

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
  /** The settings after validation and defaults. */
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
const PLAIN_KEYS = ['target', ...Object.keys(FLAT_FIELDS), 'settings', 'bindAddress', 'hostPorts', 'serviceTargets', 'kubeContext', 'serverSideApply'] as const;

/** Every key the program reads (documented in docs/pulumi.md). */
export const CONFIG_KEYS: readonly string[] = [...PLAIN_KEYS, ...SECRET_CONFIG_KEYS];

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const HOST_PORT = /^[A-Za-z0-9.-]+:(\d{1,5})$/;

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
  if (target === 'docker' && profile !== 'dev') bad('profile', profile, '"dev" on target "docker" (one container per component; the prod profile runs replicas on a cluster)');

  // Flat keys override the merged settings; errors on their fields name the flat key.
  const overrides = object<Partial<StackSettings>>('settings') ?? {};
  const base = { ...defaultSettings(profile as StackSettings['profile']), ...overrides } as StackSettings;
  const flat = Object.fromEntries(Object.keys(FLAT_FIELDS).filter((k) => config.get(k) !== undefined).map((k) => [k, config.get(k)!]));
  for (const k of Object.keys(flat)) {
    const path = FLAT_FIELDS[k as keyof typeof FLAT_FIELDS].split('.');
    if (path.length === 1 && k !== 'profile' && k in overrides) bad(k, flat[k], `either ${key(k)} or ${key(`settings.${k}`)}, not both`);
    if (path.length === 2 && (overrides as Record<string, Record<string, unknown> | undefined>)[path[0]]?.[path[1]] !== undefined) {
      bad(k, flat[k], `either ${key(k)} or ${key(`settings.${path.join('.')}`)}, not both`);
    }
  }
  // Each flat key sets the settings field FLAT_FIELDS maps it to (one level of nesting at most).
  const input = Object.entries(flat).reduce<Record<string, any>>((settings, [k, value]) => {
    const [field, sub] = FLAT_FIELDS[k as keyof typeof FLAT_FIELDS].split('.');
    return { ...settings, [field]: sub ? { ...settings[field], [sub]: value } : value };
  }, { ...base, profile }) as StackSettings;

  let settings: ResolvedSettings;
  try {
    settings = resolveSettings(input, where);
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    const flatKey = Object.keys(flat).find((k) => FLAT_FIELDS[k as keyof typeof FLAT_FIELDS] === error.field);
    throw new SettingsError(where, key(flatKey ?? `settings.${error.field}`), error.value, error.allowed);
  }

  const secrets: SecretValues = Object.fromEntries(
    SECRET_CONFIG_KEYS.flatMap((k) => {
      const value = config.getSecret(k);
      return value === undefined ? [] : [[k, value]];
    }),
  );
  // Secret values are never shown in errors: only whether the key is set.
  for (const source of receiverSecretSources(settings)) {
    if (!secrets[source.configKey]) bad(source.configKey, undefined, `a secret (\`pulumi config set --secret ${source.configKey} ...\`) because settings.alerting.receivers.${source.receiver} is enabled`);
  }
  const enabledReceiverKeys = new Set(receiverSecretSources(settings).map((s) => s.configKey));
  for (const k of Object.values(RECEIVER_CONFIG_KEYS)) {
    if (secrets[k] && !enabledReceiverKeys.has(k)) bad(k, '[secret]', `unset, or enable its receiver in settings.alerting.receivers`);
  }
  if (secrets.grafanaAdminUser && !secrets.grafanaAdminPassword) bad('grafanaAdminPassword', undefined, `a secret whenever ${key('grafanaAdminUser')} is set`);
  if (secrets.grafanaAdminPassword && !secrets.grafanaAdminUser) secrets.grafanaAdminUser = pulumi.secret('admin');
  if (target === 'docker' && !secrets.grafanaAdminPassword) {
    bad('grafanaAdminPassword', undefined, `a secret on target "docker" (\`pulumi config set --secret grafanaAdminPassword ...\`); the cluster target may instead use an existing Secret "${grafanaSecretSources(settings)[0].secret}"`);
  }

  return {
    target: target as Target,
    input,
    settings,
    secrets,
    docker: readDockerOptions(config, settings, object, bad),
    kubernetes: readKubernetesOptions(config, bad),
  };
}

function readKubernetesOptions(config: pulumi.Config, bad: (k: string, v: unknown, allowed: string) => never): KubernetesOptions {
  const context = config.get('kubeContext');
  if (context !== undefined && context.trim() === '') bad('kubeContext', context, 'a kubeconfig context name (or leave unset for the current context)');
  const ssa = config.get('serverSideApply') ?? 'true';
  if (ssa !== 'true' && ssa !== 'false') bad('serverSideApply', ssa, 'true or false');
  return { context, serverSideApply: ssa === 'true' };
}

function readDockerOptions(
  config: pulumi.Config,
  settings: ResolvedSettings,
  object: <T>(k: string) => T | undefined,
  bad: (k: string, v: unknown, allowed: string) => never,
): DockerOptions {
  const bindAddress = config.get('bindAddress') ?? '127.0.0.1';
  if (!IPV4.test(bindAddress)) bad('bindAddress', bindAddress, 'an IPv4 address such as "127.0.0.1" (default) or "0.0.0.0" to publish on every interface');

  const given = object<Record<string, unknown>>('hostPorts') ?? {};
  const hostPorts = {} as Record<DockerComponent, number>;
  const owner = new Map<number, string>();
  for (const name of Object.keys(given)) {
    if (!DOCKER_COMPONENTS.includes(name as DockerComponent)) bad(`hostPorts.${name}`, given[name], `a port of one of: ${DOCKER_COMPONENTS.join(', ')}`);
  }
  for (const component of DOCKER_COMPONENTS) {
    const port = given[component] ?? COMPONENT_SPECS[component].web.port;
    if (!Number.isInteger(port) || (port as number) < 1 || (port as number) > 65535) bad(`hostPorts.${component}`, port, 'a whole number from 1 to 65535');
    const taken = owner.get(port as number);
    if (taken) bad(`hostPorts.${component}`, port, `a host port not already published by ${taken} (set ${config.name}:hostPorts.${component} to a free port)`);
    owner.set(port as number, component);
    hostPorts[component] = port as number;
  }

  const targets = object<Record<string, unknown>>('serviceTargets') ?? {};
  const serviceTargets: Record<string, readonly string[]> = {};
  for (const name of Object.keys(targets)) {
    if (!settings.services.some((s) => s.name === name)) bad(`serviceTargets.${name}`, targets[name], `a monitored service name: ${settings.services.map((s) => s.name).join(', ') || '(none declared)'}`);
    const list = targets[name];
    if (!Array.isArray(list) || list.length === 0 || list.some((t) => typeof t !== 'string' || !HOST_PORT.test(t) || Number(t.split(':').pop()) > 65535 || Number(t.split(':').pop()) < 1)) {
      bad(`serviceTargets.${name}`, list, 'a non-empty list of "host:port" strings');
    }
  }
  for (const service of settings.services) serviceTargets[service.name] = (targets[service.name] as string[] | undefined) ?? [`${service.name}:${service.port}`];
  return { bindAddress, hostPorts, serviceTargets };
}
