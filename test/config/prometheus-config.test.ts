import { execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse, stringify } from 'yaml';
import { fixtureSettings } from '../support/fixtures';
import { renderPrometheusConfig } from '../../constructs/prometheus/files';
import { resolveSettings } from '../../constructs/stack/resolve';
import { configMapData, manifestsFor } from '../support/manifests';
import { findTool, itWithTool, toolVersion } from '../support/tools';

const settings = resolveSettings(fixtureSettings('dev'), 'test');
const kubernetes = parse(renderPrometheusConfig(settings, { kind: 'kubernetes' }));
const job = (config: any, name: string) => config.scrape_configs.find((j: any) => j.job_name === name);

describe('prometheus.yml for Kubernetes', () => {
  it('sets intervals and the cluster/environment external labels', () => {
    expect(kubernetes.global).toEqual({
      scrape_interval: '15s',
      evaluation_interval: '15s',
      external_labels: { cluster: 'dev-cluster', environment: 'dev' },
    });
  });

  it('scrapes the stack, the nodes, the kubelet, cAdvisor, annotated pods and each declared service', () => {
    expect(kubernetes.scrape_configs.map((j: any) => j.job_name)).toEqual([
      'prometheus', 'alertmanager', 'grafana', 'kube-state-metrics', 'node-exporter', 'kubelet', 'cadvisor', 'apiserver', 'kubernetes-pods', 'demo-api', 'blackbox',
    ]);
  });

  it('reads the kubelet and cAdvisor with the projected token over HTTPS, verifying TLS by default', () => {
    const cadvisor = job(kubernetes, 'cadvisor');
    expect(cadvisor.metrics_path).toBe('/metrics/cadvisor');
    expect(cadvisor.scheme).toBe('https');
    expect(cadvisor.authorization.credentials_file).toBe('/var/run/secrets/kubernetes.io/serviceaccount/token');
    expect(cadvisor.tls_config).toEqual({ ca_file: '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt' });
    const insecure = parse(renderPrometheusConfig(resolveSettings({ ...fixtureSettings('dev'), prometheus: { verifyKubeletTls: false } }, 't'), { kind: 'kubernetes' }));
    expect(job(insecure, 'kubelet').tls_config).toEqual({ insecure_skip_verify: true });
  });

  it('limits annotation discovery to the listed namespaces, or none when cluster-wide', () => {
    expect(job(kubernetes, 'kubernetes-pods').kubernetes_sd_configs).toEqual([{ role: 'pod', namespaces: { names: ['demo'] } }]);
    const cluster = parse(renderPrometheusConfig(resolveSettings({ ...fixtureSettings('dev'), discovery: { scope: 'cluster' } }, 't')));
    expect(job(cluster, 'kubernetes-pods').kubernetes_sd_configs).toEqual([{ role: 'pod' }]);
  });

  it('keeps only the declared Service and port of a monitored service, labelled with service and team', () => {
    const demo = job(kubernetes, 'demo-api');
    expect(demo.kubernetes_sd_configs).toEqual([{ role: 'endpointslice', namespaces: { names: ['demo'] } }]);
    expect(demo.relabel_configs[0]).toEqual({
      source_labels: ['__meta_kubernetes_service_name', '__meta_kubernetes_endpointslice_port'], regex: 'demo-api;8080', action: 'keep',
    });
    expect(demo.relabel_configs).toContainEqual({ target_label: 'service', replacement: 'demo-api' });
    expect(demo.relabel_configs).toContainEqual({ target_label: 'team', replacement: 'platform' });
    expect(demo.metrics_path).toBe('/metrics');
    expect(demo.scrape_interval).toBeUndefined();
  });

  it('gives a service its own interval only when it differs from the global one', () => {
    const s = resolveSettings({ ...fixtureSettings('dev'), services: [{ name: 'batch', namespace: 'demo', port: 9000, interval: '1m' }] }, 't');
    expect(job(parse(renderPrometheusConfig(s)), 'batch').scrape_interval).toBe('1m');
  });

  it('sends alerts to every Alertmanager endpoint in the stack namespace', () => {
    expect(kubernetes.alerting.alertmanagers[0].kubernetes_sd_configs).toEqual([{ role: 'endpointslice', namespaces: { names: ['monitoring'] } }]);
    expect(kubernetes.alerting.alertmanagers[0].relabel_configs[0].regex).toBe('alertmanager;web');
  });
});

describe('probes', () => {
  it('sends each declared probe through the blackbox exporter, keeping the probed target as instance', () => {
    const blackbox = job(kubernetes, 'blackbox');
    expect(blackbox.metrics_path).toBe('/probe');
    expect(blackbox.static_configs).toEqual([{
      targets: ['http://demo-api.demo.svc:8080/healthz'],
      labels: { __param_module: 'http_2xx', service: 'demo-api', namespace: 'demo', team: 'platform' },
    }]);
    expect(blackbox.relabel_configs).toEqual([
      { source_labels: ['__address__'], target_label: '__param_target' },
      { source_labels: ['__param_target'], target_label: 'instance' },
      { target_label: '__address__', replacement: 'blackbox-exporter.monitoring.svc:9115' },
    ]);
  });

  it('uses a TCP connect probe for host:port targets and no job without probes', () => {
    const base = fixtureSettings('dev');
    const tcp = resolveSettings({ ...base, services: [{ ...base.services![0], alerting: { probe: { instance: 'redis.cache.svc:6379' } } }] }, 't');
    expect(job(parse(renderPrometheusConfig(tcp)), 'blackbox').static_configs[0].labels.__param_module).toBe('tcp_connect');
    const none = resolveSettings({ ...base, services: [{ ...base.services![0], alerting: {} }] }, 't');
    expect(job(parse(renderPrometheusConfig(none)), 'blackbox')).toBeUndefined();
  });

  it('rejects a probe target that is neither a URL nor host:port', () => {
    const base = fixtureSettings('dev');
    expect(() => resolveSettings({ ...base, services: [{ ...base.services![0], alerting: { probe: { instance: 'demo-api/healthz' } } }] }, 'obs'))
      .toThrow('obs: invalid services[0].alerting.probe.instance = "demo-api/healthz"; allowed: an http(s) URL');
  });
});

describe('prometheus.yml with static targets (Docker, loopback tests)', () => {
  const config = parse(renderPrometheusConfig(settings, {
    kind: 'static', prometheus: ['prometheus:9090'], alertmanager: ['alertmanager:9093'], nodeExporter: ['node-exporter:9100'],
    cadvisor: ['cadvisor:8080'], services: { 'demo-api': ['host.docker.internal:8080'] },
  }));

  it('uses the same job names and labels as on Kubernetes', () => {
    expect(config.scrape_configs.map((j: any) => j.job_name)).toEqual(['prometheus', 'alertmanager', 'node-exporter', 'cadvisor', 'demo-api']);
    expect(job(config, 'demo-api').static_configs).toEqual([{ targets: ['host.docker.internal:8080'], labels: { namespace: 'demo', service: 'demo-api', team: 'platform' } }]);
    expect(config.alerting.alertmanagers).toEqual([{ static_configs: [{ targets: ['alertmanager:9093'] }] }]);
  });
});

/**
 * Debian's Prometheus is built without Kubernetes service discovery (its promtool rejects
 * `kubernetes_sd_configs`). For the Kubernetes variant we check everything else with the real
 * promtool by swapping each discovery block for a static one, and check the discovery blocks
 * themselves against the fields Prometheus documents for them.
 */
const KUBERNETES_SD_FIELDS = new Set(['role', 'namespaces', 'selectors', 'attach_metadata', 'api_server', 'kubeconfig_file']);
const ROLES = new Set(['node', 'pod', 'service', 'endpoints', 'endpointslice', 'ingress']);

function withoutKubernetesSd(config: any): any {
  const swap = (block: any) => {
    if (!block.kubernetes_sd_configs) return block;
    const { kubernetes_sd_configs: discovery, ...rest } = block;
    for (const sd of discovery) {
      for (const key of Object.keys(sd)) expect(KUBERNETES_SD_FIELDS.has(key)).toBe(true);
      expect(ROLES.has(sd.role)).toBe(true);
      if (sd.namespaces) expect(Object.keys(sd.namespaces)).toEqual(['names']);
    }
    return { ...rest, static_configs: [...(rest.static_configs ?? []), { targets: ['discovered.example:80'] }] };
  };
  return { ...config, alerting: { alertmanagers: config.alerting.alertmanagers.map(swap) }, scrape_configs: config.scrape_configs.map(swap) };
}

describe('the real promtool accepts the rendered configuration of both profiles', () => {
  const promtool = findTool('promtool');
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'promtool-'));
    mkdirSync(join(dir, 'configs'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const profile of ['dev', 'prod'] as const) {
    itWithTool('promtool')(`${profile}: prometheus.yml (Kubernetes SD swapped for static) and every rule file from dist`, () => {
      const manifests = manifestsFor(profile);
      const config = withoutKubernetesSd(parse(configMapData(manifests, 'prometheus-config')['prometheus.yml']));
      config.rule_files = [join(dir, profile, '*.yml')];
      mkdirSync(join(dir, profile), { recursive: true });
      const rules: Record<string, string> = Object.assign({}, ...manifests.filter((m) => m.kind === 'ConfigMap' && m.metadata.name.startsWith('prometheus-rules-')).map((m: any) => m.data));
      expect(Object.keys(rules)).toEqual(expect.arrayContaining(['infrastructure.yml', 'recordings.yml', 'self-monitoring.yml', 'service-demo-api.yml', 'slo-demo-api.yml']));
      for (const [file, text] of Object.entries(rules)) writeFileSync(join(dir, profile, file), text);
      const configFile = join(dir, 'configs', `${profile}-prometheus.yml`);
      writeFileSync(configFile, stringify(config));
      // --syntax-only: the token and CA files only exist inside a pod.
      const out = execFileSync(promtool!, ['check', 'config', '--syntax-only', configFile], { encoding: 'utf8' });
      expect(out).toContain('SUCCESS');
      const rulesOut = execFileSync(promtool!, ['check', 'rules', ...Object.keys(rules).map((f) => join(dir, profile, f))], { encoding: 'utf8' });
      expect(rulesOut).not.toContain('FAILED');
      expect(rulesOut).toMatch(/SUCCESS: \d+ rules found/);
      console.info(`checked by ${toolVersion(promtool!)}`);
    });
  }

  itWithTool('promtool')('the static-target variant is accepted as is', () => {
    const file = join(dir, 'configs', 'static.yml');
    writeFileSync(file, renderPrometheusConfig(settings, {
      kind: 'static', prometheus: ['127.0.0.1:9090'], alertmanager: ['127.0.0.1:9093'], nodeExporter: ['127.0.0.1:9100'], services: { 'demo-api': ['127.0.0.1:8080'] }, rulesDir: dir,
    }));
    expect(execFileSync(promtool!, ['check', 'config', file], { encoding: 'utf8' })).toContain('SUCCESS');
  });
});
