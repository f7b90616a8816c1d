import { Construct } from 'constructs';
import { ComponentSettings, resolveComponent } from '../../config/component';
import { ANY_POD, ownNetworkPolicy, resolveWorkloadProps, WorkloadProps } from '../k8s/standalone';
import { k8s } from 'cdk8s-plus-28';
import { clusterRoleFor, clusterService, serviceAccount } from '../k8s/objects';
import { mainContainer, SERVICE_ACCOUNT_TOKEN_MOUNT, SERVICE_ACCOUNT_TOKEN_VOLUME } from '../k8s/pod';
import { replicatedWorkload } from '../k8s/workload';
import { kubeStateMetricsSpec } from './spec';
import { kubeStateMetricsFlows } from './flows';
import { podsOf } from '../component';
import { tcp } from '../../config/flows';

/** Props of the KubeStateMetrics construct: its sizing and where it runs. */
export interface KubeStateMetricsProps extends ComponentSettings, WorkloadProps {}

const spec = kubeStateMetricsSpec;

/**
 * The resources kube-state-metrics exports, with their API groups. The `--resources` flag and
 * the ClusterRole are both derived from this list, so they cannot drift. `secrets` is left out
 * on purpose (listing secrets returns their data) and so is `configmaps` (often sensitive too).
 */
export const KUBE_STATE_METRICS_RESOURCES: ReadonlyArray<{ resource: string; group: string }> = [
  { resource: 'certificatesigningrequests', group: 'certificates.k8s.io' },
  { resource: 'cronjobs', group: 'batch' },
  { resource: 'daemonsets', group: 'apps' },
  { resource: 'deployments', group: 'apps' },
  { resource: 'endpointslices', group: 'discovery.k8s.io' },
  { resource: 'horizontalpodautoscalers', group: 'autoscaling' },
  { resource: 'ingresses', group: 'networking.k8s.io' },
  { resource: 'jobs', group: 'batch' },
  { resource: 'leases', group: 'coordination.k8s.io' },
  { resource: 'limitranges', group: '' },
  { resource: 'mutatingwebhookconfigurations', group: 'admissionregistration.k8s.io' },
  { resource: 'namespaces', group: '' },
  { resource: 'networkpolicies', group: 'networking.k8s.io' },
  { resource: 'nodes', group: '' },
  { resource: 'persistentvolumeclaims', group: '' },
  { resource: 'persistentvolumes', group: '' },
  { resource: 'poddisruptionbudgets', group: 'policy' },
  { resource: 'pods', group: '' },
  { resource: 'replicasets', group: 'apps' },
  { resource: 'replicationcontrollers', group: '' },
  { resource: 'resourcequotas', group: '' },
  { resource: 'services', group: '' },
  { resource: 'statefulsets', group: 'apps' },
  { resource: 'storageclasses', group: 'storage.k8s.io' },
  { resource: 'validatingwebhookconfigurations', group: 'admissionregistration.k8s.io' },
  { resource: 'volumeattachments', group: 'storage.k8s.io' },
];

/** ClusterRole rules mirroring KUBE_STATE_METRICS_RESOURCES: list and watch only, one rule per API group. */
export function kubeStateMetricsRules(): k8s.PolicyRule[] {
  const groups = [...new Set(KUBE_STATE_METRICS_RESOURCES.map((r) => r.group))].sort();
  return groups.map((group) => ({
    apiGroups: [group],
    resources: KUBE_STATE_METRICS_RESOURCES.filter((r) => r.group === group).map((r) => r.resource),
    verbs: ['list', 'watch'],
  }));
}

/**
 * kube-state-metrics as a Deployment with a projected API token and read-only RBAC that
 * mirrors its `--resources` list exactly. Prometheus scrapes it through its Service, so
 * replicas (prod) serve the same series without duplicating them.
 */
export class KubeStateMetrics extends Construct {
  constructor(scope: Construct, id: string, props: KubeStateMetricsProps) {
    super(scope, id);
    const where = this.node.path;
    const { namespace: ns, profile, priorityClassName, networkPolicy } = resolveWorkloadProps(where, props);
    const component = resolveComponent(where, 'props', spec, profile, props);
    if (networkPolicy) {
      ownNetworkPolicy(this, spec, ns, [
        ...kubeStateMetricsFlows({ namespace: ns }),
        { from: ANY_POD, to: podsOf(spec, ns), ports: tcp(spec.web.port), purpose: 'scrape' },
      ]);
    }
    serviceAccount(this, spec, ns);
    clusterRoleFor(this, spec, ns, kubeStateMetricsRules());
    clusterService(this, 'service', spec, ns, { ports: [spec.web, ...spec.extraPorts] });

    replicatedWorkload(this, spec, {
      component,
      namespace: ns,
      priorityClassName,
      container: mainContainer(component, {
        args: [
          `--port=${spec.web.port}`,
          `--telemetry-port=${spec.extraPorts[0].port}`,
          `--resources=${KUBE_STATE_METRICS_RESOURCES.map((r) => r.resource).join(',')}`,
        ],
        volumeMounts: [SERVICE_ACCOUNT_TOKEN_MOUNT],
      }),
      volumes: [SERVICE_ACCOUNT_TOKEN_VOLUME],
    });
  }
}
