/**
 * The optional read-only Grafana datasource of a declared SQL database (`grafanaDatasource` of a
 * `databases.postgres` or `databases.mysql` instance, validated with the instance settings): the
 * provisioned entry with the one Secret key it reads, and the one network flow it needs (Grafana
 * to exactly that host:port).
 */
import { DatasourceSecretMount, ProvisionedDatasource } from '../../config/dashboards/datasources';
import { Flow, tcp } from '../../config/flows';
import { databasePeer } from './exporter';
import { podsOf } from '../component';
import { DATASOURCE_SECRETS_DIR } from '../grafana/provisioning';
import { grafanaSpec } from '../grafana/spec';
import { databaseDatasourceUid, DatabaseGrafanaDatasource, DatasourceFlavour, ResolvedDatabaseInstance } from './settings';

/**
 * The provisioned datasource of one instance: the server's `host:port`, Grafana's own user, the
 * password as a `$__file{}` reference to the one mounted Secret key, and no UI edits.
 */
export function databaseDatasource(
  title: string,
  instance: ResolvedDatabaseInstance,
  datasource: DatabaseGrafanaDatasource,
  flavour: DatasourceFlavour,
): ProvisionedDatasource {
  const uid = databaseDatasourceUid(instance);
  const mount: DatasourceSecretMount = {
    secretName: datasource.passwordSecret.name,
    mountPath: `${DATASOURCE_SECRETS_DIR}/${uid}`,
    keys: [datasource.passwordSecret.key],
  };
  return {
    entry: {
      name: `${title} ${instance.name}`,
      uid,
      type: flavour.type,
      access: 'proxy',
      url: instance.instance,
      user: datasource.user,
      editable: false,
      jsonData: { database: datasource.database, ...flavour.jsonData },
      secureJsonData: { password: `$__file{${mount.mountPath}/${datasource.passwordSecret.key}}` },
    },
    secretMounts: [mount],
  };
}

/** Grafana's egress to the database server of an instance: exactly its address and port (the exporter's peer). */
export function datasourceFlow(title: string, instance: ResolvedDatabaseInstance, namespace: string): Flow {
  const address = instance.addresses[0];
  return {
    from: podsOf(grafanaSpec, namespace),
    to: databasePeer(title, instance, address),
    ports: tcp(address.port),
    purpose: `Grafana datasource ${databaseDatasourceUid(instance)}`,
  };
}
