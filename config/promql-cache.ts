/**
 * A persistent record of PromQL expressions the parser has accepted, so that a synth whose
 * expressions did not change does not parse them again (a cold lezer parse is ~1 ms each).
 *
 * Each entry is a hash of (parser package version, expression). Only accepted expressions are
 * recorded: an expression not in the file is parsed for real, so an invalid one fails on every
 * run. A file that cannot be read, is not ours, or was made by another parser version counts as
 * empty and is replaced. Used only when a cache file is named (`npm run synth` names one, see
 * scripts/synth.js); tests and library users parse every expression.
 */
import { createHash } from 'crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';

/** The environment variable naming the cache file; unset means no persistent cache. */
export const PROMQL_CACHE_ENV = 'PROMQL_VALIDATION_CACHE';

/** The file format's marker, bumped if the format or the meaning of an entry changes. */
const FORMAT = 'promql-validation-cache/1';

/** Entries kept at most (this run's first, then the newest of earlier runs). */
const MAX_ENTRIES = 20_000;

/** The version of the installed @prometheus-io/lezer-promql (its package.json is not exported). */
export function promqlParserVersion(): string {
  const main = require.resolve('@prometheus-io/lezer-promql');
  for (let dir = dirname(main); dir !== dirname(dir); dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@prometheus-io/lezer-promql' && typeof pkg.version === 'string') return pkg.version;
    } catch {
      // not the package's folder yet
    }
  }
  throw new Error(`promql cache: no package.json above ${main}`);
}

export class PromqlValidationCache {
  private readonly earlier: Set<string>;
  private readonly used = new Set<string>();
  private added = false;

  /** Reads `file` (a missing, corrupt or other-version file counts as empty). */
  constructor(
    /** The cache file. */
    readonly file: string,
    /** The parser's package version, part of every key. */
    readonly parserVersion: string,
  ) {
    this.earlier = new Set(readEntries(file, parserVersion));
  }

  private key(expr: string): string {
    return createHash('sha256').update(`${this.parserVersion}\0${expr}`).digest('base64url').slice(0, 32);
  }

  /** True when the parser of this version accepted `expr` in an earlier run (or this one). */
  has(expr: string): boolean {
    const key = this.key(expr);
    if (!this.earlier.has(key) && !this.used.has(key)) return false;
    this.used.add(key);
    return true;
  }

  /** Records that the parser accepted `expr`. */
  add(expr: string): void {
    const key = this.key(expr);
    if (!this.earlier.has(key)) this.added = true;
    this.used.add(key);
  }

  /** Writes the file if this run added an entry (atomically: a reader sees the old or the new file). */
  save(): void {
    if (!this.added) return;
    const entries = [...this.used, ...[...this.earlier].reverse().filter((key) => !this.used.has(key))].slice(0, MAX_ENTRIES);
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      writeFileSync(tmp, JSON.stringify({ format: FORMAT, parser: this.parserVersion, entries }));
      renameSync(tmp, this.file);
      this.added = false;
    } catch {
      // A read-only folder only costs the next run its parse time.
    }
  }
}

function readEntries(file: string, parserVersion: string): string[] {
  try {
    const data = JSON.parse(readFileSync(file, 'utf8')) as { format?: unknown; parser?: unknown; entries?: unknown };
    if (data.format !== FORMAT || data.parser !== parserVersion || !Array.isArray(data.entries)) return [];
    // Oldest first, so that the Set's order (and the reverse in save) keeps the newest.
    return (data.entries as unknown[]).filter((key): key is string => typeof key === 'string').reverse();
  } catch {
    return [];
  }
}

let active: { file: string; cache: PromqlValidationCache } | undefined;

/**
 * The cache named by the environment (`PROMQL_VALIDATION_CACHE`), or undefined; saved when the
 * process exits.
 */
export function promqlValidationCache(): PromqlValidationCache | undefined {
  const file = process.env[PROMQL_CACHE_ENV];
  if (!file) return undefined;
  if (active?.file !== file) {
    active?.cache.save();
    const cache = new PromqlValidationCache(file, promqlParserVersion());
    if (active === undefined) process.once('exit', () => active?.cache.save());
    active = { file, cache };
  }
  return active.cache;
}
