import { toYaml } from './yaml';
import { duration } from './duration';
import { fail } from './errors';
import { promLabelName, promMetricName } from './names';
import { promql } from './promql';

/** A Prometheus alerting rule. */
export interface AlertRule {
  /** Alert name (also the `alertname` label). */
  readonly alert: string;
  /** PromQL condition; every result series is an alert. */
  readonly expr: string;
  /** How long the condition must hold before firing. @default fire on first evaluation */
  readonly for?: string;
  /** Extra labels, e.g. `severity`. @default none */
  readonly labels?: Readonly<Record<string, string>>;
  /** Annotations such as `summary`, `description`, `runbook_url`. @default none */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** A Prometheus recording rule. */
export interface RecordingRule {
  /** Name of the recorded series, `level:metric:operations`. */
  readonly record: string;
  /** PromQL expression to record. */
  readonly expr: string;
  /** Extra labels attached to the result. @default none */
  readonly labels?: Readonly<Record<string, string>>;
}

export type Rule = AlertRule | RecordingRule;

/** A rule group: rules evaluated together, in order, at one interval. */
export interface RuleGroup {
  /** Group name, unique within its file. */
  readonly name: string;
  /** Evaluation interval. @default the global `evaluation_interval` */
  readonly interval?: string;
  /** The rules, in evaluation order. */
  readonly rules: readonly Rule[];
}

export function isAlertRule(rule: Rule): rule is AlertRule {
  return (rule as AlertRule).alert !== undefined;
}

/** Validates groups as Prometheus would, plus our stricter duplicate-name rule. */
export function validateRuleGroups(where: string, field: string, groups: readonly RuleGroup[]): void {
  const groupNames = new Set<string>();
  groups.forEach((group, g) => {
    const at = `${field}[${g}]`;
    if (typeof group.name !== 'string' || group.name.trim() === '') fail(where, `${at}.name`, group.name, 'a non-empty group name');
    if (groupNames.has(group.name)) fail(where, `${at}.name`, group.name, 'a group name not used by another group');
    groupNames.add(group.name);
    if (group.interval !== undefined) duration(where, `${at}.interval`, group.interval);
    if (!Array.isArray(group.rules) || group.rules.length === 0) fail(where, `${at}.rules`, group.rules, 'a non-empty list of rules');
    const ruleNames = new Set<string>();
    group.rules.forEach((rule, r) => {
      const ruleAt = `${at}.rules[${r}]`;
      const name = isAlertRule(rule) ? rule.alert : rule.record;
      const key = isAlertRule(rule) ? 'alert' : 'record';
      if (isAlertRule(rule)) {
        if (typeof rule.alert !== 'string' || !/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(rule.alert)) {
          fail(where, `${ruleAt}.alert`, rule.alert, 'an alert name matching [a-zA-Z_][a-zA-Z0-9_]*');
        }
        if (rule.for !== undefined) duration(where, `${ruleAt}.for`, rule.for);
        for (const key of Object.keys(rule.annotations ?? {})) promLabelName(where, `${ruleAt}.annotations key`, key);
      } else {
        promMetricName(where, `${ruleAt}.record`, (rule as RecordingRule).record);
      }
      if (ruleNames.has(name)) fail(where, `${ruleAt}.${key}`, name, `a ${key} name not already used in group "${group.name}"`);
      ruleNames.add(name);
      promql(where, `${ruleAt}.expr (${name})`, rule.expr);
      for (const key of Object.keys(rule.labels ?? {})) promLabelName(where, `${ruleAt}.labels key`, key);
    });
  });
}

/** Renders a Prometheus rule file (`groups:`) with keys in the order Prometheus documents them. */
export function renderRuleFile(groups: readonly RuleGroup[]): string {
  const body = {
    groups: groups.map((group) => ({
      name: group.name,
      ...(group.interval ? { interval: group.interval } : {}),
      rules: group.rules.map((rule) =>
        isAlertRule(rule)
          ? {
              alert: rule.alert,
              expr: rule.expr,
              ...(rule.for ? { for: rule.for } : {}),
              ...(rule.labels && Object.keys(rule.labels).length ? { labels: { ...rule.labels } } : {}),
              ...(rule.annotations && Object.keys(rule.annotations).length ? { annotations: { ...rule.annotations } } : {}),
            }
          : {
              record: rule.record,
              expr: rule.expr,
              ...(rule.labels && Object.keys(rule.labels).length ? { labels: { ...rule.labels } } : {}),
            },
      ),
    })),
  };
  return toYaml(body);
}
