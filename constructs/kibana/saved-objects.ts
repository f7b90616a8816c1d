/**
 * Kibana saved objects and data-view requests, typed here: Kibana publishes no npm package of
 * its saved-object or HTTP API types (they live in its monorepo's internal `@kbn/*` packages),
 * so these interfaces are written from Kibana's documented shapes (the saved objects import API,
 * the data views API, and the `search` saved-object type), as far as those shapes go.
 */
import { ECS_LOG_FIELDS, SearchDefinition, TIME_FIELD, toKql } from './searches';

/** A data view as `POST /api/data_views/data_view` takes it (`data_view`). */
export interface DataViewSpec {
  /** Stable id: saved searches reference it. */
  readonly id: string;
  /** The index pattern it reads, e.g. `logs-*`. */
  readonly title: string;
  /** Name shown in Kibana. */
  readonly name: string;
  /** Time field of the documents. */
  readonly timeFieldName: string;
  /** How fields are shown, by field name: a `url` format turns a trace id into a link to the trace. @default none */
  readonly fieldFormats?: Readonly<Record<string, UrlFieldFormat>>;
}

/** Kibana's `url` field format: the value rendered as a link built from `urlTemplate` (`{{value}}` is the value). */
export interface UrlFieldFormat {
  readonly id: 'url';
  readonly params: { readonly urlTemplate: string; readonly labelTemplate: string };
}

/** Body of `POST /api/data_views/data_view` (create). */
export interface CreateDataViewBody {
  readonly data_view: DataViewSpec;
  /** Replace a data view with the same title. */
  readonly override: boolean;
}

/** Body of `POST /api/data_views/data_view/<id>` (update): the id is in the path. */
export interface UpdateDataViewBody {
  readonly data_view: Omit<DataViewSpec, 'id'>;
}

/** A reference of a saved object to another one, by type and id. */
export interface SavedObjectReference {
  /** Name the referring attribute uses (`indexRefName`). */
  readonly name: string;
  readonly type: 'index-pattern';
  readonly id: string;
}

/** The search source of a saved search, stored as a JSON string in `kibanaSavedObjectMeta.searchSourceJSON`. */
export interface SearchSource {
  readonly query: { readonly query: string; readonly language: 'kuery' };
  readonly filter: readonly never[];
  /** The `name` of the reference that holds the data view. */
  readonly indexRefName: string;
}

/** One line of the import NDJSON: a saved search (saved-object type `search`). */
export interface SavedSearchObject {
  readonly type: 'search';
  readonly id: string;
  readonly attributes: {
    readonly title: string;
    readonly description: string;
    readonly columns: readonly string[];
    readonly sort: ReadonlyArray<readonly [string, 'asc' | 'desc']>;
    readonly kibanaSavedObjectMeta: { readonly searchSourceJSON: string };
  };
  readonly references: readonly SavedObjectReference[];
}

/** A data view with the fields the stack expects its documents to carry. */
export interface DataViewDefinition extends DataViewSpec {
  /** The fields saved searches may use (checked at synth time). */
  readonly fields: readonly string[];
}

/** The data view over every log stream (`logs-*`, ECS, `@timestamp`). */
export function logsDataView(fields: readonly string[] = ECS_LOG_FIELDS, traceUrl?: string): DataViewDefinition {
  return {
    id: 'logs-all',
    title: 'logs-*',
    name: 'Logs (all streams)',
    timeFieldName: TIME_FIELD,
    // With tracing: trace.id links to the trace in the Jaeger UI.
    ...(traceUrl ? { fieldFormats: { 'trace.id': { id: 'url', params: { urlTemplate: traceUrl, labelTemplate: '{{value}}' } } } } : {}),
    fields,
  };
}

const INDEX_REF = 'kibanaSavedObjectMeta.searchSourceJSON.index';

/** A search as the saved object Kibana imports, referencing its data view by id. */
export function savedSearch(search: SearchDefinition, dataView: DataViewSpec): SavedSearchObject {
  const source: SearchSource = { query: { query: toKql(search.query), language: 'kuery' }, filter: [], indexRefName: INDEX_REF };
  return {
    type: 'search',
    id: search.id,
    attributes: {
      title: search.title,
      description: search.description,
      columns: [...search.columns],
      sort: (search.sort ?? [[TIME_FIELD, 'desc']]).map(([field, direction]) => [field, direction] as const),
      kibanaSavedObjectMeta: { searchSourceJSON: JSON.stringify(source) },
    },
    references: [{ name: INDEX_REF, type: 'index-pattern', id: dataView.id }],
  };
}

/** The import file: one saved object per line. */
export function renderNdjson(objects: readonly SavedSearchObject[]): string {
  return objects.map((o) => JSON.stringify(o)).join('\n') + '\n';
}
