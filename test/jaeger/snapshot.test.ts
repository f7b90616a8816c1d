import { stringify } from 'yaml';
import { synthesize } from '../../constructs/stack/synthesize';
import { fixtureSettings } from '../support/fixtures';

// Jaeger's objects per profile (the stack's own snapshot, without tracing, is
// test/constructs/snapshot.test.ts): every object labelled jaeger*.
describe.each(['dev', 'prod'] as const)('%s Jaeger objects', (profile) => {
  it('match the reviewed snapshot (stable names, no secret, no timestamp)', () => {
    const manifests = synthesize({ ...fixtureSettings(profile), elasticsearch: {}, jaeger: {} }).manifests as any[];
    const ours = manifests.filter((m) => (m.metadata.labels?.['app.kubernetes.io/name'] ?? '').startsWith('jaeger'));
    const workloads = profile === 'dev' ? ['jaeger'] : ['jaeger-collector', 'jaeger-query'];
    expect(ours.map((m) => `${m.kind}/${m.metadata.name}`).sort()).toEqual(
      [
        ...workloads.flatMap((w) => [
          `ConfigMap/${w}-config`,
          `Deployment/${w}`,
          `NetworkPolicy/${w}`,
          `Service/${w}`,
          `ServiceAccount/${w}`,
          ...(profile === 'prod' ? [`PodDisruptionBudget/${w}`] : []),
        ]),
        'CronJob/jaeger-es-index-cleaner',
        'NetworkPolicy/jaeger-es-index-cleaner',
        'ServiceAccount/jaeger-es-index-cleaner',
      ].sort(),
    );
    const text = ours.map((m) => stringify(m, { lineWidth: 0 })).join('---\n');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    expect(text).not.toMatch(/password"?\s*:\s*"?[^$\s]/i);
    expect(text).toMatchSnapshot();
  });
});
