/**
 * The one error type for bad settings. Its message always names where the setting lives
 * (construct path or Pulumi config key), the field, the bad value and what is allowed, so a
 * user can fix it without reading a stack trace.
 */
export class SettingsError extends Error {
  constructor(
    /** Construct path (`obs/prometheus`) or config key prefix the setting belongs to. */
    readonly where: string,
    /** Dotted field name inside that construct, e.g. `prometheus.retention`. */
    readonly field: string,
    /** The offending value, as the user gave it. */
    readonly value: unknown,
    /** What would have been accepted. */
    readonly allowed: string,
  ) {
    super(`${where}: invalid ${field} = ${show(value)}; allowed: ${allowed}`);
    this.name = 'SettingsError';
  }
}

/** Renders a value for an error message without dumping huge objects. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'undefined';
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

export function fail(where: string, field: string, value: unknown, allowed: string): never {
  throw new SettingsError(where, field, value, allowed);
}
