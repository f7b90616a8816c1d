import { renderRuleFile, RuleGroup } from '../../config/rules';
import { Component } from '../component';
import { ResolvedSettings } from './settings';
import { receiverWarnings, renderAlertmanagerConfig } from '../alertmanager/files';
import { loadRuleFiles } from '../../config/alerting/rule-files';
import { shippedRuleFiles, shippedRuleGroups } from './rule-groups';
import { renderTemplates, TEMPLATE_FILE } from '../alertmanager/templates';
import { COMPONENTS } from '../registry';

export { ALERTMANAGER_SECRET_NAME } from '../../config/alerting/settings';
export { receiverSecretKeys, receiverSecrets, ROUTING_DEFAULTS } from '../alertmanager/files';
export type { SecretReceiver } from '../alertmanager/files';
export { validateAlerting } from './alerting-validation';

/** Every rule group the stack ships for these settings, plus the user's own groups and files. */
export function ruleGroupsFor(settings: ResolvedSettings): Record<string, readonly RuleGroup[]> {
  const shipped = shippedRuleGroups(settings);
  return { ...shipped, ...loadRuleFiles('alerting', settings.alerting.ruleFiles, shippedRuleFiles(shipped)) };
}

/** Rule files (file name -> YAML) mounted into Prometheus's rules directory. */
export function renderRuleFiles(settings: ResolvedSettings): Record<string, string> {
  return Object.fromEntries(Object.entries(ruleGroupsFor(settings)).map(([file, groups]) => [file, renderRuleFile(groups)]));
}

/** Files of Alertmanager's config directory: `alertmanager.yml` and the notification templates. */
export function renderAlertmanagerFiles(settings: ResolvedSettings): Record<string, string> {
  return { 'alertmanager.yml': renderAlertmanagerConfig(settings), [TEMPLATE_FILE]: renderTemplates() };
}

/** Warnings to print at synth (e.g. a receiver left out because its secret is not configured). */
export function alertingWarnings(settings: ResolvedSettings): string[] {
  return receiverWarnings(settings);
}

/**
 * Everything about these settings that deploys but probably not as meant, one sentence each,
 * e.g. `alerting: no receiver configured: alerts go nowhere except the Alertmanager UI (...)`
 * or a receiver left out because it is not configured. Nothing here stops a synth; print the
 * warnings, or let `annotateWarnings` (constructs/stack/warnings.ts) attach them to a construct.
 */
export function stackWarnings(settings: ResolvedSettings): string[] {
  return COMPONENTS.flatMap((c) => (c as Component).warnings?.(settings) ?? []);
}
