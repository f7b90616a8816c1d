import { CATALOG } from '../catalog';
import { renderRuleFile, RuleGroup } from '../rules';
import { ResolvedSettings } from '../settings';

/** The stack's self-monitoring basics: a dead-man's switch and scrape failures. */
function selfMonitoringGroup(): RuleGroup {
  return {
    name: 'stack-self-monitoring',
    rules: [
      {
        alert: 'Watchdog',
        expr: 'vector(1)',
        labels: { severity: 'none' },
        annotations: {
          summary: 'Always firing: proves the alerting pipeline delivers end to end.',
          description: 'This alert fires permanently. If its receiver stops getting it, Prometheus or Alertmanager is down.',
        },
      },
      {
        alert: 'TargetDown',
        expr: 'up == 0',
        for: '1m',
        labels: { severity: 'warning' },
        annotations: {
          summary: 'Scrape target {{ $labels.job }}/{{ $labels.instance }} is down.',
          description: 'Prometheus has failed to scrape {{ $labels.instance }} of job {{ $labels.job }} for more than a minute.',
        },
      },
    ],
  };
}

/** Every rule group the stack ships for these settings, plus the user's own groups. */
export function ruleGroupsFor(settings: ResolvedSettings): Record<string, readonly RuleGroup[]> {
  return {
    'stack.yml': [selfMonitoringGroup()],
    ...(settings.ruleGroups.length > 0 ? { 'user.yml': settings.ruleGroups } : {}),
  };
}

/** Rule files (file name -> YAML) mounted into Prometheus's rules directory. */
export function renderRuleFiles(settings: ResolvedSettings): Record<string, string> {
  return Object.fromEntries(Object.entries(ruleGroupsFor(settings)).map(([file, groups]) => [file, renderRuleFile(groups)]));
}

/** Files of Alertmanager's config directory: `alertmanager.yml` and notification templates. */
export function renderAlertmanagerFiles(settings: ResolvedSettings): Record<string, string> {
  void settings;
  const config = [
    'route:',
    '  receiver: default',
    "  group_by: ['alertname', 'cluster', 'service']",
    'receivers:',
    '  - name: default',
    `templates: ['${CATALOG.alertmanager.configDir}/*.tmpl']`,
    '',
  ].join('\n');
  return { 'alertmanager.yml': config };
}
