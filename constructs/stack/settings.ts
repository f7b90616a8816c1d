import { AlertingSettings } from '../../config/alerting/settings';
import { ComponentSettings, Profile, ResolvedComponent } from '../../config/component';
import { DashboardSettings } from '../../config/dashboards/settings';
import { AlertRule, RecordingRule, RuleGroup } from '../../config/rules';
import { keysOf } from '../../config/strict';
import { AlertmanagerSettings, ResolvedAlertmanager } from '../alertmanager/settings';
import { GrafanaSettings, ResolvedGrafana } from '../grafana/settings';
import { PrometheusSettings, ResolvedPrometheus } from '../prometheus/settings';
import { ElasticsearchSettings, ResolvedElasticsearch } from '../elasticsearch/settings';
import { KibanaSettings, ResolvedKibana } from '../kibana/settings';
import { LogstashSettings, ResolvedLogstash } from '../logstash/settings';
import { FilebeatSettings, ResolvedFilebeat } from '../filebeat/settings';
import { JaegerSettings, ResolvedJaeger } from '../jaeger/settings';
import { DiscoverySettings, MonitoredService, ResolvedService } from '../services/settings';
import { ResolvedDatabaseInstance } from '../datastores/settings';
import { KafkaInstance } from '../kafka-exporter/settings';
import { MysqlInstance } from '../mysqld-exporter/settings';
import { PostgresInstance } from '../postgres-exporter/settings';
import { RedisInstance } from '../redis-exporter/settings';
import { OperatorSettings, ResolvedOperator } from '../operator/settings';

/**
 * Databases, caches and queues the stack runs an exporter for, one Deployment per instance;
 * each instance's series carry `job` = the kind and `instance` = the database address, and the
 * database alerts are switched on for it. (`alerting.exporters` is for exporters you run yourself.)
 */
export interface DatabasesSettings {
  /** PostgreSQL servers (postgres_exporter). @default none */
  readonly postgres?: readonly PostgresInstance[];
  /** MySQL or MariaDB servers (mysqld_exporter). @default none */
  readonly mysql?: readonly MysqlInstance[];
  /** Redis servers (redis_exporter). @default none */
  readonly redis?: readonly RedisInstance[];
  /** Kafka clusters (kafka_exporter). @default none */
  readonly kafka?: readonly KafkaInstance[];
}
export const DATABASES_KEYS = keysOf<DatabasesSettings>({ postgres: true, mysql: true, redis: true, kafka: true });

/** The declared instances of every kind, validated (empty lists for undeclared kinds). */
export type ResolvedDatabases = {
  readonly [K in keyof Required<DatabasesSettings>]: ReadonlyArray<ResolvedDatabaseInstance<NonNullable<DatabasesSettings[K]>[number]>>;
};

/** Everything a user can set; only `profile`, `cluster` and `environment` are required. */
export interface StackSettings {
  /** `dev` or `prod`: selects replicas, sizes and HA features. */
  readonly profile: Profile;
  /** Cluster name, the `cluster` external label on every series and alert. */
  readonly cluster: string;
  /** Environment name (`dev`, `staging`, `prod`), the `environment` external label. */
  readonly environment: string;
  /** Namespace of the stack's own workloads. @default `monitoring` */
  readonly namespace?: string;
  /** Namespace of host agents (node-exporter), labelled Pod Security `privileged`. @default `monitoring-agents` */
  readonly agentsNamespace?: string;
  /** Annotated-pod discovery scope. @default `{ scope: 'cluster' }` */
  readonly discovery?: DiscoverySettings;
  /** Services to scrape (and, with the alerting catalog, to alert on). @default none */
  readonly services?: readonly MonitoredService[];
  /** Prometheus overrides. @default catalog sizing for the profile */
  readonly prometheus?: PrometheusSettings;
  /** Alertmanager overrides. @default catalog sizing for the profile */
  readonly alertmanager?: AlertmanagerSettings;
  /** Grafana overrides. @default catalog sizing for the profile */
  readonly grafana?: GrafanaSettings;
  /** node-exporter overrides (replicas are ignored: one per node). @default catalog sizing */
  readonly nodeExporter?: ComponentSettings;
  /** kube-state-metrics overrides. @default catalog sizing */
  readonly kubeStateMetrics?: ComponentSettings;
  /** Blackbox exporter overrides (deployed when a service declares a probe). @default catalog sizing */
  readonly blackboxExporter?: ComponentSettings;
  /** Databases, caches and queues to deploy an exporter for, per instance. @default none */
  readonly databases?: DatabasesSettings;
  /** The logs store: setting it (even to `{}`) adds Elasticsearch, its exporter and setup Job. @default none (no logs store) */
  readonly elasticsearch?: ElasticsearchSettings;
  /** Kibana, the logs UI: on with `elasticsearch`; `false` leaves it out. @default on with Elasticsearch */
  readonly kibana?: KibanaSettings | false;
  /** Logstash, the log pipeline (Filebeat ships to it): on with `elasticsearch`; `false` leaves it out. @default on with Elasticsearch */
  readonly logstash?: LogstashSettings | false;
  /** Filebeat, the log shipper on every node: on with `elasticsearch`; `false` leaves it out. @default on with Elasticsearch */
  readonly filebeat?: FilebeatSettings | false;
  /** Traces: setting it (even to `{}`) adds Jaeger v2 on the logs store; needs `elasticsearch` (docs/tracing.md). @default none */
  readonly jaeger?: JaegerSettings;
  /**
   * Operator interop mode: setting it (even to `{}`) emits prometheus-operator objects instead of
   * the stack's own Prometheus, Alertmanager and Grafana (docs/operator.md). @default none (standalone)
   */
  readonly operator?: OperatorSettings;
  /**
   * PriorityClass of the stack's pods and of the host agents. Default: `system-cluster-critical`
   * and `system-node-critical`. Clusters that reserve the `system-*` classes for `kube-system`
   * (e.g. GKE, via a ResourceQuota) need a PriorityClass of their own here.
   */
  readonly priorityClassNames?: { readonly stack?: string; readonly agents?: string };
  /** Extra rule groups written to their own rule file, validated like the shipped ones. @default none */
  readonly ruleGroups?: readonly RuleGroup[];
  /** Alert catalog, receivers and routing. @default the shipped catalog */
  readonly alerting?: AlertingSettings;
  /** Dashboard selection. @default every shipped dashboard */
  readonly dashboards?: DashboardSettings;
}

/** Every key of StackSettings (checked against the interface by tsc). */
export const STACK_KEYS = keysOf<StackSettings>({
  profile: true,
  cluster: true,
  environment: true,
  namespace: true,
  agentsNamespace: true,
  discovery: true,
  services: true,
  prometheus: true,
  alertmanager: true,
  grafana: true,
  nodeExporter: true,
  kubeStateMetrics: true,
  blackboxExporter: true,
  databases: true,
  elasticsearch: true,
  kibana: true,
  logstash: true,
  filebeat: true,
  jaeger: true,
  operator: true,
  priorityClassNames: true,
  ruleGroups: true,
  alerting: true,
  dashboards: true,
});
/** Every key of `StackSettings.priorityClassNames`. */
export const PRIORITY_CLASS_KEYS = keysOf<NonNullable<StackSettings['priorityClassNames']>>({ stack: true, agents: true });
/** Every key of a rule group in `StackSettings.ruleGroups`, and of its alerting and recording rules. */
export const RULE_GROUP_KEYS = keysOf<RuleGroup>({ name: true, interval: true, rules: true });
export const ALERT_RULE_KEYS = keysOf<AlertRule>({ alert: true, expr: true, for: true, labels: true, annotations: true });
export const RECORDING_RULE_KEYS = keysOf<RecordingRule>({ record: true, expr: true, labels: true });

/**
 * Settings with every default filled in and every field validated; each field means what the
 * same field of StackSettings means (see there for the defaults).
 */
export interface ResolvedSettings {
  readonly profile: Profile;
  readonly cluster: string;
  readonly environment: string;
  readonly namespace: string;
  readonly agentsNamespace: string;
  readonly discovery: DiscoverySettings;
  readonly services: readonly ResolvedService[];
  readonly prometheus: ResolvedPrometheus;
  readonly alertmanager: ResolvedAlertmanager;
  readonly grafana: ResolvedGrafana;
  readonly nodeExporter: ResolvedComponent;
  readonly kubeStateMetrics: ResolvedComponent;
  readonly blackboxExporter: ResolvedComponent;
  readonly databases: ResolvedDatabases;
  /** Undefined when the stack has no logs store. */
  readonly elasticsearch?: ResolvedElasticsearch;
  /** Undefined without Elasticsearch or with `kibana: false`. */
  readonly kibana?: ResolvedKibana;
  /** Undefined without Elasticsearch or with `logstash: false`. */
  readonly logstash?: ResolvedLogstash;
  /** Undefined without Elasticsearch or with `filebeat: false`. */
  readonly filebeat?: ResolvedFilebeat;
  /** Undefined without tracing. */
  readonly jaeger?: ResolvedJaeger;
  /** Undefined in standalone mode. */
  readonly operator?: ResolvedOperator;
  readonly priorityClassNames: { readonly stack: string; readonly agents: string };
  readonly ruleGroups: readonly RuleGroup[];
  readonly alerting: AlertingSettings;
  readonly dashboards: DashboardSettings;
}
