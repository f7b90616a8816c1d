import { ComponentSettings, Profile, resolveComponent, ResolvedComponent } from '../../config/component';
import { fail } from '../../config/errors';
import { dnsLabel } from '../../config/names';
import { byteQuantity } from '../../config/quantity';
import { checkComponentKeys, checkEachKeys, COMPONENT_KEYS, keysOf } from '../../config/strict';
import { ResolvedClient, ResolvedLogStream } from '../elasticsearch/settings';
import { ECS_FIELDS, EcsType, FieldMapping, SHIPPED_FIELD_MAPPINGS } from './ecs';
import { resolveScrubRules, ResolvedScrubRule, ScrubRule, SHIPPED_SENSITIVE_KEYS } from './patterns';
import { DEFAULT_HEAP, logstashExporterSpec, logstashSpec } from './spec';

/**
 * Logstash settings. Logstash comes with Elasticsearch: it is on whenever `elasticsearch` is
 * set, and `logstash: false` leaves it out.
 */
export interface LogstashSettings extends ComponentSettings {
  /** StorageClass of the queue volumes. @default the cluster default */
  readonly storageClassName?: string;
  /** JVM heap (`-Xms`/`-Xmx`), e.g. `1g`; at most half the memory limit. @default `1g` prod, `256m` dev */
  readonly heap?: string;
  /** Persisted queue size (`queue.max_bytes`), a quantity; with the DLQ it must fit the volume. @default `8Gi` prod, `1Gi` dev */
  readonly queueMaxBytes?: string;
  /** Dead-letter queue size (`dead_letter_queue.max_bytes`), a Kubernetes quantity. @default `2Gi` prod, `256Mi` dev */
  readonly deadLetterQueueMaxBytes?: string;
  /** Pipeline workers (`pipeline.workers`). @default the CPU count Logstash sees */
  readonly pipelineWorkers?: number;
  /** Log stream (dataset) the pipeline writes to: one of `elasticsearch.logStreams`. @default `generic` */
  readonly dataset?: string;
  /** Application JSON fields to move to ECS fields, after (and overriding by `from`) the shipped ones. @default none */
  readonly fieldMappings?: readonly FieldMapping[];
  /** Scrub rules to run after the shipped ones. @default none */
  readonly scrubRules?: readonly ScrubRule[];
  /** JSON keys removed outright (their value is a secret), beside the shipped ones. @default none */
  readonly sensitiveKeys?: readonly string[];
  /** GeoIP enrichment of `client.ip` from the database Logstash ships (off for privacy). @default false */
  readonly geoip?: boolean;
  /** Exporter sidecar overrides (replicas are ignored: one per Logstash pod). @default catalog sizing */
  readonly exporter?: ComponentSettings;
}

/** Every key of LogstashSettings (checked against the interface by tsc). */
export const LOGSTASH_KEYS = [
  ...COMPONENT_KEYS,
  ...keysOf<Omit<LogstashSettings, keyof ComponentSettings>>({
    storageClassName: true,
    heap: true,
    queueMaxBytes: true,
    deadLetterQueueMaxBytes: true,
    pipelineWorkers: true,
    dataset: true,
    fieldMappings: true,
    scrubRules: true,
    sensitiveKeys: true,
    geoip: true,
    exporter: true,
  }),
];
const MAPPING_KEYS = keysOf<FieldMapping>({ from: true, to: true, type: true, scale: true });
const SCRUB_KEYS = keysOf<ScrubRule>({ name: true, pattern: true, replacement: true, ignoreCase: true });

/** The Elasticsearch user Logstash writes as (role `logstash_writer`). */
export const LOGSTASH_WRITER = 'logstash';

/** A mapping with every default filled in. */
export type ResolvedFieldMapping = Required<FieldMapping>;

/** Logstash settings with every default filled in. */
export interface ResolvedLogstash extends ResolvedComponent {
  readonly namespace: string;
  readonly storage: string;
  readonly storageClassName?: string;
  readonly heap: string;
  /** `queue.max_bytes` and `dead_letter_queue.max_bytes`, in bytes. */
  readonly queueMaxBytes: number;
  readonly deadLetterQueueMaxBytes: number;
  readonly pipelineWorkers?: number;
  readonly dataset: string;
  readonly fieldMappings: readonly ResolvedFieldMapping[];
  readonly scrubRules: readonly ResolvedScrubRule[];
  readonly sensitiveKeys: readonly string[];
  readonly geoip: boolean;
  readonly exporter: ResolvedComponent;
  /** The settings as given (what the construct re-validates). */
  readonly input: LogstashSettings;
}

const DEFAULTS: Readonly<Record<Profile, { queue: string; dlq: string }>> = {
  dev: { queue: '1Gi', dlq: '256Mi' },
  prod: { queue: '8Gi', dlq: '2Gi' },
};
const HEAP = /^([1-9][0-9]*)([mg])$/;
const JSON_KEY = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
const ECS_TARGET = /^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)+$/;
const TYPES: readonly EcsType[] = ['keyword', 'integer', 'long', 'float'];

/** The type of a mapping target: an ECS field's, keyword for `labels.*`, float for `business.*`; undefined when unknown. */
export function targetType(to: string): EcsType | undefined {
  if (/^labels\.[a-z0-9_]+$/.test(to)) return 'keyword';
  if (/^business\.[a-z0-9_]+$/.test(to)) return 'float';
  return ECS_FIELDS[to];
}

function resolveMappings(where: string, field: string, extra: unknown): ResolvedFieldMapping[] {
  if (extra !== undefined && !Array.isArray(extra)) fail(where, field, extra, 'a list of { from, to, type?, scale? }');
  const user = ((extra as FieldMapping[] | undefined) ?? []).map((m, i): ResolvedFieldMapping => {
    const at = `${field}[${i}]`;
    if (typeof m?.from !== 'string' || !JSON_KEY.test(m.from))
      fail(where, `${at}.from`, m?.from, 'a top-level JSON key: letters, digits and "_", starting with a letter or "_"');
    const type = typeof m.to === 'string' && ECS_TARGET.test(m.to) ? targetType(m.to) : undefined;
    if (!type)
      fail(
        where,
        `${at}.to`,
        m.to,
        `an ECS field the pipeline knows (${Object.keys(ECS_FIELDS).join(', ')}), or labels.<name> (text) / business.<name> (number)`,
      );
    if (m.type !== undefined && !TYPES.includes(m.type)) fail(where, `${at}.type`, m.type, TYPES.map((t) => `"${t}"`).join(', '));
    if (m.scale !== undefined && (typeof m.scale !== 'number' || !Number.isFinite(m.scale) || m.scale <= 0))
      fail(where, `${at}.scale`, m.scale, 'a number greater than 0');
    const resolvedType = m.type ?? type;
    if (m.scale !== undefined && m.scale !== 1 && resolvedType === 'keyword')
      fail(where, `${at}.scale`, m.scale, `1 (unset) for a text field: ${m.to} is a keyword`);
    return { from: m.from, to: m.to, type: resolvedType, scale: m.scale ?? 1 };
  });
  const shipped = SHIPPED_FIELD_MAPPINGS.filter((s) => !user.some((u) => u.from === s.from)).map((m): ResolvedFieldMapping => ({
    from: m.from,
    to: m.to,
    type: m.type ?? targetType(m.to)!,
    scale: m.scale ?? 1,
  }));
  const all = [...shipped, ...user];
  user.forEach((m, i) => {
    if (user.findIndex((u) => u.from === m.from) !== i) fail(where, `${field}[${i}].from`, m.from, 'a key no other mapping of yours has');
  });
  return all;
}

function bytesOf(where: string, field: string, value: unknown): number {
  if (typeof value !== 'string') fail(where, field, value, 'a Kubernetes quantity such as "1Gi" or "512Mi"');
  const bytes = byteQuantity(where, field, value);
  if (bytes < 2 ** 20 || bytes % 2 ** 20 !== 0) fail(where, field, value, 'whole mebibytes, at least 1Mi, such as "1Gi" or "512Mi"');
  return bytes;
}

/** Validates Logstash settings (`field` is their path, e.g. `logstash`) and fills the defaults. */
export function resolveLogstash(
  where: string,
  field: string,
  profile: Profile,
  namespace: string,
  logStreams: readonly Pick<ResolvedLogStream, 'name'>[],
  input: LogstashSettings = {},
): ResolvedLogstash {
  checkComponentKeys(where, field, input, LOGSTASH_KEYS);
  checkEachKeys(where, `${field}.fieldMappings`, input.fieldMappings, MAPPING_KEYS);
  checkEachKeys(where, `${field}.scrubRules`, input.scrubRules, SCRUB_KEYS);
  checkComponentKeys(where, `${field}.exporter`, input.exporter);
  const component = resolveComponent(where, field, logstashSpec, profile, input);
  const storage = component.storage ?? logstashSpec.sizing[profile].storage;
  const storageBytes = byteQuantity(where, `${field}.storage`, storage);
  if (input.storageClassName !== undefined) dnsLabel(where, `${field}.storageClassName`, input.storageClassName, 253);

  const limits = component.resources.limits;
  const limitBytes = byteQuantity(where, `${field}.resources.limits.memory`, limits.memory);
  const heap = input.heap ?? DEFAULT_HEAP[profile];
  const match = typeof heap === 'string' ? HEAP.exec(heap) : null;
  if (!match) fail(where, `${field}.heap`, heap, 'a JVM size in whole megabytes or gigabytes such as "512m" or "1g"');
  const heapBytes = Number(match[1]) * (match[2] === 'g' ? 2 ** 30 : 2 ** 20);
  if (heapBytes > limitBytes / 2)
    fail(
      where,
      `${field}.heap`,
      heap,
      `at most half the memory limit ${limits.memory} (the rest is JRuby, direct buffers and the page cache)`,
    );

  const queueMaxBytes = bytesOf(where, `${field}.queueMaxBytes`, input.queueMaxBytes ?? DEFAULTS[profile].queue);
  const deadLetterQueueMaxBytes = bytesOf(
    where,
    `${field}.deadLetterQueueMaxBytes`,
    input.deadLetterQueueMaxBytes ?? DEFAULTS[profile].dlq,
  );
  // Both queues live on the one volume; keep 5% of it (at least 64Mi) for checkpoints and the node's own files.
  const headroom = Math.max(64 * 2 ** 20, Math.ceil(storageBytes * 0.05));
  if (queueMaxBytes + deadLetterQueueMaxBytes + headroom > storageBytes)
    fail(
      where,
      `${field}.queueMaxBytes`,
      input.queueMaxBytes ?? DEFAULTS[profile].queue,
      `a queue that fits the volume (${field}.storage = ${storage}) with the dead-letter queue ` +
        `(${input.deadLetterQueueMaxBytes ?? DEFAULTS[profile].dlq}) and 5% headroom: lower it, or raise ${field}.storage`,
    );

  if (input.pipelineWorkers !== undefined && (!Number.isInteger(input.pipelineWorkers) || input.pipelineWorkers < 1))
    fail(where, `${field}.pipelineWorkers`, input.pipelineWorkers, 'a whole number >= 1');
  const dataset = input.dataset ?? 'generic';
  if (!logStreams.some((s) => s.name === dataset))
    fail(
      where,
      `${field}.dataset`,
      dataset,
      `one of elasticsearch.logStreams (${logStreams.map((s) => s.name).join(', ')}): its data stream has the ILM policy`,
    );
  if (input.geoip !== undefined && typeof input.geoip !== 'boolean') fail(where, `${field}.geoip`, input.geoip, 'true or false');
  if (input.sensitiveKeys !== undefined && !Array.isArray(input.sensitiveKeys))
    fail(where, `${field}.sensitiveKeys`, input.sensitiveKeys, 'a list of JSON keys such as "sessionToken"');
  (input.sensitiveKeys ?? []).forEach((key, i) => {
    if (typeof key !== 'string' || !JSON_KEY.test(key))
      fail(where, `${field}.sensitiveKeys[${i}]`, key, 'a top-level JSON key: letters, digits and "_", starting with a letter or "_"');
  });

  return {
    ...component,
    namespace,
    storage,
    storageClassName: input.storageClassName,
    heap,
    queueMaxBytes,
    deadLetterQueueMaxBytes,
    pipelineWorkers: input.pipelineWorkers,
    dataset,
    fieldMappings: resolveMappings(where, `${field}.fieldMappings`, input.fieldMappings),
    scrubRules: resolveScrubRules(where, `${field}.scrubRules`, input.scrubRules),
    sensitiveKeys: [...new Set([...SHIPPED_SENSITIVE_KEYS, ...(input.sensitiveKeys ?? [])])],
    geoip: input.geoip ?? false,
    exporter: resolveComponent(where, `${field}.exporter`, logstashExporterSpec, profile, input.exporter),
    input,
  };
}

/** The writer client the Elasticsearch setup Job creates for Logstash: create documents in its dataset's data streams. */
export function logstashWriterClient(logstash: Pick<ResolvedLogstash, 'dataset' | 'namespace'>): ResolvedClient {
  return { name: LOGSTASH_WRITER, access: 'write', indices: [`logs-${logstash.dataset}-*`], namespace: logstash.namespace };
}

declare module '../stack/settings' {
  interface StackSettings {
    /** Logstash, the log pipeline (Filebeat ships to it): on with `elasticsearch`; `false` leaves it out. @default on with Elasticsearch */
    readonly logstash?: LogstashSettings | false;
  }
  interface ResolvedSettings {
    /** Undefined without Elasticsearch or with `logstash: false`. */
    readonly logstash?: ResolvedLogstash;
  }
}
