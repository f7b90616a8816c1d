import { fail } from './errors';

/** Prometheus duration syntax: units in descending order, each at most once (`1h30m`, `15s`, `30d`). */
const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const UNIT_MS = [365 * 86400e3, 7 * 86400e3, 86400e3, 3600e3, 60e3, 1e3, 1];

/** Milliseconds of a Prometheus duration, or undefined when malformed or zero-length text. */
export function parseDuration(text: string): number | undefined {
  if (typeof text !== 'string' || text === '') return undefined;
  const match = DURATION.exec(text);
  if (!match) return undefined;
  return match.slice(1).reduce((total, part, i) => total + (part ? Number(part) * UNIT_MS[i] : 0), 0);
}

/** Validates a positive Prometheus duration and returns its milliseconds. */
export function duration(where: string, field: string, text: string): number {
  const ms = parseDuration(text);
  if (ms === undefined || ms <= 0) {
    fail(
      where,
      field,
      text,
      'a positive Prometheus duration such as "30s", "5m", "15d" or "1h30m" (units y, w, d, h, m, s, ms, largest first)',
    );
  }
  return ms;
}

/** Formats milliseconds as the shortest Prometheus duration (`90000` -> `1m30s`). */
export function formatDuration(ms: number): string {
  const units: Array<[string, number]> = [
    ['d', 86400e3],
    ['h', 3600e3],
    ['m', 60e3],
    ['s', 1e3],
    ['ms', 1],
  ];
  let rest = ms;
  let out = '';
  for (const [unit, size] of units) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      out += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return out || '0s';
}

const SIZE = /^(\d+)(B|KB|MB|GB|TB|PB|EB)$/;

/** Validates a Prometheus `--storage.tsdb.retention.size` value such as `40GB`; returns bytes. */
export function retentionSize(where: string, field: string, text: string): number {
  const match = SIZE.exec(text ?? '');
  if (!match || Number(match[1]) <= 0) {
    fail(where, field, text, 'a Prometheus byte size: a positive whole number followed by B, KB, MB, GB, TB, PB or EB, e.g. "40GB"');
  }
  const power = ['B', 'KB', 'MB', 'GB', 'TB', 'PB', 'EB'].indexOf(match[2]);
  return Number(match[1]) * 1024 ** power;
}
