import { Manifest } from '../../constructs/stack/footprint';
import { Profile } from '../../config/component';
import { fixtureSettings } from './fixtures';
import { synthesize } from '../../constructs/stack/synthesize';

const cache = new Map<Profile, Manifest[]>();

/** The objects `npm run synth[:prod]` writes for a profile (synthesized once per test file). */
export function manifestsFor(profile: Profile): Manifest[] {
  if (!cache.has(profile)) cache.set(profile, synthesize(fixtureSettings(profile)).manifests);
  return cache.get(profile)!;
}

/** The data of a ConfigMap by name; fails the test when missing. */
export function configMapData(manifests: readonly Manifest[], name: string): Record<string, string> {
  const found = manifests.find((m) => m.kind === 'ConfigMap' && m.metadata.name === name) as
    (Manifest & { data?: Record<string, string> }) | undefined;
  if (!found?.data) throw new Error(`ConfigMap ${name} not found in the synthesized objects`);
  return found.data;
}
