import { AlertDefinition, NoContext } from '../../config/alerting/definition';

/** Adds the pod's node (from kube_pod_info) so a node-down alert can mute its pod alerts. */
const onNode = (expr: string) => `(${expr}) * on (namespace, pod) group_left (node) max by (namespace, pod, node) (kube_pod_info)`;

/** Kubernetes node, workload and volume alerts from kube-state-metrics and the kubelet. */
export const KUBE_STATE_METRICS_ALERTS: ReadonlyArray<AlertDefinition<NoContext>> = [
  {
    alert: 'KubeNodeNotReady',
    severity: 'critical',
    for: '5m',
    expr: () => 'kube_node_status_condition{condition="Ready", status="true"} == 0',
    summary: 'Node {{ $labels.node }} is not ready.',
    description: 'Kubernetes node {{ $labels.node }} has not been Ready for 5 minutes; its pods are being evicted or are unreachable.',
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
    alert: 'KubePersistentVolumeFilling',
    severity: 'warning',
    for: '5m',
    threshold: 0.15,
    thresholdUnit: 'free space ratio (0..1)',
    expr: (_, t) => `kubelet_volume_stats_available_bytes / kubelet_volume_stats_capacity_bytes < ${t}`,
    summary: 'Volume {{ $labels.namespace }}/{{ $labels.persistentvolumeclaim }} is filling up.',
    description: 'Only {{ $value | humanizePercentage }} of PVC {{ $labels.namespace }}/{{ $labels.persistentvolumeclaim }} is free.',
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
    alert: 'KubeStatefulSetReplicasMismatch',
    severity: 'warning',
    for: '15m',
    expr: () => 'kube_statefulset_replicas != kube_statefulset_status_replicas_ready',
    summary: 'StatefulSet {{ $labels.namespace }}/{{ $labels.statefulset }} lacks replicas.',
    description:
      'StatefulSet {{ $labels.namespace }}/{{ $labels.statefulset }} has had {{ $value }} desired replicas not all ready for 15 minutes.',
  },
  {
    alert: 'KubeJobFailed',
    severity: 'warning',
    expr: () => 'kube_job_failed{condition="true"} > 0',
    summary: 'Job {{ $labels.namespace }}/{{ $labels.job_name }} failed.',
    description: 'Kubernetes Job {{ $labels.namespace }}/{{ $labels.job_name }} failed to complete.',
  },
];
