import { buildDashboards } from '../../constructs/stack/dashboards';
import { LoopbackStack, startLoopbackStack } from '../e2e/loopback-stack';
import { runPanelQueries } from './live-queries';
import { realTool, TOOLS, toolVersion } from '../support/tools';

/**
 * Panels that cannot have data on the loopback stack (Prometheus scraping itself, node-exporter,
 * Alertmanager and a stand-in service), each with the reason. Every other panel of these dashboards
 * must return data.
 */
/** Checked instead against a loopback kube-state-metrics/cAdvisor in kubernetes.e2e.test.ts. */
const K8S = 'needs cAdvisor and kube-state-metrics: see kubernetes.e2e.test.ts';
const NO_DATA_HERE: Readonly<Record<string, string>> = {
  'system-health/Container CPU vs limit (top 10)': K8S,
  'system-health/Container memory vs limit (top 10)': K8S,
  'system-health/Container CPU': K8S,
  'system-health/Container memory': K8S,
  'system-health/Pod restarts (1h)': K8S,
  'system-health/Pods not running': K8S,
  'service-red/CPU vs limit by pod': 'needs cAdvisor, kube-state-metrics and a service discovered as Kubernetes pods',
  'service-red/Memory vs limit by pod': 'needs cAdvisor, kube-state-metrics and a service discovered as Kubernetes pods',
  'service-red/Pod restarts (1h)': 'needs kube-state-metrics and a service discovered as Kubernetes pods',
  'stack-health/Grafana requests by status': 'no Grafana binary here (Debian does not package it)',
  'stack-health/Grafana request latency p95': 'no Grafana binary here',
  'stack-health/Grafana datasource errors': 'no Grafana binary here',
};

const prometheus = realTool(TOOLS.prometheus);
const nodeExporter = realTool(TOOLS.nodeExporter);
const alertmanager = realTool(TOOLS.alertmanager);
const runIt = prometheus && nodeExporter && alertmanager ? it : it.skip;
const versions = [prometheus, alertmanager, nodeExporter].map((bin) => (bin ? toolVersion(bin) : 'missing')).join('; ');

describe(`service, SLO, alert, system-health, node-detail and stack dashboards against a real Prometheus (${versions})`, () => {
  let stack: LoopbackStack | undefined;
  afterAll(() => stack?.stop());

  runIt(
    'every panel query returns data (except the listed ones)',
    async () => {
      const started = Date.now();
      // The generated configs and rules on 127.0.0.1, scraping every second so rates fill quickly.
      stack = await startLoopbackStack(
        { prometheus: prometheus!, alertmanager: alertmanager!, nodeExporter: nodeExporter! },
        { scrape: '1s', evaluation: '1s' },
      );
      const settings = stack.settings;

      const dashboards = buildDashboards(settings).filter((d) =>
        ['system-health', 'node-detail', 'stack-health', 'service-red', 'slo-error-budget', 'alert-status'].includes(d.model.uid!),
      );
      expect(dashboards).toHaveLength(6);
      const { total, excluded, stillEmpty, errors } = await runPanelQueries(
        stack.prometheusUrl,
        dashboards.map((d) => d.model),
        NO_DATA_HERE,
      );
      const version = toolVersion(prometheus!);

      console.log(
        `${version}: ${total} panel queries returned data in ${Math.round((Date.now() - started) / 1000)} s; ` +
          `without data here by design: ${excluded.length} (${excluded.join('; ')})`,
      );
      expect({
        stillEmpty,
        errors,
        log: stillEmpty.length ? stack.logs().slice(-1500) : '',
      }).toEqual({ stillEmpty: [], errors: {}, log: '' });
      expect(total).toBeGreaterThan(20);
    },
    120_000,
  );
});
