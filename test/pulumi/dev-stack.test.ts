import { parse } from 'yaml';
import { receiverSecretKeys } from '../../constructs/stack/alerting';
import { imageOf } from '../../config/component';
import { stackPrometheusConfig, stackScrapeFiles } from '../../constructs/registry';
import { SCRAPE_DIR } from '../../constructs/prometheus/files';
import { SCRAPE_SHARD_PREFIX } from '../../constructs/prometheus/rule-shards';
import { effectiveConfig, manifestsEffectiveConfig } from '../support/prometheus-files';
import { byteQuantity } from '../../config/quantity';
import { fixtureSettings } from '../support/fixtures';
import { synthesize } from '../../constructs/stack/synthesize';
import { workloadsOf } from '../../stacks/workloads';
import { nameOf, Registered } from './harness';
import { expectResourceListSnapshot, expectSentinelsOnlyInSecretInputs, runStackWithSentinels, StackRun } from './stack-checks';
import { DEFAULT_SECRETS, leakedIn } from './sentinels';
import { alertmanagerSpec } from '../../constructs/alertmanager/spec';
import { cadvisorSpec } from '../../constructs/cadvisor/spec';
import { grafanaSpec } from '../../constructs/grafana/spec';
import { kubeStateMetricsSpec } from '../../constructs/kube-state-metrics/spec';
import { nodeExporterSpec } from '../../constructs/node-exporter/spec';
import { prometheusSpec } from '../../constructs/prometheus/spec';
import { COMPONENT_SPECS, workloadComponents } from '../../constructs/registry';

// stacks/stack-config.ts (and examples/) build on synth-settings.ts, the user's file; the tests
// use their own fixtures instead, so editing synth-settings.ts cannot change these results.
jest.mock('../../synth-settings', () => ({ defaultSettings: jest.requireActual('../support/fixtures').fixtureSettings }));

let registered: Registered[];
let outputs: Record<string, any>;
let run: StackRun;
const CONTAINER = 'docker:index/container:Container';
/** The static topology of the dev stack on Docker: each container by its name on the stack network. */
const DOCKER_TOPOLOGY = {
  kind: 'static' as const,
  targets: {
    prometheus: ['prometheus:9090'],
    alertmanager: ['alertmanager:9093'],
    grafana: ['grafana:3000'],
    'node-exporter': ['node-exporter:9100'],
    cadvisor: ['cadvisor:8080'],
    'blackbox-exporter': ['blackbox-exporter:9115'],
  },
  services: { 'demo-api': ['demo-api:8080'] },
};

beforeAll(async () => {
  run = await runStackWithSentinels('dev');
  ({ registered, outputs } = run);
});

// The settings the dev stack resolves to (Pulumi.dev.yaml sets only target and profile).
const { stack, manifests } = synthesize(fixtureSettings('dev'));
const settings = stack.settings;
const onDocker = (name: string) => workloadComponents(settings, 'docker').some((c) => c.spec!.name === name);
const containers = () => registered.filter((r) => r.type === CONTAINER);
const container = (name: string) => containers().find((c) => c.name === `observability-${name}`)!;
const byUrn = (urn: string) => registered.find((r) => r.urn === urn)!;

describe('dev stack (Docker) resource graph', () => {
  test('resource list', () => expectResourceListSnapshot(registered));

  test('one component owns everything', () => {
    const [root, ...rest] = registered.filter((r) => r.type === 'observability:stack:Docker');
    expect(rest).toEqual([]);
    // Under mocks there is no root Stack resource: the component is top-level.
    expect(root.parent).toBe('');
    for (const r of registered.filter((x) => x !== root)) expect(`${r.name} <- ${nameOf(r.parent)}`).toBe(`${r.name} <- observability`);
  });

  test('a container per synthesized workload except the Kubernetes-only ones, plus cAdvisor', () => {
    const expected = workloadsOf(manifests)
      .map((w) => w.name)
      .filter(onDocker);
    expect(
      containers()
        .map((c) => c.inputs.name)
        .sort(),
    ).toEqual([...expected, cadvisorSpec.name].map((n) => `observability-dev-${n}`).sort());
    expect(expected).not.toContain(kubeStateMetricsSpec.name);
  });

  test('containers depend on their image and the network; stateful ones on their named volume', () => {
    const network = registered.find((r) => r.type === 'docker:index/network:Network')!;
    for (const c of containers()) {
      const deps = c.dependencies.map(byUrn);
      expect(deps).toContain(network);
      const image = deps.find((d) => d.type === 'docker:index/remoteImage:RemoteImage')!;
      expect(c.inputs.image).toBe(`sha256:mock-${image.name}`);
      // The component name, and its in-cluster Service name (configs naming `<name>.<namespace>.svc` work unchanged).
      const alias = c.name.replace('observability-', '');
      expect(c.inputs.networksAdvanced).toEqual([{ name: network.inputs.name, aliases: [alias, `${alias}.monitoring.svc`] }]);
    }
    for (const component of [prometheusSpec, alertmanagerSpec]) {
      const c = container(component.name);
      const volume = c.dependencies.map(byUrn).find((d) => d.type === 'docker:index/volume:Volume')!;
      expect(c.inputs.volumes).toEqual([{ volumeName: volume.inputs.name, containerPath: component.dataDir }]);
    }
    expect(container(grafanaSpec.name).inputs.volumes ?? []).toEqual([]);
  });
});

describe('every Docker container', () => {
  test.each(['prometheus', 'alertmanager', 'grafana', 'node-exporter', 'blackbox-exporter', 'cadvisor'])(
    '%s: pinned image, limits, health check, restart, loopback ports',
    (name) => {
      const c = container(name);
      const spec = Object.values(COMPONENT_SPECS).find((s) => s.name === name)!;
      const image = registered.find((r) => r.name === `observability-${name}-image`)!;
      expect(image.inputs.name).toBe(imageOf(spec));
      expect(spec.tag).toMatch(/^v?\d+\.\d+\.\d+$/);
      expect(image.inputs.name).not.toMatch(/:latest$/);
      const limits = spec.sizing.dev.resources.limits;
      expect(c.inputs.memory).toBe(byteQuantity('test', 'memory', limits.memory) / 2 ** 20);
      expect(Number(c.inputs.cpus)).toBeCloseTo(limits.cpu.endsWith('m') ? Number(limits.cpu.slice(0, -1)) / 1000 : Number(limits.cpu));
      expect(c.inputs.healthcheck.tests).toEqual([
        'CMD',
        'wget',
        '-q',
        '--spider',
        `http://127.0.0.1:${spec.web.port}${spec.readinessPath}`,
      ]);
      expect(c.inputs.healthcheck.retries).toBeGreaterThan(0);
      expect(c.inputs.restart).toBe('unless-stopped');
      expect(c.inputs.securityOpts).toEqual(['no-new-privileges:true']);
      expect(c.inputs.capabilities).toEqual({ drops: ['ALL'] });
      for (const port of c.inputs.ports ?? []) expect(port.ip).toBe('127.0.0.1');
      if (['prometheus', 'alertmanager', 'grafana'].includes(name))
        expect(c.inputs.ports).toEqual([{ internal: spec.web.port, external: spec.web.port, ip: '127.0.0.1' }]);
      else expect(c.inputs.ports ?? []).toEqual([]);
      expect(c.inputs.user).toBe(`${spec.runAs}:${spec.runAs}`);
    },
  );

  test('only host agents bind host paths, read-only', () => {
    for (const c of containers()) {
      const mounts = c.inputs.mounts ?? [];
      if (![nodeExporterSpec.name, cadvisorSpec.name].some((n) => c.name.endsWith(n)))
        expect(`${c.name}: ${mounts.length}`).toBe(`${c.name}: 0`);
      for (const m of mounts) expect(m).toMatchObject({ type: 'bind', readOnly: true });
    }
    expect(container(nodeExporterSpec.name).inputs.pidMode).toBe('host');
  });

  test('the same args as the synthesized pods', () => {
    for (const w of workloadsOf(manifests).filter((x) => onDocker(x.name))) {
      expect(container(w.name).inputs.command ?? []).toEqual(w.container.args ?? []);
    }
  });
});

describe('config files: the same bytes on both targets', () => {
  const uploadsOf = (name: string) =>
    (container(name).inputs.uploads ?? []) as Array<{ file: string; content: string; permissions: string }>;

  test('every ConfigMap file a pod mounts is uploaded byte-identical at the same path (except prometheus.yml)', () => {
    let compared = 0;
    for (const w of workloadsOf(manifests).filter((x) => onDocker(x.name))) {
      for (const mount of w.container.volumeMounts ?? []) {
        const source = w.volumes.find((v) => v.name === mount.name)?.configMap;
        if (!source) continue;
        const configMap = manifests.find((m) => m.kind === 'ConfigMap' && m.metadata.name === source.name) as unknown as {
          data: Record<string, string>;
        };
        for (const [key, data] of Object.entries(configMap.data)) {
          const file = mount.subPath ? (mount.subPath === key ? mount.mountPath : undefined) : `${mount.mountPath}/${key}`;
          if (!file || key === 'prometheus.yml') continue;
          const upload = uploadsOf(w.name).find((u) => u.file === file);
          expect(upload?.file).toBe(file);
          expect(Buffer.from(upload!.content).equals(Buffer.from(data))).toBe(true);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(10);
  });

  test('no Docker config upload without a ConfigMap twin (no second copy of any file)', () => {
    const configMapTexts = new Set(
      manifests
        .filter((m) => m.kind === 'ConfigMap')
        .flatMap((m) => Object.values((m as unknown as { data: Record<string, string> }).data)),
    );
    for (const c of containers()) {
      for (const u of (c.inputs.uploads ?? []) as Array<{ file: string; content: string; permissions: string }>) {
        // prometheus.yml and the scrape-job files: static targets on Docker (compared in the next tests).
        if (u.permissions === '0400' || u.file.endsWith('/prometheus.yml') || u.file.startsWith(`${SCRAPE_DIR}/`)) continue;
        expect(`${c.name} ${u.file} ${configMapTexts.has(u.content)}`).toBe(`${c.name} ${u.file} true`);
      }
    }
  });

  test('prometheus.yml: one renderer; only target discovery differs (static targets on the Docker network)', () => {
    const configMap = manifests.find((m) => m.kind === 'ConfigMap' && m.metadata.name === 'prometheus-config') as unknown as {
      data: Record<string, string>;
    };
    const args = container('prometheus').inputs.command as string[];
    const configPath = args.find((a) => a.startsWith('--config.file='))!.split('=')[1];
    const docker = uploadsOf('prometheus').find((u) => u.file === configPath)!.content;
    const scrapeUploads = Object.fromEntries(
      uploadsOf('prometheus')
        .filter((u) => u.file.startsWith(`${SCRAPE_DIR}/`))
        .map((u) => [u.file.slice(SCRAPE_DIR.length + 1), u.content]),
    );
    const cluster = manifestsEffectiveConfig(manifests);
    const local = effectiveConfig(docker, scrapeUploads);
    expect(parse(docker).scrape_config_files).toEqual([`${SCRAPE_DIR}/*.yml`]);
    expect(parse(configMap.data['prometheus.yml']).scrape_config_files).toEqual([`${SCRAPE_DIR}/*.yml`]);
    const jobNames = (c: { scrape_configs: Array<{ job_name: string }> }) => c.scrape_configs.map((j) => j.job_name);
    // Same names on both targets, so rules and dashboards hold on both.
    expect(jobNames(cluster)).toEqual(expect.arrayContaining(jobNames(local)));
    expect(jobNames(local)).toEqual(
      expect.arrayContaining(['prometheus', 'alertmanager', 'grafana', 'node-exporter', 'cadvisor', 'demo-api', 'blackbox']),
    );
    const rest = ({ scrape_configs: _jobs, alerting: _alerting, ...others }: Record<string, unknown>) => others;
    expect(rest(local)).toEqual(rest(cluster));
    expect(docker).toBe(stackPrometheusConfig(settings, DOCKER_TOPOLOGY));
  });

  test('scrape-job files: the same files of the same shards at the same paths, static targets on Docker', () => {
    const shards = manifests.filter((m) => m.kind === 'ConfigMap' && m.metadata.name.startsWith(`${SCRAPE_SHARD_PREFIX}-`));
    expect(shards.map((m) => m.metadata.name)).toEqual([`${SCRAPE_SHARD_PREFIX}-0`]);
    const clusterFiles: Record<string, string> = Object.assign(
      {},
      ...shards.map((m) => (m as unknown as { data: Record<string, string> }).data),
    );
    expect(Object.keys(clusterFiles)).toEqual(['demo-api.yml']);
    const uploads = uploadsOf('prometheus').filter((u) => u.file.startsWith(`${SCRAPE_DIR}/`));
    expect(uploads.map((u) => u.file)).toEqual(Object.keys(clusterFiles).map((f) => `${SCRAPE_DIR}/${f}`));
    const expected = stackScrapeFiles(settings, DOCKER_TOPOLOGY);
    for (const u of uploads) expect(u.content).toBe(expected[u.file.slice(SCRAPE_DIR.length + 1)]);
    expect(parse(uploads[0].content).scrape_configs[0].static_configs[0].targets).toEqual(['demo-api:8080']);
  });

  test('the hosts in the config files are network aliases of containers', () => {
    const aliases = containers().flatMap((c) => c.inputs.networksAdvanced[0].aliases as string[]);
    const datasources = parse(uploadsOf('grafana').find((u) => u.file.endsWith('datasources.yaml'))!.content);
    for (const ds of datasources.datasources) expect(aliases).toContain(new URL(ds.url).hostname);
  });
});

describe('secrets', () => {
  test('Grafana admin and receiver credentials are uploaded as owner-only secret files', () => {
    const grafana = container('grafana');
    expect(grafana.secretInputs).toContain('uploads');
    expect(grafana.additionalSecretOutputs).toContain('uploads');
    const files = (grafana.inputs.uploads as Array<{ file: string; content: string; permissions: string; owner: string }>).filter(
      (u) => u.permissions === '0400',
    );
    expect(files.map((u) => [u.file, u.content, u.owner])).toEqual([
      ['/etc/grafana/secrets/admin-password', DEFAULT_SECRETS.grafanaAdminPassword, String(grafanaSpec.runAs)],
      ['/etc/grafana/secrets/admin-user', DEFAULT_SECRETS.grafanaAdminUser, String(grafanaSpec.runAs)],
    ]);
    const alertmanager = container('alertmanager');
    expect(alertmanager.secretInputs).toContain('uploads');
    const secretFiles = (alertmanager.inputs.uploads as Array<{ file: string; permissions: string }>)
      .filter((u) => u.permissions === '0400')
      .map((u) => u.file);
    expect(secretFiles.sort()).toEqual(
      receiverSecretKeys(settings)
        .map((k) => `${alertmanagerSpec.secretsDir}/${k}`)
        .sort(),
    );
    for (const c of containers()) expect(leakedIn(JSON.stringify(c.inputs.envs ?? []))).toEqual([]);
  });

  test('planted secrets appear only in secret inputs, never in outputs, logs, snapshots or dist/', () =>
    expectSentinelsOnlyInSecretInputs(run));
});

test('stack outputs: local URLs on 127.0.0.1', () => {
  expect(outputs.target).toBe('docker');
  expect(outputs.urls).toEqual({
    prometheus: 'http://127.0.0.1:9090',
    alertmanager: 'http://127.0.0.1:9093',
    grafana: 'http://127.0.0.1:3000',
  });
  expect(outputs.services).toBeUndefined();
  // The configured Grafana password is exported, as a secret output only.
  expect(run.secretOutputs).toEqual(['grafanaAdminPassword']);
  expect(outputs.grafanaAdminPassword).toBe('[secret]');
});
