import { ComponentSettings, ResolvedComponent } from '../../config/component';

declare module '../stack/settings' {
  interface StackSettings {
    /** node-exporter overrides (replicas are ignored: one per node). @default catalog sizing */
    readonly nodeExporter?: NodeExporterSettings;
  }
  interface ResolvedSettings {
    readonly nodeExporter: ResolvedComponent;
  }
}

declare module '../../config/dashboards/settings' {
  interface ShippedDashboards {
    /** Every node's CPU, memory, disk and network at a glance. @default on */
    readonly systemHealth: true;
    /** One node in detail. @default on */
    readonly nodeDetail: true;
  }
}

/** node-exporter overrides: sizing only (one pod per node). */
export type NodeExporterSettings = ComponentSettings;
