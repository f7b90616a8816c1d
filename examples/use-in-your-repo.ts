/**
 * How another repository uses the constructs: its own cdk8s chart, its own services.
 * (Compiled by `npm test` and synthesized by test/constructs/example.test.ts.)
 */
import { App, Chart } from 'cdk8s';
import { ObservabilityStack } from '../constructs';

export function buildExample(outdir = 'dist-example'): Chart {
  const app = new App({ outdir });
  const chart = new Chart(app, 'monitoring');
  new ObservabilityStack(chart, 'obs', {
    profile: 'prod',
    cluster: 'eu-west-1',
    environment: 'prod',
    discovery: { scope: 'namespaces', namespaces: ['checkout', 'payments'] },
    services: [
      { name: 'checkout-api', namespace: 'checkout', port: 8080, team: 'checkout' },
      { name: 'payments-worker', namespace: 'payments', port: 9102, path: '/internal/metrics', interval: '30s' },
    ],
    prometheus: { retention: '30d', storage: '200Gi' },
    // The prod profile requires these: a route that pages for critical (the PagerDuty key and
    // the heartbeat URL are read from the alertmanager-receivers Secret), a dead-man's switch
    // for the Watchdog, and absolute runbook links.
    alerting: {
      receivers: { pagerduty: {} },
      watchdog: { heartbeat: { urlKey: 'watchdog-heartbeat-url' } },
      runbookBaseUrl: 'https://github.com/acme/observability/blob/main/docs/runbooks',
    },
  });
  return chart;
}
