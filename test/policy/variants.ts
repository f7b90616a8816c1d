import { databaseFixtureSettings, fixtureSettings, GRAFANA_DATABASE } from '../support/fixtures';
import { grafanaAlertsSettings } from '../grafana-alerts/fixtures';
import { StackSettings } from '../../constructs/stack/settings';
import { synthesize } from '../../constructs/stack/synthesize';
import type { KubeObject } from '../schema/kubernetes-schema';

/** A named settings variant whose whole synthesized object set is checked. */
export interface Variant {
  readonly name: string;
  readonly settings: () => StackSettings;
}

/** The two profiles `npm run synth[:prod]` writes, plus prod with the optional parts switched on. */
export const VARIANTS: readonly Variant[] = [
  { name: 'dev', settings: () => fixtureSettings('dev') },
  { name: 'prod', settings: () => fixtureSettings('prod') },
  {
    name: 'prod, discovery scope cluster, Grafana Ingress, external URLs',
    settings: () => ({
      ...fixtureSettings('prod'),
      discovery: { scope: 'cluster' },
      prometheus: { externalUrl: 'https://prometheus.example.org/' },
      alertmanager: { externalUrl: 'https://alertmanager.example.org/' },
      grafana: {
        ingress: {
          host: 'grafana.example.org',
          tlsSecretName: 'grafana-tls',
          className: 'nginx',
          annotations: { 'cert-manager.io/cluster-issuer': 'letsencrypt' },
        },
      },
    }),
  },
  {
    name: 'prod with remote write (basic auth, bearer token) and Thanos object storage',
    settings: () => ({
      ...fixtureSettings('prod'),
      prometheus: {
        remoteWrite: [
          {
            name: 'mimir',
            url: 'https://mimir.example.org/api/v1/push',
            auth: { kind: 'basic', username: 'tenant-1', passwordSecret: { name: 'mimir-remote-write', key: 'password' } },
          },
          {
            name: 'vm',
            url: 'http://10.0.0.5:8480/insert/0/prometheus/api/v1/write',
            auth: { kind: 'bearer', tokenSecret: { name: 'vm', key: 'token' } },
          },
        ],
        thanos: { objectStorage: { name: 'thanos-objstore', key: 'objstore.yml' } },
      },
    }),
  },
  { name: 'dev with Thanos on', settings: () => ({ ...fixtureSettings('dev'), prometheus: { thanos: true } }) },
  {
    name: 'prod with a shared Grafana database (two Grafana replicas, egress to PostgreSQL)',
    settings: () => ({ ...fixtureSettings('prod'), grafana: { database: GRAFANA_DATABASE } }),
  },
  { name: 'dev with every database exporter', settings: () => databaseFixtureSettings('dev') },
  { name: 'prod with every database exporter', settings: () => databaseFixtureSettings('prod') },
  { name: 'prod with database Grafana datasources and SQL alerts', settings: () => grafanaAlertsSettings('prod') },
  {
    name: 'dev with Elasticsearch and Kibana (defaults: noMmap, single node, one Kibana)',
    settings: () => ({ ...fixtureSettings('dev'), elasticsearch: {} }),
  },
  {
    name: 'dev with Elasticsearch, Kibana switched off',
    settings: () => ({ ...fixtureSettings('dev'), elasticsearch: {}, kibana: false }),
  },
  {
    name: 'prod with Elasticsearch and Kibana (cert-manager Certificate, zone spread, Kibana Ingress, two Kibanas)',
    settings: () => ({
      ...fixtureSettings('prod'),
      elasticsearch: {
        zoneSpread: true,
        tls: { certManagerIssuer: { name: 'cluster-ca', kind: 'ClusterIssuer' } },
        logStreams: [{ name: 'generic' }, { name: 'audit', retention: '365d' }],
      },
      kibana: {
        ingress: { host: 'kibana.example.org', tlsSecretName: 'kibana-tls', className: 'nginx' },
        slowRequestThreshold: '500ms',
      },
    }),
  },
  {
    name: 'prod with Elasticsearch, maxMapCount initContainer (the one privileged container, exempted)',
    settings: () => ({ ...fixtureSettings('prod'), elasticsearch: { maxMapCount: 'initContainer' } }),
  },
  {
    name: 'dev with tracing (one Jaeger process, index cleaner)',
    settings: () => ({ ...fixtureSettings('dev'), elasticsearch: {}, jaeger: {} }),
  },
  {
    name: 'prod with tracing (collector with HPA, query with Ingress, index cleaner)',
    settings: () => ({
      ...fixtureSettings('prod'),
      elasticsearch: {},
      jaeger: {
        collector: { autoscaling: { maxReplicas: 6 } },
        query: { ingress: { host: 'jaeger.example.org', tlsSecretName: 'jaeger-tls', className: 'nginx' } },
      },
    }),
  },
  {
    name: 'prod with tracing on ILM rollover (no cleaner)',
    settings: () => ({ ...fixtureSettings('prod'), elasticsearch: {}, jaeger: { rotation: 'ilm', indexPrefix: 'prod' } }),
  },
  {
    name: 'prod in operator mode (kube-prometheus-stack runs Prometheus, Alertmanager, Grafana), every database exporter, Elasticsearch',
    settings: () => ({ ...databaseFixtureSettings('prod'), elasticsearch: {}, operator: {} }),
  },
];

const cache = new Map<string, KubeObject[]>();

/** Every object the variant synthesizes (synthesized once per test file). */
export function objectsOf(variant: Variant): KubeObject[] {
  if (!cache.has(variant.name)) cache.set(variant.name, synthesize(variant.settings()).manifests as unknown as KubeObject[]);
  return cache.get(variant.name)!;
}
