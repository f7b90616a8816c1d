/**
 * The package as another repository gets it: `npm pack` (which builds lib/), then a fresh project
 * that installs the tarball with cdk8s, constructs, TypeScript and @types/node only, compiles the
 * app in test/consumer/app with plain `tsc` (node16, then bundler resolution) and runs it with
 * plain `node`; then the same project adds Pulumi and uses the `./pulumi` entry.
 *
 * Each way a consumer used to fail is covered: no JS in the package (tarball contents, `node`
 * run); `main` pointing at a `.ts` file (entry points checked, `node` run); `Unexpected token
 * 'export'` (`node` run of the compiled app); TS2307 on the Grafana SDK sub-paths the shipped
 * `.d.ts` import (`tsc` without skipLibCheck); `Cannot find module` (`node` run, both entries).
 */
import { execFile, execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse, parseAllDocuments } from 'yaml';

const REPO = path.resolve(__dirname, '../..');
const FIXTURE = path.join(__dirname, 'app');
const NPM_FLAGS = ['--prefer-offline', '--no-audit', '--no-fund'];
const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
const dev = (name: string) => `${name}@${pkg.devDependencies[name]}`;

// `npm test` passes its own npm_* variables (package, lifecycle, prefixes) down; the child npm
// commands must see the consumer project, not this one.
const env = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^npm_(package|lifecycle|config_(local_)?prefix|config_global_prefix)/i.test(k)),
);

function run(command: string, args: string[], cwd: string): string {
  try {
    return execFileSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 2 ** 20 });
  } catch (error: any) {
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${error.stdout ?? ''}\n${error.stderr ?? error.message}`, {
      cause: error,
    });
  }
}
const npm = (args: string[], cwd: string) => run('npm', args, cwd);
/** The consumer's own `tsc -p project` (asynchronous, so two compiles can overlap). */
const tsc = (project: string) =>
  new Promise<void>((resolve, reject) =>
    execFile(
      process.execPath,
      [path.join(app, 'node_modules/typescript/bin/tsc'), '-p', project],
      { cwd: app, env },
      (error, stdout, stderr) => (error ? reject(new Error(`tsc -p ${project} failed:\n${stdout}\n${stderr}`)) : resolve()),
    ),
  );

let work: string;
let app: string;
let tarball: string;
let files: string[];

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'consumer-'));
  app = path.join(work, 'app');
  const packed = JSON.parse(npm(['pack', '--pack-destination', work, '--json'], REPO).replace(/^[^[]*/, ''));
  tarball = path.join(work, packed[0].filename);
  files = packed[0].files.map((f: { path: string }) => f.path);
  fs.cpSync(FIXTURE, app, { recursive: true });
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  npm(['install', tarball, dev('cdk8s'), dev('constructs'), dev('typescript'), dev('@types/node'), ...NPM_FLAGS], app);
}, 120_000);

afterAll(() => {
  if (work) fs.rmSync(work, { recursive: true, force: true });
});

test('the tarball holds the compiled library, its declarations and docs, and no sources, tests or stack files', () => {
  expect(files).toEqual(
    expect.arrayContaining([
      'package.json',
      'README.md',
      'CHANGELOG.md',
      'lib/constructs/index.js',
      'lib/constructs/index.d.ts',
      'lib/constructs/index.d.ts.map',
      'lib/stacks/library.js',
      'lib/stacks/library.d.ts',
    ]),
  );
  const unexpected = files.filter(
    (f) => !/^(lib\/.*\.(js|d\.ts|map)|docs\/.*\.md|README\.md|CHANGELOG\.md|LICENSE|package\.json)$/.test(f),
  );
  expect(unexpected).toEqual([]);
  expect(files.filter((f) => /^(test|bench|examples|\.ci)\/|^Pulumi\.|^main\.|^lib\/stacks\/index\./.test(f))).toEqual([]);
  // Every entry point the installed package.json names is a JavaScript or declaration file it ships.
  const installed = JSON.parse(fs.readFileSync(path.join(app, 'node_modules/typed-observability-stack/package.json'), 'utf8'));
  const targets = [
    installed.main,
    installed.types,
    ...Object.values(installed.exports as Record<string, string | Record<string, string>>).flatMap((t) =>
      typeof t === 'string' ? [t] : Object.values(t),
    ),
  ];
  for (const target of targets.filter((t) => t !== './package.json')) {
    expect(target).toMatch(/\.(js|d\.ts)$/);
    expect(files).toContain(path.posix.normalize(target));
  }
  // The shipped declarations import the Grafana SDK sub-paths, so the consumer's tsc checks them.
  const declarations = files
    .filter((f) => f.endsWith('.d.ts'))
    .map((f) => fs.readFileSync(path.join(app, 'node_modules/typed-observability-stack', f), 'utf8'));
  expect(declarations.some((d) => d.includes("from '@grafana/grafana-foundation-sdk/dashboard'"))).toBe(true);
});

test('nothing reachable from the built main entry requests Pulumi (the same hook sees ./pulumi request it)', () => {
  // Run against this repository's lib/, where Pulumi is installed: a stray require would succeed
  // silently here, so the module-load hook records every request.
  const hook = `
    const Module = require('module');
    const seen = new Set();
    const load = Module._load;
    Module._load = function (request, ...rest) {
      if (request.startsWith('@pulumi/')) seen.add(request);
      return load.call(this, request, ...rest);
    };
    require(process.argv[1]);
    const cached = Object.keys(require.cache).filter((k) => k.includes('@pulumi'));
    console.log(JSON.stringify({ requested: [...seen].sort(), cached: cached.length }));`;
  const load = (entry: string) => JSON.parse(run(process.execPath, ['-e', hook, path.join(REPO, entry)], REPO));
  expect(load(pkg.exports['.'].default)).toEqual({ requested: [], cached: 0 });
  expect(load(pkg.exports['./pulumi'].default).requested).toEqual(
    expect.arrayContaining(['@pulumi/pulumi', '@pulumi/kubernetes', '@pulumi/docker']),
  );
  expect(fs.existsSync(path.join(app, 'node_modules/@pulumi'))).toBe(false);
});

test('a cdk8s-only consumer compiles with node16 and bundler resolution and synthesizes its stack with plain node', async () => {
  await Promise.all([tsc('tsconfig.json'), tsc('tsconfig.bundler.json')]);
  const outdir = path.join(work, 'dist');
  const printed = JSON.parse(run(process.execPath, [path.join(app, 'out/app.js'), outdir], app));
  expect(fs.readdirSync(outdir)).toEqual(['consumer.k8s.yaml']);
  const objects = parseAllDocuments(fs.readFileSync(path.join(outdir, 'consumer.k8s.yaml'), 'utf8')).map((d) => d.toJS());
  expect(objects).toHaveLength(printed.objects);
  const names = (kind: string) =>
    objects
      .filter((o) => o.kind === kind)
      .map((o) => o.metadata.name)
      .sort();
  // prod without grafana.database: one Grafana whose SQLite is on a claim (a StatefulSet).
  expect(names('StatefulSet')).toEqual(expect.arrayContaining(['alertmanager', 'grafana', 'prometheus']));
  expect(names('Deployment')).toEqual(expect.arrayContaining(['kube-state-metrics']));
  // Each monitored service's job is a file of its own in a scrape shard (scrape_config_files).
  const config = objects.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'prometheus-config');
  expect(parse(config.data['prometheus.yml']).scrape_config_files).toEqual(['/etc/prometheus/scrape/*.yml']);
  const scrapeFiles = Object.assign(
    {},
    ...objects.filter((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('prometheus-scrape-')).map((o) => o.data),
  );
  expect(Object.keys(scrapeFiles).sort()).toEqual(['billing-worker.yml', 'orders-api.yml', 'search-gateway.yml']);
  const billing = parse(scrapeFiles['billing-worker.yml']).scrape_configs[0];
  expect(billing.job_name).toBe('billing-worker');
  expect(billing.metrics_path).toBe('/internal/metrics');
}, 90_000);

test("the components' settings keys reach the consumer through the package's declarations; misspelt ones fail its tsc", async () => {
  // src/every-key.ts (compiled by the test above) sets every component key; each misspelt key fails.
  const output = await new Promise<string>((resolve) =>
    execFile(
      process.execPath,
      [path.join(app, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.misspelt.json', '--pretty', 'false'],
      { cwd: app, env },
      (error, stdout) => resolve(error ? stdout : 'compiled without errors'),
    ),
  );
  const errors = output.split('\n').filter((line) => / error TS\d+:/.test(line));
  expect(errors.map((line) => /'(\w+)'/.exec(line.split(': error ')[1])?.[1])).toEqual(['logstahs', 'heapp', 'tracng']);
  expect(errors.every((line) => /error TS(2353|2561):/.test(line))).toBe(true);
}, 90_000);

test('with Pulumi installed, the ./pulumi entry compiles and deploys the stack as components (mocked engine)', async () => {
  npm(['install', dev('@pulumi/pulumi'), dev('@pulumi/kubernetes'), dev('@pulumi/docker'), dev('@pulumi/random'), ...NPM_FLAGS], app);
  await tsc('tsconfig.pulumi.json');
  const result = JSON.parse(run(process.execPath, [path.join(app, 'out-pulumi/program.js')], app));
  expect(result).toEqual({
    target: 'kubernetes',
    dockerStack: 'function',
    address: 'prometheus.monitoring.svc:9090',
    types: [
      'kubernetes:core/v1:Namespace',
      'kubernetes:core/v1:Secret',
      'kubernetes:yaml/v2:ConfigGroup',
      'observability:stack:Cluster',
      'pulumi:providers:kubernetes',
      // The generated Elasticsearch passwords (synth-settings.ts turns the logs store on).
      'random:index/randomPassword:RandomPassword',
    ],
    kinds: expect.arrayContaining(['ConfigMap', 'Deployment', 'StatefulSet', 'DaemonSet', 'Job']),
  });
}, 90_000);
