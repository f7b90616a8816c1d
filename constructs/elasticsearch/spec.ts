import { ComponentSpec, NOBODY } from '../../config/component';

/**
 * Catalog entry of Elasticsearch: pinned image, ports, paths, user and sizing per profile.
 *
 * The image's own user is uid 1000 (gid 0), but every directory Elasticsearch writes (config,
 * data, logs, tmp) is one of our volumes and the distribution's files are world-readable, so it
 * runs as the stack's non-root uid/gid like every other workload (POLICY.md S1 asks for >= 10000);
 * `fsGroup` makes the data volume writable.
 */
export const elasticsearchSpec = {
  name: 'elasticsearch',
  repository: 'docker.elastic.co/elasticsearch/elasticsearch',
  tag: '9.5.5',
  web: { name: 'http', port: 9200 },
  // `readiness.port`: Elasticsearch listens here only while the node has joined a cluster with an
  // elected master and is ready for traffic (a TCP probe, never a cluster-health wait).
  extraPorts: [
    { name: 'transport', port: 9300 },
    { name: 'readiness', port: 8080 },
  ],
  // HTTP needs credentials and TLS: the probes are TCP (readiness port for readiness, HTTP port for liveness).
  livenessPath: '/',
  readinessPath: '/',
  readinessPort: 'readiness',
  // Metrics come from the exporter (elasticsearchExporterSpec), not from Elasticsearch itself.
  metricsPath: '/metrics',
  runAs: NOBODY,
  dataDir: '/usr/share/elasticsearch/data',
  configDir: '/usr/share/elasticsearch/config',
  secretsDir: '/usr/share/elasticsearch/secrets',
  sizing: {
    // Sized so the whole dev stack (metrics, logs, traces) fits 4Gi / 2 CPU of requests.
    dev: { replicas: 1, storage: '5Gi', resources: { requests: { cpu: '250m', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } } },
    prod: { replicas: 3, storage: '50Gi', resources: { requests: { cpu: '1', memory: '4Gi' }, limits: { cpu: '2', memory: '4Gi' } } },
  },
} as const satisfies ComponentSpec;

/** Where the image keeps its distribution: its stock config is copied from here into the config volume. */
export const ELASTICSEARCH_HOME = '/usr/share/elasticsearch';
/** Mount of the TLS Secret (tls.crt, tls.key, ca.crt) inside the config directory (ES reads certs relative to it). */
export const CERTS_DIR = `${elasticsearchSpec.configDir}/certs`;
/** Logs and temporary files (the root filesystem is read-only). */
export const LOGS_DIR = `${ELASTICSEARCH_HOME}/logs`;
export const TMP_DIR = '/tmp';
/** Where the clients of the cluster (exporter, setup Jobs, Kibana) find its CA certificate. */
export const CA_DIR = '/etc/elasticsearch-ca';
/** The smallest persistent volume a prod node may have. */
export const PROD_MIN_STORAGE = '30Gi';
/** `vm.max_map_count` Elasticsearch >= 8.16 asks for. */
export const MAX_MAP_COUNT = 1048576;

/** Catalog entry of the Elasticsearch exporter (prometheus-community); two replicas in prod, like every Deployment there. */
export const elasticsearchExporterSpec = {
  name: 'elasticsearch-exporter',
  repository: 'quay.io/prometheuscommunity/elasticsearch-exporter',
  tag: 'v1.11.0',
  web: { name: 'http', port: 9114 },
  livenessPath: '/healthz',
  readinessPath: '/healthz',
  metricsPath: '/metrics',
  runAs: NOBODY,
  secretsDir: '/etc/elasticsearch-exporter/ca',
  sizing: {
    dev: { replicas: 1, resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '100m', memory: '64Mi' } } },
    prod: { replicas: 2, resources: { requests: { cpu: '20m', memory: '48Mi' }, limits: { cpu: '200m', memory: '128Mi' } } },
  },
} as const satisfies ComponentSpec;

/**
 * Catalog entry of a setup Job (`name`) that runs the Elasticsearch image itself: it is already
 * pulled for the cluster, it is pinned to the same version, and it ships bash and curl (Elastic's
 * own Docker Compose example runs its setup step in it). No port: the Job only makes requests.
 * Its plan is mounted at `/etc/<name>`, its passwords at `/etc/<name>/secrets`.
 */
export function setupJobSpec<N extends string>(name: N) {
  const sizing = { replicas: 1, resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '200m', memory: '64Mi' } } } as const;
  return {
    name,
    repository: elasticsearchSpec.repository,
    tag: elasticsearchSpec.tag,
    web: { name: 'none', port: 0 },
    livenessPath: '/',
    readinessPath: '/',
    metricsPath: '/metrics',
    runAs: NOBODY,
    configDir: `/etc/${name}`,
    secretsDir: `/etc/${name}/secrets`,
    sizing: { dev: sizing, prod: sizing },
  } as const satisfies ComponentSpec;
}

/** Catalog entry of the Elasticsearch setup Job (users, roles, ILM policies, templates, data streams). */
export const elasticsearchSetupSpec = setupJobSpec('elasticsearch-setup');
