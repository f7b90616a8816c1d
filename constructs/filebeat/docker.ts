import { k8s } from 'cdk8s-plus-28';
import { metadata, selectorLabels } from '../k8s/labels';
import { Manifest } from '../stack/footprint';
import { ResolvedSettings } from '../stack/settings';
import { ENV } from './files';
import { filebeatContainer, filebeatExporterContainer, filebeatVolumes } from './filebeat';
import { DOCKER_CONTAINERS_DIR, filebeatExporterSpec, filebeatSpec } from './spec';

const spec = filebeatSpec;
/** The node name Filebeat reports on Docker (there is no Kubernetes node; add_kubernetes_metadata finds no API and stays idle). */
export const DOCKER_NODE_NAME = 'docker';

/**
 * Filebeat and its exporter as the Docker target runs them, one container each (Docker has no
 * pods): the same containers as on the cluster (filebeatContainer, filebeatExporterContainer)
 * reading the same ConfigMap's filebeat.yml. What differs: Filebeat reads the Docker containers'
 * json-file logs (read-only) instead of the kubelet's, keeps its registry on a named volume (the
 * Docker target binds host paths read-only only), and the exporter reaches Filebeat by its
 * container name. Never deployed to Kubernetes.
 */
export function filebeatDockerWorkloads(settings: ResolvedSettings): Manifest[] {
  const fb = settings.filebeat;
  if (!fb) return [];
  const es = fb.output === 'elasticsearch' ? settings.elasticsearch : undefined;
  const ns = fb.namespace;
  const filebeat = k8s.KubeStatefulSet.manifest({
    metadata: metadata(spec, ns),
    spec: {
      serviceName: spec.name,
      selector: { matchLabels: selectorLabels(spec) },
      template: {
        metadata: { labels: metadata(spec, ns).labels },
        spec: {
          // The same host-agent exemption as on the cluster: root reads the runtime's root-owned log files.
          securityContext: { runAsUser: spec.runAs, runAsGroup: spec.runAs },
          containers: [
            filebeatContainer(fb, es, {
              nodeName: { name: ENV.nodeName, value: DOCKER_NODE_NAME },
              mounts: [
                { name: 'docker-logs', mountPath: DOCKER_CONTAINERS_DIR, readOnly: true },
                { name: 'registry', mountPath: spec.dataDir },
              ],
            }),
          ],
          volumes: [...filebeatVolumes(fb, es), { name: 'docker-logs', hostPath: { path: DOCKER_CONTAINERS_DIR } }],
        },
      },
      volumeClaimTemplates: [{ metadata: { name: 'registry' }, spec: { accessModes: ['ReadWriteOnce'] } }],
    },
  }) as Manifest;
  const exporter = k8s.KubeDeployment.manifest({
    metadata: metadata(filebeatExporterSpec, ns),
    spec: {
      selector: { matchLabels: selectorLabels(filebeatExporterSpec) },
      template: {
        metadata: { labels: metadata(filebeatExporterSpec, ns).labels },
        spec: {
          securityContext: { runAsUser: filebeatExporterSpec.runAs, runAsGroup: filebeatExporterSpec.runAs },
          containers: [filebeatExporterContainer(fb, spec.name)],
        },
      },
    },
  }) as Manifest;
  return [filebeat, exporter];
}
