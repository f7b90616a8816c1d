#!/usr/bin/env node
// @ts-check
/**
 * The `npm run synth` launcher: `node scripts/synth.js <entry.ts> [args...]`.
 *
 * 1. Bundles the entry with esbuild into build/synth/<entry>.js, and its dependencies into
 *    build/synth/<entry>.vendor.js. The peer dependencies (cdk8s, constructs) stay external, as in
 *    any cdk8s app; every other dependency is bundled, so Node resolves and compiles two files
 *    instead of hundreds. The entry imports cdk8s-plus-28 only for its generated `k8s` L1
 *    classes, so the vendor bundle takes that module alone, not the L2 library.
 * 2. Runs both through `vm.Script` with a V8 code cache kept next to each (`.cache`; Node 20 has
 *    no `module.enableCompileCache`). V8 rejects a cache made for other source text, and the
 *    launcher then writes a new one.
 *
 * A bundle is made again only when one of its inputs (or this launcher) is newer than it: after
 * an edit, only the project's code is bundled again. `--rebuild` always bundles the entry,
 * `--no-build` never bundles. Plain JavaScript so that it needs no
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

const BUILTINS = new Set(Module.builtinModules);
const isPeer = (spec) => PEERS.some((peer) => spec === peer || spec.startsWith(`${peer}/`));
const isBuiltin = (spec) => spec.startsWith('node:') || BUILTINS.has(spec.split('/')[0]);

/**
 * What a dependency specifier is bundled as: `import { k8s } from 'cdk8s-plus-28'` takes the
 * generated L1 module only, not the L2 library (an import of anything else from cdk8s-plus-28
 * fails the bundle: no such export).
 */
const vendorSource = (spec) =>
  spec === 'cdk8s-plus-28' ? "{ k8s: require('cdk8s-plus-28/lib/imports/k8s') }" : `require(${JSON.stringify(spec)})`;

/**
 * esbuild plugin for the entry's own bundle: each dependency (not a peer, not a Node built-in)
 * becomes a property of the vendor bundle `vendorFile`, and is recorded in `used`.
 */
function vendorPlugin(vendorFile, used) {
  return {
    name: 'vendor',
    /** @param {import('esbuild').PluginBuild} build */
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.namespace === 'vendor') return { path: args.path, external: true };
        if (isBuiltin(args.path) || isPeer(args.path)) return { path: args.path, external: true };
        used.add(args.path);
        return { path: args.path, namespace: 'vendor' };
      });
      build.onLoad({ filter: /.*/, namespace: 'vendor' }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(`./${path.basename(vendorFile)}`)})[${JSON.stringify(args.path)}];`,
        loader: 'js',
      }));
      build.onResolve({ filter: /^\.\/[^/]+\.vendor\.js$/, namespace: 'vendor' }, (args) => ({ path: args.path, external: true }));
    },
  };
}

/**
 * `require.resolve` of a dependency is left to Node at run time, which finds the project's
 * node_modules from build/synth (config/promql-cache.ts reads the PromQL parser's version so).
 */
const COMMON = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  logOverride: { 'require-resolve-not-external': 'silent' },
  metafile: true,
};

/** The files an esbuild result was made from, absolute (virtual modules and the `stdin` entry left out). */
const inputsOf = (result, stdinName) =>
  Object.keys(result.metafile.inputs)
    .filter((input) => input !== stdinName && !/^[\w-]+:/.test(input))
    .map((input) => path.resolve(ROOT, input));

/**
 * Bundles `entry` (relative to the project root) into `outfile` with its dependencies in a
 * second bundle, `<entry>.vendor.js`, which is made again only when the set of dependencies or
 * one of their files changed: after an edit, only the project's own code is bundled again. Each
 * bundle lists its inputs next to it (`.inputs.json`).
 */
async function bundle(entry, outfile) {
  const esbuild = require('esbuild');
  const vendorFile = outfile.replace(/\.js$/, '.vendor.js');
  const vendorEntry = path.basename(vendorFile).replace(/\.js$/, '.entry.js');
  try {
    const used = new Set();
    const result = await esbuild.build({
      ...COMMON,
      absWorkingDir: ROOT,
      entryPoints: [entry],
      plugins: [vendorPlugin(vendorFile, used)],
      outfile,
    });
    fs.writeFileSync(`${outfile}.inputs.json`, JSON.stringify(inputsOf(result)));
    const specs = [...used].sort();
    const listed = readJson(`${vendorFile}.inputs.json`);
    if (specs.length === 0) {
      for (const file of [vendorFile, `${vendorFile}.map`, `${vendorFile}.cache`, `${vendorFile}.inputs.json`])
        fs.rmSync(file, { force: true });
    } else if (!listed || JSON.stringify(listed.specs) !== JSON.stringify(specs) || !upToDate(vendorFile, listed.inputs)) {
      const vendor = await esbuild.build({
        ...COMMON,
        absWorkingDir: ROOT,
        stdin: {
          // Getters: a dependency is loaded when the app first requires it, as Node would.
          contents: `module.exports = {\n${specs.map((spec) => `  get ${JSON.stringify(spec)}() { return ${vendorSource(spec)}; },\n`).join('')}};\n`,
          resolveDir: ROOT,
          sourcefile: vendorEntry,
          loader: 'js',
        },
        external: PEERS,
        outfile: vendorFile,
      });
      fs.writeFileSync(`${vendorFile}.inputs.json`, JSON.stringify({ specs, inputs: inputsOf(vendor, vendorEntry) }));
    }
  } finally {
    await esbuild.stop();
  }
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * True when `file` was made after the last change to every one of `inputs` and to this
 * launcher: the bundle is reused, like `make` or `tsc --incremental` would. A missing or deleted
 * input means a new bundle.
 */
function upToDate(file, inputs) {
  try {
    const built = fs.statSync(file).mtimeMs;
    return [__filename, ...inputs].every((input) => fs.statSync(input).mtimeMs <= built);
  } catch {
    return false;
  }
}

/** Compiles and runs the CommonJS file `file` as `mod`, with a V8 code cache next to it. */
function runCached(file, mod) {
  const cacheFile = `${file}.cache`;
  const source = fs.readFileSync(file, 'utf8');
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  mod.filename = file;
  mod.paths = Module._nodeModulePaths(path.dirname(file));
  const modRequire = Module.createRequire(file);
  modRequire.main = process.mainModule;
  script.runInThisContext().call(mod.exports, mod.exports, modRequire, mod, file, path.dirname(file));
  mod.loaded = true;
  if (cachedData === undefined || script.cachedDataRejected) {
    // At exit, so that the functions compiled lazily during synthesis are in the cache too.
    process.once('exit', () => {
      try {
        fs.writeFileSync(cacheFile, script.createCachedData());
      } catch {
        // A read-only build folder only costs the next start its compile time.
      }
    });
  }
}

/** Runs the bundle `file` as the main module; its vendor bundle, if any, is loaded the same way. */
function run(file, args) {
  const main = new Module(file, null);
  process.mainModule = main;
  require.main = main;
  process.argv = [process.argv[0], file, ...args];
  const vendorFile = file.replace(/\.js$/, '.vendor.js');
  if (fs.existsSync(vendorFile)) {
    const vendor = new Module(vendorFile, main);
    Module._cache[vendorFile] = vendor;
    runCached(vendorFile, vendor);
  }
  runCached(file, main);
}

/** The PromQL validation cache of config/promql-cache.ts, kept with the bundles (its own `--rebuild` does not clear it). */
const PROMQL_CACHE = path.join(ROOT, 'build/cache/promql-valid.json');

async function main(argv) {
  const flag = argv[0] === '--rebuild' || argv[0] === '--no-build' ? argv[0] : undefined;
  const [entry, ...args] = flag ? argv.slice(1) : argv;
  if (!entry) {
    console.error('usage: node scripts/synth.js [--rebuild | --no-build] <entry.ts> [args...]');
    process.exit(2);
  }
  const outfile = path.join(ROOT, 'build/synth', `${path.basename(entry).replace(/\.ts$/, '')}.js`);
  const inputs = readJson(`${outfile}.inputs.json`);
  if (flag === '--rebuild' || (flag === undefined && !(inputs && upToDate(outfile, inputs)))) await bundle(entry, outfile);
  process.env.PROMQL_VALIDATION_CACHE ??= PROMQL_CACHE;
  run(outfile, args);
}

main(process.argv.slice(2)).catch((error) => {
  // esbuild has printed its own errors (logLevel warning); anything else is shown as is.
  if (!(error && Array.isArray(error.errors))) console.error(error);
  process.exitCode = 1;
});
