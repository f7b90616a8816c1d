import { stringify } from 'yaml';
import { synthesize } from '../../constructs/stack/synthesize';
import { fixtureSettings } from '../support/fixtures';

// Kibana's objects per profile (the stack's own snapshot, without the logs store, is
// test/constructs/snapshot.test.ts): every object labelled kibana*.
describe.each(['dev', 'prod'] as const)('%s Kibana objects', (profile) => {
  it('match the reviewed snapshot (stable names, no secret, no timestamp)', () => {
    const manifests = synthesize({ ...fixtureSettings(profile), elasticsearch: {} }).manifests as any[];
    const ours = manifests.filter((m) => (m.metadata.labels?.['app.kubernetes.io/name'] ?? '').startsWith('kibana'));
    expect(ours.map((m) => m.kind).sort()).toEqual(
      [
        'ConfigMap',
        'ConfigMap',
        'Deployment',
        'Job',
        'NetworkPolicy',
        'NetworkPolicy',
        'Service',
        'ServiceAccount',
        'ServiceAccount',
        ...(profile === 'prod' ? ['PodDisruptionBudget'] : []),
      ].sort(),
    );
    const text = ours.map((m) => stringify(m, { lineWidth: 0 })).join('---\n');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    expect(text).not.toMatch(/password"?\s*:\s*"?[^$\s]/i);
    expect(text).toMatchSnapshot();
  });
});
