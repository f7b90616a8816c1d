/**
 * Small helpers for writing rules: fixed-precision numbers and label selectors, so generated
 * PromQL never carries float noise such as `0.9990000000000001`.
 */

/** A number as PromQL/YAML text with at most 12 significant digits (`1 - 0.999` -> `0.001`). */
export function num(value: number): string {
  return String(Number(value.toPrecision(12)));
}

/** Escapes a label value for a PromQL string literal. */
function quote(value: string): string {
  return JSON.stringify(value);
}

/** `{a="x", b=~"y"}` from equality matchers plus extra raw matchers; empty when both are empty. */
export function selector(labels: Readonly<Record<string, string>>, extra: readonly string[] = []): string {
  const parts = [...Object.entries(labels).map(([key, value]) => `${key}=${quote(value)}`), ...extra];
  return parts.length ? `{${parts.join(', ')}}` : '';
}
