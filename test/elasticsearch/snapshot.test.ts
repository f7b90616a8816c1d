import { stringify } from 'yaml';
import { synthesize } from '../../constructs/stack/synthesize';
import { fixtureSettings } from '../support/fixtures';

// The logs store's objects per profile (the stack's own snapshot, without the logs store, is
// test/constructs/snapshot.test.ts): every object labelled elasticsearch*, plus the policies that name it.
describe.each(['dev', 'prod'] as const)('%s Elasticsearch objects', (profile) => {
  it('match the reviewed snapshot (stable names, no secret, no timestamp)', () => {
    const manifests = synthesize({ ...fixtureSettings(profile), elasticsearch: {} }).manifests as any[];
    const ours = manifests.filter((m) => (m.metadata.labels?.['app.kubernetes.io/name'] ?? '').startsWith('elasticsearch'));
    expect(ours.length).toBeGreaterThan(10);
    const text = ours.map((m) => stringify(m, { lineWidth: 0 })).join('---\n');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    expect(text).not.toMatch(/BEGIN [A-Z ]*PRIVATE KEY/);
    // Request bodies carry no password: the Job adds them at run time from the Secret.
    const setup = ours.find((m) => m.kind === 'ConfigMap' && m.metadata.name === 'elasticsearch-setup-config');
    const bodies = Object.entries(setup.data as Record<string, string>).filter(([file]) => file.endsWith('.json'));
    expect(bodies.length).toBeGreaterThan(3);
    for (const [file, body] of bodies) expect({ file, password: 'password' in JSON.parse(body) }).toEqual({ file, password: false });
    expect(text).toMatchSnapshot();
  });
});
