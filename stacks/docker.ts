import * as docker from '@pulumi/docker';
import * as pulumi from '@pulumi/pulumi';
import { imageOf } from '../config/component';
import { StackSettings } from '../constructs/stack/settings';
import { synthesize } from '../constructs/stack/synthesize';
import { cadvisorPlan } from './docker-cadvisor';
import { DOCKER_COMPONENTS, DockerComponent, KUBERNETES_ONLY, specOf } from './docker-components';
import { ContainerPlan, planContainer } from './docker-container';
import { dockerConfigFiles } from './docker-files';
import { secretData, SecretValues } from './secrets';
import { workloadsOf } from './workloads';
import { alertmanagerSpec } from '../constructs/alertmanager/spec';
import { blackboxExporterSpec } from '../constructs/blackbox-exporter/spec';
import { cadvisorSpec } from '../constructs/cadvisor/spec';
import { grafanaSpec } from '../constructs/grafana/spec';
import { nodeExporterSpec } from '../constructs/node-exporter/spec';
import { prometheusSpec } from '../constructs/prometheus/spec';
import { COMPONENT_SPECS } from '../constructs/registry';

/** Arguments of DockerStack. Validate them with `readStackConfig` (stacks/stack-config.ts). */
export interface DockerStackArgs {
  /** Stack settings (profile `dev`: one container per component). */
  readonly settings: StackSettings;
  /** Pulumi secret values; `grafanaAdminPassword` is required on Docker. */
  readonly secrets: SecretValues;
  /** Host address of published ports. @default `127.0.0.1` */
  readonly bindAddress?: string;
  /** Host port per published component. @default the catalog's web port */
  readonly hostPorts?: Partial<Record<DockerComponent, number>>;
  /** host:port targets per monitored service. @default `<name>:<port>` on the stack network */
  readonly serviceTargets?: Readonly<Record<string, readonly string[]>>;
  /** Restart policy of every container. @default `unless-stopped` */
  readonly restart?: 'always' | 'unless-stopped' | 'on-failure';
}

/**
 * The stack on a local Docker engine: one user-defined network, a named volume per persistent
 * claim, pinned images, and one container per synthesized workload (except Kubernetes-only ones)
 * with the same args and the same rendered files, plus cAdvisor for container metrics.
 */
export class DockerStack extends pulumi.ComponentResource {
  /** The stack network; containers join it under their component name. */
  readonly network: docker.Network;
  /** Named volumes, by `<component>-<claim>`. */
  readonly volumes: Record<string, docker.Volume>;
  /** Containers, by component name. */
  readonly containers: Record<string, docker.Container>;
  /** The plans the containers were built from (for inspection and tests). */
  readonly plans: readonly ContainerPlan[];
  /** Local URLs of the published components. */
  readonly urls: Record<DockerComponent, string>;

  constructor(name: string, args: DockerStackArgs, opts?: pulumi.ComponentResourceOptions) {
    super('observability:stack:Docker', name, {}, opts);
    const { stack, manifests } = synthesize(args.settings);
    const settings = stack.settings;
    const bind = args.bindAddress ?? '127.0.0.1';
    const host = (c: { name: string; web: { port: number } }) => `${c.name}:${c.web.port}`;
    const workloads = workloadsOf(manifests).filter((w) => !(w.name in KUBERNETES_ONLY));
    const has = (component: string) => workloads.some((w) => w.name === component);

    const files = dockerConfigFiles(settings, {
      kind: 'static',
      targets: { prometheus: [host(prometheusSpec)],
      alertmanager: [host(alertmanagerSpec)],
      grafana: [host(grafanaSpec)],
      'node-exporter': [host(nodeExporterSpec)],
      cadvisor: [host(cadvisorSpec)],
      ...(has(blackboxExporterSpec.name) ? { 'blackbox-exporter': [host(blackboxExporterSpec)] } : {}) },
      services: args.serviceTargets ?? Object.fromEntries(settings.services.map((s) => [s.name, [`${s.name}:${s.port}`]])),
    });
    const secrets = secretData(settings, args.secrets);
    this.plans = [...workloads.map((w) => planContainer(w, specOf(w.name), files, secrets)), cadvisorPlan()];

    const prefix = `${name}-${settings.environment}`;
    this.network = new docker.Network(`${name}-network`, { name: prefix, driver: 'bridge', labels: [{ label: 'app.kubernetes.io/part-of', value: 'observability-stack' }] }, { parent: this });
    this.volumes = {};
    this.containers = {};
    const published = new Map<string, number>(DOCKER_COMPONENTS.map((c) => [COMPONENT_SPECS[c].name, args.hostPorts?.[c] ?? COMPONENT_SPECS[c].web.port]));

    for (const plan of this.plans) {
      const component = plan.spec.name;
      const image = new docker.RemoteImage(`${name}-${component}-image`, { name: imageOf(plan.spec), keepLocally: true }, { parent: this });
      const volumes = plan.volumes.map((v) => {
        const volume = new docker.Volume(`${name}-${component}-${v.claim}`, { name: `${prefix}-${component}-${v.claim}` }, { parent: this, retainOnDelete: true });
        this.volumes[`${component}-${v.claim}`] = volume;
        return { volumeName: volume.name, containerPath: v.containerPath };
      });
      const hostPort = published.get(component);
      const hasSecret = plan.uploads.some((u) => u.secret);
      this.containers[component] = new docker.Container(
        `${name}-${component}`,
        {
          name: `${prefix}-${component}`,
          image: image.imageId,
          command: plan.command,
          envs: plan.envs,
          user: plan.user,
          restart: args.restart ?? 'unless-stopped',
          memory: plan.memoryMb,
          memoryReservation: plan.memoryReservationMb,
          cpus: plan.cpus,
          healthcheck: plan.healthcheck,
          networksAdvanced: [{ name: this.network.name, aliases: [component] }],
          ports: hostPort === undefined ? [] : [{ internal: plan.spec.web.port, external: hostPort, ip: bind }],
          volumes,
          mounts: plan.binds.map((b) => ({ type: 'bind', source: b.hostPath, target: b.containerPath, readOnly: true, bindOptions: { propagation: b.propagation } })),
          tmpfs: plan.tmpfs,
          pidMode: plan.pidMode,
          capabilities: { drops: ['ALL'] },
          securityOpts: ['no-new-privileges:true'],
          uploads: plan.uploads.map((u) => ({
            file: u.file,
            content: u.content,
            ...(u.secret ? { permissions: '0400', owner: plan.user.split(':')[0], group: plan.user.split(':')[1] } : { permissions: '0444' }),
          })),
          labels: [{ label: 'app.kubernetes.io/part-of', value: 'observability-stack' }, { label: 'app.kubernetes.io/name', value: component }],
          logDriver: 'json-file',
          logOpts: { 'max-size': '10m', 'max-file': '3' },
        },
        { parent: this, ...(hasSecret ? { additionalSecretOutputs: ['uploads'] } : {}) },
      );
    }
    this.urls = Object.fromEntries(DOCKER_COMPONENTS.map((c) => [c, `http://${bind === '0.0.0.0' ? '127.0.0.1' : bind}:${published.get(COMPONENT_SPECS[c].name)}`])) as Record<DockerComponent, string>;
    this.registerOutputs({ urls: this.urls });
  }
}
