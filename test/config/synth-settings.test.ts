import { PROFILES } from '../../config/component';
import { resolveSettings } from '../../constructs/stack/resolve';
import { defaultSettings } from '../../synth-settings';

// synth-settings.ts is the user's file (`npm run synth`); every other test uses
// test/support/fixtures.ts, so editing it cannot break them. This one only checks it is valid.
describe('synth-settings.ts', () => {
  test.each(PROFILES)('resolves for the %s profile', (profile) => {
    expect(resolveSettings(defaultSettings(profile), 'synth-settings.ts').profile).toBe(profile);
  });
});
