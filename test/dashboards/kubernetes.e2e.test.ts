import { createServer, Server } from 'http';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { stringify } from 'yaml';
import { renderRuleFiles } from '../../constructs/stack/alerting';
import { buildDashboards } from '../../constructs/stack/dashboards';
import { closeServer, freePort, http, Running, start, waitFor, waitReady } from '../support/processes';
import { itWithTool, realTool, TOOLS, toolVersion } from '../support/tools';
import { resolve, richSettings } from './fixtures';
import { runPanelQueries } from './live-queries';

/**
 * CONTRACT TEST, not a cluster: a loopback server plays kube-state-metrics and the kubelet's
 * cAdvisor, serving series with their real names and label sets (a Deployment `web` of two pods
 * through ReplicaSet `web-7c9f`, a StatefulSet `db` of one pod, one node). The real Prometheus 3.5
 * scrapes it, evaluates the shipped recording rules, and every panel query of the Kubernetes
 * dashboards must return data. It proves the queries and joins against those label shapes; it does
 * not prove the exporters emit exactly these series.
 */
const PODS = [
  { pod: 'web-7c9f-a1', owner: ['ReplicaSet', 'web-7c9f'], container: 'app' },
  { pod: 'web-7c9f-b2', owner: ['ReplicaSet', 'web-7c9f'], container: 'app' },
  { pod: 'db-0', owner: ['StatefulSet', 'db'], container: 'postgres' },
] as const;
const NAMESPACE = 'shop';
const NODE = 'node-1';

function kubeMetrics(scrape: number): string {
  const lines: string[] = [];
  const add = (name: string, labels: Record<string, string>, value: number) =>
    lines.push(
      `${name}{${Object.entries(labels)
        .map(([k, v]) => `${k}="${v}"`)
        .join(',')}} ${value}`,
    );
  add(
    'kube_replicaset_owner',
    { namespace: NAMESPACE, replicaset: 'web-7c9f', owner_kind: 'Deployment', owner_name: 'web', owner_is_controller: 'true' },
    1,
  );
  for (const resource of ['cpu', 'memory']) {
    add(
      'kube_node_status_allocatable',
      { node: NODE, resource, unit: resource === 'cpu' ? 'core' : 'byte' },
      resource === 'cpu' ? 4 : 16e9,
    );
  }
  for (const { pod, owner, container } of PODS) {
    const ids = { namespace: NAMESPACE, pod };
    add(
      'kube_pod_info',
      { ...ids, node: NODE, host_ip: '10.0.0.1', pod_ip: '10.1.0.2', uid: pod, created_by_kind: owner[0], created_by_name: owner[1] },
      1,
    );
    add('kube_pod_owner', { ...ids, owner_kind: owner[0], owner_name: owner[1], owner_is_controller: 'true' }, 1);
    for (const phase of ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'])
      add('kube_pod_status_phase', { ...ids, phase }, phase === 'Running' ? 1 : 0);
    for (const [kind, cpu, memory] of [
      ['requests', 0.1, 128e6],
      ['limits', 0.5, 256e6],
    ] as const) {
      add(`kube_pod_container_resource_${kind}`, { ...ids, container, node: NODE, resource: 'cpu', unit: 'core' }, cpu);
      add(`kube_pod_container_resource_${kind}`, { ...ids, container, node: NODE, resource: 'memory', unit: 'byte' }, memory);
    }
    add('kube_pod_container_status_restarts_total', { ...ids, container, uid: pod }, 0);
    const cgroup = { ...ids, container, image: `registry.example/${container}:1.0`, id: `/kubepods/${pod}/${container}`, name: container };
    add('container_cpu_usage_seconds_total', { ...cgroup, cpu: 'total' }, scrape * 0.05);
    add('container_memory_working_set_bytes', cgroup, 100e6);
    add('container_cpu_cfs_periods_total', cgroup, scrape * 10);
    add('container_cpu_cfs_throttled_periods_total', cgroup, scrape * 2);
  }
  return `${lines.join('\n')}\n`;
}

const prometheus = realTool(TOOLS.prometheus);
const version = prometheus ? toolVersion(prometheus) : 'missing';

describe(`Kubernetes dashboards against a real Prometheus and a loopback kube-state-metrics/cAdvisor (${version})`, () => {
  const dir = mkdtempSync(join(tmpdir(), 'obs-kube-dashboards-'));
  let server: Server | undefined;
  let running: Running | undefined;
  afterAll(async () => {
    await running?.stop();
    await closeServer(server);
    rmSync(dir, { recursive: true, force: true });
  });

  itWithTool(TOOLS.prometheus)(
    'every panel query of compute-resources and the container panels of system-health returns data',
    async () => {
      const [fixturePort, promPort] = await Promise.all([freePort(), freePort()]);
      let scrapes = 0;
      server = createServer((req, res) => {
        res.writeHead(req.url === '/metrics' ? 200 : 404, { 'content-type': 'text/plain; version=0.0.4' });
        res.end(req.url === '/metrics' ? kubeMetrics(++scrapes) : '');
      });
      await new Promise<void>((done) => server!.listen(fixturePort, '127.0.0.1', done));

      const settings = resolve(richSettings());
      const rulesDir = join(dir, 'rules');
      mkdirSync(rulesDir);
      // The recordings only: the dashboards read recorded series, alerts are checked elsewhere.
      writeFileSync(join(rulesDir, 'recordings.yml'), renderRuleFiles(settings)['recordings.yml']);
      writeFileSync(
        join(dir, 'prometheus.yml'),
        stringify({
          global: { scrape_interval: '1s', evaluation_interval: '1s' },
          rule_files: [join(rulesDir, '*.yml')],
          // honor_labels, as the kube-state-metrics job does: the objects' own namespace/pod labels stay.
          scrape_configs: [{ job_name: 'kube-fixture', honor_labels: true, static_configs: [{ targets: [`127.0.0.1:${fixturePort}`] }] }],
        }),
      );
      running = start('prometheus', prometheus!, [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${promPort}`,
      ]);
      const base = `http://127.0.0.1:${promPort}`;
      await waitReady(`${base}/-/ready`);

      // The recording names each pod's workload: the Deployment through its ReplicaSet, the StatefulSet directly.
      const workloads = await waitFor(
        'the pod -> workload recording',
        async () => {
          const query = encodeURIComponent('namespace_workload_pod:kube_pod_owner:relabel');
          const result = JSON.parse((await http('GET', `${base}/api/v1/query?query=${query}`)).body).data?.result ?? [];
          return result.length === PODS.length ? (result as Array<{ metric: Record<string, string> }>) : undefined;
        },
        30_000,
        500,
      );
      expect(workloads.map(({ metric: m }) => `${m.pod}=${m.workload_type}/${m.workload}`).sort()).toEqual([
        'db-0=StatefulSet/db',
        'web-7c9f-a1=Deployment/web',
        'web-7c9f-b2=Deployment/web',
      ]);

      const dashboards = buildDashboards(settings).map((d) => d.model);
      const computeResources = dashboards.find((d) => d.uid === 'compute-resources')!;
      const systemHealth = dashboards.find((d) => d.uid === 'system-health')!;
      // system-health's node panels are checked against the real node-exporter in prometheus.e2e.test.ts.
      const containerPanels = { ...systemHealth, panels: systemHealth.panels?.filter((p) => /Container|Pod/.test(p.title ?? '')) };
      const result = await runPanelQueries(base, [computeResources, containerPanels], {}, 45);
      console.log(`${version}: ${result.total} Kubernetes panel queries returned data from the loopback fixture`);
      expect({ stillEmpty: result.stillEmpty, errors: result.errors }).toEqual({ stillEmpty: [], errors: {} });
      expect(result.total).toBeGreaterThanOrEqual(16);
    },
    90_000,
  );
});
