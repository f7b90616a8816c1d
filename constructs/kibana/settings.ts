import { ComponentSettings, Profile, resolveComponent, ResolvedComponent } from '../../config/component';
import { duration } from '../../config/duration';
import { fail } from '../../config/errors';
import { dnsLabel, httpUrl } from '../../config/names';
import { checkComponentKeys, checkEachKeys, COMPONENT_KEYS, keysOf } from '../../config/strict';
import { IngressSettings, resolveIngress } from '../k8s/ingress';
import { ECS_LOG_FIELDS, fieldsOf, SearchDefinition, shippedSearches } from './searches';
import { kibanaSpec } from './spec';

/**
 * Kibana settings. Kibana comes with Elasticsearch: it is on whenever `elasticsearch` is set,
 * and `kibana: false` leaves it out.
 */
export interface KibanaSettings extends ComponentSettings {
  /** Publish Kibana through an Ingress with TLS. @default no Ingress (port-forward) */
  readonly ingress?: IngressSettings;
  /** URL users reach Kibana at (`server.publicBaseUrl`). @default `https://<ingress host>` with an Ingress, else unset */
  readonly publicBaseUrl?: string;
  /**
   * Secret holding the three encryption keys (each at least 32 characters), under the keys
   * `xpack.security.encryptionKey`, `xpack.encryptedSavedObjects.encryptionKey` and
   * `xpack.reporting.encryptionKey`; shared by every replica, so sessions and saved objects
   * survive a pod change. @default `kibana-encryption-keys`
   */
  readonly encryptionKeysSecret?: string;
  /** A request slower than this is a slow request (saved search and audit dashboard), e.g. `500ms`, `2s`. @default `1s` */
  readonly slowRequestThreshold?: string;
  /** Fields of the logs data view beyond the ECS ones the shipped searches read. @default none */
  readonly extraFields?: readonly string[];
  /** Saved searches to ship beside the ten shipped ones; every field they use must be in the data view. @default none */
  readonly savedSearches?: readonly SearchDefinition[];
}

/** Every key of KibanaSettings (checked against the interface by tsc). */
export const KIBANA_KEYS = [
  ...COMPONENT_KEYS,
  ...keysOf<Omit<KibanaSettings, keyof ComponentSettings>>({
    ingress: true,
    publicBaseUrl: true,
    encryptionKeysSecret: true,
    slowRequestThreshold: true,
    extraFields: true,
    savedSearches: true,
  }),
];
const SEARCH_KEYS = keysOf<SearchDefinition>({ id: true, title: true, description: true, query: true, columns: true, sort: true });

/** The keys of the encryption keys Secret, each named after the Kibana setting it fills. */
export const ENCRYPTION_KEY_SETTINGS = [
  'xpack.security.encryptionKey',
  'xpack.encryptedSavedObjects.encryptionKey',
  'xpack.reporting.encryptionKey',
] as const;

/** Kibana settings with every default filled in. */
export interface ResolvedKibana extends ResolvedComponent {
  /** Namespace of the Kibana pods (the stack's); the credentials and TLS Secrets it reads must be there. */
  readonly namespace: string;
  readonly ingress?: IngressSettings;
  readonly publicBaseUrl?: string;
  readonly encryptionKeysSecret: string;
  /** The slow-request threshold in milliseconds. */
  readonly slowRequestMs: number;
  /** Every field of the logs data view. */
  readonly dataViewFields: readonly string[];
  /** The shipped searches and the user's, in that order. */
  readonly searches: readonly SearchDefinition[];
  /** The settings as given (what the construct re-validates). */
  readonly input: KibanaSettings;
  /** With tracing: the Jaeger UI URL of a trace, `{{value}}` standing for the trace id (the data view's trace.id links). */
  readonly traceUrl?: string;
}

const SEARCH_ID = /^[a-z0-9][a-z0-9-]{0,62}$/;
const FIELD_NAME = /^[@A-Za-z_][A-Za-z0-9_.@-]*$/;

/** Checks a saved search: its id and title, and that every field it reads is in the data view. */
function checkSearch(where: string, at: string, search: SearchDefinition, fields: readonly string[]): void {
  if (typeof search?.id !== 'string' || !SEARCH_ID.test(search.id))
    fail(where, `${at}.id`, search?.id, 'a stable saved-object id: lower-case letters, digits and "-", at most 63');
  if (typeof search.title !== 'string' || search.title === '') fail(where, `${at}.title`, search.title, 'a non-empty title');
  if (typeof search.description !== 'string') fail(where, `${at}.description`, search.description, 'a description (text)');
  if (!search.query || typeof search.query !== 'object') fail(where, `${at}.query`, search.query, 'an object { all?, any? } of conditions');
  if (!Array.isArray(search.columns) || search.columns.length === 0)
    fail(where, `${at}.columns`, search.columns, 'a non-empty list of field names');
  for (const field of fieldsOf(search)) {
    if (!fields.includes(field))
      fail(
        where,
        `${at}`,
        field,
        `fields of the logs data view only (${fields.join(', ')}); add it to kibana.extraFields if the logs carry it`,
      );
  }
}

/** Validates Kibana settings (`field` is their path, e.g. `kibana`) and fills the defaults. */
export function resolveKibana(
  where: string,
  field: string,
  profile: Profile,
  namespace: string,
  input: KibanaSettings = {},
): ResolvedKibana {
  checkComponentKeys(where, field, input, KIBANA_KEYS);
  checkEachKeys(where, `${field}.savedSearches`, input.savedSearches, SEARCH_KEYS);
  const component = resolveComponent(where, field, kibanaSpec, profile, input);
  const ingress = resolveIngress(where, `${field}.ingress`, input.ingress);
  if (input.publicBaseUrl !== undefined) httpUrl(where, `${field}.publicBaseUrl`, input.publicBaseUrl);
  const publicBaseUrl = input.publicBaseUrl ?? (ingress ? `https://${ingress.host}` : undefined);
  if (publicBaseUrl?.endsWith('/'))
    fail(where, `${field}.publicBaseUrl`, publicBaseUrl, 'a URL without a trailing "/" (Kibana refuses one)');
  const encryptionKeysSecret = dnsLabel(
    where,
    `${field}.encryptionKeysSecret`,
    input.encryptionKeysSecret ?? 'kibana-encryption-keys',
    253,
  );
  const slowRequestMs = duration(where, `${field}.slowRequestThreshold`, input.slowRequestThreshold ?? '1s');

  if (input.extraFields !== undefined && !Array.isArray(input.extraFields))
    fail(where, `${field}.extraFields`, input.extraFields, 'a list of field names such as "labels.tenant"');
  (input.extraFields ?? []).forEach((name, i) => {
    if (typeof name !== 'string' || !FIELD_NAME.test(name))
      fail(where, `${field}.extraFields[${i}]`, name, 'a field name: letters, digits, "_", "@", "-" and "." such as "labels.tenant"');
  });
  const dataViewFields = [...new Set([...ECS_LOG_FIELDS, ...(input.extraFields ?? [])])];

  const shipped = shippedSearches(slowRequestMs);
  if (input.savedSearches !== undefined && !Array.isArray(input.savedSearches))
    fail(
      where,
      `${field}.savedSearches`,
      input.savedSearches,
      'a list of saved searches { id, title, description, query, columns, sort? }',
    );
  const searches = [...shipped, ...(input.savedSearches ?? [])];
  searches.forEach((search, i) => {
    const at = i < shipped.length ? `shipped search ${search.id}` : `${field}.savedSearches[${i - shipped.length}]`;
    checkSearch(where, at, search, dataViewFields);
    if (searches.findIndex((s) => s.id === search.id) !== i) fail(where, `${at}.id`, search.id, 'an id no other saved search has');
  });

  return { ...component, namespace, ingress, publicBaseUrl, encryptionKeysSecret, slowRequestMs, dataViewFields, searches, input };
}

declare module '../stack/settings' {
  interface StackSettings {
    /** Kibana, the logs UI: on with `elasticsearch`; `false` leaves it out. @default on with Elasticsearch */
    readonly kibana?: KibanaSettings | false;
  }
  interface ResolvedSettings {
    /** Undefined without Elasticsearch or with `kibana: false`. */
    readonly kibana?: ResolvedKibana;
  }
}

declare module '../../config/dashboards/settings' {
  interface ShippedDashboards {
    /** Who searched the logs (Kibana's audit). @default on with Kibana */
    readonly logsAudit: true;
  }
}
