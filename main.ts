/**
 * cdk8s entry point: `npm run synth` (dev) and `npm run synth:prod` write
 * `dist/observability-<profile>.k8s.yaml`
 * and `dist/observability-<profile>.md` (diagram and footprint), and print the footprint.
 * Edit `synth-settings.ts` (or pass your own settings) to describe your services.
 */
import { stackWarnings } from './constructs/stack/alerting';
import { PROFILES, Profile } from './config/component';
import { defaultSettings } from './synth-settings';
import { SettingsError } from './config/errors';
import { footprint, footprintTable } from './constructs/stack/footprint';
import { writeFileSync } from 'fs';
import { join } from 'path';
import { stackMarkdown } from './constructs/stack/diagram';
import { stackFlows } from './constructs/stack/network-policies';
import { synthesize, writeManifests } from './constructs/stack/synthesize';

function main(argv: string[]): number {
  const profile = (argv[0] ?? 'dev') as Profile;
  if (!PROFILES.includes(profile)) {
    console.error(`main: invalid profile = ${JSON.stringify(profile)}; allowed: ${PROFILES.map((p) => `"${p}"`).join(' or ')}`);
    return 1;
  }
  try {
    const synthesized = synthesize(defaultSettings(profile));
    const { app, manifests, stack } = synthesized;
    for (const warning of stackWarnings(stack.settings)) console.warn(`warning: ${warning}`);
    writeManifests(synthesized);
    const name = `observability-${profile}`;
    const rows = footprint(manifests);
    writeFileSync(
      join(app.outdir, `${name}.md`),
      stackMarkdown(`${name}: components, flows and footprint`, stackFlows(stack.settings), rows),
    );
    console.log(`wrote dist/${name}.k8s.yaml (${manifests.length} objects, profile ${profile}) and dist/${name}.md\n`);
    console.log(footprintTable(rows));
    return 0;
  } catch (error) {
    if (error instanceof SettingsError || (error instanceof Error && /Validation failed/.test(error.message))) {
      console.error(`synth failed: ${error.message}`);
      return 1;
    }
    throw error;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
