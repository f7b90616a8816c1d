import { fail } from '../../config/errors';
import { dnsLabel, labelValue } from '../../config/names';
import { checkKeys, keysOf } from '../../config/strict';

/**
 * Operator interop mode, for clusters that already run kube-prometheus-stack: the stack runs no
 * Prometheus, Alertmanager or Grafana of its own. It emits ServiceMonitors, PodMonitors and
 * ScrapeConfigs for its scrape jobs, PrometheusRules for its rule files, one AlertmanagerConfig
 * for its routing and the dashboards as Grafana sidecar ConfigMaps, labelled so that the chart's
 * default selectors pick them up. Setting it (even to `{}`) switches the mode on.
 */
export interface OperatorSettings {
  /**
   * Helm release name of kube-prometheus-stack. The chart's Prometheus selects ServiceMonitors,
   * PodMonitors, ScrapeConfigs and PrometheusRules labelled `release: <name>`
   * (`*SelectorNilUsesHelmValues: true`, the chart default). @default `kube-prometheus-stack`
   */
  readonly release?: string;
  /** Labels of every ServiceMonitor, PodMonitor and ScrapeConfig (the Prometheus `*MonitorSelector`s). @default `{ release: <release> }` */
  readonly monitorLabels?: Readonly<Record<string, string>>;
  /** Labels of every PrometheusRule (the Prometheus `ruleSelector`). @default `{ release: <release> }` */
  readonly ruleLabels?: Readonly<Record<string, string>>;
  /** Labels of the AlertmanagerConfig (the chart's `alertmanagerConfigSelector` is `{}`: any). @default `{ release: <release> }` */
  readonly alertmanagerConfigLabels?: Readonly<Record<string, string>>;
  /** Labels of the dashboard ConfigMaps (the chart's Grafana sidecar: `grafana_dashboard: "1"`). @default `{ grafana_dashboard: '1' }` */
  readonly dashboardLabels?: Readonly<Record<string, string>>;
  /**
   * Annotation of each dashboard ConfigMap naming its folder (the sidecar's `folderAnnotation`;
   * folders need it set there and `provider.foldersFromFilesStructure: true`). @default `grafana_folder`
   */
  readonly dashboardFolderAnnotation?: string;
  /**
   * `namespace/name` of the kubelet Service the operator maintains (`--kubelet-service`; the
   * chart's is `kube-system/<fullname>-kubelet`): the kubelet and cAdvisor jobs scrape its endpoints.
   * @default `kube-system/kube-prometheus-stack-kubelet`
   */
  readonly kubeletService?: string;
}

export const OPERATOR_KEYS = keysOf<OperatorSettings>({
  release: true,
  monitorLabels: true,
  ruleLabels: true,
  alertmanagerConfigLabels: true,
  dashboardLabels: true,
  dashboardFolderAnnotation: true,
  kubeletService: true,
});

/** Operator settings with every default filled in. */
export interface ResolvedOperator {
  readonly release: string;
  readonly monitorLabels: Readonly<Record<string, string>>;
  readonly ruleLabels: Readonly<Record<string, string>>;
  readonly alertmanagerConfigLabels: Readonly<Record<string, string>>;
  readonly dashboardLabels: Readonly<Record<string, string>>;
  readonly dashboardFolderAnnotation: string;
  readonly kubeletService: { readonly namespace: string; readonly name: string };
}

/** Registry keys of the components the operator's own Prometheus, Alertmanager and Grafana replace. */
export const OPERATOR_REPLACES: readonly string[] = ['prometheus', 'thanosQuery', 'alertmanager', 'grafana'];

/** A Kubernetes label key: an optional DNS-subdomain prefix and `/`, then a name of at most 63 characters. */
const LABEL_KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

function annotationKey(where: string, field: string, value: unknown): string {
  if (typeof value !== 'string' || !LABEL_KEY.test(value)) fail(where, field, value, 'an annotation key such as "grafana_folder"');
  return value;
}

function labels(where: string, field: string, value: unknown, fallback: Record<string, string>): Record<string, string> {
  if (value === undefined) return fallback;
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.keys(value).length === 0)
    fail(where, field, value, 'a non-empty map of Kubernetes label keys to label values');
  for (const [key, text] of Object.entries(value)) {
    if (!LABEL_KEY.test(key)) fail(where, `${field} key`, key, 'a Kubernetes label key such as "release" or "example.org/team"');
    labelValue(where, `${field}.${key}`, text as string);
  }
  return { ...(value as Record<string, string>) };
}

/** Validates the operator settings at `field` and fills the defaults. */
export function resolveOperator(where: string, field: string, input: OperatorSettings | undefined): ResolvedOperator {
  checkKeys(where, field, input ?? {}, OPERATOR_KEYS);
  const release = labelValue(where, `${field}.release`, input?.release ?? 'kube-prometheus-stack');
  if (!release) fail(where, `${field}.release`, release, 'the non-empty Helm release name of kube-prometheus-stack');
  const byRelease = { release };
  const service = input?.kubeletService ?? 'kube-system/kube-prometheus-stack-kubelet';
  const parts = typeof service === 'string' ? service.split('/') : [];
  if (parts.length !== 2)
    fail(where, `${field}.kubeletService`, service, 'a "namespace/name" of the Service, e.g. "kube-system/kube-prometheus-stack-kubelet"');
  return {
    release,
    monitorLabels: labels(where, `${field}.monitorLabels`, input?.monitorLabels, byRelease),
    ruleLabels: labels(where, `${field}.ruleLabels`, input?.ruleLabels, byRelease),
    alertmanagerConfigLabels: labels(where, `${field}.alertmanagerConfigLabels`, input?.alertmanagerConfigLabels, byRelease),
    dashboardLabels: labels(where, `${field}.dashboardLabels`, input?.dashboardLabels, { grafana_dashboard: '1' }),
    dashboardFolderAnnotation: annotationKey(
      where,
      `${field}.dashboardFolderAnnotation`,
      input?.dashboardFolderAnnotation ?? 'grafana_folder',
    ),
    kubeletService: {
      namespace: dnsLabel(where, `${field}.kubeletService`, parts[0]),
      name: dnsLabel(where, `${field}.kubeletService`, parts[1]),
    },
  };
}

declare module '../stack/settings' {
  interface StackSettings {
    /**
     * Operator interop mode: setting it (even to `{}`) emits prometheus-operator objects instead of
     * the stack's own Prometheus, Alertmanager and Grafana (docs/operator.md). @default none (standalone)
     */
    readonly operator?: OperatorSettings;
  }
  interface ResolvedSettings {
    /** Undefined in standalone mode. */
    readonly operator?: ResolvedOperator;
  }
}
