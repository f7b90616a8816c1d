import { cadvisorSpec } from '../constructs/cadvisor/spec';
import { ContainerPlan, healthcheckOf, sizingOf } from './docker-container';

const spec = cadvisorSpec;

/**
 * cAdvisor, the Docker stand-in for the kubelet's built-in `/metrics/cadvisor`: container CPU,
 * memory and filesystem series under the same `cadvisor` job. Exemption: it runs as root with
 * read-only views of the host's root, /sys, /var/run (Docker socket, for container names) and
 * Docker's data directory, because container metrics are read from the host's cgroups; it is
 * not published on the host and holds no credentials.
 */
export function cadvisorPlan(): ContainerPlan {
  const container = {
    name: spec.name,
    ports: [{ name: spec.web.name, containerPort: spec.web.port }],
    readinessProbe: { httpGet: { path: spec.readinessPath, port: spec.web.name } },
    resources: spec.sizing.dev.resources,
  };
  return {
    spec,
    command: [`--port=${spec.web.port}`, '--docker_only=true', '--store_container_labels=false'],
    envs: [],
    user: `${spec.runAs}:${spec.runAs}`,
    uploads: [],
    volumes: [],
    binds: [
      { hostPath: '/', containerPath: '/rootfs' },
      { hostPath: '/var/run', containerPath: '/var/run' },
      { hostPath: '/sys', containerPath: '/sys' },
      { hostPath: '/var/lib/docker', containerPath: '/var/lib/docker' },
    ].map((b) => ({ ...b, propagation: 'rslave' })),
    tmpfs: {},
    ...sizingOf(`docker ${spec.name}`, container),
    healthcheck: healthcheckOf(container),
  };
}
