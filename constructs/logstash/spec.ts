import { ComponentSpec, NOBODY } from '../../config/component';
import { elasticsearchSpec } from '../elasticsearch/spec';

/**
 * Catalog entry of Logstash. Logstash follows the stack's version, so its tag is the
 * Elasticsearch tag (written once, in elasticsearchSpec; docker.elastic.co/logstash/logstash
 * publishes every 9.x release, v9.5.5 included). It runs as the stack's non-root uid/gid: the
 * distribution's files are world-readable, and it writes only to its data volume (persisted
 * queue, dead-letter queue, node uuid) and /tmp.
 *
 * Ports: `beats` (5044) takes events from Filebeat; `api` (9600) is the monitoring API the
 * exporter sidecar reads over localhost and the kubelet probes; nobody else reaches it.
 */
export const logstashSpec = {
  name: 'logstash',
  repository: 'docker.elastic.co/logstash/logstash',
  tag: elasticsearchSpec.tag,
  web: { name: 'beats', port: 5044 },
  extraPorts: [{ name: 'api', port: 9600 }],
  // The monitoring API answers `/` with the node's status once the process is up.
  livenessPath: '/',
  readinessPath: '/',
  // The api port serves the probes only (the exporter reads it over the pod's loopback).
  readinessPort: 'api',
  // Metrics come from the exporter sidecar (logstashExporterSpec), not from Logstash itself.
  metricsPath: '/metrics',
  runAs: NOBODY,
  dataDir: '/usr/share/logstash/data',
  configDir: '/usr/share/logstash/config',
  secretsDir: '/usr/share/logstash/secrets',
  sizing: {
    // Sized so the whole dev stack (metrics, logs, traces) fits 4Gi / 2 CPU of requests (the sidecar adds 10m / 32Mi).
    dev: { replicas: 1, storage: '2Gi', resources: { requests: { cpu: '190m', memory: '576Mi' }, limits: { cpu: '1', memory: '576Mi' } } },
    prod: { replicas: 2, storage: '20Gi', resources: { requests: { cpu: '500m', memory: '2Gi' }, limits: { cpu: '2', memory: '2Gi' } } },
  },
} as const satisfies ComponentSpec;

/** Where the pipeline definitions are mounted (the image's default pipeline directory). */
export const PIPELINE_DIR = '/usr/share/logstash/pipeline';
/** Temporary files of the JVM and JRuby (the root filesystem is read-only). */
export const LOGSTASH_TMP_DIR = '/tmp';
/** The default JVM heap per profile: 1g in 2Gi in prod, 256m in dev (half the limit or less). */
export const DEFAULT_HEAP = { dev: '256m', prod: '1g' } as const;

/**
 * Catalog entry of the Logstash exporter (kuskoman/logstash-exporter v1.9.1, the current stable
 * release; v2 is still pre-release), run as a sidecar of each Logstash pod. It reads the monitoring
 * API at LOGSTASH_URL and serves `/metrics` on PORT (9198); `/healthcheck` answers 200 only while
 * Logstash's API does, `/version` answers from the exporter alone. Its image is `FROM scratch`
 * and runs as 65534.
 */
export const logstashExporterSpec = {
  name: 'logstash-exporter',
  repository: 'docker.io/kuskoman/logstash-exporter',
  tag: 'v1.9.1',
  web: { name: 'metrics', port: 9198 },
  livenessPath: '/version',
  readinessPath: '/healthcheck',
  metricsPath: '/metrics',
  runAs: NOBODY,
  sizing: {
    dev: { replicas: 1, resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { cpu: '100m', memory: '64Mi' } } },
    prod: { replicas: 1, resources: { requests: { cpu: '20m', memory: '48Mi' }, limits: { cpu: '200m', memory: '128Mi' } } },
  },
} as const satisfies ComponentSpec;
