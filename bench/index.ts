/** `npm run bench`: cold-start synth, synth speed, scale (10/100/1000 services), then time to page on the real binaries. */
import { reportStartup } from './startup';
import { reportScale } from './scale';
import { reportSynth } from './synth';
import { reportTimeToPage } from './time-to-page';

async function main(): Promise<void> {
  reportStartup();
  reportSynth();
  reportScale();
  await reportTimeToPage();
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
