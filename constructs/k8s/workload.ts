/**
 * Replicated workloads (Deployments and StatefulSets) with the shared pod defaults, spreading,
 * rollout settings and the config checksum that rolls pods.
 */
import { createHash } from 'crypto';
import { k8s } from 'cdk8s-plus-28';
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { ComponentSpec, ResolvedComponent } from '../../config/component';
import { metadata, selectorLabels } from './labels';
import { disruptionBudget } from './objects';
import { availability, podDefaults } from './pod';

/** sha256 of rendered files: a pod-template annotation that rolls pods when config changes. */
export function checksum(files: Record<string, string>): string {
  const hash = createHash('sha256');
  for (const name of Object.keys(files).sort()) hash.update(name).update('\0').update(files[name]).update('\0');
  return hash.digest('hex');
}

/** What differs between the replicated workloads (Deployments and StatefulSets) of the stack. */
export interface ReplicatedWorkloadOptions {
  /** Resolved sizing (replicas, resources, storage) of the component. */
  readonly component: ResolvedComponent;
  /** Namespace of the workload. */
  readonly namespace: string;
  /** PriorityClass of its pods. */
  readonly priorityClassName: string;
  /** The main container (see `mainContainer`). */
  readonly container: k8s.Container;
  /** Containers beside it in the pod (e.g. Prometheus's Thanos sidecar). @default none */
  readonly sidecars?: readonly k8s.Container[];
  /** Pod volumes. @default none */
  readonly volumes?: k8s.Volume[];
  /** Rendered files whose checksum rolls the pods when they change. @default none */
  readonly configFiles?: Record<string, string>;
  /** Extra pod spec fields (e.g. a longer termination grace period). @default none */
  readonly podSpec?: Partial<k8s.PodSpec>;
  /** Makes it a StatefulSet with one `data` volume per replica, governed by this headless Service. @default a Deployment */
  readonly statefulSet?: { readonly serviceName: string; readonly storageClassName?: string };
}

/**
 * A Deployment or StatefulSet with the shared pod defaults, spreading and rollout settings,
 * plus a PodDisruptionBudget when it runs more than one replica.
 */
export function replicatedWorkload(scope: Construct, spec: ComponentSpec, options: ReplicatedWorkloadOptions): ApiObject {
  const { component, namespace: ns, statefulSet } = options;
  const single = component.replicas < 2;
  const template: k8s.PodTemplateSpec = {
    metadata: {
      labels: metadata(spec, ns).labels,
      ...(options.configFiles ? { annotations: { 'checksum/config': checksum(options.configFiles) } } : {}),
    },
    spec: {
      ...podDefaults(spec, spec.name, options.priorityClassName),
      ...availability(spec, component.replicas),
      ...options.podSpec,
      containers: [options.container, ...(options.sidecars ?? [])],
      ...(options.volumes ? { volumes: options.volumes } : {}),
    },
  };
  const workload = statefulSet
    ? new k8s.KubeStatefulSet(scope, 'statefulset', {
        metadata: metadata(spec, ns),
        spec: {
          replicas: component.replicas,
          serviceName: statefulSet.serviceName,
          podManagementPolicy: 'Parallel',
          selector: { matchLabels: selectorLabels(spec) },
          persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
          template,
          volumeClaimTemplates: [
            {
              metadata: { name: 'data', labels: selectorLabels(spec) },
              spec: {
                accessModes: ['ReadWriteOnce'],
                ...(statefulSet.storageClassName ? { storageClassName: statefulSet.storageClassName } : {}),
                resources: { requests: component.storage ? { storage: k8s.Quantity.fromString(component.storage) } : {} },
              },
            },
          ],
        },
      })
    : new k8s.KubeDeployment(scope, 'deployment', {
        // The dev profile runs one replica on purpose (laptop-sized); prod runs two with a PDB.
        metadata: metadata(spec, ns, spec.name, single ? { 'polaris.fairwinds.com/deploymentMissingReplicas-exempt': 'true' } : undefined),
        spec: {
          replicas: component.replicas,
          strategy: {
            type: 'RollingUpdate',
            rollingUpdate: { maxUnavailable: k8s.IntOrString.fromNumber(0), maxSurge: k8s.IntOrString.fromNumber(1) },
          },
          selector: { matchLabels: selectorLabels(spec) },
          template,
        },
      });
  if (!single) disruptionBudget(scope, spec, ns);
  return workload;
}
