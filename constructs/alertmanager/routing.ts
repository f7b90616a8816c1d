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
export const POD_ALERTS = ['KubePodCrashLooping', 'KubePodNotReady', 'KubeContainerWaiting', 'KubeContainerOOMKilled'] as const;
/**
 * Alerts a service that is down explains: its instances, its probe, and its service-wide
 * symptoms. ServiceInstanceDown (one instance of several) mutes nothing: the other instances
 * still serve, so their errors, latency and traffic still notify.
 */
export const SERVICE_DOWN_EXPLAINS = [
  'ServiceInstanceDown',
  'ServiceProbeFailed',
  'ServiceHighErrorRate',
  'ServiceHighLatency',
  'ServiceTrafficDrop',
] as const;

export const eq = (name: string, value: string): Matcher => ({ name, op: '=', value });
export const oneOf = (name: string, values: readonly string[]): Matcher => ({ name, op: '=~', value: values.join('|') });

/** `source` mutes `target` while both carry the same `equal` labels (cluster first: alerts of two clusters never mute each other). */
const mutes = (why: string, source: string, target: readonly string[], equal: readonly string[]): Inhibition => ({
  why,
  source: [eq('alertname', source)],
  target: [target.length === 1 ? eq('alertname', target[0]) : oneOf('alertname', target)],
  equal: ['cluster', ...equal],
});

/**
 * The shipped inhibitions. Each mutes only what its source explains, on labels that tie the
 * two to the same thing (service, SLO, filesystem, node); alerts of different names need a rule
 * of their own, because the first rule requires an equal `alertname`.
 */
export const SHIPPED_INHIBITIONS: readonly Inhibition[] = [
  {
    why: 'a critical alert mutes the warning and info alerts of the same alert name and service',
    source: [eq('severity', 'critical')],
    target: [oneOf('severity', ['warning', 'info'])],
    equal: ['alertname', 'cluster', 'service'],
  },
  mutes('a node that is not ready mutes the pod alerts of that node', 'KubeNodeNotReady', POD_ALERTS, ['node']),
  mutes(
    "a service that is down mutes that service's instance, probe, latency, error and traffic alerts",
    'ServiceDown',
    SERVICE_DOWN_EXPLAINS,
    ['service'],
  ),
  mutes(
    'a fast error-budget burn mutes the slow burn of the same SLO',
    'SLOErrorBudgetBurnFast',
    ['SLOErrorBudgetBurnSlow'],
    ['service', 'slo'],
  ),
  mutes(
    'a disk that is almost full mutes the prediction that the same filesystem fills up',
    'NodeDiskSpaceLow',
    ['NodeDiskPredictedFull'],
    ['instance', 'mountpoint', 'device'],
  ),
  mutes(
    'an Alertmanager cluster that is down mutes the member-count mismatch of the same cluster',
    'AlertmanagerClusterDown',
    ['AlertmanagerClusterMembersMismatch'],
    ['namespace'],
  ),
];

/** `name="value"` / `name=~"value"` as Alertmanager matcher text. */
export function matcherText(m: Matcher): string {
  return `${m.name}${m.op}${JSON.stringify(m.value)}`;
}

/** Whether a matcher accepts a label value. */
export function matches(m: Matcher, value: string): boolean {
  return m.op === '=' ? m.value === value : new RegExp(`^(?:${m.value})$`).test(value);
}
