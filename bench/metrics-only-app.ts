/**
 * The metrics half of the `npm run synth` stack alone (synth-settings.ts without the logs store
 * and traces), as the stack was when the cold-start goal was set; bench/startup.ts starts it like
 * `npm run synth` and compares it with the empty app.
 */
import { tmpdir } from 'os';
import { join } from 'path';
import { synthesize, writeManifests } from '../constructs/stack/synthesize';
import { defaultSettings } from '../synth-settings';

const { elasticsearch: _logs, jaeger: _traces, ...metrics } = defaultSettings('dev');
writeManifests(synthesize(metrics, join(tmpdir(), 'cdk8s-metrics-only')));
