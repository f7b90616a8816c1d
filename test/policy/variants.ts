import { databaseFixtureSettings, fixtureSettings } from '../support/fixtures';
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
  { name: 'dev with every database exporter', settings: () => databaseFixtureSettings('dev') },
  { name: 'prod with every database exporter', settings: () => databaseFixtureSettings('prod') },
  { name: 'dev with Elasticsearch (defaults: noMmap, single node)', settings: () => ({ ...fixtureSettings('dev'), elasticsearch: {} }) },
  {
    name: 'prod with Elasticsearch (cert-manager Certificate, Grafana as a reader, zone spread)',
    settings: () => ({
      ...fixtureSettings('prod'),
      elasticsearch: {
        zoneSpread: true,
        tls: { certManagerIssuer: { name: 'cluster-ca', kind: 'ClusterIssuer' } },
        logStreams: [{ name: 'generic' }, { name: 'audit', retention: '365d' }],
        clients: [{ name: 'grafana', access: 'read' }],
      },
    }),
  },
  {
    name: 'prod with Elasticsearch, maxMapCount initContainer (the one privileged container, exempted)',
    settings: () => ({ ...fixtureSettings('prod'), elasticsearch: { maxMapCount: 'initContainer' } }),
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
