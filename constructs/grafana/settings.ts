import { ComponentSettings, Profile, resolveComponent, ResolvedComponent } from '../../config/component';
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

/** Grafana settings. */
export interface GrafanaSettings extends ComponentSettings {
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
  ...keysOf<Omit<GrafanaSettings, keyof ComponentSettings>>({ adminSecret: true, ingress: true, rootUrl: true, alerts: true }),
];
const ADMIN_SECRET_KEYS = keysOf<GrafanaAdminSecret>({ name: true, userKey: true, passwordKey: true });

/** Grafana settings with every default filled in. */
export interface ResolvedGrafana extends ResolvedComponent {
  readonly adminSecret: Required<GrafanaAdminSecret>;
  readonly ingress?: GrafanaIngress;
  readonly rootUrl?: string;
  readonly alerts: ResolvedGrafanaAlerts;
}

/** Validates Grafana settings (`field` is their path, e.g. `grafana`) and fills the defaults. */
export function resolveGrafana(where: string, field: string, profile: Profile, input: GrafanaSettings = {}): ResolvedGrafana {
  checkComponentKeys(where, field, input, GRAFANA_KEYS);
  checkKeys(where, `${field}.adminSecret`, input.adminSecret, ADMIN_SECRET_KEYS);
  const component = resolveComponent(where, field, grafanaSpec, profile, input);
  const adminSecret = {
    name: dnsLabel(where, `${field}.adminSecret.name`, input.adminSecret?.name ?? 'grafana-admin', 253),
    userKey: input.adminSecret?.userKey ?? 'admin-user',
    passwordKey: input.adminSecret?.passwordKey ?? 'admin-password',
  };
  if (input.rootUrl !== undefined) httpUrl(where, `${field}.rootUrl`, input.rootUrl);
  const ingress = resolveIngress(where, `${field}.ingress`, input.ingress);
  const alerts = resolveGrafanaAlerts(where, `${field}.alerts`, input.alerts);
  return { ...component, adminSecret, ingress, rootUrl: input.rootUrl ?? (ingress ? `https://${ingress.host}/` : undefined), alerts };
}
