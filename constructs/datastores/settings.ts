/**
 * The database exporters the stack deploys, one per declared instance (`StackSettings.databases`):
 * the settings every kind shares, the definition each exporter folder provides, and their
 * validation. The kinds themselves (postgres-exporter, mysqld-exporter, redis-exporter,
 * kafka-exporter) only say what differs: their instance fields, flags and thresholds.
 */
import { HostPort, ipv4Cidr } from '../../config/address';
import { AlertOverride } from '../../config/alerting/settings';
import { ComponentSpec, Profile, ResolvedComponent, resolveComponent, Resources } from '../../config/component';
import { fail } from '../../config/errors';
import { dnsLabel, labelValue } from '../../config/names';
import { checkComponentKeys, checkKeys, keysOf, suggest, UnknownSettingError } from '../../config/strict';

/** Kinds of database, cache and queue the stack runs exporters for; also the scrape job names. */
export type DatabaseKind = 'postgres' | 'mysql' | 'redis' | 'kafka';
export const DATABASE_KINDS: readonly DatabaseKind[] = ['postgres', 'mysql', 'redis', 'kafka'];

/** A key of an existing Kubernetes Secret in the stack namespace. */
export interface SecretKeyReference {
  /** Name of the Secret (in the stack namespace). @default none (required) */
  readonly name: string;
  /** Key in the Secret holding the value. @default none (required) */
  readonly key: string;
}
export const SECRET_KEY_REFERENCE_KEYS = keysOf<SecretKeyReference>({ name: true, key: true });

/** Settings every declared database instance has. */
export interface DatabaseInstanceSettings {
  /** Instance name: a DNS label, unique per kind; its exporter is named `<exporter>-<name>`. @default none (required) */
  readonly name: string;
  /**
   * The IPv4 CIDR the exporter's NetworkPolicy allows on the database port, for a host given as
   * a DNS name (NetworkPolicies cannot match names).
   * @default the host's /32 when it is an IPv4 address, else any address (on the database port only)
   */
  readonly cidr?: string;
  /**
   * For a server running in the cluster: its pods (namespace and labels), so the NetworkPolicy
   * allows exactly them on the database port instead of an address range.
   * @default none (the address or `cidr` decides)
   */
  readonly pods?: DatabasePods;
  /** CPU/memory requests and limits of the exporter. @default the exporter's sizing for the profile */
  readonly resources?: Resources;
}

/** The keys every kind's instance has (`DatabaseInstanceSettings`); each kind adds its own to these. */
export const INSTANCE_BASE_KEYS = { name: true, cidr: true, pods: true, resources: true } as const satisfies {
  readonly [K in keyof Required<DatabaseInstanceSettings>]: true;
};

/** The pods of an in-cluster database server. */
export interface DatabasePods {
  /** Namespace of the database pods. @default none (required) */
  readonly namespace: string;
  /** Labels that select the database pods (all must match). @default none (required, at least one) */
  readonly labels: Readonly<Record<string, string>>;
}
export const DATABASE_PODS_KEYS = keysOf<DatabasePods>({ namespace: true, labels: true });

/** A typed threshold of a kind: which catalog alert it sets, and its range. */
export interface ThresholdRule {
  /** Catalog alert whose threshold it sets (constructs/datastores/alerts.ts). */
  readonly alert: string;
  /** `ratio`: in (0, 1]; `positive`: > 0. */
  readonly range: 'ratio' | 'positive';
}

/** A read-only Grafana datasource for one database: Grafana logs in as its own user, never the exporter's. */
export interface DatabaseGrafanaDatasource {
  /** Login of Grafana's user on the database, granted SELECT on the checked tables only (a name, not a secret). @default none (required) */
  readonly user: string;
  /** Secret key holding that user's password; only this key is mounted into Grafana and read as `$__file{...}`. @default none (required) */
  readonly passwordSecret: SecretKeyReference;
  /** Database Grafana connects to. @default none (required) */
  readonly database: string;
}

/** How a kind's datasource looks in Grafana's provisioning: the plugin type and its `jsonData`. */
export interface DatasourceFlavour {
  /** Grafana plugin id (`grafana-postgresql-datasource`, `mysql`). */
  readonly type: string;
  /** `jsonData` of the entry beyond `database`. */
  readonly jsonData: Readonly<Record<string, unknown>>;
}

/** How the exporter container gets a value from a Secret. */
export interface SecretUse {
  /** The Secret key. */
  readonly secret: SecretKeyReference;
  /** Environment variable set from it (`secretKeyRef`), or... */
  readonly env?: string;
  /** ...the file it is mounted at (read through a `*_FILE` variable or flag). */
  readonly file?: string;
}

/** The exporter process for one instance: pure data, rendered the same for Kubernetes and Docker. */
export interface ExporterProcess {
  /** Arguments after the image's entrypoint. */
  readonly args: readonly string[];
  /** Literal environment (never a secret). */
  readonly env: Readonly<Record<string, string>>;
  /** Values read from Secrets. */
  readonly secrets: readonly SecretUse[];
}

/** What an exporter folder tells the shared machinery about its kind. */
export interface ExporterKind<S extends DatabaseInstanceSettings> {
  /** `StackSettings.databases` key, scrape job name and `alerting.exporters` key. */
  readonly kind: DatabaseKind;
  /** Catalog entry of the exporter (image, port, paths, sizing). */
  readonly spec: ComponentSpec;
  /** What the database is called in messages and the diagram, e.g. `PostgreSQL`. */
  readonly title: string;
  /** Every key of the instance settings `S` (made with keysOf). */
  readonly keys: readonly string[];
  /** The typed thresholds of `S.thresholds`, by key. */
  readonly thresholds: Readonly<Record<string, ThresholdRule>>;
  /**
   * Checks the kind's own fields of an instance at `field` and returns the addresses its exporter
   * connects to; the first is the `instance` label of its series.
   */
  readonly validate: (where: string, field: string, instance: S) => HostPort[];
  /** The exporter's args, env and Secret uses for an instance (validated settings). */
  readonly process: (instance: S, spec: ComponentSpec) => ExporterProcess;
  /** The read-only Grafana datasource an instance declares, for the kinds Grafana can query. @default none */
  readonly grafanaDatasource?: (
    instance: S,
  ) => { readonly settings: DatabaseGrafanaDatasource; readonly flavour: DatasourceFlavour } | undefined;
}

/** A declared instance after validation: what the constructs, scrape jobs, flows and rules consume. */
export interface ResolvedDatabaseInstance<S extends DatabaseInstanceSettings = DatabaseInstanceSettings> {
  /** Kind of database. */
  readonly kind: DatabaseKind;
  /** Instance name (unique per kind). */
  readonly name: string;
  /** The `instance` label of its series: the database address `host:port`. */
  readonly instance: string;
  /** Every address the exporter connects to (NetworkPolicy egress). */
  readonly addresses: readonly HostPort[];
  /** CIDR of the database for the NetworkPolicy, when declared. */
  readonly cidr?: string;
  /** The database's pods for the NetworkPolicy, when declared. */
  readonly pods?: DatabasePods;
  /** The exporter workload: the catalog entry named for this instance, one replica, its resources. */
  readonly component: ResolvedComponent;
  /** Overrides of the catalog alerts from the instance's thresholds, by alert name. */
  readonly alerts: Readonly<Record<string, AlertOverride>>;
  /** The Secret keys its exporter and its Grafana datasource read (which the Docker target must be given values for). */
  readonly secretRefs: readonly SecretKeyReference[];
  /** The validated settings as given. */
  readonly settings: S;
}

/** Field names that would carry a credential in plain text; settings reference Secrets instead. */
const LITERAL_CREDENTIAL = /^(pass(word|wd)?|pwd|secret|token|dsn|data_?source(_?name)?|connection_?(string|uri|url)|uri|url)$/i;

/**
 * Like checkKeys, but a field that looks like a literal credential gets its own message and
 * its value is never shown.
 */
export function checkInstanceKeys(where: string, field: string, value: unknown, keys: readonly string[]): void {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const key of Object.keys(value)) {
      if (!keys.includes(key) && LITERAL_CREDENTIAL.test(key)) {
        const secretKeys = keys.filter((k) => k.endsWith('Secret'));
        fail(
          where,
          `${field}.${key}`,
          '(value hidden)',
          `no literal credential in settings: reference a key of an existing Secret with ` +
            `${secretKeys.length ? secretKeys.join(' or ') : 'passwordSecret'}: { name, key }`,
        );
      }
      if (!keys.includes(key)) throw new UnknownSettingError(where, `${field}.${key}`, '(hidden)', suggest(key, keys), keys);
    }
  }
  checkKeys(where, field, value, keys);
}

const SECRET_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]{1,253}$/;

/** Validates a Secret key reference at `field`. */
export function secretKeyReference(where: string, field: string, value: unknown): SecretKeyReference {
  // A string here is most likely the password itself: never show it.
  if (!value || typeof value !== 'object' || Array.isArray(value))
    fail(
      where,
      field,
      typeof value === 'string' ? '(a string, hidden)' : value,
      'a reference to an existing Secret: { name: "<secret name>", key: "<key in it>" }, not the value itself',
    );
  checkInstanceKeys(where, field, value, SECRET_KEY_REFERENCE_KEYS);
  const ref = value as SecretKeyReference;
  if (typeof ref.name !== 'string' || ref.name.length > 253 || !SECRET_NAME.test(ref.name))
    fail(where, `${field}.name`, ref.name, 'a Secret name (DNS-1123 subdomain: lower-case letters, digits, "-" and ".")');
  if (typeof ref.key !== 'string' || !SECRET_KEY.test(ref.key))
    fail(where, `${field}.key`, ref.key, 'a Secret key of letters, digits, "-", "_" and "."');
  return ref;
}

/** Validates the pods of an in-cluster database at `field`. */
function databasePods(where: string, field: string, value: unknown): DatabasePods {
  if (!value || typeof value !== 'object' || Array.isArray(value))
    fail(where, field, value, 'an object { namespace, labels } selecting the database pods');
  checkKeys(where, field, value, DATABASE_PODS_KEYS);
  const pods = value as DatabasePods;
  dnsLabel(where, `${field}.namespace`, pods.namespace);
  const labels: unknown = pods.labels;
  if (!labels || typeof labels !== 'object' || Array.isArray(labels) || Object.keys(labels).length === 0)
    fail(where, `${field}.labels`, labels, 'at least one label of the database pods, e.g. { "app.kubernetes.io/name": "orders-db" }');
  for (const [key, label] of Object.entries(labels as Record<string, unknown>)) {
    if (!LABEL_KEY.test(key) || key.length > 317) fail(where, `${field}.labels`, key, 'Kubernetes label keys ([prefix/]name)');
    labelValue(where, `${field}.labels.${key}`, label as string);
  }
  return pods;
}

const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/** A non-empty string without whitespace or control characters (user names, database names). */
export function plainName(where: string, field: string, value: unknown, what: string): string {
  // \p{Cc}: control characters.
  if (typeof value !== 'string' || !/^[^\s\p{Cc}"'\\]{1,128}$/u.test(value))
    fail(where, field, value, `${what}: 1 to 128 characters, no whitespace, quotes or backslashes`);
  return value;
}

/** Whether an optional boolean field is a boolean. */
export function optionalBoolean(where: string, field: string, value: unknown): boolean | undefined {
  if (value !== undefined && typeof value !== 'boolean') fail(where, field, value, 'true or false');
  return value as boolean | undefined;
}

/** One of a closed set of strings. */
export function oneOf<T extends string>(where: string, field: string, value: unknown, allowed: readonly T[]): T {
  if (!allowed.includes(value as T)) fail(where, field, value, allowed.map((a) => `"${a}"`).join(', '));
  return value as T;
}

/** The exporter workload spec of one instance: the catalog entry, named `<exporter>-<instance>`. */
export function instanceSpec(spec: ComponentSpec, name: string): ComponentSpec {
  return { ...spec, name: `${spec.name}-${name}` };
}

/**
 * Validates the instances of one kind at `databases.<kind>` and fills their defaults. A
 * repeated name is an error naming both entries.
 */
export function resolveDatabaseInstances<S extends DatabaseInstanceSettings>(
  where: string,
  profile: Profile,
  kind: ExporterKind<S>,
  input: unknown,
): ResolvedDatabaseInstance<S>[] {
  const field = `databases.${kind.kind}`;
  if (input === undefined) return [];
  if (!Array.isArray(input)) fail(where, field, input, `a list of ${kind.title} instances, each with at least a name`);
  const first = new Map<string, number>();
  return input.map((instance: S, i) => {
    const at = `${field}[${i}]`;
    const resolved = resolveDatabaseInstance(where, at, profile, kind, instance);
    const seen = first.get(resolved.name);
    if (seen !== undefined)
      fail(
        where,
        `${at}.name`,
        resolved.name,
        `a name not used by another ${kind.kind} instance (${field}[${seen}] is also "${resolved.name}"; ` +
          `the exporter is named ${resolved.component.spec.name})`,
      );
    first.set(resolved.name, i);
    return resolved;
  });
}

/** Validates one instance of a kind at `field` (e.g. `databases.postgres[0]`, or `props` for a construct used alone). */
export function resolveDatabaseInstance<S extends DatabaseInstanceSettings>(
  where: string,
  field: string,
  profile: Profile,
  kind: ExporterKind<S>,
  instance: S,
): ResolvedDatabaseInstance<S> {
  if (!instance || typeof instance !== 'object' || Array.isArray(instance))
    fail(where, field, instance, `an object describing one ${kind.title} instance`);
  checkInstanceKeys(where, field, instance, kind.keys);
  checkComponentKeys(where, field, { resources: instance.resources }, ['resources']);
  dnsLabel(where, `${field}.name`, instance.name, 63 - kind.spec.name.length - 1);
  const cidr = instance.cidr === undefined ? undefined : ipv4Cidr(where, `${field}.cidr`, instance.cidr);
  const pods = instance.pods === undefined ? undefined : databasePods(where, `${field}.pods`, instance.pods);
  if (cidr && pods) fail(where, `${field}.cidr`, cidr, `unset when ${field}.pods selects the database pods (one or the other)`);
  const addresses = kind.validate(where, field, instance);
  const alerts = resolveThresholds(where, `${field}.thresholds`, kind, (instance as { thresholds?: unknown }).thresholds);
  const component = resolveComponent(where, field, instanceSpec(kind.spec, instance.name), profile, { resources: instance.resources });
  const datasource = kind.grafanaDatasource?.(instance);
  return {
    kind: kind.kind,
    name: instance.name,
    instance: `${addresses[0].host}:${addresses[0].port}`,
    addresses,
    ...(cidr ? { cidr } : {}),
    ...(pods ? { pods } : {}),
    component,
    alerts,
    secretRefs: [
      ...kind.process(instance, component.spec).secrets.map((use) => use.secret),
      ...(datasource ? [datasource.settings.passwordSecret] : []),
    ],
    settings: instance,
  };
}

/** The alert overrides of an instance's typed thresholds. */
function resolveThresholds<S extends DatabaseInstanceSettings>(
  where: string,
  field: string,
  kind: ExporterKind<S>,
  thresholds: unknown,
): Record<string, AlertOverride> {
  checkKeys(where, field, thresholds, Object.keys(kind.thresholds));
  const overrides: Record<string, AlertOverride> = {};
  for (const [key, rule] of Object.entries(kind.thresholds)) {
    const value = (thresholds as Record<string, unknown> | undefined)?.[key];
    if (value === undefined) continue;
    const ok = typeof value === 'number' && Number.isFinite(value) && value > 0 && (rule.range === 'positive' || value <= 1);
    if (!ok)
      fail(
        where,
        `${field}.${key}`,
        value,
        rule.range === 'ratio'
          ? `a ratio greater than 0 and at most 1 (threshold of ${rule.alert})`
          : `a number > 0 (threshold of ${rule.alert})`,
      );
    overrides[rule.alert] = { threshold: value as number };
  }
  return overrides;
}

/** Every key of `grafanaDatasource`. */
export const DATABASE_GRAFANA_DATASOURCE_KEYS = keysOf<DatabaseGrafanaDatasource>({ user: true, passwordSecret: true, database: true });

/** Grafana's limit on datasource UIDs (as on dashboard UIDs). */
const MAX_DATASOURCE_UID_LENGTH = 40;

/** The stable UID of an instance's datasource: `<kind>-<instance>`, e.g. `postgres-orders`. */
export const databaseDatasourceUid = (instance: { readonly kind: DatabaseKind; readonly name: string }): string =>
  `${instance.kind}-${instance.name}`;

/** Validates the `grafanaDatasource` at `field` of the instance `name` of `kind` (undefined: none declared). */
export function validateGrafanaDatasource(
  where: string,
  field: string,
  kind: DatabaseKind,
  name: string,
  value: unknown,
): DatabaseGrafanaDatasource | undefined {
  if (value === undefined) return undefined;
  if (!value || typeof value !== 'object' || Array.isArray(value))
    fail(where, field, value, 'an object { user, passwordSecret: { name, key }, database } for a read-only Grafana login');
  checkInstanceKeys(where, field, value, DATABASE_GRAFANA_DATASOURCE_KEYS);
  const datasource = value as DatabaseGrafanaDatasource;
  plainName(where, `${field}.user`, datasource.user, "Grafana's read-only database user");
  secretKeyReference(where, `${field}.passwordSecret`, datasource.passwordSecret);
  plainName(where, `${field}.database`, datasource.database, 'the database Grafana queries');
  const uid = databaseDatasourceUid({ kind, name });
  if (uid.length > MAX_DATASOURCE_UID_LENGTH)
    fail(
      where,
      field,
      uid,
      `an instance name of at most ${MAX_DATASOURCE_UID_LENGTH - kind.length - 1} characters with a Grafana datasource ` +
        `(Grafana allows ${MAX_DATASOURCE_UID_LENGTH} in a datasource UID; this one has ${uid.length})`,
    );
  return datasource;
}
