import { ComponentSpec } from '../config/component';
import { cadvisorSpec } from '../constructs/cadvisor/spec';
import { kubeStateMetricsSpec } from '../constructs/kube-state-metrics/spec';
import { COMPONENT_SPECS } from '../constructs/registry';

/** Components whose web port the Docker target publishes on the host. */
export const DOCKER_COMPONENTS = ['prometheus', 'alertmanager', 'grafana'] as const;
export type DockerComponent = (typeof DOCKER_COMPONENTS)[number];

/**
 * Workloads of the synthesized manifests that the Docker target leaves out, with the reason.
 * Everything else in the manifests becomes a container.
 */
export const KUBERNETES_ONLY: Readonly<Record<string, string>> = {
  [kubeStateMetricsSpec.name]: 'exports the state of Kubernetes API objects; Docker has none (cAdvisor covers containers)',
};

/** Docker-only components that stand in for Kubernetes facilities. */
export const DOCKER_ONLY = {
  /** Container metrics: on Kubernetes the kubelet's built-in cAdvisor is scraped instead. */
  cadvisor: cadvisorSpec,
} as const;

/** The catalog record of a workload, by its object name. */
export function specOf(name: string): ComponentSpec {
  const spec = Object.values(COMPONENT_SPECS).find((s) => s.name === name);
  if (!spec) throw new Error(`no catalog component named "${name}"`);
  return spec;
}
