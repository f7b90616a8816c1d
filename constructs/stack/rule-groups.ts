import { byteQuantity } from '../../config/quantity';
import { RuleGroup } from '../../config/rules';
import { ResolvedSettings } from './settings';
import { DATABASE_ALERTS, ExporterContext } from '../datastores/alerts';
import { buildAlerts, BuildOptions } from '../../config/alerting/definition';
import { INFRASTRUCTURE_ALERTS } from '../kube-state-metrics/alerts';
import { containerRecordings, nodeRecordings } from '../node-exporter/recordings';
import { SELF_MONITORING_ALERTS } from '../prometheus/alerts';
import { SERVICE_ALERTS, serviceAlertApplies } from '../services/alerts';
import { ServiceContext, serviceContext, serviceLabels } from '../services/context';
import { serviceRecordings } from '../services/recordings';
import { sloGroups } from '../services/slo';
import { AlertOverride } from '../../config/alerting/settings';

/** Default runbook base: this repository's runbook folder. */
export const DEFAULT_RUNBOOK_BASE = 'docs/runbooks';

/** Shipped rule files: fixed names, plus one `service-<name>.yml` and `slo-<name>.yml` per service. */
export const SHIPPED_RULE_FILES = ['recordings.yml', 'infrastructure.yml', 'databases.yml', 'self-monitoring.yml', 'user.yml', 'service-<name>.yml', 'slo-<name>.yml'] as const;

/** Whether a file name is (or could be) one the stack writes itself. */
export function isShippedRuleFile(name: string): boolean {
  return (SHIPPED_RULE_FILES as readonly string[]).includes(name) || /^(service|slo)-.+\.yml$/.test(name);
}

function baseOptions(settings: ResolvedSettings): BuildOptions {
  return { runbookBaseUrl: (settings.alerting.runbookBaseUrl ?? DEFAULT_RUNBOOK_BASE).replace(/\/+$/, ''), overrides: [settings.alerting.alerts] };
}

/** Overrides of a service: global, then its freshness max age, then its own. */
function serviceOptions(settings: ResolvedSettings, s: ServiceContext): BuildOptions {
  const service = settings.services.find((x) => x.name === s.name);
  const freshness: Record<string, AlertOverride> | undefined = s.freshness ? { ServiceDataStale: { threshold: s.freshness.maxAgeSeconds } } : undefined;
  return { ...baseOptions(settings), overrides: [settings.alerting.alerts, freshness, service?.alerting?.alerts], labels: serviceLabels(s) };
}

/** Alerts that page on a service being unreachable; evaluated in their own, faster group. */
export const AVAILABILITY_ALERTS: readonly string[] = ['ServiceDown', 'ServiceProbeFailed'];
/** Evaluation interval of the availability groups. */
export const DEFAULT_AVAILABILITY_INTERVAL = '5s';

/**
 * Two groups per service: RED recordings and symptom alerts at the global interval, and the
 * availability alerts at a short interval. The short interval does not make a page easier to
 * trigger (`ServiceDown` still needs three failed scrapes in a row); it only removes up to one
 * global evaluation interval of delay between the third failed scrape and the page.
 */
function serviceGroups(settings: ResolvedSettings, s: ServiceContext): RuleGroup[] {
  const applies = SERVICE_ALERTS.filter((d) => serviceAlertApplies(d.alert, s));
  const alerts = (availability: boolean) => buildAlerts(applies.filter((d) => AVAILABILITY_ALERTS.includes(d.alert) === availability), s, serviceOptions(settings, s));
  const availability = alerts(true);
  return [
    { name: `service-${s.name}`, rules: [...serviceRecordings(s), ...alerts(false)] },
    ...(availability.length
      ? [{ name: `service-${s.name}-availability`, interval: settings.alerting.routing?.availabilityEvaluationInterval ?? DEFAULT_AVAILABILITY_INTERVAL, rules: availability }]
      : []),
  ];
}

function databaseGroups(settings: ResolvedSettings): RuleGroup[] {
  const exporters = settings.alerting.exporters ?? {};
  return DATABASE_ALERTS.flatMap(({ exporter, alerts }) => {
    const declared = exporters[exporter];
    if (!declared) return [];
    const only = Object.entries(declared.matchers ?? {})
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(', ');
    const context: ExporterContext = { only, and: only ? `, ${only}` : '' };
    const rules = buildAlerts(alerts, context, baseOptions(settings));
    return rules.length ? [{ name: exporter, rules }] : [];
  });
}

/** Every shipped rule group by file, before user files are added; empty files are left out. */
export function shippedRuleGroups(settings: ResolvedSettings): Record<string, RuleGroup[]> {
  const services = settings.services.map(serviceContext);
  const options = baseOptions(settings);
  const infrastructure = buildAlerts(INFRASTRUCTURE_ALERTS, {}, options);
  const self = buildAlerts(
    SELF_MONITORING_ALERTS,
    {
      serviceJobs: settings.services.map((s) => s.name.replace(/[.]/g, '\\.')).join('|'),
      prometheusVolumeBytes: byteQuantity('alerting', 'prometheus.storage', settings.prometheus.storage),
    },
    options,
  );
  const files: Record<string, RuleGroup[]> = {
    // One file per service keeps each rule file (and the ConfigMap shard holding it) small.
    ...Object.fromEntries(services.flatMap((s) => [
      [`service-${s.name}.yml`, serviceGroups(settings, s)],
      [`slo-${s.name}.yml`, sloGroups([s], (x) => settings.services.find((y) => y.name === x.name)?.alerting?.slos ?? [], (x) => serviceOptions(settings, x))],
    ])),
    'recordings.yml': [
      { name: 'node-recordings', rules: nodeRecordings() },
      { name: 'container-recordings', rules: containerRecordings() },
    ],
    'infrastructure.yml': infrastructure.length ? [{ name: 'infrastructure', rules: infrastructure }] : [],
    'databases.yml': databaseGroups(settings),
    'self-monitoring.yml': self.length ? [{ name: 'stack-self-monitoring', rules: self }] : [],
    'user.yml': [...settings.ruleGroups],
  };
  return Object.fromEntries(Object.entries(files).filter(([, groups]) => groups.length > 0));
}
