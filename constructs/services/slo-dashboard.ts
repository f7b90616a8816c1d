import { ResolvedSettings } from '../stack/settings';
import { composeDashboard, FolderedDashboard, Section } from '../../config/dashboards/layout';
import { gaugePanel, statPanel, THRESHOLDS, timeseriesPanel } from '../../config/dashboards/panels';
import { labelVariable } from '../../config/dashboards/variables';

/** Burn-rate windows shown per SLO (pairs of the multi-window alerts: fast 5m/1h, slow 6h/3d). */
export const BURN_RATE_WINDOWS = ['5m', '1h', '6h', '3d'] as const;
/** Compliance window assumed when an SLO does not declare one. */
const DEFAULT_WINDOW = '30d';

/** An SLO as the dashboard needs it: its series selector and compliance window. */
interface SloRow {
  readonly title: string;
  /** Matchers selecting the SLO's recorded series, e.g. `slo="availability", service="api"`. */
  readonly matchers: string;
  /** Compliance window, e.g. `30d`; undefined when unknown (rows repeated by the `slo` variable). */
  readonly window?: string;
}

/** SLOs declared on the monitored services (`services[].alerting.slos`), read defensively. */
export function declaredSlos(settings: ResolvedSettings): SloRow[] {
  return settings.services.flatMap((service) =>
    (service.alerting?.slos ?? []).map((slo) => ({
      title: `${service.name} / ${slo.name} (${slo.objective}% over ${slo.window ?? DEFAULT_WINDOW})`,
      matchers: `slo=${JSON.stringify(slo.name)}, service=${JSON.stringify(service.name)}`,
      window: slo.window ?? DEFAULT_WINDOW,
    })),
  );
}

/**
 * Panels of one SLO. The SLI over the window reads `slo:sli_error:ratio_rate<window>` when the
 * window is known; otherwise it is derived from the budget (error ratio = (1 - remaining) x
 * budget). Burn rates divide the SLI error ratio of each window by the error budget.
 */
function sloSection(row: SloRow, repeat?: string): Section {
  const m = row.matchers;
  const sli = row.window
    ? `1 - max(slo:sli_error:ratio_rate${row.window}{${m}})`
    : `1 - max((1 - slo:error_budget_remaining:ratio{${m}}) * on (slo, service) slo:error_budget:ratio{${m}})`;
  return {
    title: row.title,
    repeat,
    panels: [
      statPanel({
        title: 'Objective',
        description: 'Target share of good events over the compliance window.',
        queries: [{ expr: `max(slo:objective:ratio{${m}})`, instant: true }],
        unit: 'percentunit',
        width: 4,
        height: 6,
      }),
      statPanel({
        title: 'SLI over the window',
        description: 'Share of good events over the compliance window; below the objective the SLO is missed.',
        queries: [{ expr: sli, instant: true }],
        unit: 'percentunit',
        width: 4,
        height: 6,
        thresholds: THRESHOLDS.goodAbove(0.99, 0.999),
      }),
      gaugePanel({
        title: 'Error budget remaining',
        description: "Share of the window's error budget not yet spent; at 0 the SLO is missed.",
        queries: [{ expr: `max(slo:error_budget_remaining:ratio{${m}})`, instant: true }],
        unit: 'percentunit',
        min: 0,
        max: 1,
        width: 4,
        height: 6,
        thresholds: THRESHOLDS.goodAbove(0.1, 0.5),
      }),
      timeseriesPanel({
        title: 'Burn rate per window',
        description:
          'How fast the budget burns (1 = exactly used up at the end of the window). Fast burn pages above 14.4 ' +
          '(1h and 5m); slow burn tickets above 1 (3d and 6h).',
        queries: BURN_RATE_WINDOWS.map((w) => ({
          expr: `max(slo:sli_error:ratio_rate${w}{${m}}) / max(slo:error_budget:ratio{${m}})`,
          legend: w,
        })),
        unit: 'short',
        min: 0,
        width: 12,
        height: 6,
        thresholds: [
          [null, 'green'],
          [1, 'orange'],
          [14.4, 'red'],
        ],
      }),
      timeseriesPanel({
        title: 'Error budget remaining over time',
        description: 'Budget left over the compliance window, sampled over time.',
        queries: [{ expr: `max(slo:error_budget_remaining:ratio{${m}})`, legend: 'remaining' }],
        unit: 'percentunit',
        width: 24,
        height: 6,
        thresholds: THRESHOLDS.goodAbove(0.1, 0.5),
      }),
    ],
  };
}

/**
 * Most SLOs drawn as rows of their own. Beyond this the dashboard would grow past what a
 * ConfigMap (and a browser) handles well, so rows are repeated per SLO by Grafana instead.
 */
export const MAX_STATIC_SLO_ROWS = 12;

/**
 * SLO and error budget: one row per declared SLO. Without declared SLOs, or with more than
 * MAX_STATIC_SLO_ROWS, one row repeated for each value of the `slo` variable of the chosen
 * `service` (still one row per SLO on screen).
 */
export function sloDashboard(settings: ResolvedSettings): FolderedDashboard {
  const rows = declaredSlos(settings);
  const staticRows = rows.length > 0 && rows.length <= MAX_STATIC_SLO_ROWS;
  const model = composeDashboard(
    {
      uid: 'slo-error-budget',
      title: 'SLOs and error budgets',
      description: 'Objective, SLI over the compliance window, error budget remaining and burn rates of every SLO.',
      tags: ['services', 'slo'],
      variables: staticRows
        ? []
        : [
            labelVariable('service', 'service', 'slo:objective:ratio', 'Service'),
            labelVariable('slo', 'slo', 'slo:objective:ratio{service=~"$service"}', 'SLO'),
          ],
      from: 'now-7d',
      refresh: '1m',
    },
    staticRows
      ? rows.map((row) => sloSection(row))
      : [sloSection({ title: 'SLO $slo', matchers: 'service=~"$service", slo=~"$slo"' }, 'slo')],
  );
  return { folder: 'services', model };
}
