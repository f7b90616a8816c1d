import { ComponentSettings, ResolvedComponent } from '../../config/component';

declare module '../stack/settings' {
  interface StackSettings {
    /** Blackbox exporter overrides (deployed when a service declares a probe). @default catalog sizing */
    readonly blackboxExporter?: BlackboxExporterSettings;
  }
  interface ResolvedSettings {
    readonly blackboxExporter: ResolvedComponent;
  }
}

/** Blackbox exporter overrides: sizing. */
export type BlackboxExporterSettings = ComponentSettings;
