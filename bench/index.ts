/** `npm run bench`: cold-start synth against an empty cdk8s app, synth speed, then time to page on the real binaries. */
import { reportStartup } from './startup';
import { reportSynth } from './synth';
import { reportTimeToPage } from './time-to-page';

async function main(): Promise<void> {
  reportStartup();
  reportSynth();
  await reportTimeToPage();
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
