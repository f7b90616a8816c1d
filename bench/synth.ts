/**
 * Synth speed and memory: how long building and serialising the whole stack takes per profile,
 * as a median over repeated runs (after warm-up), and the heap it holds.
 */
import { performance } from 'perf_hooks';
import { stringify } from 'yaml';
import { Profile } from '../config/component';
import { defaultSettings } from '../synth-settings';
import { manifestsYaml, synthesize } from '../constructs/stack/synthesize';

export interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], n: sorted.length };
}

/** Times synthesize + YAML serialisation of one profile `runs` times. */
export function benchSynth(profile: Profile, runs = 15): { time: Summary; heapMiB: number; objects: number } {
  let objects = 0;
  const once = () => {
    const { manifests } = synthesize(defaultSettings(profile));
    objects = manifests.length;
    return manifestsYaml(manifests).length;
  };
  for (let i = 0; i < 3; i++) once();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    once();
    samples.push(performance.now() - start);
  }
  global.gc?.();
  return { time: summarize(samples), heapMiB: process.memoryUsage().heapUsed / 2 ** 20, objects };
}

/**
 * Writing one profile's manifests as YAML: the yaml package (as cdk8s's app.synth() calls it)
 * against toYaml (manifestsYaml), alternated, `runs` times each after a warm-up; the same bytes.
 */
export function benchManifestYaml(profile: Profile, runs = 15): { yamlPackage: Summary; toYaml: Summary; ratio: number } {
  const { manifests } = synthesize(defaultSettings(profile));
  const byPackage = () => manifests.map((m) => stringify(m, { keepUndefined: true, lineWidth: 0, version: '1.1' })).join('---\n');
  if (byPackage() !== manifestsYaml(manifests)) throw new Error('bench: toYaml and the yaml package wrote different manifests');
  const time = (write: () => string) => {
    const start = performance.now();
    write();
    return performance.now() - start;
  };
  const theirs: number[] = [];
  const ours: number[] = [];
  for (let i = 0; i < runs; i++) {
    theirs.push(time(byPackage));
    ours.push(time(() => manifestsYaml(manifests)));
  }
  const yamlPackage = summarize(theirs);
  const toYaml = summarize(ours);
  return { yamlPackage, toYaml, ratio: yamlPackage.median / toYaml.median };
}

export function reportSynth(): void {
  const results = (['dev', 'prod'] as const).map((profile) => ({ profile, ...benchSynth(profile) }));
  for (const r of results) {
    console.log(
      `synth ${r.profile} median: ${r.time.median.toFixed(1)} ms (n=${r.time.n}, min ${r.time.min.toFixed(1)}, ` +
        `max ${r.time.max.toFixed(1)}; ${r.objects} objects; heap ${r.heapMiB.toFixed(0)} MiB)`,
    );
  }
  console.log(`synth prod/dev ratio: ${(results[1].time.median / results[0].time.median).toFixed(2)}`);
  const yaml = benchManifestYaml('prod');
  console.log(
    `manifest YAML prod, n=${yaml.toYaml.n} each, alternated: yaml package ${yaml.yamlPackage.median.toFixed(1)} ms, ` +
      `toYaml ${yaml.toYaml.median.toFixed(1)} ms (same bytes); ${yaml.ratio.toFixed(2)}x faster`,
  );
}

if (require.main === module) reportSynth();
