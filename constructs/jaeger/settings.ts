import { ComponentSettings, Profile, resolveComponent, ResolvedComponent } from '../../config/component';
import { fail } from '../../config/errors';
import { dnsLabel } from '../../config/names';
import { checkComponentKeys, checkEachKeys, checkKeys, COMPONENT_KEYS, keysOf } from '../../config/strict';
import { esAge } from '../elasticsearch/settings';
import { IngressSettings, resolveIngress } from '../k8s/ingress';
import { jaegerCollectorSpec, jaegerQuerySpec, jaegerSpec } from './spec';

/** A sampler: `probabilistic` samples a share of the traces (0..1), `ratelimiting` at most `param` traces a second. */
export interface SamplingStrategy {
  /** `probabilistic` (param 0..1) or `ratelimiting` (param: traces per second, >= 0). @default none (required) */
  readonly type: 'probabilistic' | 'ratelimiting';
  /** The sampling probability or the rate limit. @default none (required) */
  readonly param: number;
}

/** The sampling of one operation (span name) of a service; Jaeger samples operations probabilistically only. */
export interface OperationSampling {
  /** Operation (span) name, e.g. `GET /orders`. @default none (required) */
  readonly operation: string;
  /** Share of its traces to sample, 0..1. @default none (required) */
  readonly probability: number;
}

/** The sampling of one service, with optional per-operation entries. */
export interface ServiceSampling extends SamplingStrategy {
  /** Service name (`service.name` / OTEL_SERVICE_NAME). @default none (required) */
  readonly service: string;
  /** Per-operation probabilities. @default none */
  readonly operations?: readonly OperationSampling[];
}

/** Remote sampling strategies, served to the SDKs by the collector (`/sampling?service=` on 5778). */
export interface SamplingSettings {
  /** Strategy of every service not listed. @default probabilistic 1 in dev, 0.1 in prod */
  readonly default?: SamplingStrategy;
  /** Per-service strategies; each service at most once. @default none */
  readonly services?: readonly ServiceSampling[];
  /** Operations never sampled (probability 0) in every service: health and metrics endpoints. @default `HEALTH_OPERATIONS` */
  readonly dropOperations?: readonly string[];
}

/** Health and metrics endpoints, dropped from sampling by default (their traces are noise). */
export const HEALTH_OPERATIONS = ['/health', '/healthz', '/livez', '/readyz', '/ready', '/metrics', 'GET /health', 'GET /metrics'];

/** Collector settings: sizing, and an optional HorizontalPodAutoscaler (prod). */
export interface JaegerCollectorSettings extends ComponentSettings {
  /** Scale the collector on CPU between `minReplicas` and `maxReplicas` (prod only). @default no HPA */
  readonly autoscaling?: { readonly minReplicas?: number; readonly maxReplicas: number; readonly targetCpuPercent?: number };
}

/** Query settings: sizing, and an optional Ingress with TLS. */
export interface JaegerQuerySettings extends ComponentSettings {
  /** Publish the Jaeger UI through an Ingress with TLS. @default no Ingress (port-forward) */
  readonly ingress?: IngressSettings;
}

/**
 * Traces: Jaeger v2 on the stack's Elasticsearch. Setting `jaeger` (even `{}`) adds it; it needs
 * `elasticsearch`. dev runs one Jaeger process (sized by `collector`), prod a collector and a query service.
 */
export interface JaegerSettings {
  /** The collector (in dev: the one Jaeger process). @default the catalog sizing */
  readonly collector?: JaegerCollectorSettings;
  /** The query service (in dev its ingress applies to the one Jaeger process). @default the catalog sizing */
  readonly query?: JaegerQuerySettings;
  /** How long spans are kept, in whole days: the cleaner's days and the default lookback. @default `7d` dev, `14d` prod */
  readonly retention?: string;
  /** How far back query searches (`max_span_age`), at most the retention. @default the retention */
  readonly lookback?: string;
  /** `daily`: an index a day, deleted by the es-index-cleaner CronJob; `ilm`: rollover aliases under an ILM policy. @default `daily` */
  readonly rotation?: 'daily' | 'ilm';
  /** ILM policy the index templates reference (rotation `ilm`; it must exist in the cluster). @default `jaeger-ilm-policy` */
  readonly ilmPolicy?: string;
  /** Prefix of the Jaeger indices (`<prefix>-jaeger-span-*`). @default none (`jaeger-span-*`) */
  readonly indexPrefix?: string;
  /** Replicas of each Jaeger index, at most the Elasticsearch nodes - 1. @default 0 on one node, else 1 */
  readonly indexReplicas?: number;
  /** When the cleaner runs (cron, UTC). @default `55 23 * * *` */
  readonly cleanerSchedule?: string;
  /** Remote sampling strategies. @default sample everything in dev, 10% in prod; health endpoints never */
  readonly sampling?: SamplingSettings;
}

/** Every key of JaegerSettings and of its parts (checked against the interfaces by tsc). */
export const JAEGER_KEYS = keysOf<JaegerSettings>({
  collector: true,
  query: true,
  retention: true,
  lookback: true,
  rotation: true,
  ilmPolicy: true,
  indexPrefix: true,
  indexReplicas: true,
  cleanerSchedule: true,
  sampling: true,
});
const COLLECTOR_KEYS = [...COMPONENT_KEYS, ...keysOf<Omit<JaegerCollectorSettings, keyof ComponentSettings>>({ autoscaling: true })];
const QUERY_KEYS = [...COMPONENT_KEYS, ...keysOf<Omit<JaegerQuerySettings, keyof ComponentSettings>>({ ingress: true })];
const AUTOSCALING_KEYS = keysOf<NonNullable<JaegerCollectorSettings['autoscaling']>>({
  minReplicas: true,
  maxReplicas: true,
  targetCpuPercent: true,
});
const SAMPLING_KEYS = keysOf<SamplingSettings>({ default: true, services: true, dropOperations: true });
const STRATEGY_KEYS = keysOf<SamplingStrategy>({ type: true, param: true });
const SERVICE_SAMPLING_KEYS = keysOf<ServiceSampling>({ service: true, type: true, param: true, operations: true });
const OPERATION_KEYS = keysOf<OperationSampling>({ operation: true, probability: true });

/** Sampling with every default filled in. */
export interface ResolvedSampling {
  readonly default: SamplingStrategy;
  readonly services: readonly ServiceSampling[];
  readonly dropOperations: readonly string[];
}

/** The shape the workloads take: one process (dev) or a collector and a query service (prod). */
export type JaegerShape = 'single' | 'split';

/** Jaeger settings with every default filled in. */
export interface ResolvedJaeger {
  readonly shape: JaegerShape;
  /** Namespace of the Jaeger pods (the stack's). */
  readonly namespace: string;
  /** dev: the one process; prod: the collector. */
  readonly collector: ResolvedComponent;
  readonly query: ResolvedComponent;
  readonly autoscaling?: { readonly minReplicas: number; readonly maxReplicas: number; readonly targetCpuPercent: number };
  readonly ingress?: IngressSettings;
  readonly retentionDays: number;
  readonly lookbackDays: number;
  readonly rotation: 'daily' | 'ilm';
  readonly ilmPolicy: string;
  /** `''` or `<prefix>`; the index names are `<prefix>-jaeger-*` (see indexPattern). */
  readonly indexPrefix: string;
  readonly indexReplicas: number;
  readonly cleanerSchedule: string;
  readonly sampling: ResolvedSampling;
  /** The settings as given (what the construct re-validates). */
  readonly input: JaegerSettings;
}

/** Default retention per profile. */
export const JAEGER_RETENTION: Readonly<Record<Profile, string>> = { dev: '7d', prod: '14d' };
const CRON = /^(\S+\s+){4}\S+$/;

/** Whole days of a `<n>d` value (the cleaner and the daily indices count in days). */
function days(where: string, field: string, value: unknown, what: string): number {
  if (typeof value !== 'string' || !/^[0-9]+d$/.test(value)) fail(where, field, value, `${what}: a whole number of days such as "14d"`);
  return esAge(where, field, value, what) / 24;
}

function checkStrategy(where: string, at: string, s: SamplingStrategy): void {
  if (s?.type !== 'probabilistic' && s?.type !== 'ratelimiting') fail(where, `${at}.type`, s?.type, '"probabilistic" or "ratelimiting"');
  if (typeof s.param !== 'number' || !Number.isFinite(s.param)) fail(where, `${at}.param`, s.param, 'a number');
  if (s.type === 'probabilistic' && (s.param < 0 || s.param > 1))
    fail(where, `${at}.param`, s.param, 'a probability from 0 to 1 (probabilistic sampling)');
  if (s.type === 'ratelimiting' && s.param < 0) fail(where, `${at}.param`, s.param, 'traces per second >= 0 (rate-limiting sampling)');
}

function probability(where: string, at: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1)
    fail(where, at, value, 'a probability from 0 to 1 (Jaeger samples operations probabilistically)');
}

function nonEmptyName(where: string, at: string, value: unknown, what: string): void {
  if (typeof value !== 'string' || value.trim() === '') fail(where, at, value, what);
}

/** Validates the sampling strategies (`field` is their path, e.g. `jaeger.sampling`). */
export function resolveSampling(where: string, field: string, profile: Profile, input: SamplingSettings = {}): ResolvedSampling {
  checkKeys(where, field, input, SAMPLING_KEYS);
  checkKeys(where, `${field}.default`, input.default, STRATEGY_KEYS);
  checkEachKeys(where, `${field}.services`, input.services, SERVICE_SAMPLING_KEYS);
  const def = input.default ?? { type: 'probabilistic' as const, param: profile === 'dev' ? 1 : 0.1 };
  checkStrategy(where, `${field}.default`, def);
  if (input.services !== undefined && !Array.isArray(input.services))
    fail(where, `${field}.services`, input.services, 'a list of { service, type, param, operations? }');
  const services = input.services ?? [];
  services.forEach((s, i) => {
    const at = `${field}.services[${i}]`;
    nonEmptyName(where, `${at}.service`, s?.service, 'a service name (its OTEL_SERVICE_NAME)');
    checkStrategy(where, at, s);
    if (services.findIndex((o) => o.service === s.service) !== i)
      fail(where, `${at}.service`, s.service, 'a service no other entry names (one strategy per service)');
    checkEachKeys(where, `${at}.operations`, s.operations, OPERATION_KEYS);
    if (s.operations !== undefined && !Array.isArray(s.operations))
      fail(where, `${at}.operations`, s.operations, 'a list of { operation, probability }');
    const ops: readonly OperationSampling[] = s.operations ?? [];
    ops.forEach((op, j) => {
      nonEmptyName(where, `${at}.operations[${j}].operation`, op?.operation, 'an operation (span) name');
      probability(where, `${at}.operations[${j}].probability`, op.probability);
      if (ops.findIndex((o) => o.operation === op.operation) !== j)
        fail(where, `${at}.operations[${j}].operation`, op.operation, 'an operation no other entry of this service names');
    });
  });
  if (input.dropOperations !== undefined && !Array.isArray(input.dropOperations))
    fail(where, `${field}.dropOperations`, input.dropOperations, 'a list of operation names (empty to sample health endpoints too)');
  const dropOperations = input.dropOperations ?? HEALTH_OPERATIONS;
  dropOperations.forEach((op, i) => nonEmptyName(where, `${field}.dropOperations[${i}]`, op, 'an operation (span) name'));
  return { default: { type: def.type, param: def.param }, services, dropOperations: [...new Set(dropOperations)] };
}

/** What Jaeger needs to know of the cluster it stores spans in. */
export interface JaegerStorageInput {
  /** Elasticsearch nodes (index replicas must leave one node for the primary). */
  readonly esNodes: number;
}

/** Validates Jaeger settings (`field` is their path, e.g. `jaeger`) and fills the defaults. */
export function resolveJaeger(
  where: string,
  field: string,
  profile: Profile,
  namespace: string,
  storage: JaegerStorageInput,
  input: JaegerSettings = {},
): ResolvedJaeger {
  checkKeys(where, field, input, JAEGER_KEYS);
  checkComponentKeys(where, `${field}.collector`, input.collector, COLLECTOR_KEYS);
  checkKeys(where, `${field}.collector.autoscaling`, input.collector?.autoscaling, AUTOSCALING_KEYS);
  checkComponentKeys(where, `${field}.query`, input.query, QUERY_KEYS);
  const shape: JaegerShape = profile === 'dev' ? 'single' : 'split';
  const { autoscaling: scaling, ...collectorSizing } = input.collector ?? {};
  const { ingress: ingressInput, ...querySizing } = input.query ?? {};
  const collector = resolveComponent(
    where,
    `${field}.collector`,
    shape === 'single' ? jaegerSpec : jaegerCollectorSpec,
    profile,
    collectorSizing,
  );
  const query = resolveComponent(where, `${field}.query`, jaegerQuerySpec, profile, querySizing);
  if (shape === 'split' && collector.replicas < 2)
    fail(where, `${field}.collector.replicas`, collector.replicas, '2 or more in prod (a collector restart must not drop spans)');
  if (shape === 'single' && collector.replicas !== 1)
    fail(where, `${field}.collector.replicas`, collector.replicas, '1 in dev (one Jaeger process; prod runs a replicated collector)');

  let autoscaling: ResolvedJaeger['autoscaling'];
  if (scaling !== undefined) {
    if (shape === 'single') fail(where, `${field}.collector.autoscaling`, scaling, 'unset in dev (one Jaeger process); prod only');
    const minReplicas = scaling.minReplicas ?? collector.replicas;
    const targetCpuPercent = scaling.targetCpuPercent ?? 75;
    if (!Number.isInteger(minReplicas) || minReplicas < 2)
      fail(where, `${field}.collector.autoscaling.minReplicas`, minReplicas, 'a whole number >= 2');
    if (!Number.isInteger(scaling.maxReplicas) || scaling.maxReplicas <= minReplicas)
      fail(where, `${field}.collector.autoscaling.maxReplicas`, scaling.maxReplicas, `a whole number > minReplicas (${minReplicas})`);
    if (!Number.isInteger(targetCpuPercent) || targetCpuPercent < 10 || targetCpuPercent > 100)
      fail(where, `${field}.collector.autoscaling.targetCpuPercent`, targetCpuPercent, 'a whole percentage from 10 to 100');
    autoscaling = { minReplicas, maxReplicas: scaling.maxReplicas, targetCpuPercent };
  }
  const ingress = resolveIngress(where, `${field}.query.ingress`, ingressInput);

  const retentionDays = days(where, `${field}.retention`, input.retention ?? JAEGER_RETENTION[profile], 'a retention');
  const lookbackDays = input.lookback === undefined ? retentionDays : days(where, `${field}.lookback`, input.lookback, 'a lookback');
  if (lookbackDays > retentionDays)
    fail(
      where,
      `${field}.lookback`,
      input.lookback,
      `at most the retention (${retentionDays}d): query would search indices the cleaner has deleted`,
    );
  const rotation = input.rotation ?? 'daily';
  if (rotation !== 'daily' && rotation !== 'ilm') fail(where, `${field}.rotation`, rotation, '"daily" or "ilm"');
  const ilmPolicy = dnsLabel(where, `${field}.ilmPolicy`, input.ilmPolicy ?? 'jaeger-ilm-policy');
  if (input.ilmPolicy !== undefined && rotation !== 'ilm')
    fail(where, `${field}.ilmPolicy`, input.ilmPolicy, 'unset unless rotation is "ilm"');
  const indexPrefix = input.indexPrefix === undefined ? '' : dnsLabel(where, `${field}.indexPrefix`, input.indexPrefix, 40);
  if (indexPrefix.endsWith('-')) fail(where, `${field}.indexPrefix`, indexPrefix, 'a prefix without a trailing "-" (Jaeger adds it)');
  const maxReplicas = storage.esNodes - 1;
  const indexReplicas = input.indexReplicas ?? Math.min(1, maxReplicas);
  if (!Number.isInteger(indexReplicas) || indexReplicas < 0 || indexReplicas > maxReplicas)
    fail(
      where,
      `${field}.indexReplicas`,
      indexReplicas,
      `a whole number from 0 to ${maxReplicas} (Elasticsearch has ${storage.esNodes} node${storage.esNodes === 1 ? '' : 's'}; ` +
        'a replica never shares a node with its primary, so more would leave the indices yellow)',
    );
  const cleanerSchedule = input.cleanerSchedule ?? '55 23 * * *';
  if (typeof cleanerSchedule !== 'string' || !CRON.test(cleanerSchedule.trim()))
    fail(where, `${field}.cleanerSchedule`, cleanerSchedule, 'a cron schedule of five fields such as "55 23 * * *"');
  if (input.cleanerSchedule !== undefined && rotation !== 'daily')
    fail(where, `${field}.cleanerSchedule`, input.cleanerSchedule, 'unset with rotation "ilm" (the ILM policy deletes old indices)');
  const sampling = resolveSampling(where, `${field}.sampling`, profile, input.sampling);
  return {
    shape,
    namespace,
    collector,
    query,
    ...(autoscaling ? { autoscaling } : {}),
    ...(ingress ? { ingress } : {}),
    retentionDays,
    lookbackDays,
    rotation,
    ilmPolicy,
    indexPrefix,
    indexReplicas,
    cleanerSchedule: cleanerSchedule.trim(),
    sampling,
    input,
  };
}

/**
 * The index pattern of every Jaeger index (spans, services, dependencies, sampling): the one
 * place the prefix becomes a name. The collector writes, query reads, the cleaner deletes and the
 * Elasticsearch roles grant exactly this pattern.
 */
export function indexPattern(jaeger: Pick<ResolvedJaeger, 'indexPrefix'>): string {
  return `${jaeger.indexPrefix ? `${jaeger.indexPrefix}-` : ''}jaeger-*`;
}

declare module '../stack/settings' {
  interface StackSettings {
    /** Traces: setting it (even to `{}`) adds Jaeger v2 on the logs store; needs `elasticsearch` (docs/tracing.md). @default none */
    readonly jaeger?: JaegerSettings;
  }
  interface ResolvedSettings {
    /** Undefined without tracing. */
    readonly jaeger?: ResolvedJaeger;
  }
}

declare module '../../config/dashboards/settings' {
  interface ShippedDashboards {
    /** Traces: Jaeger's collector, storage and span metrics. @default on with Jaeger */
    readonly tracing: true;
  }
}
