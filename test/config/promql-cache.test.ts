/**
 * The persistent PromQL validation cache (config/promql-cache.ts): only accepted expressions are
 * recorded, so an invalid expression fails every time; a corrupt or other-version file is
 * ignored. Unit level on the class, then through the real launcher (scripts/synth.js) in new
 * processes, as `npm run synth` uses it.
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { PROMQL_CACHE_ENV, PromqlValidationCache, promqlParserVersion } from '../../config/promql-cache';

const ROOT = resolve(__dirname, '..', '..');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'promql-cache-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const VALID = 'sum by (job) (rate(http_requests_total[5m])) > 0';
const INVALID = 'sum by (job) (rate(http_requests_total[5m]) > 0';

describe('PromqlValidationCache', () => {
  it('reads the installed parser version', () => {
    const pinned = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies[
      '@prometheus-io/lezer-promql'
    ];
    expect(promqlParserVersion()).toBe(pinned);
  });

  it('remembers an added expression across instances, for the same parser version only', () => {
    const file = join(dir, 'sub', 'cache.json');
    const first = new PromqlValidationCache(file, '1.0.0');
    expect(first.has(VALID)).toBe(false);
    first.add(VALID);
    first.save();
    expect(existsSync(file)).toBe(true);
    expect(readFileSync(file, 'utf8')).not.toContain('http_requests_total');
    expect(new PromqlValidationCache(file, '1.0.0').has(VALID)).toBe(true);
    expect(new PromqlValidationCache(file, '1.0.0').has(`${VALID} `)).toBe(false);
    expect(new PromqlValidationCache(file, '1.0.1').has(VALID)).toBe(false);
  });

  it.each([
    ['not JSON', '{"format": "promql-validation-cache/1", "entr'],
    ['binary garbage', '\u0000\u00ff\u0013garbage'],
    ['another format', JSON.stringify({ format: 'other/1', parser: '1.0.0', entries: ['x'] })],
    ['entries not a list', JSON.stringify({ format: 'promql-validation-cache/1', parser: '1.0.0', entries: 'x' })],
  ])('ignores a corrupt file (%s) and replaces it', (_name, content) => {
    const file = join(dir, 'cache.json');
    writeFileSync(file, content);
    const cache = new PromqlValidationCache(file, '1.0.0');
    expect(cache.has(VALID)).toBe(false);
    cache.add(VALID);
    cache.save();
    expect(new PromqlValidationCache(file, '1.0.0').has(VALID)).toBe(true);
  });

  it('does not write the file when nothing was added', () => {
    const file = join(dir, 'cache.json');
    new PromqlValidationCache(file, '1.0.0').save();
    expect(existsSync(file)).toBe(false);
  });
});

describe('promqlSyntaxError with the cache on', () => {
  const saved = process.env[PROMQL_CACHE_ENV];
  afterEach(() => {
    if (saved === undefined) delete process.env[PROMQL_CACHE_ENV];
    else process.env[PROMQL_CACHE_ENV] = saved;
  });

  it('records accepted expressions only, and still finds the error of a new invalid one', () => {
    const file = join(dir, 'cache.json');
    process.env[PROMQL_CACHE_ENV] = file;
    jest.isolateModules(() => {
      const { promqlSyntaxError } = require('../../config/promql') as typeof import('../../config/promql');

      const { promqlValidationCache } = require('../../config/promql-cache') as typeof import('../../config/promql-cache');
      expect(promqlSyntaxError(VALID)).toBeUndefined();
      expect(promqlSyntaxError(INVALID)?.offset).toBe(47);
      promqlValidationCache()?.save();
    });
    const cache = new PromqlValidationCache(file, promqlParserVersion());
    expect(cache.has(VALID)).toBe(true);
    expect(cache.has(INVALID)).toBe(false);
  });
});

describe('through scripts/synth.js (new processes, the cache file kept between them)', () => {
  const run = (cache: string, ...exprs: string[]) =>
    spawnSync(process.execPath, ['scripts/synth.js', 'test/config/fixtures/promql-check.ts', ...exprs], {
      cwd: ROOT,
      env: { ...process.env, [PROMQL_CACHE_ENV]: cache },
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('a cached valid expression passes, a new invalid one fails every run, a corrupt file is ignored', () => {
    const file = join(dir, 'cache.json');
    const first = run(file, VALID);
    expect([first.status, first.stdout.trim(), first.stderr]).toEqual([0, 'ok', '']);
    expect(new PromqlValidationCache(file, promqlParserVersion()).has(VALID)).toBe(true);

    for (let i = 0; i < 2; i++) {
      const bad = run(file, VALID, INVALID);
      expect(bad.status).toBe(1);
      expect(bad.stderr).toContain('promql-check: invalid args[1] = ');
      expect(bad.stderr).toContain('syntax error at character 47');
    }
    expect(new PromqlValidationCache(file, promqlParserVersion()).has(INVALID)).toBe(false);

    writeFileSync(file, 'corrupt{');
    const again = run(file, VALID);
    expect([again.status, again.stdout.trim()]).toEqual([0, 'ok']);
    expect(new PromqlValidationCache(file, promqlParserVersion()).has(VALID)).toBe(true);
  });
});
