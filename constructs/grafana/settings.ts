import { ipv4Cidr, isHost } from '../../config/address';
import { ComponentSettings, Profile, resolveComponent, ResolvedComponent } from '../../config/component';
import { fail } from '../../config/errors';
import { dnsLabel, httpUrl } from '../../config/names';
import { checkComponentKeys, checkKeys, COMPONENT_KEYS, keysOf } from '../../config/strict';
import { IngressSettings, resolveIngress } from '../k8s/ingress';
import { GrafanaAlertsSettings, resolveGrafanaAlerts, ResolvedGrafanaAlerts } from './alerting-settings';
import { grafanaSpec } from './spec';

/** An Ingress in front of Grafana, always with TLS. */
export type GrafanaIngress = IngressSettings;

/** Reference to the Kubernetes Secret holding Grafana's admin login. */
export interface GrafanaAdminSecret {
  /** Secret name in the stack namespace. @default `grafana-admin` */
  readonly name?: string;
  /** Key holding the user name. @default `admin-user` */
  readonly userKey?: string;
  /** Key holding the password. @default `admin-password` */
  readonly passwordKey?: string;
}

/** Where Grafana's database password comes from: a key of a Kubernetes Secret in the stack namespace. */
export interface GrafanaDatabasePassword {
  /** Secret name. @default none (required) */
  readonly name: string;
  /** Key holding the password. @default `password` */
  readonly key?: string;
}

/** The SSL modes Grafana's PostgreSQL client offers. */
export const GRAFANA_SSL_MODES = ['disable', 'require', 'verify-ca', 'verify-full'] as const;

/**
 * Grafana's shared PostgreSQL database (users, sessions, annotations, alert state), which lets
 * several replicas act as one Grafana. The password is read from a Secret file, never written.
 */
export interface GrafanaDatabase {
  /** PostgreSQL server host (DNS name or IPv4 address). @default none (required) */
  readonly host: string;
  /** PostgreSQL port. @default `5432` */
  readonly port?: number;
  /** Database name. @default none (required) */
  readonly name: string;
  /** Database user. @default none (required) */
  readonly user: string;
  /** Secret holding the user's password. @default none (required) */
  readonly passwordSecret: GrafanaDatabasePassword;
  /** SSL mode of the connection. @default `require` */
  readonly sslMode?: (typeof GRAFANA_SSL_MODES)[number];
  /** IPv4 CIDR of the server for the NetworkPolicy egress rule. @default any address on the port (a DNS name cannot be matched) */
  readonly cidr?: string;
}

/** Grafana settings. */
export interface GrafanaSettings extends ComponentSettings {
  /** Shared PostgreSQL database; required for more than one replica. @default none: SQLite in the data directory (a volume in prod) */
  readonly database?: GrafanaDatabase;
  /** Where the admin credentials come from (never a literal password). @default Secret `grafana-admin` */
  readonly adminSecret?: GrafanaAdminSecret;
  /** Publish Grafana through an Ingress with TLS. @default no Ingress (port-forward) */
  readonly ingress?: GrafanaIngress;
  /** URL users reach Grafana at (`root_url`). @default `https://<ingress host>/` with an Ingress, else Grafana's own default */
  readonly rootUrl?: string;
  /** Grafana-managed alerts (SQL checks on the databases' datasources), sent to the stack's Alertmanager. @default none */
  readonly alerts?: GrafanaAlertsSettings;
}

/** Every key of GrafanaSettings (checked against the interface by tsc). */
export const GRAFANA_KEYS = [
  ...COMPONENT_KEYS,
  ...keysOf<Omit<GrafanaSettings, keyof ComponentSettings>>({
    adminSecret: true,
    ingress: true,
    rootUrl: true,
    alerts: true,
    database: true,
  }),
];
const DATABASE_KEYS = keysOf<GrafanaDatabase>({
  host: true,
  port: true,
  name: true,
  user: true,
  passwordSecret: true,
  sslMode: true,
  cidr: true,
});
const PASSWORD_KEYS = keysOf<GrafanaDatabasePassword>({ name: true, key: true });
/** A database or user name that needs no quoting in grafana.ini. */
const SQL_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const ADMIN_SECRET_KEYS = keysOf<GrafanaAdminSecret>({ name: true, userKey: true, passwordKey: true });

/** Grafana settings with every default filled in. */
export interface ResolvedGrafana extends ResolvedComponent {
  readonly adminSecret: Required<GrafanaAdminSecret>;
  readonly ingress?: GrafanaIngress;
  readonly rootUrl?: string;
  readonly alerts: ResolvedGrafanaAlerts;
  readonly database?: Required<Omit<GrafanaDatabase, 'cidr' | 'passwordSecret'>> &
    Pick<GrafanaDatabase, 'cidr'> & { readonly passwordSecret: Required<GrafanaDatabasePassword> };
}

/** Validates the shared database settings (`field` is their path, e.g. `grafana.database`). */
function resolveDatabase(where: string, field: string, input: GrafanaDatabase | undefined): ResolvedGrafana['database'] {
  if (input === undefined) return undefined;
  checkKeys(where, field, input, DATABASE_KEYS);
  if (typeof input.host !== 'string' || !isHost(input.host))
    fail(where, `${field}.host`, input.host, 'a DNS name or IPv4 address of the PostgreSQL server, without port or credentials');
  const port = input.port ?? 5432;
  if (!Number.isInteger(port) || port < 1 || port > 65535) fail(where, `${field}.port`, port, 'a whole number from 1 to 65535');
  for (const key of ['name', 'user'] as const)
    if (typeof input[key] !== 'string' || !SQL_NAME.test(input[key]))
      fail(where, `${field}.${key}`, input[key], 'a PostgreSQL name of letters, digits and "_" (not starting with a digit), at most 63');
  if (!input.passwordSecret || typeof input.passwordSecret !== 'object')
    fail(
      where,
      `${field}.passwordSecret`,
      // A string here may be the password itself: never echo it.
      typeof input.passwordSecret === 'string' ? '(hidden: a string here may be the password)' : input.passwordSecret,
      'the Secret holding the password: { name, key? } (never the password itself)',
    );
  checkKeys(where, `${field}.passwordSecret`, input.passwordSecret, PASSWORD_KEYS);
  const passwordSecret = {
    name: dnsLabel(where, `${field}.passwordSecret.name`, input.passwordSecret.name, 253),
    key: input.passwordSecret.key ?? 'password',
  };
  if (!/^[-._a-zA-Z0-9]+$/.test(passwordSecret.key))
    fail(where, `${field}.passwordSecret.key`, passwordSecret.key, 'a Secret key (letters, digits, "-", "_" and ".")');
  const sslMode = input.sslMode ?? 'require';
  if (!GRAFANA_SSL_MODES.includes(sslMode)) fail(where, `${field}.sslMode`, sslMode, GRAFANA_SSL_MODES.map((m) => `"${m}"`).join(', '));
  if (input.cidr !== undefined) ipv4Cidr(where, `${field}.cidr`, input.cidr);
  return {
    host: input.host,
    port,
    name: input.name,
    user: input.user,
    passwordSecret,
    sslMode,
    ...(input.cidr ? { cidr: input.cidr } : {}),
  };
}

/** Validates Grafana settings (`field` is their path, e.g. `grafana`) and fills the defaults. */
export function resolveGrafana(where: string, field: string, profile: Profile, input: GrafanaSettings = {}): ResolvedGrafana {
  checkComponentKeys(where, field, input, GRAFANA_KEYS);
  checkKeys(where, `${field}.adminSecret`, input.adminSecret, ADMIN_SECRET_KEYS);
  const resolved = resolveComponent(where, field, grafanaSpec, profile, input);
  const database = resolveDatabase(where, `${field}.database`, input.database);
  // Without a shared database each replica keeps its own SQLite: one replica (on a volume in
  // prod), and the catalog's replica count only with a database (constructs/grafana/spec.ts).
  const replicas = input.replicas ?? (database ? resolved.replicas : 1);
  if (replicas > 1 && !database)
    fail(
      where,
      `${field}.replicas`,
      replicas,
      `1 without ${field}.database (each replica would keep its own SQLite: users, sessions and annotations would differ per pod); ` +
        `set ${field}.database (PostgreSQL) to run more`,
    );
  const component = { ...resolved, replicas };
  const adminSecret = {
    name: dnsLabel(where, `${field}.adminSecret.name`, input.adminSecret?.name ?? 'grafana-admin', 253),
    userKey: input.adminSecret?.userKey ?? 'admin-user',
    passwordKey: input.adminSecret?.passwordKey ?? 'admin-password',
  };
  if (input.rootUrl !== undefined) httpUrl(where, `${field}.rootUrl`, input.rootUrl);
  const ingress = resolveIngress(where, `${field}.ingress`, input.ingress);
  const alerts = resolveGrafanaAlerts(where, `${field}.alerts`, input.alerts);
  const rootUrl = input.rootUrl ?? (ingress ? `https://${ingress.host}/` : undefined);
  return { ...component, adminSecret, ingress, rootUrl, alerts, ...(database ? { database } : {}) };
}

declare module '../stack/settings' {
  interface StackSettings {
    /** Grafana overrides. @default catalog sizing for the profile */
    readonly grafana?: GrafanaSettings;
  }
  interface ResolvedSettings {
    readonly grafana: ResolvedGrafana;
  }
}
