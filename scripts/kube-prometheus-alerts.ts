/**
 * The alert names kube-prometheus ships, by rule group, as rendered in its `manifests/*-prometheusRule.yaml`
 * (github.com/prometheus-operator/kube-prometheus, main at commit 4d719f1, 2026-08-10). These are facts
 * (names only); the coverage table (scripts/alert-coverage.ts -> docs/alert-coverage.md) compares them with
 * our catalog.
 */
export const KUBE_PROMETHEUS_SOURCE = 'kube-prometheus `manifests/*-prometheusRule.yaml`, main at commit 4d719f1 (2026-08-10)';

/** Rules in those manifests: some names have two rules (a warning and a critical threshold). */
export const KUBE_PROMETHEUS_RULE_COUNT = 139;

/** One rule group of kube-prometheus and the category it falls in for the table. */
export interface KubePrometheusGroup {
  readonly category: string;
  readonly group: string;
  readonly alerts: readonly string[];
}

export const KUBE_PROMETHEUS_GROUPS: readonly KubePrometheusGroup[] = [
  {
    category: 'Kubernetes workloads',
    group: 'kubernetes-apps',
    alerts: [
      'KubePodCrashLooping',
      'KubePodNotReady',
      'KubeDeploymentGenerationMismatch',
      'KubeDeploymentReplicasMismatch',
      'KubeDeploymentRolloutStuck',
      'KubeStatefulSetReplicasMismatch',
      'KubeStatefulSetGenerationMismatch',
      'KubeStatefulSetUpdateNotRolledOut',
      'KubeDaemonSetRolloutStuck',
      'KubeContainerWaiting',
      'KubeDaemonSetNotScheduled',
      'KubeDaemonSetMisScheduled',
      'KubeJobNotCompleted',
      'KubeJobFailed',
      'KubeHpaReplicasMismatch',
      'KubeHpaMaxedOut',
      'KubePdbNotEnoughHealthyPods',
    ],
  },
  {
    category: 'Kubernetes resources',
    group: 'kubernetes-resources',
    alerts: [
      'KubeCPUOvercommit',
      'KubeMemoryOvercommit',
      'KubeCPUQuotaOvercommit',
      'KubeMemoryQuotaOvercommit',
      'KubeQuotaAlmostFull',
      'KubeQuotaFullyUsed',
      'KubeQuotaExceeded',
      'CPUThrottlingHigh',
    ],
  },
  {
    category: 'Kubernetes storage',
    group: 'kubernetes-storage',
    alerts: ['KubePersistentVolumeFillingUp', 'KubePersistentVolumeInodesFillingUp', 'KubePersistentVolumeErrors'],
  },
  {
    category: 'Kubernetes nodes and kubelet',
    group: 'kubernetes-system-kubelet',
    alerts: [
      'KubeNodeNotReady',
      'KubeNodePressure',
      'KubeNodeUnreachable',
      'KubeletTooManyPods',
      'KubeNodeReadinessFlapping',
      'KubeNodeEviction',
      'KubeletPlegDurationHigh',
      'KubeletPodStartUpLatencyHigh',
      'KubeletClientCertificateExpiration',
      'KubeletServerCertificateExpiration',
      'KubeletClientCertificateRenewalErrors',
      'KubeletServerCertificateRenewalErrors',
      'KubeletInstanceUnreachable',
      'KubeletDown',
    ],
  },
  { category: 'Kubernetes control plane', group: 'kubernetes-system', alerts: ['KubeVersionMismatch', 'KubeClientErrors'] },
  { category: 'Kubernetes control plane', group: 'kube-apiserver-slos', alerts: ['KubeAPIErrorBudgetBurn'] },
  {
    category: 'Kubernetes control plane',
    group: 'kubernetes-system-apiserver',
    alerts: [
      'KubeClientCertificateExpiration',
      'KubeAggregatedAPIErrors',
      'KubeAggregatedAPIDown',
      'KubeAPIDown',
      'KubeAPIInstanceUnreachable',
      'KubeAPITerminatedRequests',
    ],
  },
  {
    category: 'Kubernetes control plane',
    group: 'kubernetes-system-scheduler',
    alerts: ['KubeSchedulerDown', 'KubeSchedulerInstanceUnreachable'],
  },
  {
    category: 'Kubernetes control plane',
    group: 'kubernetes-system-controller-manager',
    alerts: ['KubeControllerManagerDown', 'KubeControllerManagerInstanceUnreachable'],
  },
  {
    category: 'kube-state-metrics',
    group: 'kube-state-metrics',
    alerts: [
      'KubeStateMetricsListErrors',
      'KubeStateMetricsWatchErrors',
      'KubeStateMetricsShardingMismatch',
      'KubeStateMetricsShardsMissing',
    ],
  },
  {
    category: 'Nodes (node-exporter)',
    group: 'node-exporter',
    alerts: [
      'NodeFilesystemSpaceFillingUp',
      'NodeFilesystemAlmostOutOfSpace',
      'NodeFilesystemFilesFillingUp',
      'NodeFilesystemAlmostOutOfFiles',
      'NodeNetworkReceiveErrs',
      'NodeNetworkTransmitErrs',
      'NodeHighNumberConntrackEntriesUsed',
      'NodeTextFileCollectorScrapeError',
      'NodeClockSkewDetected',
      'NodeClockNotSynchronising',
      'NodeRAIDDegraded',
      'NodeRAIDDiskFailure',
      'NodeFileDescriptorLimit',
      'NodeCPUHighUsage',
      'NodeSystemSaturation',
      'NodeMemoryMajorPagesFaults',
      'NodeMemoryHighUtilization',
      'NodeDiskIOSaturation',
      'NodeSystemdServiceFailed',
      'NodeSystemdServiceCrashlooping',
      'NodeBondingDegraded',
    ],
  },
  { category: 'Nodes (node-exporter)', group: 'node-network', alerts: ['NodeNetworkInterfaceFlapping'] },
  {
    category: 'Prometheus',
    group: 'prometheus',
    alerts: [
      'PrometheusBadConfig',
      'PrometheusSDRefreshFailure',
      'PrometheusKubernetesListWatchFailures',
      'PrometheusNotificationQueueRunningFull',
      'PrometheusErrorSendingAlertsToSomeAlertmanagers',
      'PrometheusNotConnectedToAlertmanagers',
      'PrometheusTSDBReloadsFailing',
      'PrometheusTSDBCompactionsFailing',
      'PrometheusNotIngestingSamples',
      'PrometheusDuplicateTimestamps',
      'PrometheusOutOfOrderTimestamps',
      'PrometheusRemoteStorageFailures',
      'PrometheusRemoteWriteBehind',
      'PrometheusRemoteWriteDesiredShards',
      'PrometheusRuleFailures',
      'PrometheusMissingRuleEvaluations',
      'PrometheusTargetLimitHit',
      'PrometheusLabelLimitHit',
      'PrometheusScrapeBodySizeLimitHit',
      'PrometheusScrapeSampleLimitHit',
      'PrometheusTargetSyncFailure',
      'PrometheusHighQueryLoad',
      'PrometheusErrorSendingAlertsToAnyAlertmanager',
    ],
  },
  {
    category: 'Alertmanager',
    group: 'alertmanager.rules',
    alerts: [
      'AlertmanagerFailedReload',
      'AlertmanagerMembersInconsistent',
      'AlertmanagerFailedToSendAlerts',
      'AlertmanagerClusterFailedToSendAlerts',
      'AlertmanagerConfigInconsistent',
      'AlertmanagerClusterDown',
      'AlertmanagerClusterCrashlooping',
      'AlertmanagerClusterFailedPeers',
    ],
  },
  { category: 'Grafana', group: 'GrafanaAlerts', alerts: ['GrafanaRequestsFailing'] },
  { category: 'General', group: 'general.rules', alerts: ['TargetDown', 'Watchdog', 'InfoInhibitor'] },
  {
    category: 'Prometheus operator',
    group: 'prometheus-operator',
    alerts: [
      'PrometheusOperatorListErrors',
      'PrometheusOperatorWatchErrors',
      'PrometheusOperatorSyncFailed',
      'PrometheusOperatorReconcileErrors',
      'PrometheusOperatorStatusUpdateErrors',
      'PrometheusOperatorNodeLookupErrors',
      'PrometheusOperatorNotReady',
      'PrometheusOperatorRejectedResources',
    ],
  },
  { category: 'Prometheus operator', group: 'config-reloaders', alerts: ['ConfigReloaderSidecarErrors'] },
];

const OPERATOR = 'watches the Prometheus operator, which this stack does not run: it renders prometheus.yml and rule files itself';
const UNSCRAPED =
  'the stack ships no scrape job for the scheduler or the controller manager: managed control planes (EKS, GKE, AKS) do not expose ' +
  'them, and they are not among the jobs the stack ships';

/** Names that do not apply to a stack without the Prometheus operator, with the reason. */
export const NOT_APPLICABLE: Readonly<Record<string, string>> = {
  PrometheusOperatorListErrors: OPERATOR,
  PrometheusOperatorWatchErrors: OPERATOR,
  PrometheusOperatorSyncFailed: OPERATOR,
  PrometheusOperatorReconcileErrors: OPERATOR,
  PrometheusOperatorStatusUpdateErrors: OPERATOR,
  PrometheusOperatorNodeLookupErrors: OPERATOR,
  PrometheusOperatorNotReady: OPERATOR,
  PrometheusOperatorRejectedResources: OPERATOR,
  ConfigReloaderSidecarErrors:
    "watches the operator's config-reloader sidecar; this stack runs no sidecar (a changed ConfigMap rolls the pod, " +
    'and PrometheusConfigReloadFailed / AlertmanagerFailedReload watch the reloads)',
  KubeSchedulerDown: UNSCRAPED,
  KubeSchedulerInstanceUnreachable: UNSCRAPED,
  KubeControllerManagerDown: UNSCRAPED,
  KubeControllerManagerInstanceUnreachable: UNSCRAPED,
};

/** Names that apply but we leave out, with the reason (shown in the table). */
export const LEFT_OUT: Readonly<Record<string, string>> = {
  KubeStateMetricsShardingMismatch:
    'the stack runs kube-state-metrics unsharded (every replica serves all objects behind one Service), so the shard metrics are constant',
  KubeStateMetricsShardsMissing:
    'the stack runs kube-state-metrics unsharded (every replica serves all objects behind one Service), so the shard metrics are constant',
  InfoInhibitor:
    'a helper alert that only feeds an Alertmanager inhibition muting info alerts; our routing sends info alerts to their own ' +
    'receiver instead of relying on an always-firing alert',
};
