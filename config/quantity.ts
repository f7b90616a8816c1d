import { fail } from './errors';

/** Kubernetes resource quantity (`100m`, `0.5`, `512Mi`, `1G`, `1e3`), parsed to a number. */
const QUANTITY = /^([+]?[0-9]+(?:\.[0-9]*)?|[+]?\.[0-9]+)(?:(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)|[eE]([+-]?[0-9]+))?$/;

const SUFFIX: Record<string, number> = {
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

/** Returns the quantity's value in base units (cores or bytes), or undefined if malformed. */
export function parseQuantity(text: string): number | undefined {
  if (typeof text !== 'string') return undefined;
  const match = QUANTITY.exec(text.trim());
  if (!match || text.trim() !== text) return undefined;
  const [, number, suffix, exponent] = match;
  const base = Number(number);
  if (suffix) return base * SUFFIX[suffix];
  if (exponent) return base * 10 ** Number(exponent);
  return base;
}

/** Parses a CPU quantity; fails with a settings error naming the field. */
export function cpuQuantity(where: string, field: string, text: string): number {
  const cores = parseQuantity(text);
  if (cores === undefined || cores <= 0 || !/^[0-9.]+m?$/.test(text)) {
    fail(where, field, text, 'a positive Kubernetes CPU quantity such as "100m", "0.5" or "2"');
  }
  return cores;
}

/** Parses a memory or storage quantity; fails with a settings error naming the field. */
export function byteQuantity(where: string, field: string, text: string): number {
  const bytes = parseQuantity(text);
  if (bytes === undefined || bytes < 1 || /m$/.test(text)) {
    fail(where, field, text, 'a positive Kubernetes byte quantity such as "256Mi", "2Gi" or "500M"');
  }
  return bytes;
}

/** Formats cores for summaries: `250m`, `1.5`. */
export function formatCpu(cores: number): string {
  return cores < 1 ? `${Math.round(cores * 1000)}m` : `${Number(cores.toFixed(3))}`;
}

/** Formats bytes for summaries in binary units: `512Mi`, `1.5Gi`. */
export function formatBytes(bytes: number): string {
  const units: Array<[string, number]> = [
    ['Ti', 2 ** 40],
    ['Gi', 2 ** 30],
    ['Mi', 2 ** 20],
    ['Ki', 2 ** 10],
  ];
  for (const [unit, size] of units) {
    if (bytes >= size) return `${Number((bytes / size).toFixed(2))}${unit}`;
  }
  return `${bytes}`;
}
