import { ComponentSpec, NOBODY } from '../../config/component';
import { elasticsearchSpec, setupJobSpec } from '../elasticsearch/spec';

/**
 * Catalog entry of Kibana. Kibana only talks to a cluster of its own version, so its tag is the
 * Elasticsearch tag (the version is written once, in elasticsearchSpec). It runs as the stack's
 * non-root uid/gid: the distribution's files are world-readable and it writes only to its data
 * directory and /tmp, both emptyDirs.
 */
export const kibanaSpec = {
  name: 'kibana',
  repository: 'docker.elastic.co/kibana/kibana',
  tag: elasticsearchSpec.tag,
  web: { name: 'http', port: 5601 },
  // `/api/status` answers without credentials (a redacted body): 200 while Kibana is available,
  // 503 while it is not (Kibana marks the route public for readiness probes).
  readinessPath: '/api/status',
  livenessPath: '/api/status',
  // Liveness is a TCP connect: a Kibana that lost Elasticsearch is unavailable, not dead.
  livenessCheck: 'tcp',
  // No Prometheus endpoint: the blackbox exporter probes `/api/status` instead (KibanaDown).
  metricsPath: '/api/status',
  runAs: NOBODY,
  dataDir: '/usr/share/kibana/data',
  configDir: '/usr/share/kibana/config',
  sizing: {
    // Sized so the whole dev stack (metrics, logs, traces) fits 4Gi / 2 CPU of requests.
    dev: { replicas: 1, resources: { requests: { cpu: '100m', memory: '768Mi' }, limits: { cpu: '1', memory: '768Mi' } } },
    prod: { replicas: 2, resources: { requests: { cpu: '250m', memory: '1536Mi' }, limits: { cpu: '2', memory: '1536Mi' } } },
  },
} as const satisfies ComponentSpec;

/** Catalog entry of the Kibana setup Job (data views, saved searches), on the Elasticsearch image like its own setup Job. */
export const kibanaSetupSpec = setupJobSpec('kibana-setup');

/** Where Kibana's own temporary files go (the root filesystem is read-only). */
export const KIBANA_TMP_DIR = '/tmp';
