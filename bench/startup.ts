/**
 * Cold start of `npm run synth`: the synth script's own command against the same command with
 * main.ts replaced by an empty cdk8s app (bench/empty-app.ts), so both pay the same launcher
 * (bundling and node start-up). Each run is a new process with nothing cached by the tools; the
 * two are alternated (one discarded warm-up pair for the OS file cache), n runs each, and the
 * medians and their ratio are reported. The synth script after an edit (bundling again) and the
 * launcher `npm run synth` used before scripts/synth.js are measured the same way.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { Summary, summarize } from './synth';

const ROOT = process.cwd();

export interface StartupPair {
  readonly launcher: string;
  readonly empty: Summary;
  readonly synth: Summary;
  /** median(synth) / median(empty). */
  readonly ratio: number;
}

/** Runs `command` through sh with node_modules/.bin on PATH (as `npm run` does); wall time in ms. */
function timeCommand(command: string): number {
  const env = { ...process.env, PATH: `${path.join(ROOT, 'node_modules/.bin')}${path.delimiter}${process.env.PATH}` };
  const start = performance.now();
  const result = spawnSync('sh', ['-c', command], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = performance.now() - start;
  if (result.status !== 0) throw new Error(`bench: \`${command}\` exited ${result.status}: ${result.stderr}`);
  return ms;
}

/** The same command with the entry point main.ts (and its bundle) swapped for the empty app. */
export function emptyVariant(synthCommand: string): string {
  const empty = synthCommand.replace(/\bmain\.ts\b/g, 'bench/empty-app.ts').replace(/\bmain\.js\b/g, 'empty-app.js');
  if (empty === synthCommand || /\bmain\.(ts|js)\b/.test(empty))
    throw new Error(`bench: cannot derive the empty-app command from ${JSON.stringify(synthCommand)}`);
  return empty;
}

/** Alternates the empty app and the real synth, `runs` times each, after one discarded pair. */
export function benchStartup(launcher: string, synthCommand: string, runs = 7, emptyCommand = emptyVariant(synthCommand)): StartupPair {
  timeCommand(emptyCommand);
  timeCommand(synthCommand);
  const empty: number[] = [];
  const synth: number[] = [];
  for (let i = 0; i < runs; i++) {
    empty.push(timeCommand(emptyCommand));
    synth.push(timeCommand(synthCommand));
  }
  const e = summarize(empty);
  const s = summarize(synth);
  return { launcher, empty: e, synth: s, ratio: s.median / e.median };
}

/** The launcher `npm run synth` used before scripts/synth.js: esbuild (dependencies external), then node. */
const BEFORE =
  'esbuild main.ts --bundle --packages=external --platform=node --target=node20 --sourcemap --log-level=warning ' +
  '--outfile=build/before/main.js && node --enable-source-maps build/before/main.js dev';

export function reportStartup(runs = Number(process.env.BENCH_STARTUP_RUNS ?? 7)): StartupPair[] {
  const scripts = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;
  // scripts/synth.js reuses a bundle whose inputs have not changed; `--rebuild` is the first run
  // after an edit (bundling included).
  const rebuild = scripts.synth.replace(/\bscripts\/synth\.js\b/, 'scripts/synth.js --rebuild');
  if (rebuild === scripts.synth) throw new Error(`bench: the synth script no longer runs scripts/synth.js: ${scripts.synth}`);
  // The PromQL validation cache (build/cache/promql-valid.json) named afresh for each run: every
  // expression is parsed, as on the first synth of a clean clone.
  const noPromqlCache = `f="$(mktemp -u)"; PROMQL_VALIDATION_CACHE="$f" ${scripts.synth}; s=$?; rm -f "$f"; exit $s`;
  const pairs = [
    benchStartup('synth script (bundles up to date + node with code cache)', scripts.synth, runs),
    benchStartup('synth script, PromQL validation cache empty (every expression parsed)', noPromqlCache, runs),
    benchStartup(
      'synth script, metrics half only (bench/metrics-only-app.ts: no logs store, no traces)',
      scripts.synth.replace(/\bmain\.ts dev\b/, 'bench/metrics-only-app.ts'),
      runs,
      emptyVariant(scripts.synth),
    ),
    benchStartup('synth script after an edit (esbuild app bundle + node)', rebuild, runs),
    benchStartup('before: esbuild --packages=external + node', BEFORE, runs),
  ];
  const ms = (s: Summary) => `${s.median.toFixed(0)} ms (min ${s.min.toFixed(0)}, max ${s.max.toFixed(0)})`;
  for (const p of pairs) {
    console.log(
      `startup ${p.launcher}, n=${p.synth.n} each, alternated: empty cdk8s app ${ms(p.empty)}, synth dev ` +
        `${ms(p.synth)}; ratio ${p.ratio.toFixed(2)}`,
    );
  }
  console.log(`startup synth dev, synth script vs before: ${(pairs[4].synth.median / pairs[0].synth.median).toFixed(2)}x faster`);
  return pairs;
}

if (require.main === module) reportStartup();
