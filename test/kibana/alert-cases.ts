import type { AlertCase } from '../alerting/promtool-cases';

/**
 * promtool cases of KibanaDown (rule file kibana.yml), on the series the blackbox exporter's
 * probes job gives Kibana's status probe: `probe_success` with the job's target labels.
 */
const probe =
  'probe_success{job="blackbox", instance="http://kibana.monitoring.svc:5601/api/status", service="kibana", namespace="monitoring"}';
const fires = [{ labels: { namespace: 'monitoring', severity: 'warning' } }];

export const KIBANA_ALERT_CASES: readonly AlertCase[] = [
  { alert: 'KibanaDown', suite: 'kibana', why: 'the status API failed for 10 minutes', series: { [probe]: '0x10' }, at: '10m', fires },
  {
    alert: 'KibanaDown',
    suite: 'kibana',
    why: 'failing for 3 minutes (a rollout) is pending, not firing',
    series: { [probe]: '1x6 0x4' },
    at: '10m',
    fires: [],
  },
  { alert: 'KibanaDown', suite: 'kibana', why: 'available', series: { [probe]: '1x10' }, at: '10m', fires: [] },
  {
    alert: 'KibanaDown',
    suite: 'kibana',
    why: 'a service probe failing on the same job is not Kibana',
    series: {
      'probe_success{job="blackbox", instance="http://demo-api.demo.svc:8080/healthz", service="demo-api", namespace="demo"}': '0x10',
      [probe]: '1x10',
    },
    at: '10m',
    fires: [],
  },
];
