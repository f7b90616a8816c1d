import { composeDashboard, FolderedDashboard } from '../../config/dashboards/layout';
import { barGaugePanel, statPanel, stateTimelinePanel, tablePanel, THRESHOLDS, timeseriesPanel } from '../../config/dashboards/panels';
import { ALERTMANAGER_JOB } from './scrape';

const FIRING = 'alertstate="firing"';
const AM = `job="${ALERTMANAGER_JOB}"`;

/** Firing alerts of one severity; 0 rather than no data when none fire. */
const firingCount = (severity: string) => `count(ALERTS{${FIRING}, severity="${severity}"}) or vector(0)`;

/** Alert status: what fires now and since when (Prometheus `ALERTS`), and what Alertmanager holds. */
export function alertsDashboard(): FolderedDashboard {
  const model = composeDashboard(
    {
      uid: 'alert-status',
      title: 'Alert status',
      description:
        'Firing alerts by severity, the alerts firing most, a timeline of firing alerts and the alerts and silences Alertmanager holds.',
      tags: ['alerting'],
      refresh: '15s',
    },
    [
      {
        panels: [
          statPanel({
            title: 'Critical firing',
            description: 'Alerts with severity critical firing now (these page).',
            queries: [{ expr: firingCount('critical'), instant: true }],
            unit: 'none',
            thresholds: [
              [null, 'green'],
              [1, 'red'],
            ],
          }),
          statPanel({
            title: 'Warning firing',
            description: 'Alerts with severity warning firing now.',
            queries: [{ expr: firingCount('warning'), instant: true }],
            unit: 'none',
            thresholds: [
              [null, 'green'],
              [1, 'orange'],
            ],
          }),
          statPanel({
            title: 'Info firing',
            description: 'Alerts with severity info firing now.',
            queries: [{ expr: firingCount('info'), instant: true }],
            unit: 'none',
            thresholds: [
              [null, 'green'],
              [1, 'blue'],
            ],
          }),
          statPanel({
            title: 'Pending',
            description: 'Alerts whose condition holds but not yet for their `for` duration.',
            queries: [{ expr: 'count(ALERTS{alertstate="pending"}) or vector(0)', instant: true }],
            unit: 'none',
            thresholds: [
              [null, 'green'],
              [1, 'orange'],
            ],
          }),
        ],
      },
      {
        title: 'Prometheus alerts',
        panels: [
          timeseriesPanel({
            title: 'Firing by severity',
            description: 'Number of firing alerts per severity over time.',
            queries: [{ expr: `count by (severity) (ALERTS{${FIRING}})`, legend: '{{severity}}' }],
            unit: 'none',
            stack: true,
          }),
          barGaugePanel({
            title: 'Top firing alerts',
            description: 'Alerts with the most firing instances now.',
            queries: [{ expr: `topk(10, count by (alertname) (ALERTS{${FIRING}}))`, legend: '{{alertname}}', instant: true }],
            unit: 'none',
            thresholds: THRESHOLDS.badAbove(1, 5),
          }),
          stateTimelinePanel({
            title: 'Firing timeline',
            description: 'When each alert fired, per alert name and severity.',
            queries: [{ expr: `max by (alertname, severity) (ALERTS{${FIRING}})`, legend: '{{alertname}} ({{severity}})' }],
            unit: 'none',
            thresholds: [[null, 'red']],
          }),
          tablePanel({
            title: 'Firing now',
            description: 'Every firing alert instance with its labels.',
            queries: [{ expr: `ALERTS{${FIRING}}`, instant: true, table: true }],
            unit: 'none',
          }),
        ],
      },
      {
        title: 'Alertmanager',
        panels: [
          timeseriesPanel({
            title: 'Alerts in Alertmanager',
            description: 'Alerts Alertmanager holds by state: active, suppressed (silenced or inhibited), unprocessed.',
            queries: [{ expr: `sum by (state) (alertmanager_alerts{${AM}})`, legend: '{{state}}' }],
            unit: 'none',
            width: 8,
          }),
          timeseriesPanel({
            title: 'Silences',
            description: 'Active and pending silences.',
            queries: [{ expr: `sum by (state) (alertmanager_silences{${AM}, state=~"active|pending"})`, legend: '{{state}}' }],
            unit: 'none',
            width: 8,
          }),
          timeseriesPanel({
            title: 'Notifications by integration',
            description: 'Notifications sent (and failed) per second per integration.',
            queries: [
              {
                expr: `sum by (integration) (rate(alertmanager_notifications_total{${AM}}[$__rate_interval]))`,
                legend: '{{integration}} sent',
              },
              {
                expr: `sum by (integration) (rate(alertmanager_notifications_failed_total{${AM}}[$__rate_interval]))`,
                legend: '{{integration}} failed',
              },
            ],
            unit: 'short',
            width: 8,
          }),
        ],
      },
    ],
  );
  return { folder: 'alerting', model };
}
