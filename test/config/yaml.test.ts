import { App, Chart } from 'cdk8s';
import { mkdtempSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse, stringify } from 'yaml';
import { Profile } from '../../config/component';
import { toYaml, ToYamlOptions } from '../../config/yaml';
import { StackSettings } from '../../constructs/stack/settings';
import { synthesize, writeManifests } from '../../constructs/stack/synthesize';
import { databaseFixtureSettings, fixtureSettings } from '../support/fixtures';

/** What cdk8s passes to the yaml package for each manifest (node_modules/cdk8s/lib/yaml.js). */
const CDK8S: ToYamlOptions = { keepUndefined: true, version: '1.1' };
const byPackage = (value: unknown, options: ToYamlOptions = {}) => stringify(value, { lineWidth: 0, ...options });

const STACKS: Array<[string, StackSettings]> = (['dev', 'prod'] as Profile[]).flatMap((profile): Array<[string, StackSettings]> => [
  [`fixture ${profile}`, fixtureSettings(profile)],
  [`databases ${profile}`, databaseFixtureSettings(profile)],
  [
    `logs and traces ${profile}`,
    { ...fixtureSettings(profile), elasticsearch: {}, jaeger: {}, filebeat: { output: 'elasticsearch' }, logstash: false },
  ],
  [`operator ${profile}`, { ...fixtureSettings(profile), operator: {} }],
]);

describe.each(STACKS)('toYaml writes what the yaml package writes: %s', (_name, settings) => {
  const { manifests } = synthesize(settings);

  it('for every manifest, with the options cdk8s uses', () => {
    expect(manifests.length).toBeGreaterThan(20);
    for (const manifest of manifests) expect(toYaml(manifest, CDK8S)).toBe(byPackage(manifest, CDK8S));
  });

  it('for every YAML file in the ConfigMaps (read back, written again), in YAML 1.2 and 1.1', () => {
    const files = manifests.flatMap((m) =>
      m.kind === 'ConfigMap' ? Object.entries((m as { data?: Record<string, string> }).data ?? {}).filter(([k]) => /\.ya?ml$/.test(k)) : [],
    );
    expect(files.length).toBeGreaterThan(0);
    for (const [name, text] of files) {
      const data: unknown = parse(text);
      for (const version of ['1.2', '1.1'] as const)
        expect([name, toYaml(data, { version })]).toEqual([name, byPackage(data, { version })]);
      // The stack renders its files with toYaml (Jaeger's in YAML 1.1): reading one back and
      // writing it again is the same text.
      const again = toYaml(data) === text ? toYaml(data) : toYaml(data, { version: '1.1' });
      expect([name, again]).toEqual([name, text]);
    }
  });
});

describe('writeManifests', () => {
  it('writes the file and bytes app.synth() writes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'write-manifests-'));
    try {
      const ours = synthesize(fixtureSettings('prod'), join(dir, 'ours'));
      const file = writeManifests(ours);
      expect(file).toBe(join(dir, 'ours', 'observability-prod.k8s.yaml'));
      const theirs = synthesize(fixtureSettings('prod'), join(dir, 'cdk8s'));
      theirs.app.synth();
      const expected = readFileSync(join(dir, 'cdk8s', 'observability-prod.k8s.yaml'), 'utf8');
      expect(expected.length).toBeGreaterThan(100_000);
      expect(readFileSync(file, 'utf8')).toBe(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes nothing for an app that fails validation (synthesize throws first)', () => {
    const app = new App({ outdir: join(tmpdir(), 'never-written') });
    const chart = new Chart(app, 'c');
    chart.node.addValidation({ validate: () => ['broken on purpose'] });
    expect(() => chart.toJson()).toThrow(/Validation failed with the following errors:\n {2}\[c\] broken on purpose/);
  });
});

/** A small deterministic generator (mulberry32), so that a failure names a reproducible seed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Pieces that reach every branch of the package's string rules: indicators, schema look-alikes, quotes, blanks, escapes. */
const PIECES = [
  'a',
  'Z',
  'app.kubernetes.io/name',
  '9.5.5',
  '64Mi',
  '0.0.0.0/0',
  '10%',
  '1e3',
  '0x1F',
  '0o17',
  '017',
  '1:20',
  '2026-12-03',
  'true',
  'No',
  'on',
  'NULL',
  '~',
  '<<',
  '=',
  '.inf',
  '-',
  '?',
  ':',
  ': ',
  ' #',
  '#',
  '- ',
  '? ',
  '[',
  ']',
  '{',
  '}',
  ',',
  '&',
  '*',
  '!',
  '|',
  '>',
  "'",
  '"',
  '%',
  '@',
  '`',
  ' ',
  '  ',
  '\t',
  '\n',
  '\n\n',
  ' \n',
  '\n ',
  '---',
  '...',
  '\\',
  '\u0007',
  '\u00a0',
  '\u2028',
  'é',
  '😀',
  'http://x:9090/path?q=1#frag',
  '${HOSTNAME}',
  '%{[field]}',
  'a: b',
  'x #y',
];

function randomString(next: () => number): string {
  const n = Math.floor(next() * 5);
  let s = '';
  for (let i = 0; i < n; i++) s += PIECES[Math.floor(next() * PIECES.length)];
  return s;
}

function randomValue(next: () => number, depth: number): unknown {
  const r = next();
  if (depth > 0 && r < 0.25)
    return Object.fromEntries(Array.from({ length: Math.floor(next() * 4) }, () => [randomString(next), randomValue(next, depth - 1)]));
  if (depth > 0 && r < 0.45) return Array.from({ length: Math.floor(next() * 4) }, () => randomValue(next, depth - 1));
  if (r < 0.5) return [null, true, false, 0, -1, 1.5, 1e21, -0, NaN, Infinity][Math.floor(next() * 10)];
  if (r < 0.53) return undefined;
  return randomString(next);
}

describe('toYaml on generated documents', () => {
  const options: ToYamlOptions[] = [{}, { version: '1.1' }, CDK8S, { aliasDuplicateObjects: false }];
  it.each(options.map((o) => [JSON.stringify(o), o] as const))('2000 documents with %s: the same bytes', (_n, opts) => {
    const next = random(20261203);
    for (let i = 0; i < 2000; i++) {
      const doc = Object.fromEntries(Array.from({ length: 1 + Math.floor(next() * 4) }, () => [randomString(next), randomValue(next, 3)]));
      const expected = byPackage(doc, opts);
      expect([i, toYaml(doc, opts)]).toEqual([i, expected]);
    }
  });

  it('hands over what it cannot write itself: repeated objects (anchors), class instances, top-level scalars', () => {
    const shared = { a: 1 };
    const withAlias = { x: shared, y: shared };
    expect(toYaml(withAlias)).toBe(byPackage(withAlias));
    expect(toYaml(withAlias)).toContain('*a1');
    expect(toYaml(withAlias, { aliasDuplicateObjects: false })).toBe('x:\n  a: 1\ny:\n  a: 1\n');
    const dated = { when: new Date(Date.UTC(2026, 11, 3)) };
    expect(toYaml(dated)).toBe(byPackage(dated));
    expect(toYaml('just a string')).toBe(byPackage('just a string'));
    expect(toYaml([{ 'pipeline.id': 'main' }, []])).toBe('- pipeline.id: main\n- []\n');
  });
});
