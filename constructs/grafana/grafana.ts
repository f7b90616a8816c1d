import { Construct } from 'constructs';
import { ProvisionedDatasource } from '../../config/dashboards/datasources';
import { RenderedDashboard } from '../../config/dashboards/layout';
import { checkDashboardDatasources } from '../../config/dashboards/validate';
import { checkedAlertingModel } from './alerting';
import { grafanaFiles } from './files';
import {
  DASHBOARDS_DIR,
  GRAFANA_DATABASE_SECRET_DIR,
  GRAFANA_INI_PATH,
  GRAFANA_SECRETS_DIR,
  provisionedDatasourceUids,
} from './provisioning';
import { ownNetworkPolicy, resolveWorkloadProps, WorkloadProps } from '../k8s/standalone';
import { GrafanaSettings, resolveGrafana, GRAFANA_KEYS } from './settings';
import { pickKeys } from '../../config/strict';
import { componentIngress } from '../k8s/ingress';
import { clusterService, configMap, serviceAccount } from '../k8s/objects';
import { mainContainer, scratchVolume } from '../k8s/pod';
import { replicatedWorkload } from '../k8s/workload';
import { grafanaSpec } from './spec';
import { grafanaFlows } from './flows';

/** Props of the Grafana construct: its settings (admin Secret, Ingress, root URL), where it runs and its dashboards. */
export interface GrafanaProps extends GrafanaSettings, WorkloadProps {
  /** Dashboards to provision. @default none */
  readonly dashboards?: readonly RenderedDashboard[];
  /** Datasources beyond Prometheus and Alertmanager, with the Secrets they read. @default none */
  readonly datasources?: readonly ProvisionedDatasource[];
  /** URL of the Prometheus query API the Prometheus datasource uses (Thanos Query when it runs). @default `http://prometheus:9090` */
  readonly prometheusUrl?: string;
}

const spec = grafanaSpec;

/**
 * Grafana: everything it shows is provisioned from files (datasources with stable UIDs, one
 * dashboard folder per ConfigMap). What it writes goes to the shared PostgreSQL of `database`
 * (a Deployment of any size, password from a mounted Secret file), or else to SQLite in its data
 * dir: one replica, on a volume (a StatefulSet claim) when the profile sizes storage (prod), on
 * scratch space otherwise (dev). The admin login is read from a Secret mounted as files; no
 * credential appears in a manifest.
 */
export class Grafana extends Construct {
  constructor(scope: Construct, id: string, props: GrafanaProps) {
    super(scope, id);
    const where = this.node.path;
    const { namespace: ns, profile, priorityClassName, networkPolicy } = resolveWorkloadProps(where, props);
    const component = resolveGrafana(where, 'props', profile, pickKeys(props, GRAFANA_KEYS));
    const dashboards = props.dashboards ?? [];
    const datasources = props.datasources ?? [];
    // Dashboards and alert rules check their datasources first: each UID they name is provisioned here.
    for (const d of dashboards) checkDashboardDatasources(JSON.parse(d.json), provisionedDatasourceUids(datasources));
    const alerting = checkedAlertingModel(where, 'props.alerts', component.alerts, dashboards, datasources);
    const files = grafanaFiles({ grafana: component }, dashboards, datasources, alerting, props.prometheusUrl);
    const secretMounts = datasources.flatMap((d) => d.secretMounts ?? []);

    serviceAccount(this, spec, ns);
    configMap(this, 'ini', spec, ns, `${spec.name}-config`, files.ini);
    configMap(this, 'datasources', spec, ns, `${spec.name}-datasources`, files.datasources);
    configMap(this, 'providers', spec, ns, `${spec.name}-dashboard-providers`, files.providers);
    if (files.alerting) configMap(this, 'alerting', spec, ns, `${spec.name}-alerting`, files.alerting);
    for (const { folder, files: json } of files.dashboards) {
      configMap(this, `dashboards-${folder}`, spec, ns, `${spec.name}-dashboards-${folder}`, json);
    }
    clusterService(this, 'service', spec, ns);
    // SQLite on a volume: without a shared database, the one replica keeps its data on a claim.
    const persistent = !component.database && component.storage !== undefined;
    const headless = `${spec.name}-headless`;
    if (persistent) clusterService(this, 'headless-service', spec, ns, { name: headless, headless: true });
    if (component.ingress) componentIngress(this, spec, ns, component.ingress);

    if (networkPolicy) ownNetworkPolicy(this, spec, ns, grafanaFlows({ namespace: ns, grafana: component }));

    const everyFile = Object.assign(
      {},
      files.ini,
      files.datasources,
      files.providers,
      files.alerting,
      ...files.dashboards.map((d) => d.files),
    );
    replicatedWorkload(this, spec, {
      component,
      namespace: ns,
      priorityClassName,
      configFiles: everyFile,
      ...(persistent ? { statefulSet: { serviceName: headless } } : {}),
      container: mainContainer(component, {
        env: [{ name: 'GF_PATHS_CONFIG', value: GRAFANA_INI_PATH }],
        volumeMounts: [
          { name: 'config', mountPath: GRAFANA_INI_PATH, subPath: 'grafana.ini', readOnly: true },
          { name: 'datasources', mountPath: `${spec.configDir}/datasources`, readOnly: true },
          { name: 'providers', mountPath: `${spec.configDir}/dashboards`, readOnly: true },
          ...(files.alerting ? [{ name: 'alerting', mountPath: `${spec.configDir}/alerting`, readOnly: true }] : []),
          ...files.dashboards.map(({ folder }) => ({
            name: `dashboards-${folder}`,
            mountPath: `${DASHBOARDS_DIR}/${folder}`,
            readOnly: true,
          })),
          { name: 'admin-secret', mountPath: GRAFANA_SECRETS_DIR, readOnly: true },
          ...secretMounts.map((m, i) => ({ name: `datasource-secret-${i}`, mountPath: m.mountPath, readOnly: true })),
          ...(component.database ? [{ name: 'database-secret', mountPath: GRAFANA_DATABASE_SECRET_DIR, readOnly: true }] : []),
          { name: 'data', mountPath: spec.dataDir },
          { name: 'tmp', mountPath: '/tmp' },
        ],
      }),
      volumes: [
        { name: 'config', configMap: { name: `${spec.name}-config` } },
        { name: 'datasources', configMap: { name: `${spec.name}-datasources` } },
        { name: 'providers', configMap: { name: `${spec.name}-dashboard-providers` } },
        ...(files.alerting ? [{ name: 'alerting', configMap: { name: `${spec.name}-alerting` } }] : []),
        ...files.dashboards.map(({ folder }) => ({
          name: `dashboards-${folder}`,
          configMap: { name: `${spec.name}-dashboards-${folder}` },
        })),
        { name: 'admin-secret', secret: { secretName: component.adminSecret.name, defaultMode: 0o440 } },
        ...secretMounts.map((m, i) => ({
          name: `datasource-secret-${i}`,
          secret: {
            secretName: m.secretName,
            ...(m.keys ? { items: m.keys.map((key) => ({ key, path: key })) } : {}),
            defaultMode: 0o440,
          },
        })),
        ...(component.database
          ? [
              {
                name: 'database-secret',
                secret: {
                  secretName: component.database.passwordSecret.name,
                  items: [{ key: component.database.passwordSecret.key, path: component.database.passwordSecret.key }],
                  defaultMode: 0o440,
                },
              },
            ]
          : []),
        ...(persistent ? [] : [scratchVolume('data', '512Mi')]),
        scratchVolume('tmp'),
      ],
    });
  }
}
