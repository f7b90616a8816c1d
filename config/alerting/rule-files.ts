import { parse } from 'yaml';
import { fail } from '../errors';
import { RuleGroup, validateRuleGroups } from '../rules';

const FILE_NAME = /^[a-z0-9][a-z0-9_.-]*\.yml$/;

/**
 * Parses existing rule files (`alerting.ruleFiles`: name -> YAML) into rule groups and
 * validates them like the shipped ones. Names must end in `.yml` (the rules glob) and must not
 * replace a shipped file.
 */
export function loadRuleFiles(
  where: string,
  files: Readonly<Record<string, string>> | undefined,
  shipped: { readonly names: readonly string[]; readonly isShipped: (name: string) => boolean },
): Record<string, RuleGroup[]> {
  const out: Record<string, RuleGroup[]> = {};
  for (const [name, text] of Object.entries(files ?? {})) {
    const field = `alerting.ruleFiles["${name}"]`;
    if (!FILE_NAME.test(name))
      fail(where, 'alerting.ruleFiles key', name, 'a file name of lower-case letters, digits, "-", "_", "." ending in ".yml"');
    if (shipped.isShipped(name))
      fail(where, 'alerting.ruleFiles key', name, `a name other than the shipped files (${shipped.names.join(', ')})`);
    if (typeof text !== 'string') fail(where, field, text, 'the YAML text of a Prometheus rule file');
    let doc: unknown;
    try {
      doc = parse(text);
    } catch (error) {
      fail(where, field, text.slice(0, 60), `valid YAML (${(error as Error).message.split('\n')[0]})`);
    }
    const groups = (doc as { groups?: unknown } | null)?.groups;
    if (!Array.isArray(groups)) fail(where, field, text.slice(0, 60), 'a Prometheus rule file: a YAML map with a "groups" list');
    validateRuleGroups(where, `${field}.groups`, groups as RuleGroup[]);
    out[name] = groups as RuleGroup[];
  }
  return out;
}
