import { PROFILES } from '../../config/component';
import { ResolvedClient } from '../../config/elasticsearch-clients';
import { fail } from '../../config/errors';
import { dnsLabel, labelValue } from '../../config/names';
import { isAlertRule, Rule, RuleGroup, validateRuleGroups } from '../../config/rules';
import { checkEachKeys, checkKeys } from '../../config/strict';
import { checkDashboardKeys } from '../../config/dashboards/settings';
import { Component, SettingsContext, SettingsKey } from '../component';
import { DEFAULT_PLACEMENT } from '../k8s/standalone';
import { COMPONENTS, SHIPPED_DASHBOARDS, STACK_KEYS } from '../registry';
import { validateAlerting } from './alerting-validation';
import { ALERT_RULE_KEYS, PRIORITY_CLASS_KEYS, RECORDING_RULE_KEYS, ResolvedSettings, RULE_GROUP_KEYS, StackSettings } from './settings';

/**
 * Validates user settings and fills every default. Throws a SettingsError naming `where`
 * (the construct path or config key), the field, the value and what is allowed.
 *
 * The stack-level keys resolve here; every other key is a registered component's, resolved by
 * its settings hook in registry order. A hook that needs another component's resolved settings
 * asks for them (`resolved(key)`), which resolves that component first; Elasticsearch gathers
 * the users of every component that talks to it (`elasticsearchClients`) the same way.
 */
export function resolveSettings(input: StackSettings, where: string): ResolvedSettings {
  if (!input || typeof input !== 'object' || Array.isArray(input))
    fail(where, 'settings', input, 'an object with at least profile, cluster and environment');
  // Unknown keys first, anywhere in the tree: a misspelt key would otherwise be ignored.
  checkKeys(where, '', input, STACK_KEYS);
  checkKeys(where, 'priorityClassNames', input.priorityClassNames, PRIORITY_CLASS_KEYS);
  for (const component of COMPONENTS) component.settings?.checkKeys?.(where, input);
  checkDashboardKeys(where, 'dashboards', input.dashboards, SHIPPED_DASHBOARDS);
  checkEachKeys(where, 'ruleGroups', input.ruleGroups, RULE_GROUP_KEYS);
  const groups: readonly RuleGroup[] = Array.isArray(input.ruleGroups) ? input.ruleGroups : [];
  groups.forEach((group, g) => {
    const rules: readonly Rule[] = Array.isArray(group?.rules) ? group.rules : [];
    rules.forEach((rule, r) =>
      checkKeys(where, `ruleGroups[${g}].rules[${r}]`, rule, rule && isAlertRule(rule) ? ALERT_RULE_KEYS : RECORDING_RULE_KEYS),
    );
  });
  if (!PROFILES.includes(input.profile)) fail(where, 'profile', input.profile, PROFILES.map((p) => `"${p}"`).join(' or '));
  const profile = input.profile;
  labelValue(where, 'cluster', input.cluster);
  if (!input.cluster) fail(where, 'cluster', input.cluster, 'a non-empty Kubernetes label value naming the cluster');
  labelValue(where, 'environment', input.environment);
  if (!input.environment)
    fail(where, 'environment', input.environment, 'a non-empty Kubernetes label value such as "dev", "staging" or "prod"');
  const namespace = dnsLabel(where, 'namespace', input.namespace ?? DEFAULT_PLACEMENT.stack.namespace);
  const agentsNamespace = dnsLabel(where, 'agentsNamespace', input.agentsNamespace ?? DEFAULT_PLACEMENT.agents.namespace);
  if (agentsNamespace === namespace)
    fail(
      where,
      'agentsNamespace',
      agentsNamespace,
      `a namespace other than the stack namespace "${namespace}" (host agents need a privileged namespace)`,
    );
  const priorityClassNames = {
    stack: dnsLabel(where, 'priorityClassNames.stack', input.priorityClassNames?.stack ?? DEFAULT_PLACEMENT.stack.priorityClassName, 253),
    agents: dnsLabel(
      where,
      'priorityClassNames.agents',
      input.priorityClassNames?.agents ?? DEFAULT_PLACEMENT.agents.priorityClassName,
      253,
    ),
  };

  const components = resolveComponents(COMPONENTS, { where, input, profile, namespace, agentsNamespace });
  const ruleGroups = input.ruleGroups ?? [];
  validateRuleGroups(where, 'ruleGroups', ruleGroups);

  const resolved = {
    profile,
    cluster: input.cluster,
    environment: input.environment,
    namespace,
    agentsNamespace,
    ...components,
    priorityClassNames,
    ruleGroups,
    alerting: input.alerting ?? {},
    dashboards: input.dashboards ?? {},
  } as ResolvedSettings;
  validateAlerting(resolved, where);
  for (const component of COMPONENTS) component.settings?.validate?.(resolved, where);
  return resolved;
}

/**
 * The resolved keys of `components` (the registry's, in its order; a key a component leaves out
 * is unset). Each resolves once, when its turn comes or earlier when another asks for its keys.
 */
export function resolveComponents(
  components: readonly Component[],
  stack: Omit<SettingsContext, 'resolved' | 'elasticsearchClients'>,
): Partial<ResolvedSettings> {
  const owners = new Map<string, Component>(components.flatMap((c) => (c.settings?.keys ?? []).map((key) => [key, c] as const)));
  const results = new Map<Component, Partial<ResolvedSettings>>();
  const resolving: Component[] = [];
  const resolve = (component: Component): Partial<ResolvedSettings> => {
    const done = results.get(component);
    if (done) return done;
    if (resolving.includes(component))
      throw new Error(`settings of ${[...resolving, component].map((c) => c.key).join(' -> ')}: a component's settings need their own`);
    resolving.push(component);
    const result = component.settings!.resolve(context);
    resolving.pop();
    results.set(component, result);
    return result;
  };
  const context: SettingsContext = {
    ...stack,
    resolved: <K extends SettingsKey>(key: K) => {
      const owner = owners.get(key);
      if (!owner) throw new Error(`no registered component owns the setting ${key}`);
      return resolve(owner)[key] as ResolvedSettings[K];
    },
    // In reverse registry order: the order the stack listed the users in before the registry
    // assembled them (Jaeger's, Filebeat's, Logstash's), which the setup Job, the credentials
    // Secret and the NetworkPolicy keep.
    elasticsearchClients: (): ResolvedClient[] =>
      [...components].reverse().flatMap((c) => c.settings?.elasticsearchClients?.(context) ?? []),
  };
  return Object.assign({}, ...components.filter((c) => c.settings).map(resolve));
}
