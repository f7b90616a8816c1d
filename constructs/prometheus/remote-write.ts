/**
 * Remote write to the user's distributed store (Mimir, Thanos Receive, VictoriaMetrics cluster,
 * ...): the typed `prometheus.remoteWrite[]` setting, its validation and its `remote_write`
 * entries. Credentials are files of an existing Secret mounted read-only (never inlined).
 * Pure: no cdk8s or Pulumi import.
 */
import { duration } from '../../config/duration';
import { fail } from '../../config/errors';
import { dnsLabel, httpUrl, urlPort } from '../../config/names';
import { checkKeys, keysOf } from '../../config/strict';
import { SecretKeyReference, secretKeyReference } from '../datastores/settings';
import { prometheusSpec } from './spec';

/** Basic auth: the username in the settings, the password from a Secret key. */
export interface RemoteWriteBasicAuth {
  /** `basic`. @default none (required) */
  readonly kind: 'basic';
  /** The username (not a secret). @default none (required) */
  readonly username: string;
  /** The Secret key holding the password, mounted read-only as `password_file`. @default none (required) */
  readonly passwordSecret: SecretKeyReference;
}

/** Bearer token from a Secret key. */
export interface RemoteWriteBearerAuth {
  /** `bearer`. @default none (required) */
  readonly kind: 'bearer';
  /** The Secret key holding the token, mounted read-only as `credentials_file`. @default none (required) */
  readonly tokenSecret: SecretKeyReference;
}

/** How Prometheus authenticates to the store. */
export type RemoteWriteAuth = RemoteWriteBasicAuth | RemoteWriteBearerAuth;

/** Queue tuning of one target (`queue_config`). */
export interface RemoteWriteQueue {
  /** Samples buffered per shard. @default Prometheus's (10000) */
  readonly capacity?: number;
  /** Most shards (parallel senders). @default Prometheus's (50) */
  readonly maxShards?: number;
  /** Fewest shards. @default Prometheus's (1) */
  readonly minShards?: number;
  /** Samples per request. @default Prometheus's (2000) */
  readonly maxSamplesPerSend?: number;
  /** Longest wait before a partial batch is sent. @default Prometheus's (`5s`) */
  readonly batchSendDeadline?: string;
}

/** Actions a write relabelling rule may take. */
export const WRITE_RELABEL_ACTIONS = ['drop', 'keep', 'labeldrop', 'labelkeep', 'replace'] as const;

/** One `write_relabel_configs` rule, e.g. drop a high-cardinality histogram before it leaves. */
export interface WriteRelabelConfig {
  /** `drop`/`keep` series by `sourceLabels` matching `regex`, `labeldrop`/`labelkeep` labels by name, or `replace`. @default none */
  readonly action: (typeof WRITE_RELABEL_ACTIONS)[number];
  /** Labels whose values are joined and matched (drop, keep, replace). @default none */
  readonly sourceLabels?: readonly string[];
  /** RE2 regular expression, anchored at both ends. @default `(.*)` */
  readonly regex?: string;
  /** Label written by `replace`. @default none */
  readonly targetLabel?: string;
  /** Value written by `replace` (`$1` refers to the first group). @default `$1` */
  readonly replacement?: string;
}

/** One remote-write target. */
export interface RemoteWriteTarget {
  /** Name of the target: a DNS label, unique; the `remote_name` label of the remote-storage metrics. @default none (required) */
  readonly name: string;
  /** The store's receive endpoint, an absolute http(s) URL, e.g. `https://mimir.example.org/api/v1/push`. @default none (required) */
  readonly url: string;
  /** Credentials from a Secret (basic auth or bearer token). @default none (no authentication) */
  readonly auth?: RemoteWriteAuth;
  /** Plain HTTP headers, e.g. `X-Scope-OrgID` for a Mimir tenant (never credentials: use `auth`). @default none */
  readonly headers?: Readonly<Record<string, string>>;
  /** Queue tuning. @default Prometheus's defaults */
  readonly queue?: RemoteWriteQueue;
  /** Relabelling applied to every series before it is sent. @default none (every series is sent) */
  readonly writeRelabelConfigs?: readonly WriteRelabelConfig[];
}

const TARGET_KEYS = keysOf<RemoteWriteTarget>({ name: true, url: true, auth: true, headers: true, queue: true, writeRelabelConfigs: true });
const BASIC_KEYS = keysOf<RemoteWriteBasicAuth>({ kind: true, username: true, passwordSecret: true });
const BEARER_KEYS = keysOf<RemoteWriteBearerAuth>({ kind: true, tokenSecret: true });
const QUEUE_KEYS = keysOf<RemoteWriteQueue>({
  capacity: true,
  maxShards: true,
  minShards: true,
  maxSamplesPerSend: true,
  batchSendDeadline: true,
});
const RELABEL_KEYS = keysOf<WriteRelabelConfig>({ action: true, sourceLabels: true, regex: true, targetLabel: true, replacement: true });

/** Headers Prometheus sets itself or refuses in `headers` (credentials go through `auth`). */
const RESERVED_HEADERS = [
  'authorization',
  'host',
  'content-encoding',
  'content-length',
  'content-type',
  'user-agent',
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'www-authenticate',
  'accept-encoding',
  'x-prometheus-remote-write-version',
  'x-prometheus-remote-read-version',
];
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Where the Secret files of one target are mounted in the Prometheus container. */
export function remoteWriteSecretDir(name: string): string {
  return `${prometheusSpec.secretsDir}/remote-write/${name}`;
}

/** A label name, `__name__` included (write relabelling sees the metric name as a label). */
function labelName(where: string, field: string, value: unknown): void {
  if (typeof value !== 'string' || !/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(value))
    fail(where, field, value, 'a Prometheus label name matching [a-zA-Z_][a-zA-Z0-9_]* (e.g. "__name__", "le")');
}

/** A whole number >= `min`. */
function wholeNumber(where: string, field: string, value: unknown, min: number): void {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) fail(where, field, value, `a whole number >= ${min}`);
}

/**
 * An RE2 expression Prometheus accepts: it compiles (as JavaScript reads it) and uses none of the
 * JavaScript-only constructs RE2 rejects (lookaround, backreferences).
 */
export function re2Regex(where: string, field: string, value: unknown): void {
  const allowed =
    'an RE2 regular expression (no lookahead, lookbehind or backreferences), e.g. "apiserver_request_duration_seconds_bucket"';
  if (typeof value !== 'string' || value === '') fail(where, field, value, allowed);
  if (/\(\?<?[=!]|\\[1-9]|\\k</.test(value)) fail(where, field, value, allowed);
  try {
    new RegExp(`^(?:${value})$`);
  } catch {
    fail(where, field, value, allowed);
  }
}

function resolveAuth(where: string, field: string, value: unknown): RemoteWriteAuth {
  const kind = (value as { kind?: unknown } | undefined)?.kind;
  if (!value || typeof value !== 'object' || Array.isArray(value) || (kind !== 'basic' && kind !== 'bearer'))
    fail(where, `${field}.kind`, kind, '"basic" (username + passwordSecret) or "bearer" (tokenSecret)');
  if (kind === 'basic') {
    checkKeys(where, field, value, BASIC_KEYS);
    const auth = value as RemoteWriteBasicAuth;
    if (typeof auth.username !== 'string' || auth.username === '' || /[\s:]/.test(auth.username))
      fail(where, `${field}.username`, auth.username, 'a non-empty username without spaces or ":"');
    return { kind, username: auth.username, passwordSecret: secretKeyReference(where, `${field}.passwordSecret`, auth.passwordSecret) };
  }
  checkKeys(where, field, value, BEARER_KEYS);
  return { kind, tokenSecret: secretKeyReference(where, `${field}.tokenSecret`, (value as RemoteWriteBearerAuth).tokenSecret) };
}

function checkQueue(where: string, field: string, queue: RemoteWriteQueue): void {
  checkKeys(where, field, queue, QUEUE_KEYS);
  if (queue.capacity !== undefined) wholeNumber(where, `${field}.capacity`, queue.capacity, 1);
  if (queue.minShards !== undefined) wholeNumber(where, `${field}.minShards`, queue.minShards, 1);
  if (queue.maxShards !== undefined) wholeNumber(where, `${field}.maxShards`, queue.maxShards, 1);
  if (queue.maxSamplesPerSend !== undefined) wholeNumber(where, `${field}.maxSamplesPerSend`, queue.maxSamplesPerSend, 1);
  if (queue.batchSendDeadline !== undefined) duration(where, `${field}.batchSendDeadline`, queue.batchSendDeadline);
  if (queue.minShards !== undefined && queue.maxShards !== undefined && queue.minShards > queue.maxShards)
    fail(where, `${field}.minShards`, queue.minShards, `at most maxShards (${queue.maxShards})`);
}

function checkRelabel(where: string, field: string, rule: WriteRelabelConfig): void {
  checkKeys(where, field, rule, RELABEL_KEYS);
  if (!WRITE_RELABEL_ACTIONS.includes(rule.action))
    fail(where, `${field}.action`, rule.action, WRITE_RELABEL_ACTIONS.map((a) => `"${a}"`).join(', '));
  if (rule.regex !== undefined) re2Regex(where, `${field}.regex`, rule.regex);
  const sources = rule.sourceLabels;
  if (sources !== undefined && (!Array.isArray(sources) || sources.length === 0))
    fail(where, `${field}.sourceLabels`, sources, 'a non-empty list of label names');
  sources?.forEach((label, i) => labelName(where, `${field}.sourceLabels[${i}]`, label));
  const byName = rule.action === 'labeldrop' || rule.action === 'labelkeep';
  if (byName && (rule.regex === undefined || sources !== undefined || rule.targetLabel !== undefined))
    fail(where, field, rule, `${rule.action} with a regex over label names only (no sourceLabels or targetLabel)`);
  if (!byName && sources === undefined) fail(where, `${field}.sourceLabels`, sources, `the labels ${rule.action} matches (at least one)`);
  if (rule.action === 'replace' && rule.targetLabel === undefined)
    fail(where, `${field}.targetLabel`, undefined, 'the label replace writes');
  if (rule.targetLabel !== undefined) labelName(where, `${field}.targetLabel`, rule.targetLabel);
  if (rule.replacement !== undefined && typeof rule.replacement !== 'string')
    fail(where, `${field}.replacement`, rule.replacement, 'a string');
}

/** Validates `prometheus.remoteWrite` (`field`) and returns the targets. */
export function resolveRemoteWrite(where: string, field: string, value: unknown): readonly RemoteWriteTarget[] {
  if (value === undefined) return [];
  if (!Array.isArray(value))
    fail(where, field, value, 'a list of remote-write targets { name, url, auth?, headers?, queue?, writeRelabelConfigs? }');
  const names = new Set<string>();
  return value.map((entry: RemoteWriteTarget, i) => {
    const at = `${field}[${i}]`;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) fail(where, `${field}[${i}]`, entry, 'an object { name, url, ... }');
    checkKeys(where, at, entry, TARGET_KEYS);
    // The name is a volume-name part too (`remote-write-<name>`): 49 characters at most.
    dnsLabel(where, `${at}.name`, entry.name, 49);
    if (names.has(entry.name)) fail(where, `${at}.name`, entry.name, 'a name no other remote-write target has');
    names.add(entry.name);
    httpUrl(where, `${at}.url`, entry.url);
    const auth = entry.auth === undefined ? undefined : resolveAuth(where, `${at}.auth`, entry.auth);
    if (entry.headers !== undefined) {
      if (!entry.headers || typeof entry.headers !== 'object' || Array.isArray(entry.headers))
        fail(where, `${at}.headers`, entry.headers, 'an object of header name -> value');
      for (const [name, text] of Object.entries(entry.headers)) {
        if (!HEADER_NAME.test(name) || RESERVED_HEADERS.includes(name.toLowerCase()))
          fail(where, `${at}.headers`, name, 'an HTTP header name Prometheus lets you set (credentials go through auth)');
        if (typeof text !== 'string') fail(where, `${at}.headers.${name}`, text, 'a string');
      }
    }
    if (entry.queue !== undefined) checkQueue(where, `${at}.queue`, entry.queue);
    const rules = entry.writeRelabelConfigs;
    if (rules !== undefined && !Array.isArray(rules)) fail(where, `${at}.writeRelabelConfigs`, rules, 'a list of relabelling rules');
    rules?.forEach((rule, r) => checkRelabel(where, `${at}.writeRelabelConfigs[${r}]`, rule));
    return { ...entry, ...(auth ? { auth } : {}) };
  });
}

/** The `remote_write` entries of `prometheus.yml`: credentials as files under remoteWriteSecretDir. */
export function renderRemoteWrite(targets: readonly RemoteWriteTarget[]): Record<string, unknown>[] {
  return targets.map((target) => {
    const dir = remoteWriteSecretDir(target.name);
    const auth = target.auth;
    const queue = target.queue;
    const queueConfig = queue && {
      ...(queue.capacity !== undefined ? { capacity: queue.capacity } : {}),
      ...(queue.minShards !== undefined ? { min_shards: queue.minShards } : {}),
      ...(queue.maxShards !== undefined ? { max_shards: queue.maxShards } : {}),
      ...(queue.maxSamplesPerSend !== undefined ? { max_samples_per_send: queue.maxSamplesPerSend } : {}),
      ...(queue.batchSendDeadline !== undefined ? { batch_send_deadline: queue.batchSendDeadline } : {}),
    };
    return {
      name: target.name,
      url: target.url,
      ...(auth?.kind === 'basic' ? { basic_auth: { username: auth.username, password_file: `${dir}/${auth.passwordSecret.key}` } } : {}),
      ...(auth?.kind === 'bearer' ? { authorization: { type: 'Bearer', credentials_file: `${dir}/${auth.tokenSecret.key}` } } : {}),
      ...(target.headers && Object.keys(target.headers).length ? { headers: { ...target.headers } } : {}),
      ...(queueConfig && Object.keys(queueConfig).length ? { queue_config: queueConfig } : {}),
      ...(target.writeRelabelConfigs?.length
        ? {
            write_relabel_configs: target.writeRelabelConfigs.map((rule) => ({
              ...(rule.sourceLabels ? { source_labels: [...rule.sourceLabels] } : {}),
              ...(rule.regex !== undefined ? { regex: rule.regex } : {}),
              ...(rule.targetLabel !== undefined ? { target_label: rule.targetLabel } : {}),
              ...(rule.replacement !== undefined ? { replacement: rule.replacement } : {}),
              action: rule.action,
            })),
          }
        : {}),
    };
  });
}

/** The Secret key a target reads its credential from, if any. */
export function remoteWriteSecret(target: RemoteWriteTarget): SecretKeyReference | undefined {
  const auth = target.auth;
  return auth?.kind === 'basic' ? auth.passwordSecret : auth?.kind === 'bearer' ? auth.tokenSecret : undefined;
}

/** host and port a target's URL reaches (its NetworkPolicy egress). */
export function remoteWriteEndpoint(target: RemoteWriteTarget): { readonly host: string; readonly port: number } {
  const url = new URL(target.url);
  return { host: url.hostname, port: urlPort(url) };
}
