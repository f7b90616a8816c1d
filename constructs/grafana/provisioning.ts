import { toYaml } from '../../config/yaml';
import { alertmanagerSpec } from '../alertmanager/spec';
import { prometheusSpec } from '../prometheus/spec';
import { grafanaSpec } from './spec';
import { ResolvedGrafana } from './settings';
import { DATASOURCE_UIDS, datasourceLinks, ProvisionedDatasource } from '../../config/dashboards/datasources';
import { fail } from '../../config/errors';

/** The stack's Alertmanager as Grafana reaches it: its datasource, and the contact point of Grafana-managed alerts. */
export const ALERTMANAGER_URL = `http://${alertmanagerSpec.name}:${alertmanagerSpec.web.port}`;

/** Where dashboards are mounted in the Grafana container; one sub-folder per Grafana folder. */
export const DASHBOARDS_DIR = '/etc/grafana/dashboards';

/**
 * Datasource provisioning. The URLs use the short service names `prometheus` and
 * `alertmanager`, which resolve on both targets (Kubernetes Services in Grafana's namespace,
 * Docker network aliases), so the file is the same everywhere. The components' own datasources
 * follow; two with one UID are a programming error, caught here.
 */
export function renderGrafanaDatasources(extra: readonly ProvisionedDatasource[] = [], prometheusUrl = PROMETHEUS_URL): string {
  const uids = provisionedDatasourceUids(extra);
  const repeated = uids.find((uid, i) => uids.indexOf(uid) !== i);
  if (repeated) throw new Error(`Grafana datasource UID "${repeated}" is provisioned twice`);
  const datasources = provisionedDatasources(extra, prometheusUrl);
  checkDatasourceLinks(datasources);
  return toYaml({ apiVersion: 1, datasources });
}

/** The stack's Prometheus Service, the Prometheus datasource's URL unless a query layer (Thanos Query) stands in front. */
export const PROMETHEUS_URL = `http://${prometheusSpec.name}:${prometheusSpec.web.port}`;

/** The datasources every Grafana of the stack has: Prometheus (the default) and Alertmanager. */
const stackDatasources = (prometheusUrl: string) => [
  {
    name: 'Prometheus',
    uid: DATASOURCE_UIDS.prometheus,
    type: 'prometheus',
    access: 'proxy',
    url: prometheusUrl,
    isDefault: true,
    editable: false,
    jsonData: { timeInterval: '15s', httpMethod: 'POST' },
  },
  {
    name: 'Alertmanager',
    uid: DATASOURCE_UIDS.alertmanager,
    type: 'alertmanager',
    access: 'proxy',
    url: ALERTMANAGER_URL,
    editable: false,
    jsonData: { implementation: 'prometheus', handleGrafanaManagedAlerts: false },
  },
];

/**
 * Exemplars to traces: with a traces datasource, Prometheus' exemplars carrying a `trace_id`
 * label (the span metrics') link to the trace in it.
 */
function prometheusDatasource(extra: readonly ProvisionedDatasource[], prometheusUrl: string) {
  const [prometheus] = stackDatasources(prometheusUrl);
  if (!extra.some((d) => d.entry.uid === DATASOURCE_UIDS.traces)) return prometheus;
  return {
    ...prometheus,
    jsonData: { ...prometheus.jsonData, exemplarTraceIdDestinations: [{ name: 'trace_id', datasourceUid: DATASOURCE_UIDS.traces }] },
  };
}

/** Every datasource entry Grafana is provisioned with: the stack's own, then the components'. */
export function provisionedDatasources(
  extra: readonly ProvisionedDatasource[],
  prometheusUrl = PROMETHEUS_URL,
): ReadonlyArray<ProvisionedDatasource['entry']> {
  return [prometheusDatasource(extra, prometheusUrl), stackDatasources(prometheusUrl)[1], ...extra.map((d) => d.entry)];
}

/**
 * Every correlation between datasources (traces to logs and metrics, exemplars, data links)
 * names a datasource that is provisioned too: Grafana would only show a broken link at click time.
 */
export function checkDatasourceLinks(entries: ReadonlyArray<ProvisionedDatasource['entry']>): void {
  const uids = entries.map((e) => e.uid);
  for (const entry of entries)
    for (const link of datasourceLinks(entry))
      if (typeof link.uid !== 'string' || !uids.includes(link.uid))
        fail(
          'grafana datasources',
          `datasources["${entry.uid}"].${link.field}`,
          link.uid,
          `a provisioned datasource UID (${uids.map((u) => `"${u}"`).join(', ')})`,
        );
}

/** The UIDs of every datasource Grafana is provisioned with: Prometheus, Alertmanager and the components' own. */
export function provisionedDatasourceUids(extra: readonly ProvisionedDatasource[]): string[] {
  return provisionedDatasources(extra).map((d) => d.uid);
}

/** Where the Secrets of the components' datasources are mounted, one sub-directory per datasource UID. */
export const DATASOURCE_SECRETS_DIR = '/etc/grafana/datasource-secrets';

/** Dashboard provider: reads JSON files below DASHBOARDS_DIR, one Grafana folder per sub-directory. */
export function renderGrafanaDashboardProvider(): string {
  return toYaml({
    apiVersion: 1,
    providers: [
      {
        name: 'observability-stack',
        type: 'file',
        disableDeletion: true,
        allowUiUpdates: false,
        updateIntervalSeconds: 60,
        options: { path: DASHBOARDS_DIR, foldersFromFilesStructure: true },
      },
    ],
  });
}

/** Where `grafana.ini` is mounted (and where GF_PATHS_CONFIG points). */
export const GRAFANA_INI_PATH = '/etc/grafana/grafana.ini';

/** Where the admin-credential Secret is mounted in the Grafana container. */
export const GRAFANA_SECRETS_DIR = '/etc/grafana/secrets';
/** Where the database password Secret is mounted (grafana.database). */
export const GRAFANA_DATABASE_SECRET_DIR = '/etc/grafana/database-secret';

/**
 * `grafana.ini`: admin credentials are read from mounted secret files (`$__file{}`), never from
 * literal values or env vars; sign-up, anonymous access and phoning home are off.
 */
export function renderGrafanaIni(grafana: Pick<ResolvedGrafana, 'adminSecret' | 'rootUrl' | 'database'>): string {
  const { adminSecret, database } = grafana;
  return [
    '[server]',
    `http_port = ${grafanaSpec.web.port}`,
    ...(grafana.rootUrl ? [`root_url = ${grafana.rootUrl}`] : []),
    '',
    '[paths]',
    `data = ${grafanaSpec.dataDir}`,
    `provisioning = ${grafanaSpec.configDir}`,
    '',
    // The shared database of an HA Grafana; its password is read from the mounted Secret file.
    ...(database
      ? [
          '[database]',
          'type = postgres',
          `host = ${database.host}:${database.port}`,
          `name = ${database.name}`,
          `user = ${database.user}`,
          `password = $__file{${GRAFANA_DATABASE_SECRET_DIR}/${database.passwordSecret.key}}`,
          `ssl_mode = ${database.sslMode}`,
          '',
        ]
      : []),
    '[security]',
    `admin_user = $__file{${GRAFANA_SECRETS_DIR}/${adminSecret.userKey}}`,
    `admin_password = $__file{${GRAFANA_SECRETS_DIR}/${adminSecret.passwordKey}}`,
    'disable_gravatar = true',
    'cookie_secure = true',
    '',
    '[users]',
    'allow_sign_up = false',
    '',
    '[auth.anonymous]',
    'enabled = false',
    '',
    '[analytics]',
    'reporting_enabled = false',
    'check_for_updates = false',
    'check_for_plugin_updates = false',
    '',
    '[log]',
    'mode = console',
    '',
  ].join('\n');
}
