import { k8s } from 'cdk8s-plus-28';
import { mainContainer } from '../k8s/pod';
import { prometheusSpec } from '../prometheus/spec';
import { ResolvedThanos } from './settings';
import { THANOS_GRPC_PORT, thanosSidecarSpec } from './spec';

const spec = thanosSidecarSpec;
/** Name of the pod volume holding the object-storage bucket config. */
export const OBJSTORE_VOLUME = 'thanos-objstore';

/**
 * The Thanos sidecar container of a Prometheus pod: serves the replica's series over the StoreAPI
 * on :10901 (Thanos Query fans out to it), reads Prometheus on localhost, and with object storage
 * uploads each 2h block from the shared data volume (`--tsdb.path`) to the bucket of the Secret.
 * Hardened like every container (read-only root, no capabilities); it calls no Kubernetes API,
 * so it mounts no service-account token.
 */
export function thanosSidecarContainer(thanos: ResolvedThanos, dataVolume: string): k8s.Container {
  const upload = thanos.objectStorage;
  return mainContainer(thanos.sidecar, {
    args: [
      'sidecar',
      `--prometheus.url=http://localhost:${prometheusSpec.web.port}`,
      `--grpc-address=:${THANOS_GRPC_PORT.port}`,
      `--http-address=:${spec.web.port}`,
      '--log.format=logfmt',
      ...(upload ? [`--tsdb.path=${prometheusSpec.dataDir}`, `--objstore.config-file=${spec.secretsDir}/${upload.key}`] : []),
    ],
    volumeMounts: upload
      ? [
          // The shipper reads the blocks and writes its thanos.shipper.json beside them.
          { name: dataVolume, mountPath: prometheusSpec.dataDir },
          { name: OBJSTORE_VOLUME, mountPath: spec.secretsDir, readOnly: true },
        ]
      : [],
  });
}

/** The bucket-config Secret volume, when the sidecar uploads. */
export function thanosSidecarVolumes(thanos: ResolvedThanos): k8s.Volume[] {
  const upload = thanos.objectStorage;
  return upload
    ? [{ name: OBJSTORE_VOLUME, secret: { secretName: upload.name, items: [{ key: upload.key, path: upload.key }], defaultMode: 0o440 } }]
    : [];
}

/**
 * Prometheus flags the sidecar's upload needs: equal min and max block durations switch off
 * local compaction, so the sidecar uploads each block once, as Thanos requires.
 */
export function prometheusUploadArgs(thanos: ResolvedThanos | undefined): string[] {
  return thanos?.objectStorage ? ['--storage.tsdb.min-block-duration=2h', '--storage.tsdb.max-block-duration=2h'] : [];
}
