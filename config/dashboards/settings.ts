import type * as cog from '@grafana/grafana-foundation-sdk/cog';
import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';

/** Names of the dashboards the stack ships; each can be switched off in `DashboardSettings.shipped`. */
export const SHIPPED_DASHBOARDS = ['service', 'slo', 'alerts', 'systemHealth', 'stack', 'datastores'] as const;
export type ShippedDashboard = (typeof SHIPPED_DASHBOARDS)[number];

/** Kinds of database/cache exporters the datastore dashboard knows panels for. */
export const DATASTORE_KINDS = ['postgres', 'redis'] as const;
export type DatastoreKind = (typeof DATASTORE_KINDS)[number];

/**
 * A database or cache exporter scraped by Prometheus (postgres_exporter, redis_exporter).
 * Declaring one adds its panels (query rate, latency, pool use, cache hit ratio) to the
 * `datastores` dashboard.
 */
export interface DatastoreExporter {
  /** What it exports: `postgres` (prometheus-community postgres_exporter) or `redis` (oliver006 redis_exporter). */
  readonly kind: DatastoreKind;
  /** Scrape job name of the exporter (the `job` label of its series), e.g. `orders-db`. */
  readonly job: string;
  /** Row title on the dashboard. Default: the job name. */
  readonly title?: string;
}

/** A dashboard the user adds: built with the Grafana Foundation SDK, validated like the shipped ones. */
export interface UserDashboard {
  /** Grafana folder (directory name: lower-case letters, digits and '-'). Default: `custom`. */
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
   * shipped dashboard on (`service` only when services are declared, `datastores` only when
   * exporters are declared).
   */
  readonly shipped?: Partial<Record<ShippedDashboard, boolean>>;
  /** Database/cache exporters whose panels go on the `datastores` dashboard. Default: none. */
  readonly exporters?: readonly DatastoreExporter[];
  /** The user's own dashboards, provisioned next to the shipped ones. Default: none. */
  readonly custom?: readonly UserDashboard[];
}
