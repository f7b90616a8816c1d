/**
 * Synth speed and memory: how long building and serialising the whole stack takes per profile,
 * as a median over repeated runs (after warm-up), and the heap it holds.
 */
import { performance } from 'perf_hooks';
import { stringify } from 'yaml';
import { Profile } from '../config/component';
import { defaultSettings } from '../synth-settings';
import { synthesize } from '../constructs/stack/synthesize';

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
    return manifests.map((m) => stringify(m)).join('---\n').length;
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

export function reportSynth(): void {
  const results = (['dev', 'prod'] as const).map((profile) => ({ profile, ...benchSynth(profile) }));
  for (const r of results) {
    console.log(
      `synth ${r.profile} median: ${r.time.median.toFixed(1)} ms (n=${r.time.n}, min ${r.time.min.toFixed(1)}, ` +
        `max ${r.time.max.toFixed(1)}; ${r.objects} objects; heap ${r.heapMiB.toFixed(0)} MiB)`,
    );
  }
  console.log(`synth prod/dev ratio: ${(results[1].time.median / results[0].time.median).toFixed(2)}`);
}

if (require.main === module) reportSynth();
