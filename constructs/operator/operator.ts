import { ApiObject } from 'cdk8s';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { parse } from 'yaml';
import { fail } from '../../config/errors';
import { RenderedDashboard } from '../../config/dashboards/layout';
import { RuleGroup } from '../../config/rules';
import { ScrapeJob } from '../../config/scrape';
import { PART_OF, PART_OF_LABEL } from '../k8s/labels';
import { MAX_CONFIGMAP_BYTES } from '../k8s/objects';
import { MONITOR_API_VERSIONS, monitorFor } from './monitors';
import { alertmanagerConfigSpec } from './routing';
import { ResolvedOperator } from './settings';

/** Props of OperatorObjects: what the stack renders, and where the objects go. */
export interface OperatorObjectsProps {
  /** The operator settings, resolved. */
  readonly operator: ResolvedOperator;
  /** Namespace of every object (kube-prometheus-stack's Grafana sidecar watches its own namespace by default). */
  readonly namespace: string;
  /** The stack's scrape jobs for the Kubernetes topology. */
  readonly scrapeJobs: readonly ScrapeJob[];
  /** The stack's rule files (name -> YAML), one PrometheusRule each. */
  readonly ruleFiles: Readonly<Record<string, string>>;
  /** The rendered `alertmanager.yml`, translated into one AlertmanagerConfig. */
  readonly alertmanagerYml: string;
  /** The dashboards, one sidecar ConfigMap each. */
  readonly dashboards: readonly RenderedDashboard[];
}

/** Name of the AlertmanagerConfig holding the stack's routing. */
export const ALERTMANAGER_CONFIG_NAME = 'observability-stack';

/** Name of the ConfigMap of a dashboard. */
export const dashboardConfigMapName = (uid: string) => `dashboard-${uid.toLowerCase()}`;

/**
 * Operator interop mode: the prometheus-operator objects that make an existing
 * kube-prometheus-stack scrape, evaluate, route and show what the stack's own Prometheus,
 * Alertmanager and Grafana would (see constructs/operator/monitors.ts and routing.ts for
 * the translation and what the CRDs cannot express).
 */
export class OperatorObjects extends Construct {
  constructor(scope: Construct, id: string, props: OperatorObjectsProps) {
    super(scope, id);
    const meta = (name: string, labels: Readonly<Record<string, string>>) => ({
      name,
      namespace: props.namespace,
      labels: { [PART_OF_LABEL]: PART_OF, 'app.kubernetes.io/managed-by': 'cdk8s', ...labels },
    });
    for (const job of props.scrapeJobs) {
      const monitor = monitorFor(job, props.operator);
      new ApiObject(this, `${monitor.kind}-${monitor.name}`, {
        apiVersion: MONITOR_API_VERSIONS[monitor.kind],
        kind: monitor.kind,
        metadata: meta(monitor.name, props.operator.monitorLabels),
        spec: monitor.spec,
      });
    }
    for (const [file, yaml] of Object.entries(props.ruleFiles)) {
      const name = file.replace(/\.ya?ml$/, '');
      new ApiObject(this, `PrometheusRule-${name}`, {
        apiVersion: 'monitoring.coreos.com/v1',
        kind: 'PrometheusRule',
        metadata: meta(name, props.operator.ruleLabels),
        spec: { groups: (parse(yaml) as { groups: RuleGroup[] }).groups },
      });
    }
    new ApiObject(this, 'AlertmanagerConfig', {
      apiVersion: 'monitoring.coreos.com/v1alpha1',
      kind: 'AlertmanagerConfig',
      metadata: meta(ALERTMANAGER_CONFIG_NAME, props.operator.alertmanagerConfigLabels),
      spec: alertmanagerConfigSpec(props.alertmanagerYml),
    });
    for (const dashboard of props.dashboards) {
      const name = dashboardConfigMapName(dashboard.uid);
      const data = { [`${dashboard.uid}.json`]: dashboard.json };
      const metadata = {
        ...meta(name, props.operator.dashboardLabels),
        annotations: { [props.operator.dashboardFolderAnnotation]: dashboard.folder },
      };
      const bytes = Buffer.byteLength(JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata, data }), 'utf8');
      if (bytes > MAX_CONFIGMAP_BYTES) fail(this.node.path, `ConfigMap ${name}`, `${bytes} bytes`, `at most ${MAX_CONFIGMAP_BYTES} bytes`);
      new k8s.KubeConfigMap(this, `dashboard-${dashboard.uid}`, { metadata, data });
    }
  }
}
