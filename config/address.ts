import { fail } from './errors';

/**
 * Network addresses a user declares for things outside the stack (databases, brokers): strict
 * `host:port` parsing and CIDRs, for settings validation and NetworkPolicy peers.
 */

/** A validated `host:port`. */
export interface HostPort {
  /** IPv4 address or DNS name, as written. */
  readonly host: string;
  /** TCP port 1-65535. */
  readonly port: number;
}

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const DNS_NAME_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/i;

/** Whether `host` is a dotted IPv4 address. */
export function isIpv4(host: string): boolean {
  return IPV4.test(host);
}

/** Whether `host` is an IPv4 address or a DNS name (labels of letters, digits and '-', at most 253 characters). */
export function isHost(host: string): boolean {
  if (isIpv4(host)) return true;
  // A name of digits and dots only is a malformed IPv4 address, not a DNS name.
  if (/^[\d.]+$/.test(host)) return false;
  return host.length <= 253 && host.split('.').every((label) => label.length <= 63 && DNS_NAME_LABEL.test(label));
}

/** Parses `host:port` strictly: an IPv4 address or DNS name, a colon, and a port 1-65535. */
export function hostPort(where: string, field: string, value: unknown): HostPort {
  const allowed = 'host:port with an IPv4 address or DNS name and a port from 1 to 65535, e.g. "orders-db.data.svc:5432"';
  if (typeof value !== 'string') fail(where, field, value, allowed);
  // `user:password@host` would put a credential into the error message: never show it.
  const shown = value.includes('@') ? '(hidden: it carries a user or password)' : value;
  const match = /^([^:\s]+):(\d{1,5})$/.exec(value);
  const port = Number(match?.[2]);
  if (!match || !isHost(match[1]) || port < 1 || port > 65535) fail(where, field, shown, `${allowed}, without credentials`);
  return { host: match[1], port };
}

/** An IPv4 CIDR such as `10.20.0.0/16`. */
export function ipv4Cidr(where: string, field: string, value: unknown): string {
  const match = typeof value === 'string' ? /^([\d.]+)\/(\d{1,2})$/.exec(value) : null;
  if (!match || !isIpv4(match[1]) || Number(match[2]) > 32)
    fail(where, field, value, 'an IPv4 CIDR such as "10.20.0.0/16" or "10.20.3.4/32"');
  return value as string;
}
