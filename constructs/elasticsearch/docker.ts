import { k8s } from 'cdk8s-plus-28';
import { metadata, selectorLabels } from '../k8s/labels';
import { Manifest } from '../stack/footprint';
import { ResolvedSettings } from '../stack/settings';
import { configMapName, NODE_SCRATCH_MOUNTS, nodeContainer, nodeVolumes, tlsOn } from './elasticsearch';
import { CERTS_DIR, elasticsearchSpec } from './spec';

const spec = elasticsearchSpec;
/** The image's own user: on Docker the image's config directory (0775, gid 0) is the config directory. */
const IMAGE_USER = { uid: 1000, gid: 0 } as const;

/**
 * The single Elasticsearch node as the Docker target runs it: the same container as on the
 * cluster (nodeContainer) reading the same ConfigMap's elasticsearch.yml, which the Docker target
 * uploads over the image's own file; so no config init container is needed. It runs as the
 * image's user 1000:0 because the Docker target keeps the image's filesystem, where only that
 * user may write the keystore the entrypoint creates in the config directory. Never deployed to
 * Kubernetes (there the config directory is an emptyDir filled by an init container, and the
 * uid follows the stack's policy).
 */
export function elasticsearchDockerWorkload(settings: ResolvedSettings): Manifest[] {
  const es = settings.elasticsearch;
  if (!es) return [];
  return [
    k8s.KubeStatefulSet.manifest({
      metadata: metadata(spec, settings.namespace),
      spec: {
        serviceName: spec.name,
        selector: { matchLabels: selectorLabels(spec) },
        template: {
          metadata: { labels: metadata(spec, settings.namespace).labels },
          spec: {
            securityContext: { runAsUser: IMAGE_USER.uid, runAsGroup: IMAGE_USER.gid },
            containers: [
              nodeContainer(es, [
                { name: 'rendered', mountPath: `${spec.configDir}/elasticsearch.yml`, subPath: 'elasticsearch.yml', readOnly: true },
                ...(tlsOn(es) ? [{ name: 'certs', mountPath: CERTS_DIR, readOnly: true }] : []),
                ...NODE_SCRATCH_MOUNTS,
              ]),
            ],
            volumes: [{ name: 'rendered', configMap: { name: configMapName() } }, ...nodeVolumes(es)],
          },
        },
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'] } }],
      },
    }) as Manifest,
  ];
}
