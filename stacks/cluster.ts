import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { StackSettings } from '../constructs/stack/settings';
import { Manifest } from '../constructs/stack/footprint';
import { PART_OF } from '../constructs/k8s/workload';
import { synthesize } from '../constructs/stack/synthesize';
import { DOCKER_COMPONENTS, DockerComponent } from './docker-components';
import { secretData, SecretValues } from './secrets';
import { COMPONENT_SPECS } from '../constructs/registry';

/** Arguments of ClusterStack. Validate them with `readStackConfig` (stacks/stack-config.ts). */
export interface ClusterStackArgs {
  /** Stack settings; the objects are exactly what `synthesize(settings)` produces. */
  readonly settings: StackSettings;
  /** Pulumi secret values; absent ones mean the cluster already holds the Secret. */
  readonly secrets: SecretValues;
  /** Provider to deploy with. @default a new provider for `context` with `serverSideApply` */
  readonly provider?: k8s.Provider;
  /** kubeconfig context of the default provider. @default the current context */
  readonly context?: string;
  /** Server-side apply on the default provider. @default true */
  readonly serverSideApply?: boolean;
}

/** A stack Service and how to reach it from a workstation. */
export interface ServiceAccess {
  /** In-cluster address `name.namespace.svc:port`. */
  readonly address: string;
  /** `kubectl port-forward` command exposing it on 127.0.0.1. */
  readonly portForward: string;
  /** URL once the port-forward runs. */
  readonly localUrl: string;
}

/**
 * The stack on a Kubernetes cluster: the namespaces, the Secrets built from Pulumi secret config,
 * then every other synthesized object in one `yaml/v2.ConfigGroup` that depends on both.
 */
export class ClusterStack extends pulumi.ComponentResource {
  /** The synthesized objects this component deploys (namespaces included). */
  readonly manifests: readonly Manifest[];
  readonly provider: k8s.Provider;
  readonly namespaces: k8s.core.v1.Namespace[];
  readonly secrets: k8s.core.v1.Secret[];
  /** Every synthesized object except the namespaces. */
  readonly objects: k8s.yaml.v2.ConfigGroup;
  /** Grafana, Prometheus and Alertmanager: address and port-forward command. */
  readonly services: Record<DockerComponent, ServiceAccess>;

  constructor(name: string, args: ClusterStackArgs, opts?: pulumi.ComponentResourceOptions) {
    super('observability:stack:Cluster', name, {}, opts);
    const { stack, manifests } = synthesize(args.settings);
    const settings = stack.settings;
    this.manifests = manifests;
    this.provider = args.provider ?? new k8s.Provider(`${name}-provider`, {
      ...(args.context ? { context: args.context } : {}),
      enableServerSideApply: args.serverSideApply ?? true,
    }, { parent: this });
    const child = { parent: this, provider: this.provider };

    this.namespaces = manifests
      .filter((m) => m.kind === 'Namespace')
      .map((m) => new k8s.core.v1.Namespace(`${name}-${m.metadata.name}`, m as k8s.types.input.core.v1.Namespace, child));

    this.secrets = Object.entries(secretData(settings, args.secrets)).map(
      ([secretName, stringData]) =>
        new k8s.core.v1.Secret(
          `${name}-${secretName}`,
          {
            metadata: { name: secretName, namespace: settings.namespace, labels: { 'app.kubernetes.io/part-of': PART_OF } },
            type: 'Opaque',
            stringData,
          },
          { ...child, dependsOn: this.namespaces, additionalSecretOutputs: ['data', 'stringData'] },
        ),
    );

    this.objects = new k8s.yaml.v2.ConfigGroup(
      `${name}-objects`,
      { objs: manifests.filter((m) => m.kind !== 'Namespace') },
      { ...child, dependsOn: [...this.namespaces, ...this.secrets] },
    );

    const context = args.context ? `--context ${args.context} ` : '';
    this.services = Object.fromEntries(
      DOCKER_COMPONENTS.map((c) => {
        const spec = COMPONENT_SPECS[c];
        const service = manifests.find((m) => m.kind === 'Service' && m.metadata.name === spec.name && m.metadata.namespace === settings.namespace);
        if (!service) throw new Error(`no Service ${spec.name} in namespace ${settings.namespace}`);
        const port = spec.web.port;
        return [c, {
          address: `${spec.name}.${settings.namespace}.svc:${port}`,
          portForward: `kubectl ${context}--namespace ${settings.namespace} port-forward svc/${spec.name} ${port}:${port}`,
          localUrl: `http://127.0.0.1:${port}`,
        }];
      }),
    ) as Record<DockerComponent, ServiceAccess>;
    this.registerOutputs({ services: this.services });
  }
}
