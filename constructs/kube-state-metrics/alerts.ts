import { absentJobAlert, CoveringDefinition } from '../../config/alerting/coverage';
import { NoContext } from '../../config/alerting/definition';
import { KUBE_STATE_METRICS_JOB } from './scrape';

/** Adds the pod's node (from kube_pod_info) so a node-down alert can mute its pod alerts. */
const onNode = (expr: string) => `(${expr}) * on (namespace, pod) group_left (node) max by (namespace, pod, node) (kube_pod_info)`;

/** Requests of pods that hold resources (Pending or Running) for `resource`. */
const podRequests = (resource: string) =>
  `sum(kube_pod_container_resource_requests{resource="${resource}"} * on (namespace, pod) group_left () ` +
  `max by (namespace, pod) (kube_pod_status_phase{phase=~"Pending|Running"} == 1))`;

/** Requests exceed what the nodes can allocate once the largest node is lost (clusters of two or more nodes). */
const overcommit = (resource: string) => {
  const allocatable = `kube_node_status_allocatable{resource="${resource}"}`;
  return `${podRequests(resource)} > (sum(${allocatable}) - max(${allocatable})) and on () count(${allocatable}) > 1`;
};

/** Hard quota of `resource` across namespaces over what the nodes can allocate. */
const quotaOvercommit = (resource: string, t: string) =>
  `sum(max by (namespace, resourcequota) (kube_resourcequota{type="hard", resource=~"${resource}|requests.${resource}"})) / ` +
  `sum(kube_node_status_allocatable{resource="${resource}"}) > ${t}`;

/** Used over hard, per quota and resource (quotas with a zero limit left out). */
const QUOTA_USAGE =
  'max by (namespace, resourcequota, resource) (kube_resourcequota{type="used"}) / on (namespace, resourcequota, resource) ' +
  '(max by (namespace, resourcequota, resource) (kube_resourcequota{type="hard"}) > 0)';

/** Leaves out cordoned nodes: someone is already working on them. */
const notCordoned = 'unless on (node) kube_node_spec_unschedulable == 1';

/** kube-state-metrics' own error ratio of list or watch calls to the API server. */
const ksmErrors = (call: string, t: string) =>
  `sum(rate(kube_state_metrics_${call}_total{result="error"}[5m])) / sum(rate(kube_state_metrics_${call}_total[5m])) > ${t}`;

/** Kubernetes node, workload, resource and volume alerts from kube-state-metrics and the kubelet. */
export const KUBE_STATE_METRICS_ALERTS: ReadonlyArray<CoveringDefinition<NoContext>> = [
  {
    alert: 'KubeNodeNotReady',
    severity: 'critical',
    for: '5m',
    expr: () => 'kube_node_status_condition{condition="Ready", status="true"} == 0',
    summary: 'Node {{ $labels.node }} is not ready.',
    description: 'Kubernetes node {{ $labels.node }} has not been Ready for 5 minutes; its pods are being evicted or are unreachable.',
  },
  {
    alert: 'KubeNodePressure',
    severity: 'info',
    for: '10m',
    expr: () => `kube_node_status_condition{condition=~"MemoryPressure|DiskPressure|PIDPressure", status="true"} == 1 ${notCordoned}`,
    summary: 'Node {{ $labels.node }} reports {{ $labels.condition }}.',
    description: 'The kubelet of {{ $labels.node }} reports {{ $labels.condition }}: it refuses new pods and may start evicting.',
  },
  {
    alert: 'KubeNodeUnreachable',
    severity: 'warning',
    for: '15m',
    expr: () => 'kube_node_spec_taint{key="node.kubernetes.io/unreachable", effect="NoSchedule"} == 1',
    summary: 'Node {{ $labels.node }} is unreachable.',
    description: 'The node controller tainted {{ $labels.node }} unreachable: its kubelet stopped reporting and its pods will be evicted.',
  },
  {
    alert: 'KubeNodeReadinessFlapping',
    severity: 'warning',
    for: '15m',
    threshold: 2,
    thresholdUnit: 'Ready changes in 15 minutes',
    expr: (_, t) => `sum by (node) (changes(kube_node_status_condition{condition="Ready", status="true"}[15m])) > ${t} ${notCordoned}`,
    summary: 'Node {{ $labels.node }} keeps changing readiness.',
    description: 'Node {{ $labels.node }} changed its Ready condition {{ $value }} times in 15 minutes: its pods keep being disrupted.',
  },
  {
    alert: 'KubePodCrashLooping',
    severity: 'warning',
    for: '15m',
    expr: () =>
      onNode(
        'max by (namespace, pod, container) (max_over_time(kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff"}[5m])) >= 1',
      ),
    summary: 'Pod {{ $labels.namespace }}/{{ $labels.pod }} is crash looping.',
    description:
      'Container {{ $labels.container }} of {{ $labels.namespace }}/{{ $labels.pod }} on node {{ $labels.node ' +
      '}} keeps restarting (CrashLoopBackOff).',
  },
  {
    alert: 'KubePodNotReady',
    severity: 'warning',
    for: '15m',
    expr: () =>
      onNode(
        'max by (namespace, pod) (kube_pod_status_phase{phase=~"Pending|Unknown"} == 1 or (kube_pod_status_phase{phase="Running"} == 1 ' +
          'unless on (namespace, pod) kube_pod_status_ready{condition="true"} == 1)) unless on (namespace, pod) ' +
          'kube_pod_owner{owner_kind="Job"}',
      ),
    summary: 'Pod {{ $labels.namespace }}/{{ $labels.pod }} is not ready.',
    description:
      'Pod {{ $labels.namespace }}/{{ $labels.pod }} has been pending, unknown or not ready for 15 minutes: it serves no traffic.',
  },
  {
    alert: 'KubeContainerWaiting',
    severity: 'warning',
    for: '1h',
    expr: () =>
      onNode('max by (namespace, pod, container, reason) (kube_pod_container_status_waiting_reason{reason!="CrashLoopBackOff"}) > 0'),
    summary: 'Container {{ $labels.container }} of {{ $labels.namespace }}/{{ $labels.pod }} is stuck waiting.',
    description:
      'Container {{ $labels.container }} of {{ $labels.namespace }}/{{ $labels.pod }} has been waiting ({{ $labels.reason }}) for an hour.',
  },
  {
    alert: 'KubeContainerOOMKilled',
    severity: 'warning',
    expr: () =>
      onNode(
        'max by (namespace, pod, container) (increase(kube_pod_container_status_restarts_total[10m])) >= 1 and ' +
          'on (namespace, pod, container) max by (namespace, pod, container) ' +
          '(kube_pod_container_status_last_terminated_reason{reason="OOMKilled"}) == 1',
      ),
    summary: 'Container {{ $labels.container }} of {{ $labels.namespace }}/{{ $labels.pod }} was OOM killed.',
    description:
      'Container {{ $labels.container }} of {{ $labels.namespace }}/{{ $labels.pod }} restarted in the last 10 ' +
      'minutes after running out of memory.',
  },
  {
    alert: 'KubeDeploymentReplicasMismatch',
    severity: 'warning',
    for: '15m',
    expr: () => 'kube_deployment_spec_replicas != kube_deployment_status_replicas_available',
    summary: 'Deployment {{ $labels.namespace }}/{{ $labels.deployment }} lacks replicas.',
    description:
      'Deployment {{ $labels.namespace }}/{{ $labels.deployment }} has had {{ $value }} desired replicas not all available for 15 minutes.',
  },
  {
    alert: 'KubeDeploymentGenerationMismatch',
    severity: 'warning',
    for: '15m',
    expr: () => 'kube_deployment_status_observed_generation != kube_deployment_metadata_generation',
    summary: 'Deployment {{ $labels.namespace }}/{{ $labels.deployment }} spec change not picked up.',
    description:
      'The controller has not observed the latest spec of Deployment {{ $labels.namespace }}/{{ $labels.deployment }} for 15 ' +
      'minutes: the change is not being rolled out.',
  },
  {
    alert: 'KubeDeploymentRolloutStuck',
    severity: 'warning',
    for: '15m',
    expr: () => 'kube_deployment_status_condition{condition="Progressing", status="false"} == 1',
    summary: 'Rollout of Deployment {{ $labels.namespace }}/{{ $labels.deployment }} is stuck.',
    description:
      'Deployment {{ $labels.namespace }}/{{ $labels.deployment }} exceeded its progress deadline: new pods do not become available.',
  },
  {
    alert: 'KubeStatefulSetReplicasMismatch',
    severity: 'warning',
    for: '15m',
    expr: () => 'kube_statefulset_replicas != kube_statefulset_status_replicas_ready',
    summary: 'StatefulSet {{ $labels.namespace }}/{{ $labels.statefulset }} lacks replicas.',
    description:
      'StatefulSet {{ $labels.namespace }}/{{ $labels.statefulset }} has had {{ $value }} desired replicas not all ready for 15 minutes.',
  },
  {
    alert: 'KubeStatefulSetGenerationMismatch',
    severity: 'warning',
    for: '15m',
    expr: () => 'kube_statefulset_status_observed_generation != kube_statefulset_metadata_generation',
    summary: 'StatefulSet {{ $labels.namespace }}/{{ $labels.statefulset }} spec change not picked up.',
    description:
      'The controller has not observed the latest spec of StatefulSet {{ $labels.namespace }}/{{ $labels.statefulset }} for 15 minutes.',
  },
  {
    alert: 'KubeStatefulSetUpdateNotRolledOut',
    severity: 'warning',
    for: '15m',
    expr: () =>
      'max by (namespace, statefulset) (kube_statefulset_status_current_revision unless kube_statefulset_status_update_revision) ' +
      'and on (namespace, statefulset) (kube_statefulset_replicas != kube_statefulset_status_replicas_updated) ' +
      'and on (namespace, statefulset) changes(kube_statefulset_status_replicas_updated[10m]) == 0',
    summary: 'Update of StatefulSet {{ $labels.namespace }}/{{ $labels.statefulset }} is not rolling out.',
    description:
      'StatefulSet {{ $labels.namespace }}/{{ $labels.statefulset }} has pods on an old revision and no pod was updated in 10 minutes.',
  },
  {
    alert: 'KubeDaemonSetRolloutStuck',
    severity: 'warning',
    for: '15m',
    expr: () =>
      'max by (namespace, daemonset) (' +
      'kube_daemonset_status_current_number_scheduled != kube_daemonset_status_desired_number_scheduled ' +
      'or kube_daemonset_status_number_misscheduled != 0 ' +
      'or kube_daemonset_status_updated_number_scheduled != kube_daemonset_status_desired_number_scheduled ' +
      'or kube_daemonset_status_number_available != kube_daemonset_status_desired_number_scheduled) ' +
      'and on (namespace, daemonset) changes(kube_daemonset_status_updated_number_scheduled[5m]) == 0',
    summary: 'Rollout of DaemonSet {{ $labels.namespace }}/{{ $labels.daemonset }} is stuck.',
    description:
      'DaemonSet {{ $labels.namespace }}/{{ $labels.daemonset }} lacks updated, available pods on some nodes and is not progressing.',
  },
  {
    alert: 'KubeDaemonSetNotScheduled',
    severity: 'warning',
    for: '10m',
    expr: () => 'kube_daemonset_status_desired_number_scheduled - kube_daemonset_status_current_number_scheduled > 0',
    summary: 'DaemonSet {{ $labels.namespace }}/{{ $labels.daemonset }} misses nodes.',
    description: '{{ $value }} nodes that should run a pod of DaemonSet {{ $labels.namespace }}/{{ $labels.daemonset }} have none.',
  },
  {
    alert: 'KubeDaemonSetMisScheduled',
    severity: 'warning',
    for: '15m',
    expr: () => 'kube_daemonset_status_number_misscheduled > 0',
    summary: 'DaemonSet {{ $labels.namespace }}/{{ $labels.daemonset }} runs where it should not.',
    description: '{{ $value }} pods of DaemonSet {{ $labels.namespace }}/{{ $labels.daemonset }} run on nodes its selector excludes.',
  },
  {
    alert: 'KubeJobNotCompleted',
    severity: 'warning',
    threshold: 43200,
    thresholdUnit: 'seconds a Job may stay active',
    expr: (_, t) => `time() - max by (namespace, job_name) (kube_job_status_start_time and kube_job_status_active > 0) > ${t}`,
    summary: 'Job {{ $labels.namespace }}/{{ $labels.job_name }} is taking too long.',
    description: 'Job {{ $labels.namespace }}/{{ $labels.job_name }} has been active for more than 12 hours without completing.',
  },
  {
    alert: 'KubeJobFailed',
    severity: 'warning',
    expr: () => 'kube_job_failed{condition="true"} > 0',
    summary: 'Job {{ $labels.namespace }}/{{ $labels.job_name }} failed.',
    description: 'Kubernetes Job {{ $labels.namespace }}/{{ $labels.job_name }} failed to complete.',
  },
  {
    alert: 'KubeHpaReplicasMismatch',
    severity: 'warning',
    for: '15m',
    expr: () =>
      '(kube_horizontalpodautoscaler_status_desired_replicas != kube_horizontalpodautoscaler_status_current_replicas) ' +
      'and (kube_horizontalpodautoscaler_status_current_replicas > kube_horizontalpodautoscaler_spec_min_replicas) ' +
      'and (kube_horizontalpodautoscaler_status_current_replicas < kube_horizontalpodautoscaler_spec_max_replicas) ' +
      'and changes(kube_horizontalpodautoscaler_status_current_replicas[15m]) == 0',
    summary: 'HPA {{ $labels.namespace }}/{{ $labels.horizontalpodautoscaler }} does not reach its desired replicas.',
    description:
      'HorizontalPodAutoscaler {{ $labels.namespace }}/{{ $labels.horizontalpodautoscaler }} wants {{ $value }} replicas but the ' +
      'count has not changed for 15 minutes (quota, scheduling or image problems).',
  },
  {
    alert: 'KubeHpaMaxedOut',
    severity: 'warning',
    for: '15m',
    expr: () =>
      'kube_horizontalpodautoscaler_status_current_replicas == kube_horizontalpodautoscaler_spec_max_replicas ' +
      'and on (namespace, horizontalpodautoscaler) ' +
      '(kube_horizontalpodautoscaler_spec_max_replicas != kube_horizontalpodautoscaler_spec_min_replicas)',
    summary: 'HPA {{ $labels.namespace }}/{{ $labels.horizontalpodautoscaler }} runs at its maximum.',
    description:
      'HorizontalPodAutoscaler {{ $labels.namespace }}/{{ $labels.horizontalpodautoscaler }} has run at its maximum of {{ $value }} ' +
      'replicas for 15 minutes: it cannot absorb more load.',
  },
  {
    alert: 'KubePdbNotEnoughHealthyPods',
    severity: 'warning',
    for: '15m',
    expr: () => 'kube_poddisruptionbudget_status_desired_healthy - kube_poddisruptionbudget_status_current_healthy > 0',
    summary: 'PodDisruptionBudget {{ $labels.namespace }}/{{ $labels.poddisruptionbudget }} lacks healthy pods.',
    description:
      'PodDisruptionBudget {{ $labels.namespace }}/{{ $labels.poddisruptionbudget }} is {{ $value }} healthy pods short: node drains ' +
      'and voluntary evictions are blocked.',
  },
  {
    alert: 'KubeCPUOvercommit',
    severity: 'warning',
    for: '10m',
    expr: () => overcommit('cpu'),
    summary: 'Cluster CPU requests do not survive the loss of a node.',
    description: 'Pods request {{ $value }} CPUs, more than the nodes can allocate without the largest one.',
  },
  {
    alert: 'KubeMemoryOvercommit',
    severity: 'warning',
    for: '10m',
    expr: () => overcommit('memory'),
    summary: 'Cluster memory requests do not survive the loss of a node.',
    description: 'Pods request {{ $value | humanize }}B of memory, more than the nodes can allocate without the largest one.',
  },
  {
    alert: 'KubeCPUQuotaOvercommit',
    severity: 'warning',
    for: '5m',
    threshold: 1.5,
    thresholdUnit: 'ratio of hard CPU quota to allocatable CPU',
    expr: (_, t) => quotaOvercommit('cpu', t),
    summary: 'CPU quotas exceed the cluster.',
    description: 'The hard CPU quotas of all namespaces add up to {{ $value | humanizePercentage }} of the CPU the nodes can allocate.',
  },
  {
    alert: 'KubeMemoryQuotaOvercommit',
    severity: 'warning',
    for: '5m',
    threshold: 1.5,
    thresholdUnit: 'ratio of hard memory quota to allocatable memory',
    expr: (_, t) => quotaOvercommit('memory', t),
    summary: 'Memory quotas exceed the cluster.',
    description:
      'The hard memory quotas of all namespaces add up to {{ $value | humanizePercentage }} of the memory the nodes can allocate.',
  },
  {
    alert: 'KubeQuotaAlmostFull',
    severity: 'info',
    for: '15m',
    threshold: 0.9,
    thresholdUnit: 'ratio of used to hard quota (0..1)',
    expr: (_, t) => `${QUOTA_USAGE} > ${t} < 1`,
    summary: 'Quota {{ $labels.namespace }}/{{ $labels.resourcequota }} is almost used up for {{ $labels.resource }}.',
    description: 'Namespace {{ $labels.namespace }} uses {{ $value | humanizePercentage }} of its {{ $labels.resource }} quota.',
  },
  {
    alert: 'KubeQuotaFullyUsed',
    severity: 'info',
    for: '15m',
    expr: () => `${QUOTA_USAGE} == 1`,
    summary: 'Quota {{ $labels.namespace }}/{{ $labels.resourcequota }} is used up for {{ $labels.resource }}.',
    description: 'Namespace {{ $labels.namespace }} uses all of its {{ $labels.resource }} quota: new pods or objects will be refused.',
  },
  {
    alert: 'KubeQuotaExceeded',
    severity: 'warning',
    for: '15m',
    expr: () => `${QUOTA_USAGE} > 1`,
    summary: 'Quota {{ $labels.namespace }}/{{ $labels.resourcequota }} is exceeded for {{ $labels.resource }}.',
    description: 'Namespace {{ $labels.namespace }} uses {{ $value | humanizePercentage }} of its {{ $labels.resource }} quota.',
  },
  {
    alert: 'KubePersistentVolumeFilling',
    severity: 'warning',
    for: '5m',
    threshold: 0.15,
    thresholdUnit: 'free space ratio (0..1)',
    expr: (_, t) => `kubelet_volume_stats_available_bytes / kubelet_volume_stats_capacity_bytes < ${t}`,
    summary: 'Volume {{ $labels.namespace }}/{{ $labels.persistentvolumeclaim }} is filling up.',
    description: 'Only {{ $value | humanizePercentage }} of PVC {{ $labels.namespace }}/{{ $labels.persistentvolumeclaim }} is free.',
    covers: ['KubePersistentVolumeFillingUp'],
  },
  {
    alert: 'KubePersistentVolumeInodesFillingUp',
    severity: 'warning',
    for: '5m',
    threshold: 0.1,
    thresholdUnit: 'free inode ratio (0..1)',
    expr: (_, t) => `kubelet_volume_stats_inodes_free / kubelet_volume_stats_inodes < ${t}`,
    summary: 'Volume {{ $labels.namespace }}/{{ $labels.persistentvolumeclaim }} is running out of inodes.',
    description:
      'Only {{ $value | humanizePercentage }} of the inodes of PVC {{ $labels.namespace }}/{{ $labels.persistentvolumeclaim }} are free.',
  },
  {
    alert: 'KubePersistentVolumeErrors',
    severity: 'critical',
    for: '5m',
    expr: () => 'kube_persistentvolume_status_phase{phase=~"Failed|Pending"} == 1',
    summary: 'PersistentVolume {{ $labels.persistentvolume }} is {{ $labels.phase }}.',
    description:
      'PersistentVolume {{ $labels.persistentvolume }} has been in phase {{ $labels.phase }} for 5 minutes: its claim cannot use it.',
  },
  {
    alert: 'KubeStateMetricsListErrors',
    severity: 'warning',
    for: '15m',
    threshold: 0.01,
    thresholdUnit: 'ratio of failed list calls (0..1)',
    expr: (_, t) => ksmErrors('list', t),
    summary: 'kube-state-metrics fails to list objects.',
    description: '{{ $value | humanizePercentage }} of the list calls of kube-state-metrics fail: object metrics are stale or missing.',
  },
  {
    alert: 'KubeStateMetricsWatchErrors',
    severity: 'warning',
    for: '15m',
    threshold: 0.01,
    thresholdUnit: 'ratio of failed watch calls (0..1)',
    expr: (_, t) => ksmErrors('watch', t),
    summary: 'kube-state-metrics fails to watch objects.',
    description: '{{ $value | humanizePercentage }} of the watch calls of kube-state-metrics fail: object metrics lag behind the cluster.',
  },
  absentJobAlert('KubeStateMetricsAbsent', KUBE_STATE_METRICS_JOB, 'kube-state-metrics'),
];
