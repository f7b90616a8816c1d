import { fail } from './errors';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const PROM_LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const PROM_METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** A DNS-1123 label: namespaces, Service names, container names (max 63). */
export function dnsLabel(where: string, field: string, value: string, maxLength = 63): string {
  if (typeof value !== 'string' || value.length > maxLength || !DNS_LABEL.test(value)) {
    fail(
      where,
      field,
      value,
      `a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit, at most ${maxLength} characters`,
    );
  }
  return value;
}

/** A Kubernetes label value (max 63, may be empty). */
export function labelValue(where: string, field: string, value: string): string {
  if (typeof value !== 'string' || value.length > 63 || !LABEL_VALUE.test(value)) {
    fail(
      where,
      field,
      value,
      "a Kubernetes label value: at most 63 characters of letters, digits, '-', '_' and '.', starting and ending with a letter or digit",
    );
  }
  return value;
}

/** A Prometheus label name (`[a-zA-Z_][a-zA-Z0-9_]*`). */
export function promLabelName(where: string, field: string, value: string): string {
  if (typeof value !== 'string' || !PROM_LABEL_NAME.test(value) || value.startsWith('__')) {
    fail(where, field, value, 'a Prometheus label name matching [a-zA-Z_][a-zA-Z0-9_]* and not starting with "__"');
  }
  return value;
}

/** A Prometheus metric or recording-rule name (`[a-zA-Z_:][a-zA-Z0-9_:]*`). */
export function promMetricName(where: string, field: string, value: string): string {
  if (typeof value !== 'string' || !PROM_METRIC_NAME.test(value)) {
    fail(where, field, value, 'a Prometheus metric name matching [a-zA-Z_:][a-zA-Z0-9_:]*');
  }
  return value;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/** An absolute http(s) URL (external URLs of the UIs). */
export function httpUrl(where: string, field: string, value: string): string {
  if (!isHttpUrl(value)) fail(where, field, value, 'an absolute http(s) URL such as "https://prometheus.example.org/"');
  return value;
}

/** Port of an http(s) URL, with the scheme's default (80/443) when it names none. */
export function urlPort(url: URL): number {
  return Number(url.port || (url.protocol === 'https:' ? 443 : 80));
}

/** `host:port` split into its parts, or undefined when it is not of that form (port 1-65535). */
export function parseHostPort(text: string): { readonly host: string; readonly port: number } | undefined {
  const match = /^([A-Za-z0-9.-]+):(\d{1,5})$/.exec(text);
  const port = Number(match?.[2]);
  return match && port >= 1 && port <= 65535 ? { host: match[1], port } : undefined;
}
