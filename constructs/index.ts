/** Public API: the constructs, and the typed settings they take. */
export * from './observability-stack';
export * from './prometheus/prometheus';
export * from './alertmanager/alertmanager';
export * from './grafana/grafana';
export * from './node-exporter/node-exporter';
export * from './kube-state-metrics/kube-state-metrics';
export * from './blackbox-exporter/blackbox-exporter';
export * from './stack/network-policies';
export * from './stack/namespaces';
export * from './stack/footprint';
export * from './stack/synthesize';
export type { StackSettings, ResolvedSettings } from './stack/settings';
export type { MonitoredService, DiscoverySettings } from './services/settings';
export { resolveSettings } from './stack/resolve';
export type { Profile } from '../config/component';
export { SettingsError } from '../config/errors';
export type { RuleGroup, AlertRule, RecordingRule } from '../config/rules';
