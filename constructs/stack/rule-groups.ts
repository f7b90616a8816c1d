import { RuleGroup } from '../../config/rules';
import { enabledComponents } from '../registry';
import { ResolvedSettings } from './settings';

/** The rule file holding the user's `ruleGroups`. */
export const USER_RULE_FILE = 'user.yml';

/** Per-service rule files the stack writes (`service-<name>.yml`, `slo-<name>.yml`). */
const PER_SERVICE_FILE = /^(service|slo)-.+\.yml$/;

/** The file names the stack writes itself, given its shipped groups: for `loadRuleFiles`, which refuses them. */
export function shippedRuleFiles(shipped: Readonly<Record<string, readonly RuleGroup[]>>): {
  readonly names: string[];
  readonly isShipped: (name: string) => boolean;
} {
  const fixed = [...new Set([...Object.keys(shipped).filter((name) => !PER_SERVICE_FILE.test(name)), USER_RULE_FILE])].sort();
  return {
    names: [...fixed, 'service-<name>.yml', 'slo-<name>.yml'],
    isShipped: (name) => fixed.includes(name) || PER_SERVICE_FILE.test(name),
  };
}

/** Adds groups to a file's list; a group of the same name gets the rules appended. */
function mergeGroups(into: RuleGroup[], groups: readonly RuleGroup[]): RuleGroup[] {
  const out = [...into];
  for (const group of groups) {
    const index = out.findIndex((g) => g.name === group.name);
    if (index < 0) out.push(group);
    else out[index] = { ...out[index], rules: [...out[index].rules, ...group.rules] };
  }
  return out;
}

/**
 * Every shipped rule group by file, from the enabled components in registry order, plus the
 * user's `ruleGroups`; empty groups and files are left out.
 */
export function shippedRuleGroups(settings: ResolvedSettings): Record<string, RuleGroup[]> {
  const files: Record<string, RuleGroup[]> = {};
  for (const component of enabledComponents(settings)) {
    for (const [file, groups] of Object.entries(component.ruleFiles?.(settings) ?? {}))
      files[file] = mergeGroups(files[file] ?? [], groups);
  }
  files[USER_RULE_FILE] = [...settings.ruleGroups];
  return Object.fromEntries(
    Object.entries(files)
      .map(([file, groups]) => [file, groups.filter((g) => g.rules.length > 0)] as const)
      .filter(([, groups]) => groups.length > 0),
  );
}
