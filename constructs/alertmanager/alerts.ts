import { absentJobAlert, CoveringDefinition } from '../../config/alerting/coverage';
import { NoContext } from '../../config/alerting/definition';
import { ALERTMANAGER_JOB } from './scrape';

/** Rate of a notification counter per instance and integration. */
const perInstance = (metric: string) => `sum by (namespace, instance, integration) (rate(${metric}{job="${ALERTMANAGER_JOB}"}[5m]))`;

/** Alertmanager's own health: failed notifications and cluster membership. */
export const ALERTMANAGER_ALERTS: ReadonlyArray<CoveringDefinition<NoContext>> = [
  {
    alert: 'AlertmanagerFailedToSendAlerts',
    severity: 'warning',
    for: '5m',
    threshold: 0.01,
    thresholdUnit: 'ratio of failed notifications (0..1)',
    expr: (_, t) =>
      `sum by (instance, integration) (rate(alertmanager_notifications_failed_total[5m])) / sum by (instance, ` +
      `integration) (rate(alertmanager_notifications_total[5m])) > ${t}`,
    summary: 'Alertmanager {{ $labels.instance }} fails to send {{ $labels.integration }} notifications.',
    description: '{{ $value | humanizePercentage }} of {{ $labels.integration }} notifications from {{ $labels.instance }} failed.',
  },
  {
    alert: 'AlertmanagerClusterMembersMismatch',
    severity: 'warning',
    for: '15m',
    expr: () =>
      `max_over_time(alertmanager_cluster_members{job="${ALERTMANAGER_JOB}"}[5m]) < on (namespace) group_left ` +
      `() count by (namespace) (max_over_time(alertmanager_cluster_members{job="${ALERTMANAGER_JOB}"}[5m]))`,
    summary: 'Alertmanager {{ $labels.instance }} does not see all cluster members.',
    description:
      'Alertmanager {{ $labels.instance }} sees {{ $value }} cluster members, fewer than there are instances: ' +
      'notifications may be duplicated.',
    covers: ['AlertmanagerMembersInconsistent'],
  },
  {
    alert: 'AlertmanagerFailedReload',
    severity: 'critical',
    for: '10m',
    expr: () => 'max_over_time(alertmanager_config_last_reload_successful[5m]) == 0',
    summary: 'Alertmanager {{ $labels.instance }} failed to reload its configuration.',
    description: 'Alertmanager {{ $labels.instance }} runs an older configuration: routes or receivers changed since are not active.',
  },
  {
    alert: 'AlertmanagerConfigInconsistent',
    severity: 'critical',
    for: '20m',
    expr: () =>
      `count by (namespace) (count_values by (namespace) ("config_hash", alertmanager_config_hash{job="${ALERTMANAGER_JOB}"})) != 1`,
    summary: 'The Alertmanagers of {{ $labels.namespace }} run different configurations.',
    description: 'Replicas of the Alertmanager cluster in {{ $labels.namespace }} load {{ $value }} different configurations.',
  },
  {
    alert: 'AlertmanagerClusterDown',
    severity: 'critical',
    for: '5m',
    threshold: 0.5,
    thresholdUnit: 'share of Alertmanager instances down (0..1)',
    expr: (_, t) =>
      `(count by (namespace) (avg_over_time(up{job="${ALERTMANAGER_JOB}"}[5m]) < 0.5) / ` +
      `count by (namespace) (up{job="${ALERTMANAGER_JOB}"})) >= ${t}`,
    summary: 'Half or more of the Alertmanagers in {{ $labels.namespace }} are down.',
    description: '{{ $value | humanizePercentage }} of the Alertmanager instances in {{ $labels.namespace }} are unreachable.',
  },
  {
    alert: 'AlertmanagerClusterCrashlooping',
    severity: 'critical',
    for: '5m',
    threshold: 0.5,
    thresholdUnit: 'share of Alertmanager instances restarting (0..1)',
    expr: (_, t) =>
      `(count by (namespace) (changes(process_start_time_seconds{job="${ALERTMANAGER_JOB}"}[10m]) > 4) / ` +
      `count by (namespace) (up{job="${ALERTMANAGER_JOB}"})) >= ${t}`,
    summary: 'Half or more of the Alertmanagers in {{ $labels.namespace }} are restarting.',
    description:
      '{{ $value | humanizePercentage }} of the Alertmanager instances in {{ $labels.namespace }} restarted 5 times in 10 minutes.',
  },
  {
    alert: 'AlertmanagerClusterFailedToSendAlerts',
    severity: 'critical',
    for: '5m',
    threshold: 0.01,
    thresholdUnit: 'ratio of failed notifications of the best instance (0..1)',
    expr: (_, t) =>
      `min by (namespace, integration) (${perInstance('alertmanager_notifications_failed_total')} / ` +
      `${perInstance('alertmanager_notifications_total')}) > ${t}`,
    summary: 'Every Alertmanager in {{ $labels.namespace }} fails to send {{ $labels.integration }} notifications.',
    description:
      'Even the Alertmanager that does best fails {{ $value | humanizePercentage }} of its {{ $labels.integration }} notifications: ' +
      'alerts of that integration do not reach anyone.',
  },
  {
    alert: 'AlertmanagerClusterFailedPeers',
    severity: 'warning',
    for: '15m',
    expr: () => `alertmanager_cluster_failed_peers{job="${ALERTMANAGER_JOB}"} > 0`,
    summary: 'Alertmanager {{ $labels.instance }} cannot reach {{ $value }} cluster peers.',
    description:
      'Alertmanager {{ $labels.instance }} has had failed gossip peers for 15 minutes: silences and notification state may diverge.',
  },
  absentJobAlert('AlertmanagerAbsent', ALERTMANAGER_JOB, 'Alertmanager'),
];
