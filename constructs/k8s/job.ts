/** The idempotent setup Jobs (Elasticsearch's, Kibana's): a script and its plan from a ConfigMap, passwords from a Secret. */
import { k8s } from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { ComponentSpec, imageOf } from '../../config/component';
import { metadata } from './labels';
import { configMap, serviceAccount } from './objects';
import { containerResources, containerSecurityContext, podDefaults, scratchVolume } from './pod';
import { checksum } from './workload';

/** What differs between the setup Jobs. */
export interface SetupJobOptions {
  /** Namespace of the Job. */
  readonly namespace: string;
  /** PriorityClass of its pod. */
  readonly priorityClassName: string;
  /** The script (`setup.sh`) and its plan files, mounted at `spec.configDir`. */
  readonly files: Record<string, string>;
  /** The Secret of the passwords, mounted at `spec.secretsDir` (one file per key). */
  readonly credentials: k8s.SecretVolumeSource;
  /** Environment beyond PLAN_DIR, CREDENTIALS_DIR and WORK_DIR. @default none */
  readonly env?: k8s.EnvVar[];
  /** Further volumes and their mounts (e.g. a CA certificate). @default none */
  readonly volumes?: ReadonlyArray<{ readonly volume: k8s.Volume; readonly mount: k8s.VolumeMount }>;
}

/** Where the Job's private scratch directory is (the root filesystem is read-only). */
const WORK_DIR = '/tmp';

/**
 * A setup Job with its ServiceAccount and ConfigMap. Its name carries a hash of what it sends,
 * so a changed plan is a new Job (a Job's pod template is immutable) and an unchanged one is left
 * alone; finished Jobs are removed after a day. The script retries while its server is not
 * ready, bounded; Kubernetes retries the whole Job a few times more.
 */
export function setupJob(
  scope: Construct,
  spec: ComponentSpec & { readonly configDir: string; readonly secretsDir: string },
  options: SetupJobOptions,
): k8s.KubeJob {
  const { namespace: ns, files } = options;
  const configName = `${spec.name}-config`;
  serviceAccount(scope, spec, ns);
  configMap(scope, 'config', spec, ns, configName, files);
  const name = `${spec.name}-${checksum(files).slice(0, 10)}`;
  const labels = { ...metadata(spec, ns).labels, 'app.kubernetes.io/instance': name };
  const extra = options.volumes ?? [];
  return new k8s.KubeJob(scope, 'job', {
    metadata: { name, namespace: ns, labels },
    spec: {
      backoffLimit: 4,
      activeDeadlineSeconds: 3600,
      ttlSecondsAfterFinished: 86400,
      template: {
        metadata: { labels },
        spec: {
          ...podDefaults(spec, spec.name, options.priorityClassName),
          restartPolicy: 'Never',
          containers: [
            {
              name: spec.name,
              image: imageOf(spec),
              imagePullPolicy: 'IfNotPresent',
              command: ['bash', `${spec.configDir}/setup.sh`],
              env: [
                ...(options.env ?? []),
                { name: 'PLAN_DIR', value: spec.configDir },
                { name: 'CREDENTIALS_DIR', value: spec.secretsDir },
                { name: 'WORK_DIR', value: WORK_DIR },
              ],
              resources: containerResources({ spec, replicas: 1, resources: spec.sizing.dev.resources }),
              securityContext: containerSecurityContext(),
              volumeMounts: [
                { name: 'config', mountPath: spec.configDir, readOnly: true },
                { name: 'credentials', mountPath: spec.secretsDir, readOnly: true },
                ...extra.map((v) => v.mount),
                { name: 'tmp', mountPath: WORK_DIR },
              ],
            },
          ],
          volumes: [
            { name: 'config', configMap: { name: configName } },
            { name: 'credentials', secret: options.credentials },
            ...extra.map((v) => v.volume),
            scratchVolume('tmp', '16Mi'),
          ],
        },
      },
    },
  });
}
