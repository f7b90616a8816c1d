import { execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parse, stringify } from 'yaml';
import { fixtureSettings } from '../support/fixtures';
import { stackPrometheusConfig } from '../../constructs/registry';
import { deployedPrometheusFiles, stackEffectiveConfig, withScrapeFiles } from '../support/prometheus-files';
import { resolveSettings } from '../../constructs/stack/resolve';
import { configMapData, manifestsFor } from '../support/manifests';
import { findTool, itWithTool, toolVersion } from '../support/tools';

const settings = resolveSettings(fixtureSettings('dev'), 'test');
const kubernetes = stackEffectiveConfig(settings, { kind: 'kubernetes' });
const job = (config: any, name: string) => config.scrape_configs.find((j: any) => j.job_name === name);

describe('prometheus.yml for Kubernetes', () => {
  it('sets intervals and the cluster/environment/replica external labels', () => {
    expect(kubernetes.global).toEqual({
      scrape_interval: '15s',
      evaluation_interval: '15s',
      // The replica is the pod name, expanded by Prometheus 3 from the environment.
      external_labels: { cluster: 'dev-cluster', environment: 'dev', replica: '${POD_NAME}' },
    });
  });

  it('scrapes the stack, the nodes, the kubelet, cAdvisor, annotated pods and each declared service', () => {
    expect(kubernetes.scrape_configs.map((j: any) => j.job_name)).toEqual([
      'prometheus',
      'alertmanager',
      'grafana',
      'node-exporter',
      'kube-state-metrics',
      'kubelet',
      'apiserver',
      'cadvisor',
      'kubernetes-pods',
      'blackbox',
      // Prometheus appends the jobs of scrape_config_files (one file per service) last.
      'demo-api',
    ]);
  });

  it('reads the kubelet and cAdvisor with the projected token over HTTPS, verifying TLS by default', () => {
    const cadvisor = job(kubernetes, 'cadvisor');
    expect(cadvisor.metrics_path).toBe('/metrics/cadvisor');
    expect(cadvisor.scheme).toBe('https');
    expect(cadvisor.authorization.credentials_file).toBe('/var/run/secrets/kubernetes.io/serviceaccount/token');
    expect(cadvisor.tls_config).toEqual({ ca_file: '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt' });
    const insecure = stackEffectiveConfig(resolveSettings({ ...fixtureSettings('dev'), prometheus: { verifyKubeletTls: false } }, 't'), {
      kind: 'kubernetes',
    });
    expect(job(insecure, 'kubelet').tls_config).toEqual({ insecure_skip_verify: true });
  });

  it('limits annotation discovery to the listed namespaces, or none when cluster-wide', () => {
    expect(job(kubernetes, 'kubernetes-pods').kubernetes_sd_configs).toEqual([{ role: 'pod', namespaces: { names: ['demo'] } }]);
    const cluster = stackEffectiveConfig(resolveSettings({ ...fixtureSettings('dev'), discovery: { scope: 'cluster' } }, 't'), {
      kind: 'kubernetes',
    });
    expect(job(cluster, 'kubernetes-pods').kubernetes_sd_configs).toEqual([{ role: 'pod' }]);
  });

  it('keeps only the declared Service and port of a monitored service, labelled with service and team', () => {
    const demo = job(kubernetes, 'demo-api');
    expect(demo.kubernetes_sd_configs).toEqual([{ role: 'endpointslice', namespaces: { names: ['demo'] } }]);
    expect(demo.relabel_configs[0]).toEqual({
      source_labels: ['__meta_kubernetes_service_name', '__meta_kubernetes_endpointslice_port'],
      regex: 'demo-api;8080',
      action: 'keep',
    });
    expect(demo.relabel_configs).toContainEqual({ target_label: 'service', replacement: 'demo-api' });
    expect(demo.relabel_configs).toContainEqual({ target_label: 'team', replacement: 'platform' });
    expect(demo.metrics_path).toBe('/metrics');
    expect(demo.scrape_interval).toBeUndefined();
  });

  it('gives a service its own interval only when it differs from the global one', () => {
    const s = resolveSettings(
      { ...fixtureSettings('dev'), services: [{ name: 'batch', namespace: 'demo', port: 9000, interval: '1m' }] },
      't',
    );
    expect(job(stackEffectiveConfig(s, { kind: 'kubernetes' }), 'batch').scrape_interval).toBe('1m');
  });

  it('sends alerts to every Alertmanager endpoint in the stack namespace', () => {
    expect(kubernetes.alerting.alertmanagers[0].kubernetes_sd_configs).toEqual([
      { role: 'endpointslice', namespaces: { names: ['monitoring'] } },
    ]);
    expect(kubernetes.alerting.alertmanagers[0].relabel_configs[0].regex).toBe('alertmanager;web');
  });
});

describe('probes', () => {
  it('sends each declared probe through the blackbox exporter, keeping the probed target as instance', () => {
    const blackbox = job(kubernetes, 'blackbox');
    expect(blackbox.metrics_path).toBe('/probe');
    expect(blackbox.static_configs).toEqual([
      {
        targets: ['http://demo-api.demo.svc:8080/healthz'],
        labels: { __param_module: 'http_2xx', service: 'demo-api', namespace: 'demo', team: 'platform' },
      },
    ]);
    expect(blackbox.relabel_configs).toEqual([
      { source_labels: ['__address__'], target_label: '__param_target' },
      { source_labels: ['__param_target'], target_label: 'instance' },
      { target_label: '__address__', replacement: 'blackbox-exporter.monitoring.svc:9115' },
    ]);
  });

  it('uses a TCP connect probe for host:port targets and no job without probes', () => {
    const base = fixtureSettings('dev');
    const tcp = resolveSettings(
      { ...base, services: [{ ...base.services![0], alerting: { probe: { instance: 'redis.cache.svc:6379' } } }] },
      't',
    );
    expect(job(stackEffectiveConfig(tcp, { kind: 'kubernetes' }), 'blackbox').static_configs[0].labels.__param_module).toBe('tcp_connect');
    const none = resolveSettings({ ...base, services: [{ ...base.services![0], alerting: {} }] }, 't');
    expect(job(stackEffectiveConfig(none, { kind: 'kubernetes' }), 'blackbox')).toBeUndefined();
  });

  it('rejects a probe target that is neither a URL nor host:port', () => {
    const base = fixtureSettings('dev');
    expect(() =>
      resolveSettings({ ...base, services: [{ ...base.services![0], alerting: { probe: { instance: 'demo-api/healthz' } } }] }, 'obs'),
    ).toThrow('obs: invalid services[0].alerting.probe.instance = "demo-api/healthz"; allowed: an http(s) URL');
  });
});

describe('prometheus.yml with static targets (Docker, loopback tests)', () => {
  const config = stackEffectiveConfig(settings, {
    kind: 'static',
    targets: {
      prometheus: ['prometheus:9090'],
      alertmanager: ['alertmanager:9093'],
      'node-exporter': ['node-exporter:9100'],
      cadvisor: ['cadvisor:8080'],
    },
    services: { 'demo-api': ['host.docker.internal:8080'] },
  });

  it('uses the same job names and labels as on Kubernetes', () => {
    expect(config.scrape_configs.map((j: any) => j.job_name)).toEqual([
      'prometheus',
      'alertmanager',
      'node-exporter',
      'cadvisor',
      // Prometheus appends the jobs of scrape_config_files (one file per service) last.
      'demo-api',
    ]);
    expect(job(config, 'demo-api').static_configs).toEqual([
      { targets: ['host.docker.internal:8080'], labels: { namespace: 'demo', service: 'demo-api', team: 'platform' } },
    ]);
    expect(config.alerting.alertmanagers).toEqual([{ static_configs: [{ targets: ['alertmanager:9093'] }] }]);
  });
});

const promtool = findTool('promtool');
const promtoolVersion = promtool ? toolVersion(promtool) : 'promtool missing';

describe(`the real promtool accepts the rendered configuration of both profiles (${promtoolVersion})`, () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'promtool-'));
    mkdirSync(join(dir, 'configs'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const profile of ['dev', 'prod'] as const) {
    itWithTool('promtool')(`${profile}: the Kubernetes prometheus.yml as deployed, and every rule file from dist`, () => {
      const manifests = manifestsFor(profile);
      const configFile = deployedPrometheusFiles(manifests, join(dir, 'configs', profile));
      // A full check, not only the syntax: promtool reads the scrape-job files and the rule files
      // through the globs and checks the token and CA files exist, all at copies of the pod paths.
      const out = execFileSync(promtool!, ['check', 'config', configFile], { encoding: 'utf8' });
      expect(out).toContain('SUCCESS');
      mkdirSync(join(dir, profile), { recursive: true });
      const rules: Record<string, string> = Object.assign(
        {},
        ...manifests.filter((m) => m.kind === 'ConfigMap' && m.metadata.name.startsWith('prometheus-rules-')).map((m: any) => m.data),
      );
      expect(Object.keys(rules)).toEqual(
        expect.arrayContaining(['infrastructure.yml', 'recordings.yml', 'self-monitoring.yml', 'service-demo-api.yml', 'slo-demo-api.yml']),
      );
      for (const [file, text] of Object.entries(rules)) writeFileSync(join(dir, profile, file), text);
      const rulesOut = execFileSync(promtool!, ['check', 'rules', ...Object.keys(rules).map((f) => join(dir, profile, f))], {
        encoding: 'utf8',
      });
      expect(rulesOut).not.toContain('FAILED');
      expect(rulesOut).toMatch(/SUCCESS: \d+ rules found/);
    });
  }

  itWithTool('promtool')('--syntax-only still validates the discovery blocks: an unknown role or field is rejected', () => {
    const deployed = parse(configMapData(manifestsFor('dev'), 'prometheus-config')['prometheus.yml']);
    const discovering = deployed.scrape_configs.find((j: any) => j.kubernetes_sd_configs);
    expect(discovering).toBeDefined();
    for (const [what, sd] of [
      ['role', { ...discovering.kubernetes_sd_configs[0], role: 'pods' }],
      ['field', { ...discovering.kubernetes_sd_configs[0], label_selector: 'app=x' }],
    ] as const) {
      const file = join(dir, 'configs', `bad-${what}.yml`);
      writeFileSync(file, stringify({ ...deployed, scrape_configs: [{ ...discovering, kubernetes_sd_configs: [sd] }] }));
      let failure = '';
      try {
        execFileSync(promtool!, ['check', 'config', '--syntax-only', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      } catch (error) {
        failure = String((error as { stderr?: string }).stderr ?? '') + String((error as { stdout?: string }).stdout ?? '');
      }
      expect(failure).toMatch(what === 'role' ? /unknown Kubernetes SD role "pods"/ : /field label_selector not found/);
    }
  });

  itWithTool('promtool')('the static-target variant is accepted as is', () => {
    const file = join(dir, 'configs', 'static.yml');
    writeFileSync(
      file,
      stackPrometheusConfig(
        settings,
        withScrapeFiles(settings, join(dir, 'static'), {
          kind: 'static',
          targets: { prometheus: ['127.0.0.1:9090'], alertmanager: ['127.0.0.1:9093'], 'node-exporter': ['127.0.0.1:9100'] },
          services: { 'demo-api': ['127.0.0.1:8080'] },
          rulesDir: dir,
        }),
      ),
    );
    expect(execFileSync(promtool!, ['check', 'config', file], { encoding: 'utf8' })).toContain('SUCCESS');
  });
});
