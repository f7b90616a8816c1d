import { posix } from 'path';
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { Flow, FlowPeer, tcp } from '../../config/flows';
import { podsOf } from '../component';
import { clusterService, serviceAccount } from '../k8s/objects';
import { mainContainer } from '../k8s/pod';
import { ANY_POD, ownNetworkPolicy, resolveWorkloadProps, WorkloadProps } from '../k8s/standalone';
import { replicatedWorkload } from '../k8s/workload';
import { DatabaseInstanceSettings, ExporterKind, resolveDatabaseInstance, ResolvedDatabaseInstance, SecretUse } from './settings';

/** Props of the shared DatabaseExporter construct: the kind, one validated instance and where it runs. */
export interface DatabaseExporterProps<S extends DatabaseInstanceSettings> extends WorkloadProps {
  /** Kind of database (its folder's definition). @default none (required) */
  readonly kind: ExporterKind<S>;
  /** The validated instance (see `resolveDatabaseInstance`). @default none (required) */
  readonly instance: ResolvedDatabaseInstance<S>;
}

/** Flow peer of one database address of an instance: its host, narrowed to the instance's CIDR or pods when it names them. */
export function databasePeer(
  title: string,
  instance: ResolvedDatabaseInstance,
  address: ResolvedDatabaseInstance['addresses'][number],
): FlowPeer {
  return {
    kind: 'address',
    label: `${title} ${instance.name}`,
    host: address.host,
    ...(instance.cidr ? { cidr: instance.cidr } : {}),
    ...(instance.pods ? { pods: instance.pods } : {}),
  };
}

/**
 * The flows of one instance's exporter: ingress on its web port from `scraper` (Prometheus in the
 * stack), egress to exactly the database address(es) on their ports.
 */
export function exporterFlows(title: string, instance: ResolvedDatabaseInstance, namespace: string, scraper: Flow['from']): Flow[] {
  const spec = instance.component.spec;
  const pods = podsOf(spec, namespace);
  return [
    { from: scraper, to: pods, ports: tcp(spec.web.port), purpose: 'scrape' },
    ...instance.addresses.map((address): Flow => ({
      from: pods,
      to: databasePeer(title, instance, address),
      ports: tcp(address.port),
      purpose: `${title} ${instance.name}`,
    })),
  ];
}

/** Environment variables of the process: literal ones, then those set from a Secret key (`secretKeyRef`). */
function containerEnv(env: Readonly<Record<string, string>>, secrets: readonly SecretUse[]): k8s.EnvVar[] {
  return [
    ...Object.entries(env).map(([name, value]) => ({ name, value })),
    ...secrets.flatMap((use) =>
      use.env ? [{ name: use.env, valueFrom: { secretKeyRef: { name: use.secret.name, key: use.secret.key } } }] : [],
    ),
  ];
}

/**
 * One database exporter: a one-replica Deployment (hardened pod, sized per profile, probed), its
 * Service and ServiceAccount (no API access). Credentials only come from the referenced Secret:
 * as a `secretKeyRef` variable or as a file of a Secret volume, never as a literal value.
 */
export class DatabaseExporter<S extends DatabaseInstanceSettings> extends Construct {
  constructor(scope: Construct, id: string, props: DatabaseExporterProps<S>) {
    super(scope, id);
    const where = this.node.path;
    const { namespace: ns, priorityClassName, networkPolicy } = resolveWorkloadProps(where, props);
    const { kind, instance } = props;
    const component = instance.component;
    const spec = component.spec;
    if (networkPolicy) ownNetworkPolicy(this, spec, ns, exporterFlows(kind.title, instance, ns, ANY_POD));
    const process = kind.process(instance.settings, spec);
    const files = process.secrets.filter((use) => use.file);
    // Every secret file lives in the spec's secrets directory, from one Secret (one volume).
    const secretNames = [...new Set(files.map((use) => use.secret.name))];
    if (secretNames.length > 1 || files.some((use) => posix.dirname(use.file!) !== spec.secretsDir))
      throw new Error(`${where}: ${spec.name} mounts secret files from one Secret into ${spec.secretsDir} only`);
    const volumes: k8s.Volume[] = secretNames.map((secretName) => ({
      name: 'credentials',
      secret: {
        secretName,
        // Owner and group read: the pod's fsGroup is the exporter's gid.
        defaultMode: 0o440,
        items: files.map((use) => ({ key: use.secret.key, path: posix.basename(use.file!) })),
      },
    }));
    serviceAccount(this, spec, ns);
    clusterService(this, 'service', spec, ns);
    replicatedWorkload(this, spec, {
      component,
      namespace: ns,
      priorityClassName,
      container: mainContainer(component, {
        args: [...process.args],
        env: containerEnv(process.env, process.secrets),
        volumeMounts: volumes.map((v) => ({ name: v.name, mountPath: spec.secretsDir!, readOnly: true })),
      }),
      ...(volumes.length ? { volumes } : {}),
    });
  }
}

/** The props of WorkloadProps, to split a standalone construct's props from its instance settings. */
const WORKLOAD_PROP_KEYS = ['namespace', 'profile', 'priorityClassName', 'networkPolicy'] as const;

/**
 * The body of a kind's standalone construct (`new PostgresExporter(chart, 'orders', {...})`):
 * validates the instance settings in `props` (errors name `props.<field>`) and adds its exporter.
 */
export function standaloneExporter<S extends DatabaseInstanceSettings>(
  scope: Construct,
  kind: ExporterKind<S>,
  props: S & WorkloadProps,
): DatabaseExporter<S> {
  const where = scope.node.path;
  const { profile } = resolveWorkloadProps(where, props);
  const settings = Object.fromEntries(
    Object.entries(props).filter(([key]) => !(WORKLOAD_PROP_KEYS as readonly string[]).includes(key)),
  ) as unknown as S;
  const workload = Object.fromEntries(Object.entries(props).filter(([key]) => (WORKLOAD_PROP_KEYS as readonly string[]).includes(key)));
  const instance = resolveDatabaseInstance(where, 'props', profile, kind, settings);
  return new DatabaseExporter(scope, 'exporter', { kind, instance, ...workload });
}
