/**
 * The teams' incident searches, generalised and on ECS field names, written once as typed
 * conditions. Kibana's saved searches render them as KQL, the Grafana audit dashboard as Lucene
 * (the query syntax of Grafana's Elasticsearch datasource); each search names its fields, so a
 * search on a field its data view does not list is a synth error.
 */

/** One condition on a field. */
export type Condition =
  | { readonly field: string; readonly is: string | number | readonly (string | number)[] }
  | { readonly field: string; readonly atLeast: number }
  | { readonly field: string; readonly above: number }
  | { readonly field: string; readonly exists: true };

/** A query: every condition of `all` holds, and at least one of `any` when given. */
export interface SearchQuery {
  /** Conditions that must all hold. @default none */
  readonly all?: readonly Condition[];
  /** Conditions of which at least one holds. @default none */
  readonly any?: readonly Condition[];
}

/** A saved search: a query, the columns Discover shows, and the sort. */
export interface SearchDefinition {
  /** Stable saved-object id (lower-case letters, digits and '-'). */
  readonly id: string;
  /** Title shown in Kibana. */
  readonly title: string;
  /** What the search answers. */
  readonly description: string;
  /** The query. */
  readonly query: SearchQuery;
  /** Columns shown, in order. */
  readonly columns: readonly string[];
  /** Sort, first key first. @default `@timestamp` descending */
  readonly sort?: ReadonlyArray<readonly [field: string, direction: 'asc' | 'desc']>;
}

/** The time field of every logs data view (ECS). */
export const TIME_FIELD = '@timestamp';

/**
 * The ECS fields the shipped searches read, the field list of the logs data view (the searches
 * are checked against it). Logstash maps what it parses onto these names.
 */
export const ECS_LOG_FIELDS = [
  TIME_FIELD,
  'message',
  'tags',
  'log.level',
  'service.name',
  'event.dataset',
  'event.category',
  'event.action',
  'event.outcome',
  'event.duration',
  'error.type',
  'error.message',
  'http.request.method',
  'http.request.id',
  'http.response.status_code',
  'http.response.body.bytes',
  'url.path',
  'url.domain',
  'destination.domain',
  'source.ip',
  'user.id',
  'user.name',
  'trace.id',
  'transaction.id',
] as const;

/** The tag Logstash puts on events that touch sensitive data (the access audit reads it). */
export const SENSITIVE_DATA_TAG = 'sensitive-data';

const common = ['service.name', 'message'] as const;
const request = ['http.request.method', 'url.path', 'http.response.status_code'] as const;

/** Nanoseconds of a millisecond count (ECS `event.duration` is in nanoseconds). */
export const nanoseconds = (ms: number) => ms * 1e6;

/** The ten shipped searches; `slowRequestMs` is the slow-request threshold. */
export function shippedSearches(slowRequestMs: number): SearchDefinition[] {
  return [
    {
      id: 'logs-server-errors',
      title: 'Server errors (5xx)',
      description: 'Requests answered with an HTTP 5xx status.',
      query: { all: [{ field: 'http.response.status_code', atLeast: 500 }] },
      columns: ['service.name', ...request, 'error.message', 'trace.id'],
    },
    {
      id: 'logs-slow-requests',
      title: `Slow requests (over ${slowRequestMs} ms)`,
      description: `Requests that took longer than ${slowRequestMs} ms (event.duration, in nanoseconds), slowest first.`,
      query: { all: [{ field: 'event.duration', above: nanoseconds(slowRequestMs) }] },
      columns: ['service.name', ...request, 'event.duration', 'trace.id'],
      sort: [['event.duration', 'desc']],
    },
    {
      id: 'logs-authentication-failures',
      title: 'Authentication failures',
      description: 'Failed log-ins and rejected credentials, with who and from where.',
      query: {
        all: [
          { field: 'event.category', is: 'authentication' },
          { field: 'event.outcome', is: 'failure' },
        ],
      },
      columns: ['service.name', 'user.name', 'source.ip', 'event.action', 'message'],
    },
    {
      id: 'logs-database-errors',
      title: 'Database errors',
      description: 'Failed database operations and database-level errors.',
      query: {
        all: [{ field: 'event.category', is: 'database' }],
        any: [
          { field: 'event.outcome', is: 'failure' },
          { field: 'log.level', is: ['error', 'fatal', 'critical'] },
        ],
      },
      columns: ['service.name', 'error.type', 'error.message', 'trace.id'],
    },
    {
      id: 'logs-sensitive-data-access',
      title: 'Sensitive-data access audit',
      description: `Every access to data tagged "${SENSITIVE_DATA_TAG}": who, what, from where, and whether it was allowed.`,
      query: { all: [{ field: 'tags', is: SENSITIVE_DATA_TAG }] },
      columns: ['user.id', 'event.action', 'event.outcome', 'url.path', 'source.ip', 'service.name'],
    },
    {
      id: 'logs-request-chain',
      title: 'Request chain by trace id',
      description: 'Every log line of a request across services, in order: filter on one trace.id (or http.request.id).',
      query: {
        any: [
          { field: 'trace.id', exists: true },
          { field: 'http.request.id', exists: true },
        ],
      },
      columns: ['trace.id', 'http.request.id', 'transaction.id', ...common, 'log.level'],
      sort: [
        ['trace.id', 'asc'],
        [TIME_FIELD, 'asc'],
      ],
    },
    {
      id: 'logs-third-party-failures',
      title: 'Third-party failures',
      description: 'Failed calls to external dependencies (destination.domain set).',
      query: {
        all: [{ field: 'destination.domain', exists: true }],
        any: [
          { field: 'event.outcome', is: 'failure' },
          { field: 'http.response.status_code', atLeast: 500 },
        ],
      },
      columns: ['service.name', 'destination.domain', 'http.response.status_code', 'error.message', 'event.duration'],
    },
    {
      id: 'logs-endpoint-health',
      title: 'Endpoint health',
      description: 'Requests per endpoint with status and duration: break down by url.path to compare endpoints.',
      query: { all: [{ field: 'url.path', exists: true }] },
      columns: ['service.name', ...request, 'event.duration'],
    },
    {
      id: 'logs-user-activity',
      title: 'User activity trail',
      description: 'What a user did, in order: filter on one user.id.',
      query: { all: [{ field: 'user.id', exists: true }] },
      columns: ['user.id', 'event.action', 'event.outcome', 'url.path', 'source.ip', 'service.name'],
      sort: [
        ['user.id', 'asc'],
        [TIME_FIELD, 'asc'],
      ],
    },
    {
      id: 'logs-response-size',
      title: 'Response size',
      description: 'Responses by body size, largest first.',
      query: { all: [{ field: 'http.response.body.bytes', exists: true }] },
      columns: ['service.name', ...request, 'http.response.body.bytes'],
      sort: [['http.response.body.bytes', 'desc']],
    },
  ];
}

/** Every field a search reads: its conditions, columns and sort keys, each once. */
export function fieldsOf(search: Pick<SearchDefinition, 'query' | 'columns' | 'sort'>): string[] {
  const conditions = [...(search.query.all ?? []), ...(search.query.any ?? [])];
  const fields = [...conditions.map((c) => c.field), ...search.columns, ...(search.sort ?? []).map(([field]) => field)];
  return [...new Set(fields)];
}

const kqlValue = (value: string | number) => (typeof value === 'number' ? String(value) : JSON.stringify(value));
/** Lucene terms: quoted phrases; numbers as they are. */
const luceneValue = kqlValue;

function kqlCondition(c: Condition): string {
  if ('exists' in c) return `${c.field}:*`;
  if ('atLeast' in c) return `${c.field} >= ${c.atLeast}`;
  if ('above' in c) return `${c.field} > ${c.above}`;
  const values = Array.isArray(c.is) ? c.is : [c.is as string | number];
  return values.length === 1 ? `${c.field}:${kqlValue(values[0])}` : `${c.field}:(${values.map(kqlValue).join(' or ')})`;
}

function luceneCondition(c: Condition): string {
  const field = c.field;
  if ('exists' in c) return `_exists_:${field}`;
  if ('atLeast' in c) return `${field}:>=${c.atLeast}`;
  if ('above' in c) return `${field}:>${c.above}`;
  const values = Array.isArray(c.is) ? c.is : [c.is as string | number];
  return values.length === 1 ? `${field}:${luceneValue(values[0])}` : `${field}:(${values.map(luceneValue).join(' OR ')})`;
}

function render(query: SearchQuery, condition: (c: Condition) => string, and: string, or: string): string {
  const parts = (query.all ?? []).map(condition);
  const any = (query.any ?? []).map(condition);
  if (any.length === 1) parts.push(any[0]);
  else if (any.length > 1) parts.push(`(${any.join(` ${or} `)})`);
  return parts.join(` ${and} `);
}

/** The query as KQL (Kibana's query language). */
export const toKql = (query: SearchQuery) => render(query, kqlCondition, 'and', 'or');
/** The query as Lucene query-string syntax (Grafana's Elasticsearch datasource). */
export const toLucene = (query: SearchQuery) => render(query, luceneCondition, 'AND', 'OR');
