import { parseDuration } from '../../config/duration';
import { ResolvedSettings } from '../stack/settings';
import { selector } from '../../config/alerting/format';
import { BLACKBOX_JOB } from '../blackbox-exporter/files';

/** A monitored service as the service alerts and recordings see it. */
export interface ServiceContext {
  readonly name: string;
  readonly namespace: string;
  readonly team?: string;
  /** Matcher of the service's own series (its scrape job), `job="name"`. */
  readonly job: string;
  /** Selector of the service's recorded series, `{service="name"}`. */
  readonly recorded: string;
  /** Request counter name. */
  readonly requests: string;
  /** Duration histogram base name. */
  readonly duration: string;
  /** Regex of error codes. */
  readonly errorCodes: string;
  /** Probe job and instance, when configured. */
  readonly probe?: { readonly job: string; readonly instance: string };
  /** Freshness gauge and max age in seconds, when configured. */
  readonly freshness?: { readonly metric: string; readonly maxAgeSeconds: number };
  /** Connection-pool gauges (in use, maximum) the service exports, when declared. */
  readonly pool?: { readonly inUse: string; readonly max: string };
  /** Query-duration histogram base name the service exports, when declared. */
  readonly queryDuration?: string;
  /** Whether the service opted into fast detection (`alerting.fastDetection`). */
  readonly fastDetection: boolean;
  /** Where the RED recordings read: its own metrics or the span metrics of its server spans. */
  readonly redSource: 'own' | 'spanMetrics';
}

/**
 * What `alerting.fastDetection` sets: a 5 s scrape interval and ServiceDown after 10 s, i.e.
 * three failed scrapes in a row (evaluated every 5 s by the availability group), so one or two
 * failed scrapes still never page.
 */
export const FAST_DETECTION = { scrapeInterval: '5s', serviceDownFor: '10s' } as const;

/** Defaults of the RED metric names. */
export const RED_DEFAULTS = {
  requestsMetric: 'http_requests_total',
  durationMetric: 'http_request_duration_seconds',
  errorCodes: '5..',
  probeJob: BLACKBOX_JOB,
  freshnessMaxAge: '2h',
} as const;

/** The context of one resolved monitored service. */
export function serviceContext(service: ResolvedSettings['services'][number]): ServiceContext {
  const alerting = service.alerting ?? {};
  return {
    name: service.name,
    namespace: service.namespace,
    team: service.team,
    job: `job=${JSON.stringify(service.name)}`,
    recorded: selector({ service: service.name }),
    requests: alerting.requestsMetric ?? RED_DEFAULTS.requestsMetric,
    duration: alerting.durationMetric ?? RED_DEFAULTS.durationMetric,
    errorCodes: alerting.errorCodes ?? RED_DEFAULTS.errorCodes,
    probe: alerting.probe ? { job: alerting.probe.job ?? RED_DEFAULTS.probeJob, instance: alerting.probe.instance } : undefined,
    pool:
      alerting.databaseClient?.poolInUseMetric && alerting.databaseClient.poolMaxMetric
        ? { inUse: alerting.databaseClient.poolInUseMetric, max: alerting.databaseClient.poolMaxMetric }
        : undefined,
    queryDuration: alerting.databaseClient?.queryDurationMetric,
    freshness: alerting.freshness
      ? {
          metric: alerting.freshness.metric,
          maxAgeSeconds: (parseDuration(alerting.freshness.maxAge ?? RED_DEFAULTS.freshnessMaxAge) ?? 0) / 1000,
        }
      : undefined,
    fastDetection: alerting.fastDetection === true,
    redSource: service.redSource ?? 'own',
  };
}

/** The service's labels on every alert it raises. */
export function serviceLabels(context: ServiceContext): Record<string, string> {
  return { service: context.name, namespace: context.namespace, ...(context.team ? { team: context.team } : {}) };
}
