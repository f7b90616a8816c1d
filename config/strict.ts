import { ComponentSettings, ResourceAmounts, Resources } from './component';
import { fail, SettingsError } from './errors';

/**
 * Strict settings: every settings object may only carry the keys its TypeScript interface
 * declares. A misspelt key (`prometheus: { retension: '30d' }`) would otherwise be ignored
 * without a word; here it is a SettingsError that names the key and suggests the closest
 * known one.
 *
 * Each key list is written once, next to its interface, with `keysOf<T>()`, whose argument
 * must name every key of `T` and nothing else: adding a field to an interface without
 * adding it to its key list, or misspelling a key in the list, fails `tsc`.
 */

/** The known keys of a settings object, made with `keysOf<T>()`. */
export type KnownKeys<T> = readonly (keyof T & string)[];

/**
 * The keys of `T`, checked at compile time: `keysOf<PrometheusSettings>({ retention: true, ... })`
 * must list every key of the interface (optional ones too) and no other.
 */
export function keysOf<T>(keys: { readonly [K in keyof Required<T>]: true }): KnownKeys<T> {
  return Object.keys(keys) as (keyof T & string)[];
}

/** Edit distance with adjacent transpositions (optimal string alignment), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) =>
    Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[s.length][t.length];
}

/**
 * The known key closest to `key`, if it is close enough to be a likely typo: at most a third
 * of the longer name's letters differ (at least one may), or one name contains the other.
 */
export function suggest(key: string, known: readonly string[]): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(key, candidate);
    if (!best || distance < best.distance) best = { key: candidate, distance };
  }
  if (!best) return undefined;
  const limit = Math.max(1, Math.floor(Math.max(key.length, best.key.length) / 3));
  if (best.distance <= limit && best.distance < Math.min(key.length, best.key.length)) return best.key;
  const lower = key.toLowerCase();
  const contained = known.filter(
    (k) => k.length >= 3 && lower.length >= 3 && (lower.includes(k.toLowerCase()) || k.toLowerCase().includes(lower)),
  );
  return contained.length === 1 ? contained[0] : undefined;
}

/**
 * A key the settings interface does not declare. `field` is the full dotted path of the key
 * (`prometheus.retension`), `value` the value given to it, `allowed` the suggestion or the
 * known keys. The message reads
 * `<where>: unknown setting prometheus.retension; did you mean retention?`, or, without a close
 * match, `<where>: unknown setting prometheus.foo; allowed: replicas, resources, ...`.
 */
export class UnknownSettingError extends SettingsError {
  constructor(
    where: string,
    field: string,
    value: unknown,
    /** The closest known key, if one is close enough. */
    readonly suggestion: string | undefined,
    /** Every key allowed at that place. */
    readonly known: readonly string[],
  ) {
    super(
      where,
      field,
      value,
      suggestion !== undefined ? `a known setting; did you mean ${suggestion}?` : `a known setting: ${known.join(', ')}`,
    );
    this.message =
      `${where}: unknown setting ${field}; ` +
      `${suggestion !== undefined ? `did you mean ${suggestion}?` : `allowed: ${known.join(', ')}`}`;
    this.name = 'UnknownSettingError';
  }
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks that the settings object `value` at `field` (dotted path; `''` for the top level)
 * carries only `keys`. Undefined passes (the object is optional); anything else that is not
 * a plain object is a SettingsError too.
 */
export function checkKeys(where: string, field: string, value: unknown, keys: readonly string[]): void {
  if (value === undefined) return;
  if (!isObject(value)) fail(where, field || 'settings', value, `an object with the settings ${keys.join(', ')}`);
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) throw new UnknownSettingError(where, field ? `${field}.${key}` : key, value[key], suggest(key, keys), keys);
  }
}

/** Like checkKeys for each element of a list of settings objects (`field[i]`); a non-list is left to the caller. */
export function checkEachKeys(where: string, field: string, list: unknown, keys: readonly string[]): void {
  if (Array.isArray(list)) list.forEach((item, i) => checkKeys(where, `${field}[${i}]`, item, keys));
}

// ComponentSettings, Resources and ResourceAmounts live in config/component.ts; their key lists here.

/** Keys of ComponentSettings, shared by every component's settings. */
export const COMPONENT_KEYS = keysOf<ComponentSettings>({ replicas: true, resources: true, storage: true });
const RESOURCES_KEYS = keysOf<Resources>({ requests: true, limits: true });
const AMOUNT_KEYS = keysOf<ResourceAmounts>({ cpu: true, memory: true });

/**
 * Checks a component's settings object at `field`: its own keys (`keys`, by default those of
 * ComponentSettings) and those of `resources`, `resources.requests` and `resources.limits`.
 */
export function checkComponentKeys(where: string, field: string, value: unknown, keys: readonly string[] = COMPONENT_KEYS): void {
  checkKeys(where, field, value, keys);
  const resources = (value as ComponentSettings | undefined)?.resources;
  checkKeys(where, `${field}.resources`, resources, RESOURCES_KEYS);
  checkKeys(where, `${field}.resources.requests`, resources?.requests, AMOUNT_KEYS);
  checkKeys(where, `${field}.resources.limits`, resources?.limits, AMOUNT_KEYS);
}

/** The fields of `value` that are settings keys (a construct's props hold more than its settings). */
export function pickKeys<T extends object>(value: T, keys: readonly string[]): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([key]) => keys.includes(key))) as Partial<T>;
}
