import { fail } from '../../config/errors';
import { prometheusSpec } from './spec';

/**
 * Bytes of files per ConfigMap shard. Client-side `kubectl apply` stores the whole object in an
 * annotation limited to 256 KiB, so shards stay well below that (and far below the 1 MiB
 * object limit), however many services declare rules or scrape jobs.
 */
export const RULES_SHARD_BYTES = 200 * 1024;

/**
 * Packs files (name -> text) into ConfigMaps named `<prefix>-0`, `-1`, ..., in file-name order,
 * each at most RULES_SHARD_BYTES; a projected volume then mounts them all into one directory.
 */
export function shardConfigMaps(
  files: Readonly<Record<string, string>>,
  prefix: string,
  what: string,
  hint: string,
  where: string,
): Record<string, Record<string, string>> {
  const shards: Array<Record<string, string>> = [];
  let used = Infinity;
  for (const name of Object.keys(files).sort()) {
    const bytes = Buffer.byteLength(files[name], 'utf8') + name.length;
    if (bytes > RULES_SHARD_BYTES)
      fail(where, `${what} ${name}`, `${bytes} bytes`, `at most ${RULES_SHARD_BYTES} bytes per ${what} (${hint})`);
    if (used + bytes > RULES_SHARD_BYTES) {
      shards.push({});
      used = 0;
    }
    shards[shards.length - 1][name] = files[name];
    used += bytes;
  }
  return Object.fromEntries(shards.map((data, i) => [`${prefix}-${i}`, data]));
}

/** Packs rule files (name -> YAML) into ConfigMaps `prometheus-rules-0`, `-1`, ..., all mounted into the rules directory. */
export function ruleConfigMaps(files: Readonly<Record<string, string>>, where: string): Record<string, Record<string, string>> {
  return shardConfigMaps(files, `${prometheusSpec.name}-rules`, 'rule file', 'move groups into another file', where);
}

/** Name prefix of the ConfigMaps holding the scrape-job files (`prometheus-scrape-0`, ...). */
export const SCRAPE_SHARD_PREFIX = `${prometheusSpec.name}-scrape`;

/**
 * Packs scrape-job files (`<job>.yml` -> YAML) into ConfigMaps `prometheus-scrape-0`, `-1`, ...;
 * a scrape file holds one job, far below a shard, so this never fails in practice.
 */
export function scrapeConfigMaps(files: Readonly<Record<string, string>>, where: string): Record<string, Record<string, string>> {
  return shardConfigMaps(files, SCRAPE_SHARD_PREFIX, 'scrape file', 'fewer relabelling rules in this job', where);
}
