import { k8s } from 'cdk8s-plus-28';
import { resolveComponent } from '../../config/component';
import { mainContainer } from '../k8s/pod';
import { metadata, selectorLabels } from '../k8s/labels';
import { Manifest } from '../stack/footprint';
import { ResolvedSettings } from '../stack/settings';
import { cadvisorSpec } from './spec';

const spec = cadvisorSpec;

/** Read-only host paths cAdvisor reads container metrics from. */
const HOST_PATHS = [
  { name: 'rootfs', hostPath: '/', mountPath: '/rootfs' },
  // The Docker socket, for container names.
  { name: 'var-run', hostPath: '/var/run', mountPath: '/var/run' },
  { name: 'sys', hostPath: '/sys', mountPath: '/sys' },
  { name: 'docker', hostPath: '/var/lib/docker', mountPath: '/var/lib/docker' },
];

/**
 * cAdvisor as a pod manifest for the Docker target only, the stand-in for the kubelet's built-in
 * `/metrics/cadvisor`; the Docker target translates it like every synthesized workload.
 * Exemption from the non-root rule (uid 0): container metrics are read from the host's cgroups
 * and the Docker socket, which only root may read; every host path is mounted read-only, the
 * container is not published on the host and holds no credentials. Never deployed to Kubernetes.
 */
export function cadvisorDockerWorkload(settings: ResolvedSettings): Manifest {
  const component = resolveComponent('cadvisor', 'cadvisor', spec, settings.profile, undefined);
  return k8s.KubeDaemonSet.manifest({
    metadata: metadata(spec, settings.namespace),
    spec: {
      selector: { matchLabels: selectorLabels(spec) },
      template: {
        metadata: { labels: metadata(spec, settings.namespace).labels },
        spec: {
          securityContext: { runAsUser: spec.runAs, runAsGroup: spec.runAs },
          containers: [
            mainContainer(component, {
              args: [`--port=${spec.web.port}`, '--docker_only=true', '--store_container_labels=false'],
              volumeMounts: HOST_PATHS.map((p) => ({
                name: p.name,
                mountPath: p.mountPath,
                readOnly: true,
                mountPropagation: 'HostToContainer',
              })),
            }),
          ],
          volumes: HOST_PATHS.map((p) => ({ name: p.name, hostPath: { path: p.hostPath } })),
        },
      },
    },
  }) as Manifest;
}
