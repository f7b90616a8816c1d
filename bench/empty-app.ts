/**
 * The baseline of the synth benchmark: an empty cdk8s app (one chart, no objects), started exactly
 * like `npm run synth`, so the ratio shows what the stack itself adds to a cold start.
 */
import { App, Chart } from 'cdk8s';
import * as os from 'os';
import * as path from 'path';

const app = new App({ outdir: path.join(os.tmpdir(), 'cdk8s-empty-app'), outputFileExtension: '.k8s.yaml' });
new Chart(app, 'empty');
app.synth();
