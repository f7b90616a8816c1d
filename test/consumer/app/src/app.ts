// A consumer's cdk8s app: only the package's public entry, cdk8s and Node.
import { App, Chart } from 'cdk8s';
import { ObservabilityStack, StackSettings } from 'typed-observability-stack';

const settings: StackSettings = {
  profile: 'prod',
  cluster: 'consumer-cluster',
  environment: 'prod',
  services: [
    { name: 'orders-api', namespace: 'orders', port: 8080, team: 'orders' },
    { name: 'billing-worker', namespace: 'billing', port: 9102, path: '/internal/metrics' },
    { name: 'search-gateway', namespace: 'search', port: 9000, interval: '30s' },
  ],
  // What the prod profile requires: a paging route, a dead-man's switch, absolute runbook links.
  alerting: {
    receivers: { pagerduty: {} },
    watchdog: { heartbeat: { urlKey: 'watchdog-heartbeat-url' } },
    runbookBaseUrl: 'https://runbooks.example.org/observability',
  },
};

const app = new App({ outdir: process.argv[2] ?? 'dist', outputFileExtension: '.k8s.yaml' });
const chart = new Chart(app, 'consumer', { disableResourceNameHashes: true });
new ObservabilityStack(chart, 'obs', settings);
app.synth();
console.log(JSON.stringify({ objects: chart.toJson().length }));
