import { alertOptions, buildAlerts } from '../../config/alerting/definition';
import { RuleGroup } from '../../config/rules';
import { ResolvedSettings } from '../stack/settings';
import { DATABASE_ALERTS, ExporterContext } from './alerts';

/** One group per declared exporter (`alerting.exporters`), in `databases.yml`. */
export function databaseGroups(settings: ResolvedSettings): RuleGroup[] {
  const exporters = settings.alerting.exporters ?? {};
  return DATABASE_ALERTS.flatMap(({ exporter, alerts }) => {
    const declared = exporters[exporter];
    if (!declared) return [];
    const matchers = Object.entries(declared.matchers ?? {})
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(', ');
    const context: ExporterContext = { matchers, extraMatchers: matchers ? `, ${matchers}` : '' };
    const rules = buildAlerts(alerts, context, alertOptions(settings.alerting));
    return rules.length ? [{ name: exporter, rules }] : [];
  });
}
