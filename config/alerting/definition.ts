import { AlertRule } from '../rules';
import { num } from './format';
import { AlertingSettings, AlertOverride, Severity } from './settings';

/**
 * One shipped alert: its name, default severity, `for`, threshold and a PromQL builder. The
 * context `C` carries what the builder needs (a service's metric names, an exporter's matchers).
 */
export interface AlertDefinition<C> {
  /** The `alertname`; also the runbook page name. */
  readonly alert: string;
  /** Default severity (`none` only for the Watchdog). */
  readonly severity: Severity | 'none';
  /** Default `for`. @default none (fires on the first evaluation) */
  readonly for?: string;
  /** Default threshold; alerts without one reject threshold overrides. */
  readonly threshold?: number;
  /** What the threshold means, for error messages and runbooks. */
  readonly thresholdUnit?: string;
  /** Allowed thresholds: greater than `above` and at most `atMost`. @default any finite number */
  readonly thresholdRange?: { readonly above: number; readonly atMost: number };
  /** The condition; `threshold` is already formatted at fixed precision. */
  readonly expr: (context: C, threshold: string) => string;
  /** One-line summary (Go template over `$labels`, `$value`). */
  readonly summary: string;
  /** Longer description (Go template over `$labels`, `$value`). */
  readonly description: string;
}

/** Context of alerts that need nothing per instance. */
export type NoContext = Record<string, never>;

/** Everything needed to turn a definition into a rule. */
export interface BuildOptions {
  /** Runbook base URL without trailing slash. */
  readonly runbookBaseUrl: string;
  /** Overrides by alert name, later ones win field by field. */
  readonly overrides: ReadonlyArray<Readonly<Record<string, AlertOverride>> | undefined>;
  /** Labels added to every alert (e.g. `service`, `namespace`, `team`). @default none */
  readonly labels?: Readonly<Record<string, string>>;
}

/** The effective override of one alert, merged field by field. */
export function mergedOverride(name: string, overrides: BuildOptions['overrides']): AlertOverride {
  return overrides.reduce<AlertOverride>((acc, map) => {
    const next = map?.[name];
    return next ? { ...acc, ...next, labels: { ...acc.labels, ...next.labels } } : acc;
  }, {});
}

/** The rule for a definition with overrides applied, or undefined when disabled. */
export function buildAlert<C>(definition: AlertDefinition<C>, context: C, options: BuildOptions): AlertRule | undefined {
  const override = mergedOverride(definition.alert, options.overrides);
  if (override.enabled === false) return undefined;
  const threshold = override.threshold ?? definition.threshold;
  const forDuration = override.for ?? definition.for;
  // Rule labels are not visible to annotation templates: write the fixed ones in literally.
  const fixed = (text: string) =>
    Object.entries(options.labels ?? {}).reduce((out, [key, value]) => out.split(`{{ $labels.${key} }}`).join(value), text);
  return {
    alert: definition.alert,
    expr: definition.expr(context, threshold === undefined ? '' : num(threshold)),
    ...(forDuration ? { for: forDuration } : {}),
    labels: { ...options.labels, ...override.labels, severity: override.severity ?? definition.severity },
    annotations: {
      summary: fixed(definition.summary),
      description: fixed(definition.description),
      runbook_url: `${options.runbookBaseUrl}/${definition.alert}.md`,
    },
  };
}

/** Builds every enabled alert of a list. */
export function buildAlerts<C>(definitions: ReadonlyArray<AlertDefinition<C>>, context: C, options: BuildOptions): AlertRule[] {
  return definitions.flatMap((definition) => buildAlert(definition, context, options) ?? []);
}

/** Default runbook base: this repository's runbook folder. */
export const DEFAULT_RUNBOOK_BASE = 'docs/runbooks';

/** Build options of the stack-wide alerting settings: runbook base and global overrides. */
export function alertOptions(alerting: AlertingSettings): BuildOptions {
  return { runbookBaseUrl: (alerting.runbookBaseUrl ?? DEFAULT_RUNBOOK_BASE).replace(/\/+$/, ''), overrides: [alerting.alerts] };
}
