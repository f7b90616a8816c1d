import * as pulumi from '@pulumi/pulumi';
import { ComponentSpec } from '../config/component';
import { byteQuantity, cpuQuantity } from '../config/quantity';
import { ContainerProbe, PodContainer, Workload } from './workloads';

/** A file the Docker target uploads into a container before it starts. */
export interface UploadPlan {
  /** Absolute path in the container. */
  readonly file: string;
  /** Contents: rendered config text, or a Pulumi secret. */
  readonly content: string | pulumi.Output<string>;
  /** Secret file (owner-only read permission). */
  readonly secret: boolean;
  /** Where the content comes from: `configmap/<name>` or `secret/<name>`. */
  readonly source: string;
}

/** What one container looks like on Docker, before it becomes a `docker.Container`. */
export interface ContainerPlan {
  readonly spec: ComponentSpec;
  /** Arguments after the image's entrypoint. */
  readonly command: string[];
  /** `NAME=value` environment entries: literal values and the pod's own name. */
  readonly envs: string[];
  /** `NAME=value` entries whose value comes from a Secret (Pulumi secrets). */
  readonly secretEnvs: pulumi.Output<string>[];
  /** A run-to-completion container (a Job): started once, restarted only on failure, no health check. */
  readonly oneShot: boolean;
  /** `uid:gid`. */
  readonly user: string;
  readonly uploads: UploadPlan[];
  /** Named volumes (persistent data), by claim name. */
  readonly volumes: Array<{ readonly claim: string; readonly containerPath: string }>;
  /** Read-only host bind mounts (host agents only). */
  readonly binds: Array<{ readonly hostPath: string; readonly containerPath: string; readonly propagation?: string }>;
  /** Scratch directories as tmpfs: path -> mount options. */
  readonly tmpfs: Record<string, string>;
  readonly pidMode?: 'host';
  /** Memory limit and reservation in MB, CPU limit in cores. */
  readonly memoryMb: number;
  readonly memoryReservationMb: number;
  readonly cpus: string;
  /** Docker health check equivalent of the readiness probe, timed like the liveness probe (none for one-shot containers). */
  readonly healthcheck?: { tests: string[]; interval: string; timeout: string; retries: number; startPeriod: string };
}

const MB = 2 ** 20;
const PROPAGATION: Record<string, string> = { HostToContainer: 'rslave', Bidirectional: 'rshared', None: 'rprivate' };

/**
 * Docker health check from the pod's probes: wget (in every stack image that probes over HTTP)
 * against the readiness endpoint, or bash's /dev/tcp for a TCP readiness probe (Elasticsearch's
 * image has bash). The start period covers the startup probe, if any.
 */
export function healthcheckOf(container: PodContainer): NonNullable<ContainerPlan['healthcheck']> {
  const readiness = container.readinessProbe;
  const liveness: ContainerProbe = container.livenessProbe ?? readiness ?? {};
  const probe = readiness?.httpGet ?? readiness?.tcpSocket;
  if (!probe) throw new Error(`container ${container.name}: the Docker health check needs an HTTP or TCP readiness probe`);
  const { port } = probe;
  const number = typeof port === 'number' ? port : container.ports?.find((p) => p.name === port)?.containerPort;
  if (number === undefined) throw new Error(`container ${container.name}: probe port ${port} is not a container port`);
  const startup = container.startupProbe;
  const startPeriod = startup ? (startup.periodSeconds ?? 10) * (startup.failureThreshold ?? 3) : (liveness.initialDelaySeconds ?? 10);
  return {
    tests: readiness?.httpGet
      ? ['CMD', 'wget', '-q', '--spider', `http://127.0.0.1:${number}${readiness.httpGet.path}`]
      : ['CMD', 'bash', '-c', `exec 3<>/dev/tcp/127.0.0.1/${number}`],
    interval: `${liveness.periodSeconds ?? 15}s`,
    timeout: `${liveness.timeoutSeconds ?? 5}s`,
    retries: liveness.failureThreshold ?? 3,
    startPeriod: `${startPeriod}s`,
  };
}

/** Memory and CPU from the container's limits (and memory request as the reservation). */
export function sizingOf(where: string, container: PodContainer): Pick<ContainerPlan, 'memoryMb' | 'memoryReservationMb' | 'cpus'> {
  const limits = container.resources?.limits;
  const requests = container.resources?.requests;
  if (!limits?.memory || !limits?.cpu) throw new Error(`${where}: the Docker target needs CPU and memory limits`);
  return {
    memoryMb: Math.ceil(byteQuantity(where, 'limits.memory', limits.memory) / MB),
    memoryReservationMb: Math.ceil(byteQuantity(where, 'requests.memory', requests?.memory ?? limits.memory) / MB),
    cpus: String(cpuQuantity(where, 'limits.cpu', limits.cpu)),
  };
}

/**
 * Translates a synthesized workload to a Docker container: the same args, literal env,
 * config files (from `files`, keyed by ConfigMap name) uploaded at the pod's mount paths,
 * secret files from `secrets` (keyed by Secret name), claims as named volumes, emptyDirs as
 * tmpfs, read-only hostPaths as bind mounts. Kubernetes-only volumes (the projected
 * service-account token) are left out.
 */
export function planContainer(
  workload: Workload,
  spec: ComponentSpec,
  files: Readonly<Record<string, Record<string, string>>>,
  secrets: Readonly<Record<string, Record<string, pulumi.Output<string>>>>,
): ContainerPlan {
  const where = `${workload.kind} ${workload.name}`;
  const c = workload.container;
  if (workload.sidecars.length > 0)
    throw new Error(
      `${where}: the Docker target translates pods with exactly one container (also ${workload.sidecars.join(', ')}); ` +
        'give each container a Docker workload',
    );
  if (workload.initContainers.length > 0)
    throw new Error(`${where}: init containers (${workload.initContainers.join(', ')}) do not run on Docker; give it a Docker workload`);
  const plan = {
    uploads: [] as UploadPlan[],
    volumes: [] as ContainerPlan['volumes'],
    binds: [] as ContainerPlan['binds'],
    tmpfs: {} as Record<string, string>,
  };
  for (const mount of c.volumeMounts ?? []) {
    const volume = workload.volumes.find((v) => v.name === mount.name);
    const fileAt = (key: string) => (mount.subPath ? (mount.subPath === key ? mount.mountPath : undefined) : `${mount.mountPath}/${key}`);
    if (!volume) {
      if (!workload.claims.includes(mount.name)) throw new Error(`${where}: mount ${mount.name} has no volume`);
      plan.volumes.push({ claim: mount.name, containerPath: mount.mountPath });
    } else if (volume.configMap || (volume.projected && !volume.projected.sources.some((source) => source.serviceAccountToken))) {
      // A ConfigMap, or a projected volume combining several (the Prometheus rule shards).
      // Projected service-account tokens exist only on Kubernetes (handled below).
      const names = volume.configMap
        ? [volume.configMap.name]
        : volume.projected!.sources.flatMap((source) => (source.configMap ? [source.configMap.name] : []));
      for (const name of names) {
        const data = files[name];
        if (!data)
          throw new Error(`${where}: no Docker file source for ConfigMap ${name} (no such ConfigMap in the synthesized manifests)`);
        for (const key of Object.keys(data).sort()) {
          const file = fileAt(key);
          if (file) plan.uploads.push({ file, content: data[key], secret: false, source: `configmap/${name}` });
        }
      }
    } else if (volume.secret) {
      const data = secrets[volume.secret.secretName];
      if (!data && !volume.secret.optional) throw new Error(`${where}: Secret ${volume.secret.secretName} is not configured`);
      // `items` picks keys (e.g. only ca.crt of a TLS Secret) and names their files.
      const items = volume.secret.items ?? Object.keys(data ?? {}).map((key) => ({ key, path: key }));
      for (const { key, path } of [...items].sort((a, b) => a.path.localeCompare(b.path))) {
        if (data && !(key in data)) throw new Error(`${where}: Secret ${volume.secret.secretName} has no key ${key}`);
        if (!data) continue;
        const file = fileAt(path);
        if (file) plan.uploads.push({ file, content: data[key], secret: true, source: `secret/${volume.secret.secretName}` });
      }
    } else if (volume.emptyDir) {
      const size = volume.emptyDir.sizeLimit
        ? `,size=${byteQuantity(where, `volumes.${volume.name}.emptyDir.sizeLimit`, volume.emptyDir.sizeLimit)}`
        : '';
      plan.tmpfs[mount.mountPath] = `rw,noexec,nosuid,nodev,mode=1777${size}`;
    } else if (volume.hostPath) {
      if (!mount.readOnly) throw new Error(`${where}: host path ${volume.hostPath.path} must be mounted read-only`);
      plan.binds.push({
        hostPath: volume.hostPath.path,
        containerPath: mount.mountPath,
        propagation: PROPAGATION[mount.mountPropagation ?? 'None'],
      });
    } else if (!volume.projected) {
      throw new Error(`${where}: volume ${volume.name} has a source the Docker target cannot translate`);
    }
    // projected: the service-account token exists only on Kubernetes.
  }
  const uid = workload.runAsUser ?? spec.runAs;
  const secretEnvs = (c.env ?? []).flatMap((e) => {
    const ref = e.valueFrom?.secretKeyRef;
    if (!ref) return [];
    const value = secrets[ref.name]?.[ref.key];
    if (value === undefined) throw new Error(`${where}: env ${e.name} needs key ${ref.key} of Secret ${ref.name}, which is not configured`);
    return [pulumi.secret(pulumi.interpolate`${e.name}=${value}`)];
  });
  const oneShot = workload.kind === 'Job';
  return {
    spec,
    command: [...(c.args ?? [])],
    envs: (c.env ?? []).flatMap((e) =>
      e.value !== undefined
        ? [`${e.name}=${e.value}`]
        : // The pod's own name (a StatefulSet node name) is the workload's name on Docker.
          e.valueFrom?.fieldRef?.fieldPath === 'metadata.name'
          ? [`${e.name}=${workload.name}`]
          : [],
    ),
    secretEnvs,
    oneShot,
    user: `${uid}:${workload.runAsGroup ?? uid}`,
    ...plan,
    pidMode: workload.hostPID ? 'host' : undefined,
    ...sizingOf(where, c),
    ...(oneShot ? {} : { healthcheck: healthcheckOf(c) }),
  };
}
