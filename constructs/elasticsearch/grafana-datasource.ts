import { DATASOURCE_UIDS, ProvisionedDatasource } from '../../config/dashboards/datasources';
import { clusterUrl } from './files';
import { ResolvedClient, ResolvedElasticsearch } from './settings';

/** The Elasticsearch user Grafana reads logs as: read-only on every log stream. */
export const GRAFANA_READER = 'grafana';

/** Where Grafana mounts its password and the cluster's CA certificate. */
const PASSWORD_DIR = '/etc/grafana/elasticsearch-credentials';
const CA_MOUNT_DIR = '/etc/grafana/elasticsearch-ca';

/** The `read` client the setup Job creates for Grafana (role `grafana_reader`: read + view_index_metadata on logs-*). */
export function grafanaReaderClient(namespace: string): ResolvedClient {
  return { name: GRAFANA_READER, access: 'read', indices: ['logs-*'], namespace };
}

/**
 * `jsonData` of Grafana's Elasticsearch datasource (Grafana 12.1), written here: the foundation
 * SDK types queries, not datasource settings. The fields are those Grafana's Elasticsearch
 * datasource reads (`index`, which replaced the top-level `database` in Grafana 10 (grafana/grafana#66828), `timeField`,
 * `logMessageField`, `logLevelField`, `maxConcurrentShardRequests`) and the shared HTTP client's
 * `tlsAuthWithCACert`.
 */
export interface ElasticsearchDatasourceJsonData {
  readonly index: string;
  readonly timeField: string;
  readonly logMessageField: string;
  readonly logLevelField: string;
  readonly maxConcurrentShardRequests: number;
  readonly tlsAuthWithCACert?: boolean;
  /** Links from a field of a log line to another datasource (here: `trace.id` to the trace in Jaeger). */
  readonly dataLinks?: ReadonlyArray<{
    readonly field: string;
    readonly url: string;
    readonly datasourceUid: string;
    readonly urlDisplayLabel: string;
  }>;
}

/** The field of the logs that carries the trace id (ECS). */
export const TRACE_ID_FIELD = 'trace.id';

/**
 * The logs datasource (uid DATASOURCE_UIDS.logs): `logs-*` on `@timestamp`, as the read-only
 * `grafana` user, whose password Grafana reads with `$__file{}` from the one key of the
 * credentials Secret it mounts; with TLS it verifies the cluster against the CA of the TLS
 * Secret (the CA key alone). Both Secrets must exist in Grafana's namespace.
 */
export function logsDatasource(es: ResolvedElasticsearch, esNamespace: string, traces = false): ProvisionedDatasource {
  const jsonData: ElasticsearchDatasourceJsonData = {
    index: 'logs-*',
    timeField: '@timestamp',
    logMessageField: 'message',
    logLevelField: 'log.level',
    maxConcurrentShardRequests: 5,
    ...(es.tls.http ? { tlsAuthWithCACert: true } : {}),
    // With tracing: a log line's trace.id opens its trace in the traces datasource (an internal link).
    ...(traces
      ? {
          dataLinks: [
            { field: TRACE_ID_FIELD, url: '${__value.raw}', datasourceUid: DATASOURCE_UIDS.traces, urlDisplayLabel: 'View trace' },
          ],
        }
      : {}),
  };
  return {
    entry: {
      name: 'Logs (Elasticsearch)',
      uid: DATASOURCE_UIDS.logs,
      type: 'elasticsearch',
      access: 'proxy',
      url: clusterUrl(es, esNamespace),
      basicAuth: true,
      basicAuthUser: GRAFANA_READER,
      editable: false,
      jsonData,
      secureJsonData: {
        basicAuthPassword: `$__file{${PASSWORD_DIR}/${GRAFANA_READER}}`,
        ...(es.tls.http ? { tlsCACert: `$__file{${CA_MOUNT_DIR}/ca.crt}` } : {}),
      },
    },
    secretMounts: [
      { secretName: es.credentialsSecret, mountPath: PASSWORD_DIR, keys: [GRAFANA_READER] },
      ...(es.tls.http ? [{ secretName: es.tls.secretName, mountPath: CA_MOUNT_DIR, keys: ['ca.crt'] }] : []),
    ],
  };
}
