import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { checkEachKeys, checkKeys, keysOf } from '../strict';

/**
 * The dashboards the stack ships, each switched in `DashboardSettings.shipped` by its name.
 * Every component folder that ships one adds its names here by interface merging
 * (`declare module '../../config/dashboards/settings'`, next to its settings keys), and its
 * `dashboards` hook builds them; the registry lists the names at run time (`SHIPPED_DASHBOARDS`).
 */
// Empty here by design: the names are the components' (interface merging fills it).
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface ShippedDashboards {}
/** The name of a shipped dashboard. */
export type ShippedDashboard = keyof ShippedDashboards & string;

/** A dashboard the user adds: built with the Grafana Foundation SDK, validated like the shipped ones. */
export interface UserDashboard {
  /** Grafana folder (directory name: lower-case letters, digits and '-'). @default `custom` */
  readonly folder?: string;
  /**
   * The dashboard: an SDK builder (`new DashboardBuilder(...)`) or the model it builds. It must
   * have a UID; panels without an id or grid position get them assigned in order.
   */
  readonly dashboard: cog.Builder<dashboard.Dashboard> | dashboard.Dashboard;
}

/** Dashboard settings (which shipped dashboards are on, extra dashboards). */
export interface DashboardSettings {
  /**
   * Shipped dashboards to switch off or on, e.g. `{ datastores: false }`. Default: every
   * shipped dashboard on (`service` only when services are declared; `datastores` (database
   * performance), `caches` (Redis) and `queues` (Kafka) only when such exporters are declared in
   * `databases` or `alerting.exporters`).
   */
  readonly shipped?: Partial<Record<ShippedDashboard, boolean>>;
  /** The user's own dashboards, provisioned next to the shipped ones. @default none */
  readonly custom?: readonly UserDashboard[];
}

/** Every key of DashboardSettings and of a UserDashboard (checked against the interfaces by tsc). */
export const DASHBOARD_KEYS = keysOf<DashboardSettings>({ shipped: true, custom: true });
export const USER_DASHBOARD_KEYS = keysOf<UserDashboard>({ folder: true, dashboard: true });

/**
 * Checks that the dashboard settings at `field` carry only known keys (`shipped` only the names in `shipped`,
 * the names of the shipped dashboards); the dashboards themselves are validated when they are built.
 */
export function checkDashboardKeys(where: string, field: string, input: DashboardSettings | undefined, shipped: readonly string[]): void {
  checkKeys(where, field, input, DASHBOARD_KEYS);
  checkKeys(where, `${field}.shipped`, input?.shipped, shipped);
  checkEachKeys(where, `${field}.custom`, input?.custom, USER_DASHBOARD_KEYS);
}
