/** `npm run bench`: synth speed, then time to page on the real binaries. */
import { reportSynth } from './synth';
import { reportTimeToPage } from './time-to-page';

async function main(): Promise<void> {
  reportSynth();
  await reportTimeToPage();
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
