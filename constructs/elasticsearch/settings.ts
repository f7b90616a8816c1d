import { ComponentSettings, Profile, resolveComponent, ResolvedComponent } from '../../config/component';
import { fail } from '../../config/errors';
import { dnsLabel } from '../../config/names';
import { byteQuantity } from '../../config/quantity';
import { checkComponentKeys, checkEachKeys, checkKeys, COMPONENT_KEYS, keysOf } from '../../config/strict';
import { ElasticsearchAccess, ResolvedClient } from '../../config/elasticsearch-clients';
import { elasticsearchExporterSpec, elasticsearchSpec, PROD_MIN_STORAGE } from './spec';

export type { ClientClusterPrivilege, ClientIndexPrivilege, ElasticsearchAccess, ResolvedClient } from '../../config/elasticsearch-clients';

/**
 * How the node gets `vm.max_map_count` (Elasticsearch memory-maps its index files):
 * - `initContainer`: a privileged init container runs `sysctl -w vm.max_map_count=1048576` on the
 *   node before Elasticsearch starts (the only privileged container of the stack; opt-in);
 * - `nodeTuned`: nothing in the pod; the nodes are tuned beforehand (see docs/elasticsearch.md);
 * - `noMmap`: `node.store.allow_mmap: false`, no node setting needed (slower; for dev).
 */
export type MaxMapCountMode = 'initContainer' | 'nodeTuned' | 'noMmap';
export const MAX_MAP_COUNT_MODES: readonly MaxMapCountMode[] = ['initContainer', 'nodeTuned', 'noMmap'];

/** Who issues the node certificate when cert-manager does. */
export interface CertManagerIssuer {
  /** Name of the Issuer or ClusterIssuer. @default none (required) */
  readonly name: string;
  /** `Issuer` (in the stack namespace) or `ClusterIssuer`. @default `Issuer` */
  readonly kind?: 'Issuer' | 'ClusterIssuer';
}

/** TLS of the cluster: one certificate (Secret keys tls.crt, tls.key, ca.crt) for HTTP and transport. */
export interface ElasticsearchTlsSettings {
  /** Secret with `tls.crt`, `tls.key` and `ca.crt`. Keys are never generated at synth time. @default `elasticsearch-certs` */
  readonly secretName?: string;
  /** Have cert-manager issue that Secret (a Certificate object is added). @default none: the Secret must exist */
  readonly certManagerIssuer?: CertManagerIssuer;
  /** TLS between nodes; required with more than one node. @default true */
  readonly transport?: boolean;
  /** TLS for clients (HTTPS on 9200). @default true */
  readonly http?: boolean;
}

/** One log stream: the data streams `logs-<name>-*`, with their own ILM policy and retention. */
export interface LogStreamSettings {
  /** Dataset name: lower-case letters, digits and `_` (data stream `logs-<name>-<namespace>`). @default none (required) */
  readonly name: string;
  /** How long an index is kept after rollover before ILM deletes it: whole days or hours (`90d`, `36h`). @default `90d` prod, `7d` dev */
  readonly retention?: string;
}

/**
 * A client of the cluster (a log shipper, a tracer, a UI): it gets its own user and a
 * least-privilege role from the setup Job, and a NetworkPolicy flow to the HTTP port. Its
 * password is the key `<name>` of the credentials Secret.
 */
export interface ElasticsearchClient {
  /** User name, role stem and the `app.kubernetes.io/name` of the client's pods, e.g. `filebeat`. @default none (required) */
  readonly name: string;
  /** `write`: create documents in its indices; `read`: search them. @default none (required) */
  readonly access: ElasticsearchAccess;
  /** Index patterns it may use. @default the log streams' `logs-<name>-*` */
  readonly indices?: readonly string[];
  /** Namespace of its pods. @default the stack namespace */
  readonly namespace?: string;
}

/** Elasticsearch settings; setting `elasticsearch` at all adds the logs store to the stack. */
export interface ElasticsearchSettings extends ComponentSettings {
  /** StorageClass of the data volumes. @default the cluster default */
  readonly storageClassName?: string;
  /** JVM heap (`-Xms`/`-Xmx`), e.g. `2g`; at most half the memory limit and 31g. @default none: Elasticsearch sizes it */
  readonly heap?: string;
  /**
   * Set `cluster.initial_master_nodes` so a new multi-node cluster can elect its first master.
   * Switch it off (`false`) once the cluster has formed: left on, a node whose disk was wiped
   * would bootstrap a second cluster. Never with a single node (discovery.type single-node).
   * @default true with more than one node, false with one
   */
  readonly bootstrap?: boolean;
  /** Spread nodes over zones as a hard constraint (`topology.kubernetes.io/zone`, DoNotSchedule). @default false (preferred) */
  readonly zoneSpread?: boolean;
  /** How `vm.max_map_count` is met. @default `noMmap` in dev, `nodeTuned` in prod */
  readonly maxMapCount?: MaxMapCountMode;
  /** TLS on HTTP and transport. @default both on, certificates from the Secret `elasticsearch-certs` */
  readonly tls?: ElasticsearchTlsSettings;
  /** Secret of the passwords, one key per user: elastic, kibana_system, exporter, each client. @default `elasticsearch-credentials` */
  readonly credentialsSecret?: string;
  /** Log streams with their retention. @default one stream `generic` (Logstash's default dataset) */
  readonly logStreams?: readonly LogStreamSettings[];
  /** Roll the write index over after this long (ILM hot phase `max_age`), days or hours. @default `1d` */
  readonly rolloverAge?: string;
  /** Clients that get a user, a role and a network flow. @default none */
  readonly clients?: readonly ElasticsearchClient[];
  /** Elasticsearch exporter overrides (replicas are ignored: one per cluster). @default catalog sizing */
  readonly exporter?: ComponentSettings;
}

/** Every key of ElasticsearchSettings and of its parts (checked against the interfaces by tsc). */
export const ELASTICSEARCH_KEYS = [
  ...COMPONENT_KEYS,
  ...keysOf<Omit<ElasticsearchSettings, keyof ComponentSettings>>({
    storageClassName: true,
    heap: true,
    bootstrap: true,
    zoneSpread: true,
    maxMapCount: true,
    tls: true,
    credentialsSecret: true,
    logStreams: true,
    rolloverAge: true,
    clients: true,
    exporter: true,
  }),
];
const TLS_KEYS = keysOf<ElasticsearchTlsSettings>({ secretName: true, certManagerIssuer: true, transport: true, http: true });
const ISSUER_KEYS = keysOf<CertManagerIssuer>({ name: true, kind: true });
const STREAM_KEYS = keysOf<LogStreamSettings>({ name: true, retention: true });
const CLIENT_KEYS = keysOf<ElasticsearchClient>({ name: true, access: true, indices: true, namespace: true });

/** Users the stack itself defines; a client may not take their names. */
export const RESERVED_USERS = ['elastic', 'kibana_system', 'kibana', 'logstash_system', 'beats_system', 'apm_system', 'exporter'] as const;
/** The user the exporter reads cluster metrics as. */
export const EXPORTER_USER = 'exporter';

/** A resolved log stream. */
export interface ResolvedLogStream {
  readonly name: string;
  readonly retention: string;
}

/** Elasticsearch settings with every default filled in. */
export interface ResolvedElasticsearch extends ResolvedComponent {
  readonly storage: string;
  readonly storageClassName?: string;
  readonly heap?: string;
  readonly bootstrap: boolean;
  /** One node: `discovery.type: single-node`. */
  readonly singleNode: boolean;
  readonly zoneSpread: boolean;
  readonly maxMapCount: MaxMapCountMode;
  readonly tls: {
    readonly secretName: string;
    readonly certManagerIssuer?: Required<CertManagerIssuer>;
    readonly transport: boolean;
    readonly http: boolean;
  };
  readonly credentialsSecret: string;
  readonly logStreams: readonly ResolvedLogStream[];
  readonly rolloverAge: string;
  readonly clients: readonly ResolvedClient[];
  readonly exporter: ResolvedComponent;
  /** The settings as given (what the construct re-validates). */
  readonly input: ElasticsearchSettings;
}

/** Default retention per profile: the teams' 90 days in prod, a week in dev. */
export const DEFAULT_RETENTION: Readonly<Record<Profile, string>> = { prod: '90d', dev: '7d' };

const ES_AGE = /^([0-9]+)(d|h)$/;

/** An Elasticsearch time value in whole days or hours, more than zero; returns hours. */
export function esAge(where: string, field: string, value: unknown, what: string): number {
  const match = typeof value === 'string' ? ES_AGE.exec(value) : null;
  if (!match) fail(where, field, value, `${what}: a whole number of days or hours such as "90d" or "36h"`);
  const hours = Number(match[1]) * (match[2] === 'd' ? 24 : 1);
  if (hours === 0) fail(where, field, value, `${what} longer than zero: a zero-day delete phase would drop every index at rollover`);
  return hours;
}

const HEAP = /^([1-9][0-9]*)([mg])$/;
const GiB = 1024 ** 3;

const bool = (where: string, field: string, value: unknown): boolean | undefined => {
  if (value !== undefined && typeof value !== 'boolean') fail(where, field, value, 'true or false');
  return value as boolean | undefined;
};

/** Validates Elasticsearch settings (`field` is their path, e.g. `elasticsearch`) and fills the defaults. */
export function resolveElasticsearch(
  where: string,
  field: string,
  profile: Profile,
  namespace: string,
  input: ElasticsearchSettings = {},
  componentClients: readonly ResolvedClient[] = [],
): ResolvedElasticsearch {
  checkComponentKeys(where, field, input, ELASTICSEARCH_KEYS);
  checkKeys(where, `${field}.tls`, input.tls, TLS_KEYS);
  checkKeys(where, `${field}.tls.certManagerIssuer`, input.tls?.certManagerIssuer, ISSUER_KEYS);
  checkEachKeys(where, `${field}.logStreams`, input.logStreams, STREAM_KEYS);
  checkEachKeys(where, `${field}.clients`, input.clients, CLIENT_KEYS);
  checkComponentKeys(where, `${field}.exporter`, input.exporter);

  const component = resolveComponent(where, field, elasticsearchSpec, profile, input);
  const storage = component.storage ?? elasticsearchSpec.sizing[profile].storage;
  if (profile === 'prod' && byteQuantity(where, `${field}.storage`, storage) < byteQuantity(where, 'minimum', PROD_MIN_STORAGE))
    fail(where, `${field}.storage`, storage, `at least ${PROD_MIN_STORAGE} per node in prod`);
  const { requests, limits } = component.resources;
  const limitBytes = byteQuantity(where, `${field}.resources.limits.memory`, limits.memory);
  if (byteQuantity(where, `${field}.resources.requests.memory`, requests.memory) !== limitBytes)
    fail(
      where,
      `${field}.resources.requests.memory`,
      requests.memory,
      `the memory limit (${limits.memory}): Elasticsearch needs memory request = limit`,
    );

  if (input.heap !== undefined) {
    const match = typeof input.heap === 'string' ? HEAP.exec(input.heap) : null;
    if (!match) fail(where, `${field}.heap`, input.heap, 'a JVM size in whole megabytes or gigabytes such as "512m" or "2g"');
    const heapBytes = Number(match[1]) * (match[2] === 'g' ? GiB : 1024 ** 2);
    if (heapBytes > 31 * GiB) fail(where, `${field}.heap`, input.heap, 'at most 31g (above that the JVM loses compressed object pointers)');
    if (heapBytes > limitBytes / 2)
      fail(
        where,
        `${field}.heap`,
        input.heap,
        `at most half the memory limit ${limits.memory} (the rest is the filesystem cache Lucene needs)`,
      );
  }

  if (component.replicas === 2)
    fail(where, `${field}.replicas`, 2, '1, or 3 or more: a cluster of two master-eligible nodes cannot lose either of them');
  const singleNode = component.replicas === 1;
  const bootstrap = bool(where, `${field}.bootstrap`, input.bootstrap) ?? !singleNode;
  if (bootstrap && singleNode)
    fail(
      where,
      `${field}.bootstrap`,
      input.bootstrap,
      'false with one node: a single node runs with discovery.type single-node, which Elasticsearch refuses to combine ' +
        'with cluster.initial_master_nodes',
    );

  const maxMapCount = input.maxMapCount ?? (profile === 'dev' ? 'noMmap' : 'nodeTuned');
  if (!MAX_MAP_COUNT_MODES.includes(maxMapCount))
    fail(where, `${field}.maxMapCount`, maxMapCount, MAX_MAP_COUNT_MODES.map((m) => `"${m}"`).join(', '));

  const transport = bool(where, `${field}.tls.transport`, input.tls?.transport) ?? true;
  const http = bool(where, `${field}.tls.http`, input.tls?.http) ?? true;
  if (!transport && !singleNode)
    fail(
      where,
      `${field}.tls.transport`,
      false,
      `true with more than one node (${component.replicas}): nodes authenticate each other by TLS`,
    );
  const issuer = input.tls?.certManagerIssuer;
  if (issuer !== undefined) {
    dnsLabel(where, `${field}.tls.certManagerIssuer.name`, issuer.name, 253);
    if (issuer.kind !== undefined && issuer.kind !== 'Issuer' && issuer.kind !== 'ClusterIssuer')
      fail(where, `${field}.tls.certManagerIssuer.kind`, issuer.kind, '"Issuer" or "ClusterIssuer"');
  }
  const secretName = dnsLabel(where, `${field}.tls.secretName`, input.tls?.secretName ?? 'elasticsearch-certs', 253);
  const credentialsSecret = dnsLabel(where, `${field}.credentialsSecret`, input.credentialsSecret ?? 'elasticsearch-credentials', 253);
  if (input.storageClassName !== undefined) dnsLabel(where, `${field}.storageClassName`, input.storageClassName, 253);

  if (input.logStreams !== undefined && (!Array.isArray(input.logStreams) || input.logStreams.length === 0))
    fail(where, `${field}.logStreams`, input.logStreams, 'a non-empty list of { name, retention? }');
  const rolloverAge = input.rolloverAge ?? '1d';
  esAge(where, `${field}.rolloverAge`, rolloverAge, 'a rollover age');
  const logStreams = (input.logStreams ?? [{ name: 'generic' }]).map((stream, i): ResolvedLogStream => {
    const at = `${field}.logStreams[${i}]`;
    if (typeof stream?.name !== 'string' || !/^[a-z0-9][a-z0-9_]{0,62}$/.test(stream.name))
      fail(
        where,
        `${at}.name`,
        stream?.name,
        'a dataset name: lower-case letters, digits and "_" (no "-": it separates the data stream parts)',
      );
    const retention = stream.retention ?? DEFAULT_RETENTION[profile];
    esAge(where, `${at}.retention`, retention, 'a retention');
    return { name: stream.name, retention };
  });
  const names = logStreams.map((s) => s.name);
  names.forEach((name, i) => {
    if (names.indexOf(name) !== i) fail(where, `${field}.logStreams[${i}].name`, name, 'a name no other log stream has');
  });

  const clients = (input.clients ?? []).map((client, i): ResolvedClient => {
    const at = `${field}.clients[${i}]`;
    const name = dnsLabel(where, `${at}.name`, client?.name, 63);
    if ((RESERVED_USERS as readonly string[]).includes(name))
      fail(where, `${at}.name`, name, `a name other than ${RESERVED_USERS.join(', ')}`);
    if (client.access !== 'write' && client.access !== 'read') fail(where, `${at}.access`, client.access, '"write" or "read"');
    if (
      client.indices !== undefined &&
      (!Array.isArray(client.indices) || client.indices.length === 0 || client.indices.some((x) => typeof x !== 'string' || x === ''))
    )
      fail(where, `${at}.indices`, client.indices, 'a non-empty list of index patterns such as "logs-generic-*"');
    return {
      name,
      access: client.access,
      indices: client.indices ?? logStreams.map((s) => `logs-${s.name}-*`),
      namespace: dnsLabel(where, `${at}.namespace`, client.namespace ?? namespace),
    };
  });
  clients.forEach((client, i) => {
    if (clients.findIndex((c) => c.name === client.name) !== i)
      fail(where, `${field}.clients[${i}].name`, client.name, 'a name no other client has');
    const taken = componentClients.find((c) => c.name === client.name);
    if (taken) fail(where, `${field}.clients[${i}].name`, client.name, `a name other than "${taken.name}", the user of a stack component`);
  });

  return {
    ...component,
    storage,
    storageClassName: input.storageClassName,
    heap: input.heap,
    bootstrap,
    singleNode,
    zoneSpread: bool(where, `${field}.zoneSpread`, input.zoneSpread) ?? false,
    maxMapCount,
    tls: {
      secretName,
      ...(issuer ? { certManagerIssuer: { name: issuer.name, kind: issuer.kind ?? 'Issuer' } } : {}),
      transport,
      http,
    },
    credentialsSecret,
    logStreams,
    rolloverAge,
    clients: [...componentClients, ...clients],
    exporter: resolveComponent(where, `${field}.exporter`, elasticsearchExporterSpec, profile, input.exporter),
    input,
  };
}

declare module '../stack/settings' {
  interface StackSettings {
    /** The logs store: setting it (even to `{}`) adds Elasticsearch, its exporter and setup Job. @default none (no logs store) */
    readonly elasticsearch?: ElasticsearchSettings;
  }
  interface ResolvedSettings {
    /** Undefined when the stack has no logs store. */
    readonly elasticsearch?: ResolvedElasticsearch;
  }
}

declare module '../../config/dashboards/settings' {
  interface ShippedDashboards {
    /** The logs store: cluster health, indexing and storage. @default on with Elasticsearch */
    readonly elasticsearch: true;
  }
}
