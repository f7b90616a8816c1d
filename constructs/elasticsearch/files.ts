/**
 * What Elasticsearch and its setup Job read, rendered as text: `elasticsearch.yml`, and the
 * request bodies and request plan of the setup Job. Pure and target-neutral: the cluster and
 * the Docker target both mount these exact bytes.
 *
 * Every request body is typed with the request types of `@elastic/elasticsearch` (generated from
 * Elastic's API specification): a misspelt or misplaced field fails `tsc`. Only the types are
 * imported; the client itself is never loaded.
 */
import type { estypes } from '@elastic/elasticsearch';
import { toYaml } from '../../config/yaml';
import {
  ClientClusterPrivilege,
  ClientIndexPrivilege,
  EXPORTER_USER,
  ResolvedClient,
  ResolvedElasticsearch,
  ResolvedLogStream,
} from './settings';
import { elasticsearchSpec, LOGS_DIR } from './spec';

const spec = elasticsearchSpec;
const [transportPort, readinessPort] = spec.extraPorts;

/** Query parameters every request type carries; they are never part of a body. */
type CommonQuery = keyof estypes.SpecUtilsCommonQueryParameters | 'body' | 'querystring';
/** The body of a request type: the request without its path and query parameters. */
export type BodyOf<R, PathOrQuery extends keyof R> = Omit<R, PathOrQuery | CommonQuery>;

/** `PUT _ilm/policy/<name>`. */
export type IlmPolicyBody = BodyOf<estypes.IlmPutLifecycleRequest, 'name' | 'master_timeout' | 'timeout'>;
/** `PUT _index_template/<name>`. */
export type IndexTemplateBody = BodyOf<estypes.IndicesPutIndexTemplateRequest, 'name' | 'create' | 'master_timeout' | 'cause'>;
/** `PUT _security/role/<name>`. */
export type RoleBody = BodyOf<estypes.SecurityPutRoleRequest, 'name' | 'refresh'>;
/** `PUT _security/user/<name>`, without the password: the Job adds it at run time from the Secret. */
export type UserBody = Omit<BodyOf<estypes.SecurityPutUserRequest, 'username' | 'refresh'>, 'password' | 'password_hash'>;
/** `POST _security/user/<name>/_password` (the Job builds it at run time; typed here for the contract test). */
export type ChangePasswordBody = BodyOf<estypes.SecurityChangePasswordRequest, 'username' | 'refresh'>;

/** Cluster and index privileges the stack grants (a closed list: the upstream unions admit any string). */
export type ClusterPrivilege = ClientClusterPrivilege;
export type IndexPrivilege = ClientIndexPrivilege;

/** Who made an object: written into `_meta` so people know where to change it. */
const MANAGED = { managed_by: 'typed-observability-stack' } as const;

/** Name of the headless Service the nodes discover each other through. */
export function nodesServiceName(): string {
  return `${spec.name}-nodes`;
}

/** The pod names of a StatefulSet of `replicas` nodes (also their node names). */
export function nodeNames(replicas: number): string[] {
  return Array.from({ length: replicas }, (_, i) => `${spec.name}-${i}`);
}

/** HTTPS (or HTTP) URL of the cluster for clients in the stack namespace. */
export function clusterUrl(es: Pick<ResolvedElasticsearch, 'tls'>, namespace: string): string {
  return `${es.tls.http ? 'https' : 'http'}://${spec.name}.${namespace}.svc:${spec.web.port}`;
}

/**
 * `elasticsearch.yml`. Node name and addresses come from the environment (`${NODE_NAME}`, set
 * from the pod name), so one file serves every node. Security is always on; certificates are
 * read from `certs/` inside the config directory.
 */
export function renderElasticsearchYml(es: ResolvedElasticsearch, cluster: string, namespace: string): string {
  const certs = {
    key: 'certs/tls.key',
    certificate: 'certs/tls.crt',
    certificate_authorities: ['certs/ca.crt'],
  };
  const config: Record<string, unknown> = {
    'cluster.name': cluster,
    'node.name': '${NODE_NAME}',
    'network.host': '0.0.0.0',
    'http.port': spec.web.port,
    'transport.port': transportPort.port,
    // Listens only while the node is part of a cluster with an elected master: the readiness probe.
    'readiness.port': readinessPort.port,
    'path.data': spec.dataDir,
    'path.logs': LOGS_DIR,
    ...(es.singleNode
      ? { 'discovery.type': 'single-node' }
      : {
          'discovery.seed_hosts': [`${nodesServiceName()}.${namespace}.svc`],
          // Only while a new cluster forms; switch off with `bootstrap: false` (see ElasticsearchSettings.bootstrap).
          ...(es.bootstrap ? { 'cluster.initial_master_nodes': nodeNames(es.replicas) } : {}),
        }),
    ...(es.maxMapCount === 'noMmap' ? { 'node.store.allow_mmap': false } : {}),
    'xpack.security.enabled': true,
    'xpack.security.enrollment.enabled': false,
    'xpack.security.transport.ssl.enabled': es.tls.transport,
    ...(es.tls.transport
      ? {
          // One certificate for every node: verify that it chains to the CA (node IPs are not in it).
          'xpack.security.transport.ssl.verification_mode': 'certificate',
          ...prefixed('xpack.security.transport.ssl.', certs),
        }
      : {}),
    'xpack.security.http.ssl.enabled': es.tls.http,
    ...(es.tls.http ? prefixed('xpack.security.http.ssl.', certs) : {}),
  };
  return toYaml(config);
}

function prefixed(prefix: string, values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [`${prefix}${key}`, value]));
}

/** ILM policy name of a log stream. */
export function ilmPolicyName(stream: ResolvedLogStream): string {
  return `logs-${stream.name}-retention`;
}

/** Rollover in the hot phase, then a delete phase `retention` after rollover: retention that deletes. */
export function ilmPolicy(stream: ResolvedLogStream, es: Pick<ResolvedElasticsearch, 'rolloverAge'>): IlmPolicyBody {
  return {
    policy: {
      phases: {
        hot: { min_age: '0ms', actions: { rollover: { max_age: es.rolloverAge, max_primary_shard_size: '50gb' } } },
        delete: { min_age: stream.retention, actions: { delete: {} } },
      },
      _meta: { ...MANAGED, description: `logs-${stream.name}-*: roll over daily, delete ${stream.retention} after rollover` },
    },
  };
}

/**
 * The index template of a log stream: a data stream on Elastic's `logs@*` and `ecs@mappings`
 * component templates, above the built-in `logs` template (priority 100) so our ILM policy wins
 * over the built-in one that never deletes anything. One node holds no replicas.
 */
export function indexTemplate(stream: ResolvedLogStream, es: Pick<ResolvedElasticsearch, 'replicas'>): IndexTemplateBody {
  return {
    index_patterns: [`logs-${stream.name}-*`],
    data_stream: {},
    priority: 200,
    composed_of: ['logs@mappings', 'logs@settings', 'ecs@mappings'],
    template: {
      settings: { index: { lifecycle: { name: ilmPolicyName(stream) }, number_of_replicas: es.replicas > 1 ? 1 : 0 } },
    },
    _meta: MANAGED,
  };
}

/** Role name of a client. */
export function roleName(client: Pick<ResolvedClient, 'name' | 'access'>): string {
  return `${client.name}_${client.access === 'write' ? 'writer' : 'reader'}`;
}

/** Least privilege: writers create documents (and their data streams); readers search; or the client's own list. */
export function clientRole(client: ResolvedClient): RoleBody {
  const cluster: ClusterPrivilege[] = client.privileges
    ? [...client.privileges.cluster]
    : client.access === 'write'
      ? ['monitor', 'read_ilm', 'read_pipeline']
      : ['monitor'];
  const privileges: IndexPrivilege[] = client.privileges
    ? [...client.privileges.indices]
    : client.access === 'write'
      ? ['create_doc', 'auto_configure', 'view_index_metadata']
      : ['read', 'view_index_metadata'];
  return {
    cluster,
    indices: [{ names: [...client.indices], privileges }],
    description: `${client.access} ${client.indices.join(', ')} (${client.name})`,
    metadata: MANAGED,
  };
}

/** The exporter's role: cluster health, node stats, cluster settings and the ILM state of the log indices. */
export function exporterRole(): RoleBody {
  const cluster: ClusterPrivilege[] = ['monitor', 'read_ilm'];
  const privileges: IndexPrivilege[] = ['view_index_metadata'];
  return {
    cluster,
    indices: [{ names: ['logs-*', '.ds-logs-*'], privileges }],
    description: 'read cluster metrics (elasticsearch-exporter)',
    metadata: MANAGED,
  };
}

/** A user with its role (the password is added by the Job from the Secret). */
export function userBody(name: string, role: string): UserBody {
  return { roles: [role], full_name: name, metadata: MANAGED };
}

/** One step of the setup Job, in order; the script reads them from `plan.txt`. */
export type SetupStep =
  | { readonly op: 'wait' }
  | { readonly op: 'password'; readonly user: string }
  | { readonly op: 'put'; readonly path: string; readonly file: string }
  | { readonly op: 'user'; readonly user: string; readonly file: string }
  | { readonly op: 'create'; readonly path: string };

/** The setup Job's steps and the JSON files they send, by file name. */
export interface SetupPlan {
  readonly steps: readonly SetupStep[];
  readonly payloads: Readonly<Record<string, unknown>>;
}

/**
 * What the setup Job does, in order: wait for the cluster; set the `kibana_system` password;
 * create each role, then each user (exporter, clients); then, per log stream, the ILM policy,
 * the index template and the data stream `logs-<stream>-default`. Every step is idempotent.
 */
export function setupPlan(es: ResolvedElasticsearch): SetupPlan {
  const payloads: Record<string, unknown> = {};
  const steps: SetupStep[] = [{ op: 'wait' }, { op: 'password', user: 'kibana_system' }];
  const put = (path: string, file: string, body: unknown) => {
    payloads[file] = body;
    steps.push({ op: 'put', path, file });
  };
  const exporterRoleName = `${EXPORTER_USER}_monitor`;
  put(`/_security/role/${exporterRoleName}`, `role-${exporterRoleName}.json`, exporterRole());
  for (const client of es.clients) put(`/_security/role/${roleName(client)}`, `role-${roleName(client)}.json`, clientRole(client));
  const users = [
    { user: EXPORTER_USER, role: exporterRoleName },
    ...es.clients.map((client) => ({ user: client.name, role: roleName(client) })),
  ];
  for (const { user, role } of users) {
    const file = `user-${user}.json`;
    payloads[file] = userBody(user, role);
    steps.push({ op: 'user', user, file });
  }
  for (const stream of es.logStreams) {
    put(`/_ilm/policy/${ilmPolicyName(stream)}`, `ilm-${ilmPolicyName(stream)}.json`, ilmPolicy(stream, es));
    put(`/_index_template/logs-${stream.name}`, `index-template-logs-${stream.name}.json`, indexTemplate(stream, es));
    steps.push({ op: 'create', path: `/_data_stream/logs-${stream.name}-default` });
  }
  return { steps, payloads };
}

/** `plan.txt`: one step a line, fields separated by spaces (names and paths never hold spaces). */
export function renderPlan(steps: readonly SetupStep[]): string {
  return steps
    .map((step) => {
      switch (step.op) {
        case 'wait':
          return 'wait';
        case 'password':
          return `password ${step.user}`;
        case 'put':
          return `put ${step.path} ${step.file}`;
        case 'user':
          return `user ${step.user} ${step.file}`;
        case 'create':
          return `create ${step.path}`;
      }
    })
    .join('\n')
    .concat('\n');
}

/** Every file of the setup ConfigMap except the script: the plan and compact JSON bodies. */
export function renderSetupFiles(es: ResolvedElasticsearch): Record<string, string> {
  const { steps, payloads } = setupPlan(es);
  return {
    'plan.txt': renderPlan(steps),
    ...Object.fromEntries(Object.entries(payloads).map(([file, body]) => [file, JSON.stringify(body)])),
  };
}
