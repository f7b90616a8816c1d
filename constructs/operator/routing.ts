/**
 * The stack's `alertmanager.yml` (routes, receivers, inhibitions) translated into one
 * AlertmanagerConfig (`monitoring.coreos.com/v1alpha1`, the operator's storage version).
 * Pure: no cdk8s import. What the CRD cannot express, and what happens to it:
 * - `global`: there is none; the SMTP settings are copied into each email receiver, and the
 *   Slack API URL into each Slack receiver, as the same Secret references.
 * - `templates`: an AlertmanagerConfig cannot load template files, so the fields that call the
 *   stack's templates (`{{ template "stack.…" . }}`) are left out: notifications use
 *   Alertmanager's default texts. (Add the templates through the chart's `templateFiles` to keep them.)
 * - matching: with the operator's default `alertmanagerConfigMatcherStrategy: OnNamespace`, the
 *   operator adds `namespace="<this object's namespace>"` to the top route and to every
 *   inhibition, so the routing applies to alerts carrying that namespace label; set the
 *   strategy to `None` on the Alertmanager resource to route the whole catalog.
 * - the top route's `receiver` may not be empty and the operator prefixes receiver names with
 *   `<namespace>/<name>/`; both are handled by the operator, not here.
 */
import { parse } from 'yaml';
import { ALERTMANAGER_SECRET_NAME } from '../../config/alerting/settings';
import { alertmanagerSpec } from '../alertmanager/spec';

/** A Secret key reference (the Secret lives in the AlertmanagerConfig's namespace). */
export interface SecretKeyRef {
  readonly name: string;
  readonly key: string;
}

/** A label matcher in the CRD's spelling. */
export interface Matcher {
  readonly name: string;
  readonly value: string;
  readonly matchType: '=' | '!=' | '=~' | '!~';
}

/** A route of the AlertmanagerConfig. */
export interface Route {
  readonly receiver?: string;
  readonly groupBy?: string[];
  readonly groupWait?: string;
  readonly groupInterval?: string;
  readonly repeatInterval?: string;
  readonly matchers?: Matcher[];
  readonly continue?: boolean;
  readonly routes?: Route[];
}

/** A receiver of the AlertmanagerConfig (the integrations the stack renders). */
export interface Receiver {
  readonly name: string;
  readonly slackConfigs?: Array<Record<string, unknown>>;
  readonly emailConfigs?: Array<Record<string, unknown>>;
  readonly pagerdutyConfigs?: Array<Record<string, unknown>>;
  readonly webhookConfigs?: Array<Record<string, unknown>>;
}

/** The spec of the AlertmanagerConfig. */
export interface AlertmanagerConfigSpec {
  readonly route: Route;
  readonly receivers: Receiver[];
  readonly inhibitRules: Array<{ readonly sourceMatch: Matcher[]; readonly targetMatch: Matcher[]; readonly equal?: string[] }>;
}

type Yaml = Record<string, unknown>;

function untranslated(where: string, field: string): never {
  throw new Error(`alertmanager.yml ${where}: field ${field} has no AlertmanagerConfig translation (constructs/operator/routing.ts)`);
}

/** `severity=~"warning|info"` -> `{ name, matchType, value }`. */
export function matcher(text: string): Matcher {
  const match = /^([a-zA-Z_][a-zA-Z0-9_]*)(=~|!~|!=|=)"(.*)"$/.exec(text);
  if (!match) untranslated('matcher', text);
  return { name: match[1], matchType: match[2] as Matcher['matchType'], value: JSON.parse(`"${match[3]}"`) as string };
}

/** A `*_file` path under Alertmanager's secrets directory -> the key of the receivers Secret. */
function secretRef(path: unknown, where: string): SecretKeyRef {
  const prefix = `${alertmanagerSpec.secretsDir}/`;
  if (typeof path !== 'string' || !path.startsWith(prefix)) untranslated(where, `file ${String(path)}`);
  return { name: ALERTMANAGER_SECRET_NAME, key: path.slice(prefix.length) };
}

/** Whether a notification text calls one of the stack's templates (not loadable from an AlertmanagerConfig). */
const callsTemplate = (value: unknown) => typeof value === 'string' && value.includes('{{ template "stack.');

const keyValues = (map: Yaml) =>
  Object.entries(map)
    .filter(([, v]) => !callsTemplate(v))
    .map(([key, value]) => ({ key, value: String(value) }));

/** Field renames per integration; `secret` fields become Secret references, `skip` fields are dropped when they call a template. */
const INTEGRATIONS: Readonly<Record<string, { readonly to: keyof Receiver; readonly fields: Readonly<Record<string, string>> }>> = {
  slack_configs: { to: 'slackConfigs', fields: { channel: 'channel', send_resolved: 'sendResolved', title: 'title', text: 'text' } },
  email_configs: { to: 'emailConfigs', fields: { to: 'to', headers: 'headers', html: 'html', send_resolved: 'sendResolved' } },
  pagerduty_configs: {
    to: 'pagerdutyConfigs',
    fields: {
      routing_key_file: 'routingKey',
      description: 'description',
      severity: 'severity',
      details: 'details',
      send_resolved: 'sendResolved',
    },
  },
  webhook_configs: { to: 'webhookConfigs', fields: { url: 'url', url_file: 'urlSecret', send_resolved: 'sendResolved' } },
};

/** The global settings each integration inherits, in the CRD's spelling. */
function inherited(global: Yaml, integration: string): Record<string, unknown> {
  if (integration === 'slack_configs' && global.slack_api_url_file !== undefined)
    return { apiURL: secretRef(global.slack_api_url_file, 'global.slack_api_url_file') };
  if (integration !== 'email_configs') return {};
  const names: Record<string, string> = {
    smtp_from: 'from',
    smtp_smarthost: 'smarthost',
    smtp_auth_username: 'authUsername',
    smtp_require_tls: 'requireTLS',
  };
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(names)) if (global[key] !== undefined) out[field] = global[key];
  if (global.smtp_auth_password_file !== undefined)
    out.authPassword = secretRef(global.smtp_auth_password_file, 'global.smtp_auth_password_file');
  return out;
}

function integrationConfig(global: Yaml, integration: string, config: Yaml, where: string): Record<string, unknown> {
  const spec = INTEGRATIONS[integration];
  const out: Record<string, unknown> = inherited(global, integration);
  for (const [key, value] of Object.entries(config)) {
    const field = spec.fields[key] ?? untranslated(where, key);
    if (callsTemplate(value)) continue;
    if (key.endsWith('_file')) out[field] = secretRef(value, `${where}.${key}`);
    else if (key === 'headers' || key === 'details') {
      const pairs = keyValues(value as Yaml);
      if (pairs.length > 0) out[field] = pairs;
    } else out[field] = value;
  }
  return out;
}

function receiver(global: Yaml, input: Yaml): Receiver {
  const out: Record<string, unknown> = { name: input.name };
  for (const [key, configs] of Object.entries(input)) {
    if (key === 'name') continue;
    const spec = INTEGRATIONS[key] ?? untranslated(`receiver ${String(input.name)}`, key);
    out[spec.to] = (configs as Yaml[]).map((c, i) => integrationConfig(global, key, c, `receivers.${String(input.name)}.${key}[${i}]`));
  }
  return out as unknown as Receiver;
}

const ROUTE_FIELDS: Readonly<Record<string, keyof Route>> = {
  receiver: 'receiver',
  group_by: 'groupBy',
  group_wait: 'groupWait',
  group_interval: 'groupInterval',
  repeat_interval: 'repeatInterval',
  matchers: 'matchers',
  continue: 'continue',
  routes: 'routes',
};

function route(input: Yaml): Route {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    const field = ROUTE_FIELDS[key] ?? untranslated('route', key);
    out[field] = key === 'matchers' ? (value as string[]).map(matcher) : key === 'routes' ? (value as Yaml[]).map(route) : value;
  }
  return out as Route;
}

/** The AlertmanagerConfig spec equivalent to a rendered `alertmanager.yml`. */
export function alertmanagerConfigSpec(alertmanagerYml: string): AlertmanagerConfigSpec {
  const config = parse(alertmanagerYml) as Yaml;
  for (const key of Object.keys(config))
    if (!['global', 'route', 'receivers', 'inhibit_rules', 'templates'].includes(key)) untranslated('top level', key);
  const global = (config.global ?? {}) as Yaml;
  const known = [
    'resolve_timeout',
    'slack_api_url_file',
    'smtp_from',
    'smtp_smarthost',
    'smtp_auth_username',
    'smtp_auth_password_file',
    'smtp_require_tls',
  ];
  for (const key of Object.keys(global)) if (!known.includes(key)) untranslated('global', key);
  return {
    route: route(config.route as Yaml),
    receivers: ((config.receivers as Yaml[]) ?? []).map((r) => receiver(global, r)),
    inhibitRules: ((config.inhibit_rules as Yaml[]) ?? []).map((rule) => {
      for (const key of Object.keys(rule))
        if (!['source_matchers', 'target_matchers', 'equal'].includes(key)) untranslated('inhibit_rules', key);
      return {
        sourceMatch: (rule.source_matchers as string[]).map(matcher),
        targetMatch: (rule.target_matchers as string[]).map(matcher),
        ...(rule.equal ? { equal: [...(rule.equal as string[])] } : {}),
      };
    }),
  };
}
