import * as docker from '@pulumi/docker';
import * as pulumi from '@pulumi/pulumi';
import * as random from '@pulumi/random';
import { ComponentSpec, imageOf } from '../config/component';
import { fail } from '../config/errors';
import { Manifest } from '../constructs/stack/footprint';
import { NAME_LABEL, PART_OF, PART_OF_LABEL } from '../constructs/k8s/labels';
import { COMPONENT_SPECS, stackPrometheusConfig, stackScrapeFiles, workloadComponents } from '../constructs/registry';
import { SCRAPE_SHARD_PREFIX } from '../constructs/prometheus/rule-shards';
import { workloadSpecs } from '../constructs/component';
import { ResolvedSettings } from '../constructs/stack/settings';
import { dockerOptions, PUBLISHED_COMPONENTS, PublishedComponent } from './docker-components';
import { ContainerPlan, planContainer } from './docker-container';
import { elasticsearchCredentials, elasticsearchTlsSecret, kibanaEncryptionKeys } from './elasticsearch-secrets';
import { checkDockerSecrets, checkSecrets, secretData, SecretValues } from './secrets';
import { StackSource, synthesized, workloadsOf } from './workloads';

const RESTART_POLICIES = ['always', 'unless-stopped', 'on-failure'] as const;

/** Arguments of DockerStack; the component validates them (the same checks as the stack program). */
export interface DockerStackArgs {
  /** Stack settings (profile `dev`: one container per component), or the stack synthesized from them. */
  readonly settings: StackSource;
  /** Pulumi secret values. @default none: receivers must then be off, the Grafana admin password is generated */
  readonly secrets?: SecretValues;
  /** Host address of published ports. @default `127.0.0.1` */
  readonly bindAddress?: string;
  /** Host port per published component. @default the catalog's web port */
  readonly hostPorts?: Partial<Record<PublishedComponent, number>>;
  /** host:port targets per monitored service. @default `<name>:<port>` on the stack network */
  readonly serviceTargets?: Readonly<Record<string, readonly string[]>>;
  /** Restart policy of every container. @default `unless-stopped` */
  readonly restart?: (typeof RESTART_POLICIES)[number];
}

/** Catalog entries of every container of the Docker workload components, in registry order. */
function dockerSpecs(settings: ResolvedSettings): ComponentSpec[] {
  // The database exporters run one container per declared instance (their `instances`).
  return workloadComponents(settings, 'docker').flatMap((c) => c.dockerSpecs?.(settings) ?? workloadSpecs(c, settings));
}

/**
 * The file contents of every ConfigMap of the manifests (name -> data): the same bytes the
 * pods mount. Only `prometheus.yml` and the scrape-job files differ: static targets on the Docker
 * network instead of Kubernetes discovery, in the same files of the same shards.
 */
function dockerConfigFiles(
  manifests: readonly Manifest[],
  settings: ResolvedSettings,
  services: Readonly<Record<string, readonly string[]>>,
): Record<string, Record<string, string>> {
  const targets = Object.fromEntries(dockerSpecs(settings).map((spec) => [spec.name, [`${spec.name}:${spec.web.port}`]]));
  const topology = { kind: 'static' as const, targets, services: services as Record<string, string[]> };
  const prometheusYml = stackPrometheusConfig(settings, topology);
  const scrapeFiles = stackScrapeFiles(settings, topology);
  const files: Record<string, Record<string, string>> = {};
  for (const m of manifests.filter((object) => object.kind === 'ConfigMap')) {
    const name = m.metadata.name;
    const data = { ...((m as { data?: Record<string, string> }).data ?? {}) };
    if ('prometheus.yml' in data) data['prometheus.yml'] = prometheusYml;
    if (name.startsWith(`${SCRAPE_SHARD_PREFIX}-`))
      for (const key of Object.keys(data)) {
        if (!(key in scrapeFiles)) throw new Error(`ConfigMap ${name}: no static scrape file ${key} for the Docker target`);
        data[key] = scrapeFiles[key];
      }
    if (files[name] && JSON.stringify(files[name]) !== JSON.stringify(data))
      throw new Error(`ConfigMap ${name} exists in two namespaces with different data; the Docker target cannot tell them apart`);
    files[name] = data;
  }
  return files;
}

/**
 * The stack on a local Docker engine: one user-defined network, a named volume per persistent
 * claim, pinned images, and one container per Docker workload component of the registry: the
 * synthesized workloads with the same args and the same ConfigMap files, plus cAdvisor for
 * container metrics. Without a configured Grafana admin password one is generated.
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
  readonly urls: Record<PublishedComponent, string>;
  /** The Grafana admin password (a secret): the configured one, or the generated one. */
  readonly grafanaAdminPassword: pulumi.Output<string>;
  /** The generated Grafana admin password, when none was configured. */
  readonly generatedPassword?: random.RandomPassword;

  constructor(name: string, args: DockerStackArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validate everything before registering anything.
    const where = `DockerStack "${name}"`;
    const { stack, manifests } = synthesized(args.settings);
    const settings = stack.settings;
    if (settings.profile !== 'dev')
      fail(
        where,
        'args.settings.profile',
        settings.profile,
        '"dev" on Docker (one container per component; the prod profile runs replicas on a cluster)',
      );
    if (settings.operator)
      fail(
        where,
        'args.settings.operator',
        { release: settings.operator.release },
        'unset on Docker (operator mode needs a cluster that runs the prometheus-operator)',
      );
    const options = dockerOptions(where, (k) => `args.${k}`, args, settings);
    const restart = args.restart ?? 'unless-stopped';
    if (!RESTART_POLICIES.includes(restart)) fail(where, 'args.restart', restart, RESTART_POLICIES.map((p) => `"${p}"`).join(', '));
    const given = args.secrets ?? {};
    checkSecrets(where, (k) => `args.secrets.${k}`, settings, given);
    checkDockerSecrets(where, (k) => `args.secrets.${k}`, settings, given);
    const es = settings.elasticsearch;
    if (es && (es.tls.http || es.tls.transport) && !elasticsearchTlsSecret(settings, given))
      fail(
        where,
        'args.secrets.elasticsearchTlsCertificate',
        undefined,
        'secrets elasticsearchTlsCertificate, elasticsearchTlsKey and elasticsearchTlsCa (PEM) for the Elasticsearch node, ' +
          'or settings.elasticsearch.tls { http: false, transport: false } on Docker',
      );

    super('observability:stack:Docker', name, {}, opts);
    const bind = options.bindAddress;

    if (given.grafanaAdminPassword) {
      this.grafanaAdminPassword = pulumi.secret(given.grafanaAdminPassword);
    } else {
      this.generatedPassword = new random.RandomPassword(
        `${name}-grafana-admin-password`,
        { length: 24, special: false },
        { parent: this },
      );
      this.grafanaAdminPassword = pulumi.secret(this.generatedPassword.result);
    }
    const secrets = secretData(settings, { ...given, grafanaAdminPassword: this.grafanaAdminPassword });
    // The logs store: its passwords (elastic from config, the others generated) and, with TLS, the
    // certificate from the secret config (never generated at synth time).
    const credentials = elasticsearchCredentials(this, name, settings, given.elasticPassword);
    if (credentials) secrets[credentials.secretName] = credentials.data;
    const kibanaKeys = kibanaEncryptionKeys(this, name, settings);
    if (kibanaKeys) secrets[kibanaKeys.secretName] = kibanaKeys.data;
    const certificate = elasticsearchTlsSecret(settings, given);
    if (certificate) secrets[certificate.secretName] = certificate.data;

    const files = dockerConfigFiles(manifests, settings, options.serviceTargets);
    const components = workloadComponents(settings, 'docker');
    // Docker-only workloads first: a Docker shape of a synthesized workload wins over it.
    const workloads = workloadsOf([...components.flatMap((c) => c.dockerWorkloads?.(settings) ?? []), ...manifests]);
    this.plans = dockerSpecs(settings).map((spec) => {
      const workload = workloads.find((w) => w.component === spec.name);
      if (!workload) throw new Error(`${where}: ${spec.name} runs on Docker but has no workload labelled ${spec.name}`);
      return planContainer(workload, spec, files, secrets);
    });

    const prefix = `${name}-${settings.environment}`;
    this.network = new docker.Network(
      `${name}-network`,
      { name: prefix, driver: 'bridge', labels: [{ label: PART_OF_LABEL, value: PART_OF }] },
      { parent: this },
    );
    this.volumes = {};
    this.containers = {};
    const published = new Map<string, number>(PUBLISHED_COMPONENTS.map((c) => [COMPONENT_SPECS[c].name, options.hostPorts[c]]));

    for (const plan of this.plans) {
      const component = plan.spec.name;
      const image = new docker.RemoteImage(`${name}-${component}-image`, { name: imageOf(plan.spec), keepLocally: true }, { parent: this });
      const volumes = plan.volumes.map((v) => {
        const volume = new docker.Volume(
          `${name}-${component}-${v.claim}`,
          { name: `${prefix}-${component}-${v.claim}` },
          { parent: this, retainOnDelete: true },
        );
        this.volumes[`${component}-${v.claim}`] = volume;
        return { volumeName: volume.name, containerPath: v.containerPath };
      });
      const hostPort = published.get(component);
      const hasSecret = plan.uploads.some((u) => u.secret) || plan.secretEnvs.length > 0;
      this.containers[component] = new docker.Container(
        `${name}-${component}`,
        {
          name: `${prefix}-${component}`,
          image: image.imageId,
          command: plan.command,
          envs: plan.secretEnvs.length ? pulumi.all(plan.secretEnvs).apply((secret) => [...plan.envs, ...secret]) : plan.envs,
          user: plan.user,
          // A Job runs to completion once: restarted only when it fails, and never required to keep running.
          ...(plan.oneShot ? { restart: 'on-failure', maxRetryCount: 4, mustRun: false } : { restart }),
          memory: plan.memoryMb,
          memoryReservation: plan.memoryReservationMb,
          cpus: plan.cpus,
          healthcheck: plan.healthcheck,
          // The in-cluster Service name resolves too, so configs naming `<name>.<namespace>.svc` work unchanged.
          networksAdvanced: [{ name: this.network.name, aliases: [component, `${component}.${settings.namespace}.svc`] }],
          ports: hostPort === undefined ? [] : [{ internal: plan.spec.web.port, external: hostPort, ip: bind }],
          volumes,
          mounts: plan.binds.map((b) => ({
            type: 'bind',
            source: b.hostPath,
            target: b.containerPath,
            readOnly: true,
            bindOptions: { propagation: b.propagation },
          })),
          tmpfs: plan.tmpfs,
          pidMode: plan.pidMode,
          capabilities: { drops: ['ALL'] },
          securityOpts: ['no-new-privileges:true'],
          uploads: plan.uploads.map((u) => ({
            file: u.file,
            content: u.content,
            ...(u.secret
              ? { permissions: '0400', owner: plan.user.split(':')[0], group: plan.user.split(':')[1] }
              : { permissions: '0444' }),
          })),
          labels: [
            { label: PART_OF_LABEL, value: PART_OF },
            { label: NAME_LABEL, value: component },
          ],
          logDriver: 'json-file',
          logOpts: { 'max-size': '10m', 'max-file': '3' },
        },
        { parent: this, ...(hasSecret ? { additionalSecretOutputs: ['uploads', 'envs'] } : {}) },
      );
    }
    this.urls = Object.fromEntries(
      PUBLISHED_COMPONENTS.map((c) => [c, `http://${bind === '0.0.0.0' ? '127.0.0.1' : bind}:${options.hostPorts[c]}`]),
    ) as Record<PublishedComponent, string>;
    this.registerOutputs({ urls: this.urls, grafanaAdminPassword: this.grafanaAdminPassword });
  }
}
