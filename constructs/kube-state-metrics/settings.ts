import { ComponentSettings, ResolvedComponent } from '../../config/component';

declare module '../stack/settings' {
  interface StackSettings {
    /** kube-state-metrics overrides. @default catalog sizing */
    readonly kubeStateMetrics?: KubeStateMetricsSettings;
  }
  interface ResolvedSettings {
    readonly kubeStateMetrics: ResolvedComponent;
  }
}

declare module '../../config/dashboards/settings' {
  interface ShippedDashboards {
    /** Requests, limits and usage per namespace and workload. @default on */
    readonly computeResources: true;
  }
}

/** kube-state-metrics overrides: sizing. */
export type KubeStateMetricsSettings = ComponentSettings;
