import { App, Chart } from 'cdk8s';
import { Manifest } from './footprint';
import { ObservabilityStack } from '../observability-stack';
import { StackSettings } from './settings';

/** What `synthesize` returns: the app to write, its chart, the stack and the objects as JSON. */
export interface Synthesized {
  /** The cdk8s app; `app.synth()` writes `<outdir>/observability-<profile>.k8s.yaml`. */
  readonly app: App;
  /** The chart holding the stack. */
  readonly chart: Chart;
  /** The stack construct, with its resolved settings. */
  readonly stack: ObservabilityStack;
  /** Every object of the chart, as plain JSON. */
  readonly manifests: Manifest[];
}

/** Builds the chart `observability-<profile>` for the given settings (nothing is written until `app.synth()`). */
export function synthesize(settings: StackSettings, outdir = 'dist'): Synthesized {
  const app = new App({ outdir, outputFileExtension: '.k8s.yaml' });
  const chart = new Chart(app, `observability-${settings.profile}`, { disableResourceNameHashes: true });
  const stack = new ObservabilityStack(chart, 'obs', settings);
  return { app, chart, stack, manifests: chart.toJson() as Manifest[] };
}
