import { formatDuration, parseDuration } from '../../config/duration';
import { AlertRule, RecordingRule, RuleGroup } from '../../config/rules';
import { AlertDefinition, buildAlerts, BuildOptions } from '../../config/alerting/definition';
import { num, selector } from '../../config/alerting/format';
import { ServiceContext, serviceLabels } from './context';
import { SloSettings } from '../../config/alerting/settings';

/** SLI windows recorded for every SLO, shortest first (the SRE Workbook's multiwindow set). */
export const SLI_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'] as const;
/** Default compliance window. */
export const DEFAULT_SLO_WINDOW = '30d';
/** The longest burn window: an SLO window must be at least this long. */
export const LONGEST_BURN_WINDOW = '3d';

/** Multiwindow burn-rate conditions: factor over a long window AND the same over a short window. */
export const PAGE_BURNS = [
  { factor: 14.4, long: '1h', short: '5m' },
  { factor: 6, long: '6h', short: '30m' },
] as const;
export const TICKET_BURNS = [
  { factor: 3, long: '1d', short: '2h' },
  { factor: 1, long: '3d', short: '6h' },
] as const;

/** One SLO of one service, with its numbers already worked out. */
export interface SloContext {
  readonly service: ServiceContext;
  readonly slo: SloSettings;
  /** `{slo="x", service="y"}`. */
  readonly selector: string;
  /** Objective as a ratio (99.9 -> 0.999). */
  readonly objective: number;
  /** Error budget, 1 - objective. */
  readonly budget: number;
  /** Window as Prometheus duration text (`30d`). */
  readonly window: string;
}

/** `le` matcher that accepts both `0.3`/`1` and the normalised `0.3`/`1.0` spellings. */
export function leMatcher(bound: number): string {
  const text = num(bound);
  const pattern = Number.isInteger(bound) ? `${text}(\\\\.0+)?` : `${text.replace('.', '\\\\.')}0*`;
  return `le=~"${pattern}"`;
}

/** The error ratio of one window, from the raw counters. */
function sliErrorRatio(c: SloContext, w: string): string {
  const s = c.service;
  if (c.slo.kind === 'availability') {
    const total = `sum(rate(${s.requests}{${s.job}}[${w}]))`;
    return `(sum(rate(${s.requests}{${s.job}, code=~"${s.errorCodes}"}[${w}])) or 0 * ${total}) / ${total}`;
  }
  const bound = c.slo.latencyThreshold ?? 0;
  return `1 - sum(rate(${s.duration}_bucket{${s.job}, ${leMatcher(bound)}}[${w}])) / sum(rate(${s.duration}_count{${s.job}}[${w}]))`;
}

/** Recordings of one SLO: SLI error ratios, objective, budget, remaining budget and burn rates. */
export function sloRecordings(c: SloContext): RecordingRule[] {
  const labels = { slo: c.slo.name, service: c.service.name };
  const budget = num(c.budget);
  const windows = [...SLI_WINDOWS, c.window];
  return [
    ...SLI_WINDOWS.map((w) => ({ record: `slo:sli_error:ratio_rate${w}`, expr: sliErrorRatio(c, w), labels })),
    { record: `slo:sli_error:ratio_rate${c.window}`, expr: `avg_over_time(slo:sli_error:ratio_rate5m${c.selector}[${c.window}])`, labels },
    { record: 'slo:objective:ratio', expr: `vector(${num(c.objective)})`, labels },
    { record: 'slo:error_budget:ratio', expr: `vector(${budget})`, labels },
    { record: 'slo:error_budget_remaining:ratio', expr: `1 - slo:sli_error:ratio_rate${c.window}${c.selector} / ${budget}`, labels },
    ...windows.map((w) => ({ record: `slo:burn_rate:rate${w}`, expr: `slo:sli_error:ratio_rate${w}${c.selector} / ${budget}`, labels })),
  ];
}

const burnCondition = (c: SloContext, burns: ReadonlyArray<{ factor: number; long: string; short: string }>) =>
  burns
    .map(({ factor, long, short }) => {
      const limit = num(factor * c.budget);
      return `(slo:sli_error:ratio_rate${long}${c.selector} > ${limit} and slo:sli_error:ratio_rate${short}${c.selector} > ${limit})`;
    })
    .join(' or ');

/** The page, ticket and budget-exhausted alerts of an SLO. */
export const SLO_ALERTS: ReadonlyArray<AlertDefinition<SloContext>> = [
  {
    alert: 'SLOErrorBudgetBurnFast',
    severity: 'critical',
    expr: (c) => burnCondition(c, PAGE_BURNS),
    summary: 'SLO {{ $labels.slo }} of {{ $labels.service }} burns its error budget fast.',
    description:
      'SLO {{ $labels.slo }} of {{ $labels.service }} has an error ratio of {{ $value | humanizePercentage }}: ' +
      'at 14.4x (1h and 5m) or 6x (6h and 30m) the budget, it is gone within days.',
  },
  {
    alert: 'SLOErrorBudgetBurnSlow',
    severity: 'warning',
    expr: (c) => burnCondition(c, TICKET_BURNS),
    summary: 'SLO {{ $labels.slo }} of {{ $labels.service }} burns its error budget steadily.',
    description:
      'SLO {{ $labels.slo }} of {{ $labels.service }} has an error ratio of {{ $value | humanizePercentage }}: ' +
      'at 3x (1d and 2h) or 1x (3d and 6h) the budget, it runs out before the window ends.',
  },
  {
    alert: 'SLOErrorBudgetExhausted',
    severity: 'warning',
    expr: (c) => `slo:error_budget_remaining:ratio${c.selector} <= 0`,
    summary: 'SLO {{ $labels.slo }} of {{ $labels.service }} has no error budget left.',
    description:
      'SLO {{ $labels.slo }} of {{ $labels.service }} has used all of its error budget for the window ({{ ' +
      '$value | humanizePercentage }} left).',
  },
];

/** The context of an SLO; window and objective must already be validated. */
export function sloContext(service: ServiceContext, slo: SloSettings): SloContext {
  const objective = Number((slo.objective / 100).toPrecision(12));
  return {
    service,
    slo,
    selector: selector({ slo: slo.name, service: service.name }),
    objective,
    budget: Number((1 - objective).toPrecision(12)),
    window: formatDuration(parseDuration(slo.window ?? DEFAULT_SLO_WINDOW) ?? 0),
  };
}

/** One rule group per SLO: recordings first, then its alerts, so alerts read fresh recordings. */
export function sloGroups(
  services: readonly ServiceContext[],
  slos: (s: ServiceContext) => readonly SloSettings[],
  options: (s: ServiceContext) => BuildOptions,
): RuleGroup[] {
  return services.flatMap((service) =>
    slos(service).map((slo) => {
      const c = sloContext(service, slo);
      const alerts: AlertRule[] = buildAlerts(SLO_ALERTS, c, { ...options(service), labels: { ...serviceLabels(service), slo: slo.name } });
      return { name: `slo-${service.name}-${slo.name}`, rules: [...sloRecordings(c), ...alerts] };
    }),
  );
}
