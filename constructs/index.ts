/** Public API: the constructs, their props, and the typed settings they take. */
export { ObservabilityStack } from './observability-stack';
export type { ObservabilityStackProps } from './observability-stack';
export { Prometheus } from './prometheus/prometheus';
export type { PrometheusProps } from './prometheus/prometheus';
export { Alertmanager } from './alertmanager/alertmanager';
export type { AlertmanagerProps } from './alertmanager/alertmanager';
export { Grafana } from './grafana/grafana';
export type { GrafanaProps } from './grafana/grafana';
export { NodeExporter } from './node-exporter/node-exporter';
export type { NodeExporterProps } from './node-exporter/node-exporter';
export { KubeStateMetrics } from './kube-state-metrics/kube-state-metrics';
export type { KubeStateMetricsProps } from './kube-state-metrics/kube-state-metrics';
export { BlackboxExporter } from './blackbox-exporter/blackbox-exporter';
export type { BlackboxExporterProps } from './blackbox-exporter/blackbox-exporter';
export { PostgresExporter } from './postgres-exporter/postgres-exporter';
export type { PostgresExporterProps } from './postgres-exporter/postgres-exporter';
export { MysqldExporter } from './mysqld-exporter/mysqld-exporter';
export type { MysqldExporterProps } from './mysqld-exporter/mysqld-exporter';
export { RedisExporter } from './redis-exporter/redis-exporter';
export type { RedisExporterProps } from './redis-exporter/redis-exporter';
export { KafkaExporter } from './kafka-exporter/kafka-exporter';
export type { KafkaExporterProps } from './kafka-exporter/kafka-exporter';
export { Elasticsearch } from './elasticsearch/elasticsearch';
export type { ElasticsearchProps } from './elasticsearch/elasticsearch';
export { elasticsearchClientFlow } from './elasticsearch/flows';
export { Kibana } from './kibana/kibana';
export type { KibanaProps } from './kibana/kibana';
export { Logstash } from './logstash/logstash';
export type { LogstashProps } from './logstash/logstash';
export { ThanosQuery } from './thanos-query/thanos-query';
export type { ThanosQueryProps } from './thanos-query/thanos-query';
export { Filebeat } from './filebeat/filebeat';
export type { FilebeatProps } from './filebeat/filebeat';
export { Jaeger } from './jaeger/jaeger';
export type { JaegerProps } from './jaeger/jaeger';
export type { WorkloadProps } from './k8s/standalone';
export { synthesize, writeManifests } from './stack/synthesize';
export type { Synthesized } from './stack/synthesize';
export { footprint, footprintTable } from './stack/footprint';
export type { ComponentFootprint, Manifest } from './stack/footprint';
export { stackWarnings } from './stack/alerting';
export { annotateWarnings, warningsOf, WARNING_METADATA_TYPE } from './stack/warnings';
export { resolveSettings } from './stack/resolve';
export type { StackSettings, ResolvedSettings } from './stack/settings';
export type { DatabasesSettings } from './datastores/databases';
export type { NodeExporterSettings } from './node-exporter/settings';
export type { KubeStateMetricsSettings } from './kube-state-metrics/settings';
export type { BlackboxExporterSettings } from './blackbox-exporter/settings';
export type { SecretKeyReference, DatabaseInstanceSettings } from './datastores/settings';
export type { PostgresInstance, PostgresThresholds } from './postgres-exporter/settings';
export type { MysqlInstance, MysqlThresholds } from './mysqld-exporter/settings';
export type { RedisInstance, RedisThresholds } from './redis-exporter/settings';
export type { KafkaInstance, KafkaSasl, KafkaThresholds } from './kafka-exporter/settings';
export type { MonitoredService, DiscoverySettings } from './services/settings';
export type { PrometheusSettings } from './prometheus/settings';
export type {
  RemoteWriteTarget,
  RemoteWriteAuth,
  RemoteWriteBasicAuth,
  RemoteWriteBearerAuth,
  RemoteWriteQueue,
  WriteRelabelConfig,
} from './prometheus/remote-write';
export type { ThanosSettings } from './thanos-query/settings';
export type { AlertmanagerSettings } from './alertmanager/settings';
export type { GrafanaSettings, GrafanaIngress, GrafanaAdminSecret } from './grafana/settings';
export { mysqlFreshnessCheck, postgresFreshnessCheck } from './grafana/alerting-settings';
export type { GrafanaAlertsSettings, GrafanaSqlCheck, SqlCheckCondition, FreshnessCheckOptions } from './grafana/alerting-settings';
export type { DatabaseGrafanaDatasource } from './datastores/settings';
export type {
  ElasticsearchSettings,
  ElasticsearchTlsSettings,
  ElasticsearchClient,
  ElasticsearchAccess,
  LogStreamSettings,
  MaxMapCountMode,
  CertManagerIssuer,
} from './elasticsearch/settings';
export type { KibanaSettings } from './kibana/settings';
export type { LogstashSettings } from './logstash/settings';
export type { FieldMapping, EcsType } from './logstash/ecs';
export type { ScrubRule } from './logstash/patterns';
export type { FilebeatSettings, FilebeatMultilineSettings, FilebeatOutput, StackTraceLanguage } from './filebeat/settings';
export type {
  JaegerSettings,
  JaegerCollectorSettings,
  JaegerQuerySettings,
  SamplingSettings,
  SamplingStrategy,
  ServiceSampling,
  OperationSampling,
} from './jaeger/settings';
export type { RedSource } from './services/settings';
export type { SearchDefinition, SearchQuery, Condition } from './kibana/searches';
export type { IngressSettings } from './k8s/ingress';
export type { OperatorSettings } from './operator/settings';
export type { ComponentSettings, Profile, Resources, ResourceAmounts } from '../config/component';
export type {
  AlertingSettings,
  AlertOverride,
  ServiceAlerting,
  SloSettings,
  Severity,
  ReceiversSettings,
  RoutingSettings,
} from '../config/alerting/settings';
export type { DashboardSettings, UserDashboard, ShippedDashboard, ShippedDashboards } from '../config/dashboards/settings';
export type { RuleGroup, AlertRule, RecordingRule } from '../config/rules';
export { SettingsError } from '../config/errors';
export { UnknownSettingError } from '../config/strict';
