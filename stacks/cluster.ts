import * as k8s from '@pulumi/kubernetes';
import * as pulumi from '@pulumi/pulumi';
import { fail } from '../config/errors';
import { Manifest } from '../constructs/stack/footprint';
import { PART_OF, PART_OF_LABEL } from '../constructs/k8s/labels';
import { PUBLISHED_COMPONENTS, PublishedComponent } from './docker-components';
import { clientCredentialCopies, elasticsearchCredentials, kibanaEncryptionKeys } from './elasticsearch-secrets';
import { checkSecrets, secretData, SecretValues } from './secrets';
import { COMPONENT_SPECS } from '../constructs/registry';
import { StackSource, synthesized } from './workloads';

/** Arguments of ClusterStack; the component validates them (the same checks as the stack program). */
export interface ClusterStackArgs {
  /** Stack settings, or the stack synthesized from them; the objects are exactly what `synthesize(settings)` produces. */
  readonly settings: StackSource;
  /** Pulumi secret values; an absent Grafana login means the cluster already holds that Secret. @default none */
  readonly secrets?: SecretValues;
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
  readonly services: Record<PublishedComponent, ServiceAccess>;

  constructor(name: string, args: ClusterStackArgs, opts?: pulumi.ComponentResourceOptions) {
    // Validate everything before registering anything.
    const where = `ClusterStack "${name}"`;
    const { stack, manifests } = synthesized(args.settings);
    const settings = stack.settings;
    if (args.context !== undefined && (typeof args.context !== 'string' || args.context.trim() === ''))
      fail(where, 'args.context', args.context, 'a kubeconfig context name (or leave unset for the current context)');
    if (args.serverSideApply !== undefined && typeof args.serverSideApply !== 'boolean')
      fail(where, 'args.serverSideApply', args.serverSideApply, 'true or false');
    const values = args.secrets ?? {};
    checkSecrets(where, (k) => `args.secrets.${k}`, settings, values);

    super('observability:stack:Cluster', name, {}, opts);
    this.manifests = manifests;
    this.provider =
      args.provider ??
      new k8s.Provider(
        `${name}-provider`,
        {
          ...(args.context ? { context: args.context } : {}),
          enableServerSideApply: args.serverSideApply ?? true,
        },
        { parent: this },
      );
    const child = { parent: this, provider: this.provider };

    this.namespaces = manifests
      .filter((m) => m.kind === 'Namespace')
      .map((m) => new k8s.core.v1.Namespace(`${name}-${m.metadata.name}`, m as k8s.types.input.core.v1.Namespace, child));

    this.secrets = Object.entries(secretData(settings, values)).map(
      ([secretName, stringData]) =>
        new k8s.core.v1.Secret(
          `${name}-${secretName}`,
          {
            metadata: { name: secretName, namespace: settings.namespace, labels: { [PART_OF_LABEL]: PART_OF } },
            type: 'Opaque',
            stringData,
          },
          { ...child, dependsOn: this.namespaces, additionalSecretOutputs: ['data', 'stringData'] },
        ),
    );

    // The logs store's passwords (elastic from config, the others generated), in its own namespace.
    // Kibana's encryption keys (generated), in its namespace, the same way.
    // Clients outside that namespace (Filebeat in the agents namespace) get a copy holding only their own keys.
    const esCredentials = elasticsearchCredentials(this, name, settings, values.elasticPassword);
    const generated = [esCredentials, kibanaEncryptionKeys(this, name, settings)];
    const copies = clientCredentialCopies(settings, esCredentials).map((copy) => ({ ...copy, id: `${copy.secretName}-${copy.namespace}` }));
    for (const credentials of [...generated.map((c) => c && { ...c, id: c.secretName }), ...copies]) {
      if (!credentials) continue;
      this.secrets.push(
        new k8s.core.v1.Secret(
          `${name}-${credentials.id}`,
          {
            metadata: { name: credentials.secretName, namespace: credentials.namespace, labels: { [PART_OF_LABEL]: PART_OF } },
            type: 'Opaque',
            stringData: credentials.data,
          },
          { ...child, dependsOn: this.namespaces, additionalSecretOutputs: ['data', 'stringData'] },
        ),
      );
    }

    this.objects = new k8s.yaml.v2.ConfigGroup(
      `${name}-objects`,
      { objs: manifests.filter((m) => m.kind !== 'Namespace') },
      { ...child, dependsOn: [...this.namespaces, ...this.secrets] },
    );

    const context = args.context ? `--context ${args.context} ` : '';
    this.services = Object.fromEntries(
      PUBLISHED_COMPONENTS.map((c) => {
        const spec = COMPONENT_SPECS[c];
        const service = manifests.find(
          (m) => m.kind === 'Service' && m.metadata.name === spec.name && m.metadata.namespace === settings.namespace,
        );
        if (!service) throw new Error(`no Service ${spec.name} in namespace ${settings.namespace}`);
        const port = spec.web.port;
        return [
          c,
          {
            address: `${spec.name}.${settings.namespace}.svc:${port}`,
            portForward: `kubectl ${context}--namespace ${settings.namespace} port-forward svc/${spec.name} ${port}:${port}`,
            localUrl: `http://127.0.0.1:${port}`,
          },
        ];
      }),
    ) as Record<PublishedComponent, ServiceAccess>;
    this.registerOutputs({ services: this.services });
  }
}
