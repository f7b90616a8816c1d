import { fail } from '../../config/errors';
import { prometheusSpec } from './spec';

/**
 * Bytes of rule files per ConfigMap. Client-side `kubectl apply` stores the whole object in an
 * annotation limited to 256 KiB, so shards stay well below that (and far below the 1 MiB
 * object limit), however many services declare rules.
 */
export const RULES_SHARD_BYTES = 200 * 1024;

/**
 * Packs rule files (name -> YAML) into ConfigMaps named `prometheus-rules-0`, `-1`, ..., in
 * file-name order; both targets mount them all into the one rules directory.
 */
export function ruleConfigMaps(files: Readonly<Record<string, string>>, where: string): Record<string, Record<string, string>> {
  const shards: Array<Record<string, string>> = [];
  let used = Infinity;
  for (const name of Object.keys(files).sort()) {
    const bytes = Buffer.byteLength(files[name], 'utf8') + name.length;
    if (bytes > RULES_SHARD_BYTES)
      fail(
        where,
        `rule file ${name}`,
        `${bytes} bytes`,
        `at most ${RULES_SHARD_BYTES} bytes per rule file (move groups into another file)`,
      );
    if (used + bytes > RULES_SHARD_BYTES) {
      shards.push({});
      used = 0;
    }
    shards[shards.length - 1][name] = files[name];
    used += bytes;
  }
  return Object.fromEntries(shards.map((data, i) => [`${prometheusSpec.name}-rules-${i}`, data]));
}
