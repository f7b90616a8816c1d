import { RecordingRule } from '../../config/rules';

/** Series naming each pod's workload (`workload`, `workload_type`), for per-workload dashboards. */
export const POD_WORKLOAD = 'namespace_workload_pod:kube_pod_owner:relabel';

/**
 * The workload of every pod: a Deployment's pods are owned by a ReplicaSet that the Deployment
 * owns, so they are joined through kube_replicaset_owner; StatefulSet, DaemonSet and Job pods name
 * their workload directly. `workload_type` is the owner kind as Kubernetes spells it.
 */
export function workloadRecordings(): RecordingRule[] {
  const named = (expr: string, from: string) => `label_replace(${expr}, "workload", "$1", "${from}", "(.*)")`;
  const replicaSetPods = `label_replace(kube_pod_owner{owner_kind="ReplicaSet"}, "replicaset", "$1", "owner_name", "(.*)")`;
  const deploymentOf = named('max by (namespace, replicaset, owner_name) (kube_replicaset_owner{owner_kind="Deployment"})', 'owner_name');
  const byPod = (expr: string) => `max by (namespace, workload, workload_type, pod) (${expr})`;
  const deploymentPods =
    `label_replace(${replicaSetPods} * on (namespace, replicaset) group_left (workload) ${deploymentOf}, ` +
    `"workload_type", "Deployment", "", "")`;
  const ownerPods = named('kube_pod_owner{owner_kind=~"StatefulSet|DaemonSet|Job"}', 'owner_name');
  const directPods = `label_replace(${ownerPods}, "workload_type", "$1", "owner_kind", "(.*)")`;
  return [{ record: POD_WORKLOAD, expr: `${byPod(deploymentPods)} or ${byPod(directPods)}` }];
}
