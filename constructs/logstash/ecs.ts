/**
 * The ECS side of the pipeline: which application fields become which ECS fields, with their
 * types. Targets are checked against a closed list of the ECS 8 fields the pipeline and the
 * Kibana searches use, so a misspelt target fails at synth instead of creating a stray field.
 */

/** How a mapped value is stored. */
export type EcsType = 'keyword' | 'integer' | 'long' | 'float';

/** One mapping: the application's JSON key (top level) to an ECS field. */
export interface FieldMapping {
  /** Key in the application's JSON log line, e.g. `statusCode`. @default none (required) */
  readonly from: string;
  /** ECS field (dotted) such as `http.response.status_code`, or your own `labels.<name>` / `business.<name>`. @default none (required) */
  readonly to: string;
  /** Conversion applied after the move. @default the ECS field's type (keyword for labels, float for business) */
  readonly type?: EcsType;
  /** Multiply the number by this (e.g. 1000000 for milliseconds to ECS nanoseconds). @default 1 */
  readonly scale?: number;
}

/** ECS fields a mapping may target, with their types. */
export const ECS_FIELDS: Readonly<Record<string, EcsType>> = {
  'http.response.status_code': 'integer',
  'http.response.body.bytes': 'long',
  'http.request.body.bytes': 'long',
  'http.request.method': 'keyword',
  'http.request.id': 'keyword',
  'http.request.referrer': 'keyword',
  'url.path': 'keyword',
  'url.original': 'keyword',
  'url.query': 'keyword',
  'event.duration': 'long',
  'event.action': 'keyword',
  'event.dataset': 'keyword',
  'user.id': 'keyword',
  'user.name': 'keyword',
  'trace.id': 'keyword',
  'span.id': 'keyword',
  'transaction.id': 'keyword',
  'log.level': 'keyword',
  'log.logger': 'keyword',
  'error.type': 'keyword',
  'error.message': 'keyword',
  'error.stack_trace': 'keyword',
  'service.name': 'keyword',
  'service.version': 'keyword',
  'service.environment': 'keyword',
  'client.ip': 'keyword',
  'source.ip': 'keyword',
  'user_agent.original': 'keyword',
  'host.name': 'keyword',
};

/** The shipped mappings (the application fields the teams' services log), user mappings come after and may override by `from`. */
export const SHIPPED_FIELD_MAPPINGS: readonly FieldMapping[] = [
  { from: 'statusCode', to: 'http.response.status_code' },
  // Milliseconds in the application's logs; ECS event.duration is in nanoseconds.
  { from: 'duration', to: 'event.duration', scale: 1_000_000 },
  { from: 'durationMs', to: 'event.duration', scale: 1_000_000 },
  { from: 'userId', to: 'user.id' },
  { from: 'requestId', to: 'http.request.id' },
  { from: 'traceId', to: 'trace.id' },
  { from: 'spanId', to: 'span.id' },
  { from: 'level', to: 'log.level' },
  { from: 'logger', to: 'log.logger' },
  { from: 'method', to: 'http.request.method' },
  { from: 'path', to: 'url.path' },
  { from: 'url', to: 'url.original' },
  { from: 'clientIp', to: 'client.ip' },
  { from: 'userAgent', to: 'user_agent.original' },
  { from: 'service', to: 'service.name' },
  { from: 'errorType', to: 'error.type' },
  { from: 'errorMessage', to: 'error.message' },
  { from: 'stack', to: 'error.stack_trace' },
  // Performance numbers.
  { from: 'responseSize', to: 'http.response.body.bytes' },
  { from: 'requestSize', to: 'http.request.body.bytes' },
  // Business events: the event name, and its figures as numbers.
  { from: 'businessEvent', to: 'event.action' },
  { from: 'amount', to: 'business.amount' },
  { from: 'quantity', to: 'business.quantity' },
];

/** The Logstash field reference of a dotted field: `a.b.c` -> `[a][b][c]`. */
export function fieldRef(dotted: string): string {
  return dotted
    .split('.')
    .map((part) => `[${part}]`)
    .join('');
}
