import { stringify } from 'yaml';
import { manifestsFor } from '../support/manifests';

describe.each(['dev', 'prod'] as const)('%s manifests', (profile) => {
  it('match the reviewed snapshot (stable names, no timestamps)', () => {
    const text = manifestsFor(profile)
      .map((m) => stringify(m, { lineWidth: 0 }))
      .join('---\n');
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    expect(text).toMatchSnapshot();
  });
});
