import { NAME_LABEL } from '../constructs/k8s/labels';
import { Manifest } from '../constructs/stack/footprint';
import { StackSettings } from '../constructs/stack/settings';
import { synthesize, Synthesized } from '../constructs/stack/synthesize';

/**
 * What a stack component deploys: the settings as a user writes them (synthesized, hence
 * resolved, here) or an already synthesized stack (`readStackConfig` synthesizes once while
 * validating, so the program resolves the settings exactly once).
 */
export type StackSource = StackSettings | Synthesized;

/** The synthesized stack of a source; its resolved settings are `stack.settings`. */
export function synthesized(source: StackSource): Synthesized {
  return 'manifests' in source && 'stack' in source ? source : synthesize(source);
}

/** The parts of a Kubernetes container the Docker target translates. */
export interface PodContainer {
  readonly name: string;
  readonly args?: string[];
  readonly env?: Array<{
    name: string;
    value?: string;
    valueFrom?: { secretKeyRef?: { name: string; key: string }; fieldRef?: { fieldPath: string } };
  }>;
  readonly ports?: Array<{ name: string; containerPort: number }>;
  readonly readinessProbe?: ContainerProbe;
  readonly livenessProbe?: ContainerProbe;
  readonly startupProbe?: ContainerProbe;
  readonly resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  readonly volumeMounts?: Array<{ name: string; mountPath: string; subPath?: string; readOnly?: boolean; mountPropagation?: string }>;
}

/** An HTTP or TCP probe as the constructs write it. */
export interface ContainerProbe {
  readonly httpGet?: { path: string; port: string | number };
  readonly tcpSocket?: { port: string | number };
  readonly periodSeconds?: number;
  readonly timeoutSeconds?: number;
  readonly failureThreshold?: number;
  readonly initialDelaySeconds?: number;
}

/** A pod volume source the translation understands. */
export interface PodVolume {
  readonly name: string;
  readonly configMap?: { name: string };
  readonly secret?: { secretName: string; optional?: boolean; items?: Array<{ key: string; path: string }> };
  readonly emptyDir?: { sizeLimit?: string; medium?: string };
  readonly hostPath?: { path: string };
  readonly projected?: { sources: Array<{ configMap?: { name: string }; serviceAccountToken?: unknown }> };
}

/** A Deployment, StatefulSet, DaemonSet or Job of the synthesized manifests. */
export interface Workload {
  readonly kind: 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Job';
  readonly name: string;
  /** Its `app.kubernetes.io/name` (the component name; a Job's own name carries a hash). */
  readonly component: string;
  /** Names of its init containers (the Docker target runs none). */
  readonly initContainers: readonly string[];
  readonly namespace: string;
  readonly container: PodContainer;
  /** Names of the pod's further containers (a Docker container runs one: such a pod needs a Docker workload per container). */
  readonly sidecars: readonly string[];
  readonly volumes: readonly PodVolume[];
  /** StatefulSet volume claim template names (persistent volumes). */
  readonly claims: readonly string[];
  readonly hostPID: boolean;
  readonly runAsUser?: number;
  readonly runAsGroup?: number;
}

const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job'];

/** Every workload of the manifests, with its main container (the first) and the names of the others. */
export function workloadsOf(manifests: readonly Manifest[]): Workload[] {
  return manifests
    .filter((m) => WORKLOAD_KINDS.includes(m.kind))
    .map((m) => {
      const pod = m.spec.template.spec;
      return {
        kind: m.kind as Workload['kind'],
        name: m.metadata.name,
        component: m.metadata.labels?.[NAME_LABEL] ?? m.metadata.name,
        initContainers: (pod.initContainers ?? []).map((c: { name: string }) => c.name),
        namespace: m.metadata.namespace ?? '',
        container: pod.containers[0],
        sidecars: pod.containers.slice(1).map((c: { name: string }) => c.name),
        volumes: pod.volumes ?? [],
        claims: (m.spec.volumeClaimTemplates ?? []).map((c: { metadata: { name: string } }) => c.metadata.name),
        hostPID: pod.hostPID === true,
        runAsUser: pod.securityContext?.runAsUser,
        runAsGroup: pod.securityContext?.runAsGroup,
      };
    });
}

/** Identity of an object: apiVersion/kind/namespace/name. */
export function objectKey(m: { apiVersion?: string; kind: string; metadata: { name: string; namespace?: string } }): string {
  return `${m.apiVersion}/${m.kind}/${m.metadata.namespace ?? ''}/${m.metadata.name}`;
}
