import { alertOptions, buildAlerts } from '../../config/alerting/definition';
import { RuleGroup } from '../../config/rules';
import { ResolvedSettings } from '../stack/settings';
import { DATABASE_ALERTS, ExporterContext } from './alerts';
import { ResolvedDatabaseInstance } from './settings';

const context = (matchers: string): ExporterContext => ({ matchers, extraMatchers: matchers ? `, ${matchers}` : '' });

/** Matchers of an exporter declared in `alerting.exporters`, as PromQL text. */
const declaredMatchers = (matchers: Readonly<Record<string, string>> | undefined) =>
  Object.entries(matchers ?? {})
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ');

/**
 * The rules of `databases.yml`: for each kind, one group for the exporters the user runs
 * (`alerting.exporters.<kind>`, selected by their matchers; group `<kind>`), and one group for
 * the instances the stack deploys (`databases.<kind>`; group `<kind>-instances`) with each
 * alert once per instance, selecting `job="<kind>", instance="<database address>"` and taking
 * the instance's typed thresholds over the catalog's (global `alerting.alerts` overrides apply
 * to both). Instance alerts carry `database` = the declared instance name.
 */
export function databaseGroups(settings: ResolvedSettings): RuleGroup[] {
  const exporters = settings.alerting.exporters ?? {};
  const options = alertOptions(settings.alerting);
  return DATABASE_ALERTS.flatMap(({ exporter, alerts }): RuleGroup[] => {
    const declared = exporters[exporter];
    const userRules = declared ? buildAlerts(alerts, context(declaredMatchers(declared.matchers)), options) : [];
    const instances: readonly ResolvedDatabaseInstance[] = settings.databases[exporter];
    const instanceRules = instances.flatMap((instance) =>
      buildAlerts(alerts, context(`job="${exporter}", instance=${JSON.stringify(instance.instance)}`), {
        ...options,
        overrides: [...options.overrides, instance.alerts],
        // Tells the rules of one alert apart (promtool rejects duplicates) and names the declared instance.
        labels: { database: instance.name },
      }),
    );
    return [
      ...(userRules.length ? [{ name: exporter, rules: userRules }] : []),
      ...(instanceRules.length ? [{ name: `${exporter}-instances`, rules: instanceRules }] : []),
    ];
  });
}

/**
 * Exporters declared both ways for one kind whose `alerting.exporters` matchers also select the
 * deployed exporters' series (no `job` matcher, or `job="<kind>"`): each alert would fire twice.
 */
export function databaseWarnings(settings: ResolvedSettings): string[] {
  return DATABASE_ALERTS.flatMap(({ exporter }) => {
    const declared = settings.alerting.exporters?.[exporter];
    const job = declared?.matchers?.job;
    if (!declared || settings.databases[exporter].length === 0 || (job !== undefined && job !== exporter)) return [];
    return [
      `alerting.exporters.${exporter}: its matchers ${JSON.stringify(declared.matchers ?? {})} also select job="${exporter}", ` +
        `the exporters databases.${exporter} deploys, so their alerts fire twice; give your own exporters another job ` +
        `(e.g. matchers { job: "my-${exporter}" }) or remove alerting.exporters.${exporter}`,
    ];
  });
}
