import { AlertDefinition, NoContext } from '../../config/alerting/definition';
import { ALERTMANAGER_JOB } from './scrape';

/** Alertmanager's own health: failed notifications and cluster membership. */
export const ALERTMANAGER_ALERTS: ReadonlyArray<AlertDefinition<NoContext>> = [
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
  },
];
