import { App, Chart } from 'cdk8s';
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { toYaml } from '../../config/yaml';
import { Manifest } from './footprint';
import { ObservabilityStack } from '../observability-stack';
import { StackSettings } from './settings';

/** What `synthesize` returns: the app to write, its chart, the stack and the objects as JSON. */
export interface Synthesized {
  /** The cdk8s app; `app.synth()` (or `writeManifests`) writes `<outdir>/observability-<profile>.k8s.yaml`. */
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

/**
 * Writes the objects `synthesize` returned to the file `app.synth()` writes, with the same bytes
 * (cdk8s's YAML 1.1 with undefined values kept, one document per object), without rendering and
 * validating the chart a second time; returns the file's path. `synthesize` has validated the
 * app already (cdk8s validates when a chart is turned into JSON).
 */
export function writeManifests({ app, chart, manifests }: Synthesized): string {
  const file = join(app.outdir, `${chart.node.id}${app.outputFileExtension}`);
  mkdirSync(app.outdir, { recursive: true });
  writeFileSync(file, manifestsYaml(manifests));
  return file;
}

/** The objects as the multi-document YAML `app.synth()` writes for a chart. */
export function manifestsYaml(manifests: readonly Manifest[]): string {
  return manifests.map((manifest) => toYaml(manifest, { keepUndefined: true, version: '1.1' })).join('---\n');
}
