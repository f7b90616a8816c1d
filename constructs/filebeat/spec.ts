import { ComponentSpec, NOBODY } from '../../config/component';
import { elasticsearchSpec } from '../elasticsearch/spec';

/**
 * Catalog entry of Filebeat, the log shipper on every node. Beats are released in lockstep with
 * Elasticsearch, so its tag is the Elasticsearch tag (the version is written once, in
 * elasticsearchSpec).
 *
 * Host-agent exemption (POLICY.md S1, 2e): it runs as uid/gid 0, without privilege, escalation
 * or capabilities. The kubelet writes the container log files under /var/log/pods root-owned and
 * readable by root only, so only root's owner bits can read them; the upstream manifest runs it
 * as root for the same reason. Every host path is read-only except its registry directory.
 */
export const filebeatSpec = {
  name: 'filebeat',
  repository: 'docker.elastic.co/beats/filebeat',
  tag: elasticsearchSpec.tag,
  // Filebeat's own HTTP endpoint (`http.*`): `/` answers with the beat's info, `/stats` with its
  // counters as JSON, which the exporter sidecar turns into Prometheus metrics.
  web: { name: 'http', port: 5066 },
  // Only the sidecar (over the pod's loopback) and the kubelet's probes reach it: no flow admits it.
  webPodLocal: true,
  livenessPath: '/',
  readinessPath: '/',
  metricsPath: '/stats',
  runAs: 0,
  // The registry (read offsets per file): on a hostPath, so a restarted pod resumes where it left off.
  dataDir: '/usr/share/filebeat/data',
  configDir: '/usr/share/filebeat',
  secretsDir: '/usr/share/filebeat/secrets',
  sizing: {
    // With the exporter sidecar about 50m / 100Mi per node in dev.
    dev: { replicas: 1, resources: { requests: { cpu: '40m', memory: '80Mi' }, limits: { cpu: '500m', memory: '200Mi' } } },
    prod: { replicas: 1, resources: { requests: { cpu: '100m', memory: '200Mi' }, limits: { cpu: '1', memory: '500Mi' } } },
  },
} as const satisfies ComponentSpec;

/**
 * Catalog entry of the exporter sidecar (trustpilot/beat-exporter): it reads Filebeat's `/stats`
 * on the pod's loopback and serves `filebeat_*` metrics. The image is busybox plus one static
 * binary, so it runs as `nobody` even though Filebeat's container beside it is root.
 */
export const filebeatExporterSpec = {
  name: 'filebeat-exporter',
  repository: 'docker.io/trustpilot/beat-exporter',
  tag: '0.4.0',
  web: { name: 'metrics', port: 9479 },
  // `/` is a static index page; `/metrics` answers once the exporter has found its beat.
  livenessPath: '/',
  readinessPath: '/metrics',
  metricsPath: '/metrics',
  runAs: NOBODY,
  sizing: {
    dev: { replicas: 1, resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '50m', memory: '32Mi' } } },
    prod: { replicas: 1, resources: { requests: { cpu: '10m', memory: '24Mi' }, limits: { cpu: '100m', memory: '48Mi' } } },
  },
} as const satisfies ComponentSpec;

/** Where the kubelet keeps container logs on a node (`containers/` holds symlinks into `pods/`). */
export const HOST_LOG_DIR = '/var/log';
/** The kubelet's symlinks to the container log files, one per container, named `<pod>_<namespace>_<container>-<id>.log`. */
export const KUBERNETES_LOG_DIR = `${HOST_LOG_DIR}/containers`;
/** The container log files Filebeat reads on Kubernetes. */
export const KUBERNETES_LOG_GLOB = `${KUBERNETES_LOG_DIR}/*.log`;
/** Where Docker's json-file driver writes container logs (the Docker target reads these). */
export const DOCKER_CONTAINERS_DIR = '/var/lib/docker/containers';
/** The Docker containers' log files. */
export const DOCKER_LOG_GLOB = `${DOCKER_CONTAINERS_DIR}/*/*.log`;
/** Host directory of the registry on each node (created on first start). */
export const HOST_REGISTRY_DIR = '/var/lib/filebeat-data';
