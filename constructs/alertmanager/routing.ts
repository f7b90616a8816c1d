import { Severity } from '../../config/alerting/settings';

/** A label matcher as Alertmanager writes it (`severity="critical"`, `alertname=~"A|B"`). */
export interface Matcher {
  readonly name: string;
  readonly op: '=' | '=~';
  readonly value: string;
}

/** An inhibition rule in matcher form. */
export interface Inhibition {
  /** What it is for (shown in tests and errors). */
  readonly why: string;
  readonly source: readonly Matcher[];
  readonly target: readonly Matcher[];
  readonly equal: readonly string[];
}

/** Receiver names of the route tree. `null` drops what is routed to it. */
export const RECEIVERS = ['critical', 'warning', 'info', 'watchdog', 'null'] as const;
export type ReceiverName = (typeof RECEIVERS)[number];

/** Receiver per severity. */
export const SEVERITY_RECEIVER: Readonly<Record<Severity, ReceiverName>> = { critical: 'critical', warning: 'warning', info: 'info' };

/** Pod-level alerts muted while their node is not ready (they carry the `node` label). */
export const POD_ALERTS = ['KubePodCrashLooping', 'KubeContainerOOMKilled'] as const;
/** Service alerts muted while the service is down. */
export const SERVICE_SYMPTOM_ALERTS = ['ServiceHighErrorRate', 'ServiceHighLatency', 'ServiceTrafficDrop'] as const;

export const eq = (name: string, value: string): Matcher => ({ name, op: '=', value });
export const oneOf = (name: string, values: readonly string[]): Matcher => ({ name, op: '=~', value: values.join('|') });

/** The shipped inhibitions. */
export const SHIPPED_INHIBITIONS: readonly Inhibition[] = [
  {
    why: 'a critical alert mutes the warning and info alerts of the same alert name and service',
    source: [eq('severity', 'critical')],
    target: [oneOf('severity', ['warning', 'info'])],
    equal: ['alertname', 'cluster', 'service'],
  },
  {
    why: 'a node that is not ready mutes the pod alerts of that node',
    source: [eq('alertname', 'KubeNodeNotReady')],
    target: [oneOf('alertname', POD_ALERTS)],
    equal: ['cluster', 'node'],
  },
  {
    why: "a service that is down mutes that service's latency, error and traffic alerts",
    source: [eq('alertname', 'ServiceDown')],
    target: [oneOf('alertname', SERVICE_SYMPTOM_ALERTS)],
    equal: ['cluster', 'service'],
  },
];

/** `name="value"` / `name=~"value"` as Alertmanager matcher text. */
export function matcherText(m: Matcher): string {
  return `${m.name}${m.op}${JSON.stringify(m.value)}`;
}

/** Whether a matcher accepts a label value. */
export function matches(m: Matcher, value: string): boolean {
  return m.op === '=' ? m.value === value : new RegExp(`^(?:${m.value})$`).test(value);
}
