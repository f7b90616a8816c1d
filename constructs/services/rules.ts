import { alertOptions, buildAlerts, BuildOptions } from '../../config/alerting/definition';
import { AlertOverride } from '../../config/alerting/settings';
import { RuleGroup } from '../../config/rules';
import { ResolvedSettings } from '../stack/settings';
import { SERVICE_ALERTS, serviceAlertApplies } from './alerts';
import { FAST_DETECTION, ServiceContext, serviceContext, serviceLabels } from './context';
import { serviceRecordings } from './recordings';
import { sloGroups } from './slo';

/** Overrides of a service: global, then its freshness max age and fast detection, then its own. */
function serviceOptions(settings: ResolvedSettings, s: ServiceContext): BuildOptions {
  const service = settings.services.find((service) => service.name === s.name);
  const freshness: Record<string, AlertOverride> | undefined = s.freshness
    ? { ServiceDataStale: { threshold: s.freshness.maxAgeSeconds } }
    : undefined;
  const fast: Record<string, AlertOverride> | undefined = s.fastDetection
    ? { ServiceDown: { for: FAST_DETECTION.serviceDownFor } }
    : undefined;
  return {
    ...alertOptions(settings.alerting),
    overrides: [settings.alerting.alerts, freshness, fast, service?.alerting?.alerts],
    labels: serviceLabels(s),
  };
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
  const alerts = (availability: boolean) =>
    buildAlerts(
      applies.filter((d) => AVAILABILITY_ALERTS.includes(d.alert) === availability),
      s,
      serviceOptions(settings, s),
    );
  const availability = alerts(true);
  return [
    { name: `service-${s.name}`, rules: [...serviceRecordings(s), ...alerts(false)] },
    ...(availability.length
      ? [
          {
            name: `service-${s.name}-availability`,
            interval: settings.alerting.routing?.availabilityEvaluationInterval ?? DEFAULT_AVAILABILITY_INTERVAL,
            rules: availability,
          },
        ]
      : []),
  ];
}

/** One `service-<name>.yml` and `slo-<name>.yml` per service: small files keep each ConfigMap shard small. */
export function serviceRuleFiles(settings: ResolvedSettings): Record<string, RuleGroup[]> {
  return Object.fromEntries(
    settings.services.map(serviceContext).flatMap((s) => [
      [`service-${s.name}.yml`, serviceGroups(settings, s)],
      [
        `slo-${s.name}.yml`,
        sloGroups(
          [s],
          (context) => settings.services.find((service) => service.name === context.name)?.alerting?.slos ?? [],
          (context) => serviceOptions(settings, context),
        ),
      ],
    ]),
  );
}
