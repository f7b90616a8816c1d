import { AlertingSettings } from '../../config/alerting/settings';
import { Profile } from '../../config/component';
import { DashboardSettings } from '../../config/dashboards/settings';
import { AlertRule, RecordingRule, RuleGroup } from '../../config/rules';
import { keysOf } from '../../config/strict';

/**
 * Everything a user can set; only `profile`, `cluster` and `environment` are required. These
 * are the stack-level keys; each component folder adds its own (`prometheus`, `logstash`, ...)
 * by interface merging in its settings.ts (`declare module '../stack/settings'`), and the
 * registry (constructs/registry.ts) lists who owns which.
 */
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

/**
 * The keys of StackSettings that belong to no component: the stack's identity and namespaces,
 * the PriorityClasses of every pod, and the rule groups, alerting and dashboards every component
 * feeds. (`services` and `discovery` are the services component's, `databases` the datastores'.)
 */
export type StackLevelKey =
  'profile' | 'cluster' | 'environment' | 'namespace' | 'agentsNamespace' | 'priorityClassNames' | 'ruleGroups' | 'alerting' | 'dashboards';
/** The stack-level keys, in the order `STACK_KEYS` lists them around the components' (checked against StackLevelKey by tsc). */
export const STACK_LEVEL_KEYS = keysOf<Pick<StackSettings, StackLevelKey>>({
  profile: true,
  cluster: true,
  environment: true,
  namespace: true,
  agentsNamespace: true,
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
 * same field of StackSettings means (see there for the defaults). Each component folder adds
 * its resolved keys next to its StackSettings keys.
 */
export interface ResolvedSettings {
  readonly profile: Profile;
  readonly cluster: string;
  readonly environment: string;
  readonly namespace: string;
  readonly agentsNamespace: string;
  readonly priorityClassNames: { readonly stack: string; readonly agents: string };
  readonly ruleGroups: readonly RuleGroup[];
  readonly alerting: AlertingSettings;
  readonly dashboards: DashboardSettings;
}
