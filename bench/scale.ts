/**
 * Scale: synth time and peak RSS for 10, 100 and 1000 monitored services (half with an SLO), the
 * object count and the largest ConfigMap. Each size runs in a fresh Node process (so its peak RSS
 * is its own): one warm-up, then RUNS timed runs of synthesize + YAML serialisation; medians.
 */
import { spawnSync } from 'child_process';
import { performance } from 'perf_hooks';
import { manifestsYaml, synthesize } from '../constructs/stack/synthesize';
import { scaleSettings } from '../test/support/scale';
import { summarize } from './synth';

/** Service counts of the table. */
export const SCALE_COUNTS = [10, 100, 1000] as const;
const RUNS = 3;
/** Peak RSS allowed at 1000 services. */
const RSS_BUDGET_MIB = 500;

interface ScaleRun {
  readonly services: number;
  readonly ms: number[];
  readonly objects: number;
  readonly largestConfigMap: { readonly name: string; readonly bytes: number };
  readonly peakRssMiB: number;
}

/** One size, in this process (the child). */
function measure(services: number): ScaleRun {
  const settings = scaleSettings('prod', services);
  const once = () => {
    const { manifests } = synthesize(settings);
    manifestsYaml(manifests);
    return manifests;
  };
  const manifests = once();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    once();
    ms.push(performance.now() - start);
  }
  const configMaps = manifests
    .filter((m) => m.kind === 'ConfigMap')
    .map((m) => ({ name: m.metadata.name, bytes: Buffer.byteLength(JSON.stringify(m)) }))
    .sort((a, b) => b.bytes - a.bytes);
  // maxRSS is in KiB.
  return { services, ms, objects: manifests.length, largestConfigMap: configMaps[0], peakRssMiB: process.resourceUsage().maxRSS / 1024 };
}

/** Runs each size in a child process and prints the table. */
export function reportScale(): void {
  const runs = SCALE_COUNTS.map((services) => {
    const child = spawnSync(process.execPath, [...process.execArgv, __filename, String(services)], {
      encoding: 'utf8',
      env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
      timeout: 300_000,
    });
    if (child.status !== 0) throw new Error(`scale bench ${services}: ${child.stderr}`);
    return JSON.parse(child.stdout.trim().split('\n').pop()!) as ScaleRun;
  });
  const median = (r: ScaleRun) => summarize(r.ms).median;
  console.log(`scale (prod profile, half the services with 2 SLOs, median of ${RUNS} runs after a warm-up, one process per size):`);
  console.log('| services | synth median (ms) | min-max (ms) | peak RSS (MiB) | objects | largest ConfigMap (bytes) |');
  console.log('|---:|---:|---:|---:|---:|---|');
  for (const r of runs) {
    const s = summarize(r.ms);
    console.log(
      `| ${r.services} | ${s.median.toFixed(0)} | ${s.min.toFixed(0)}-${s.max.toFixed(0)} | ${r.peakRssMiB.toFixed(0)} | ${r.objects} | ` +
        `${r.largestConfigMap.name} ${r.largestConfigMap.bytes} |`,
    );
  }
  const [small, , large] = runs;
  const ratio = median(large) / median(small);
  const perService = (r: ScaleRun, q: ScaleRun) => (median(q) - median(r)) / (q.services - r.services);
  console.log(
    `time(1000)/time(10) = ${ratio.toFixed(1)} (services x100); ` +
      `marginal ms per service: 10->100 ${perService(runs[0], runs[1]).toFixed(2)}, ` +
      `100->1000 ${perService(runs[1], runs[2]).toFixed(2)} (linear when these agree or the second is lower)`,
  );
  const within = large.peakRssMiB < RSS_BUDGET_MIB;
  console.log(
    `peak RSS at 1000 services: ${large.peakRssMiB.toFixed(0)} MiB (budget ${RSS_BUDGET_MIB} MiB: ${within ? 'within' : 'OVER'})`,
  );
  if (!within) process.exitCode = 1;
}

if (require.main === module) {
  const services = Number(process.argv[2]);
  if (Number.isInteger(services) && services > 0) console.log(JSON.stringify(measure(services)));
  else reportScale();
}
