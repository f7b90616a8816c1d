/** Public API: the constructs, and the typed settings they take. */
export * from './observability-stack';
export * from './prometheus';
export * from './alertmanager';
export * from './grafana';
export * from './node-exporter';
export * from './kube-state-metrics';
export * from './blackbox-exporter';
export * from './network-policies';
export * from './namespaces';
export * from './footprint';
export * from './synthesize';
export type { StackSettings, ResolvedSettings, MonitoredService, DiscoverySettings } from '../config/settings';
export { resolveSettings } from '../config/settings';
export type { Profile } from '../config/catalog';
export { CATALOG } from '../config/catalog';
export { SettingsError } from '../config/errors';
export type { RuleGroup, AlertRule, RecordingRule } from '../config/rules';
