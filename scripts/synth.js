#!/usr/bin/env node
// @ts-check
/**
 * The `npm run synth` launcher: `node scripts/synth.js <entry.ts> [args...]`.
 *
 * 1. Bundles the entry with esbuild into build/synth/<entry>.js. The peer dependencies (cdk8s,
 *    constructs) stay external, as in any cdk8s app; every other dependency is bundled, so Node
 *    resolves and compiles one file instead of hundreds. The entry imports cdk8s-plus-28 only for
 *    its generated `k8s` L1 classes, so the bundle takes that module alone, not the L2 library.
 * 2. Runs the bundle as the main module through `vm.Script` with a V8 code cache kept next to it
 *    (build/synth/<entry>.js.cache; Node 20 has no `module.enableCompileCache`). V8 rejects a
 *    cache made for other source text, and the launcher then writes a new one.
 *
 * The bundle is made again only when one of its inputs (or this launcher) is newer than it;
 * `--rebuild` always bundles, `--no-build` never does. Plain JavaScript so that it needs no
 * transpiler itself; the benchmark (bench/startup.ts) starts its empty cdk8s app through this
 * same launcher.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const Module = require('module');

const ROOT = path.resolve(__dirname, '..');
const PEERS = ['cdk8s', 'constructs'];

/**
 * esbuild plugin: `import { k8s } from 'cdk8s-plus-28'` resolves to the generated L1 module only.
 * An import of anything else from cdk8s-plus-28 fails the bundle (no such export), loudly.
 */
const k8sOnly = {
  name: 'cdk8s-plus-28-k8s-only',
  /** @param {import('esbuild').PluginBuild} build */
  setup(build) {
    build.onResolve({ filter: /^cdk8s-plus-28$/ }, () => ({ path: 'cdk8s-plus-28', namespace: 'k8s-only' }));
    build.onLoad({ filter: /.*/, namespace: 'k8s-only' }, () => ({
      contents: "export * as k8s from 'cdk8s-plus-28/lib/imports/k8s';",
      resolveDir: ROOT,
      loader: 'js',
    }));
  },
};

/** Bundles `entry` (relative to the project root) into `outfile`, and lists its inputs next to it. */
async function bundle(entry, outfile) {
  const esbuild = require('esbuild');
  try {
    const result = await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: PEERS,
      plugins: [k8sOnly],
      sourcemap: true,
      logLevel: 'warning',
      metafile: true,
      outfile,
    });
    fs.writeFileSync(
      `${outfile}.inputs.json`,
      JSON.stringify(Object.keys(result.metafile.inputs).filter((input) => !input.startsWith('k8s-only:'))),
    );
  } finally {
    await esbuild.stop();
  }
}

/**
 * True when `outfile` was bundled after the last change to every file it was bundled from (the
 * list esbuild's metafile gave) and to this launcher: the bundle is reused, like `make` or
 * `tsc --incremental` would. A missing or deleted input means a new bundle.
 */
function upToDate(outfile) {
  try {
    const built = fs.statSync(outfile).mtimeMs;
    const inputs = JSON.parse(fs.readFileSync(`${outfile}.inputs.json`, 'utf8'));
    return [__filename, ...inputs.map((input) => path.resolve(ROOT, input))].every((file) => fs.statSync(file).mtimeMs <= built);
  } catch {
    return false;
  }
}

/** Runs the CommonJS bundle `file` as the main module, with its V8 code cache. */
function run(file, args) {
  const cacheFile = `${file}.cache`;
  const source = fs.readFileSync(file, 'utf8');
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const main = new Module(file, null);
  main.filename = file;
  main.paths = Module._nodeModulePaths(path.dirname(file));
  main.loaded = true;
  process.mainModule = main;
  require.main = main;
  process.argv = [process.argv[0], file, ...args];
  const wrapper = script.runInThisContext();
  const mainRequire = Module.createRequire(file);
  mainRequire.main = main;
  wrapper.call(main.exports, main.exports, mainRequire, main, file, path.dirname(file));
  if (cachedData === undefined || script.cachedDataRejected) {
    // After the run, so that the functions compiled lazily during synthesis are in the cache too.
    process.once('exit', () => {
      try {
        fs.writeFileSync(cacheFile, script.createCachedData());
      } catch {
        // A read-only build folder only costs the next start its compile time.
      }
    });
  }
}

async function main(argv) {
  const flag = argv[0] === '--rebuild' || argv[0] === '--no-build' ? argv[0] : undefined;
  const [entry, ...args] = flag ? argv.slice(1) : argv;
  if (!entry) {
    console.error('usage: node scripts/synth.js [--rebuild | --no-build] <entry.ts> [args...]');
    process.exit(2);
  }
  const outfile = path.join(ROOT, 'build/synth', `${path.basename(entry).replace(/\.ts$/, '')}.js`);
  if (flag === '--rebuild' || (flag === undefined && !upToDate(outfile))) await bundle(entry, outfile);
  run(outfile, args);
}

main(process.argv.slice(2)).catch((error) => {
  // esbuild has printed its own errors (logLevel warning); anything else is shown as is.
  if (!(error && Array.isArray(error.errors))) console.error(error);
  process.exitCode = 1;
});
