import { k8s } from 'cdk8s-plus-28';
import { metadata, selectorLabels } from '../k8s/labels';
import { Manifest } from '../stack/footprint';
import { ResolvedSettings } from '../stack/settings';
import { logstashContainer, logstashExporterContainer, logstashNodesServiceName, logstashVolumes } from './logstash';
import { logstashExporterSpec, logstashSpec } from './spec';

const [apiPort] = logstashSpec.extraPorts;
/** The image's own user: on Docker the data volume starts as the image's data directory, owned by it. */
const IMAGE_USER = { uid: 1000, gid: 0 } as const;

/**
 * Logstash as the Docker target runs it: two containers instead of one pod. The Logstash
 * container is the cluster's (logstashContainer, the same ConfigMap files, hence the same
 * rendered pipeline), run as the image's user 1000:0 because Docker's named volume starts as the
 * image's data directory, which only that user may write. The exporter is the cluster's sidecar
 * (logstashExporterContainer) reading the Logstash container over the stack network instead of
 * the pod's loopback. Never deployed to Kubernetes.
 */
export function logstashDockerWorkloads(settings: ResolvedSettings): Manifest[] {
  const { logstash: ls, elasticsearch: es } = settings;
  if (!ls || !es) return [];
  const ns = settings.namespace;
  return [
    k8s.KubeStatefulSet.manifest({
      metadata: metadata(logstashSpec, ns),
      spec: {
        serviceName: logstashNodesServiceName(),
        selector: { matchLabels: selectorLabels(logstashSpec) },
        template: {
          metadata: { labels: metadata(logstashSpec, ns).labels },
          spec: {
            securityContext: { runAsUser: IMAGE_USER.uid, runAsGroup: IMAGE_USER.gid },
            containers: [logstashContainer(ls, es)],
            volumes: logstashVolumes(es),
          },
        },
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'] } }],
      },
    }) as Manifest,
    k8s.KubeDeployment.manifest({
      metadata: metadata(logstashExporterSpec, ns),
      spec: {
        selector: { matchLabels: selectorLabels(logstashExporterSpec) },
        template: {
          metadata: { labels: metadata(logstashExporterSpec, ns).labels },
          spec: { containers: [logstashExporterContainer(ls, `http://${logstashSpec.name}:${apiPort.port}`)] },
        },
      },
    }) as Manifest,
  ];
}
