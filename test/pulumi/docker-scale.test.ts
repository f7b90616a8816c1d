import { parse } from 'yaml';
import { RULES_DIR, SCRAPE_DIR } from '../../constructs/prometheus/files';
import { SCRAPE_SHARD_PREFIX } from '../../constructs/prometheus/rule-shards';
import { synthesize } from '../../constructs/stack/synthesize';
import { scaleServices } from '../support/scale';
import { fixtureSettings } from '../support/fixtures';
import { projectConfig, Registered, runProgram, stackFileConfig } from './harness';
import { DEFAULT_SECRETS } from './sentinels';

// stacks/stack-config.ts builds on synth-settings.ts, the user's file; the tests use their fixtures.
jest.mock('../../synth-settings', () => ({ defaultSettings: jest.requireActual('../support/fixtures').fixtureSettings }));

const COUNT = 1000;
const services = scaleServices(COUNT);
let registered: Registered[];
beforeAll(async () => {
  const config = { ...stackFileConfig('dev'), ...projectConfig({ settings: { services } }), ...projectConfig(DEFAULT_SECRETS) };
  ({ registered } = await runProgram('dev', config, Object.keys(DEFAULT_SECRETS)));
}, 120_000);

describe(`the Docker target with ${COUNT} monitored services`, () => {
  const manifests = synthesize({ ...fixtureSettings('dev'), services }).manifests;
  const shardFiles = (prefix: string): Record<string, string> =>
    Object.assign(
      {},
      ...manifests.filter((m) => m.kind === 'ConfigMap' && m.metadata.name.startsWith(`${prefix}-`)).map((m) => (m as any).data),
    );
  const uploads = () => {
    const prometheus = registered.find(
      (r) => r.type === 'docker:index/container:Container' && r.inputs.name === 'observability-dev-prometheus',
    )!;
    return prometheus.inputs.uploads as Array<{ file: string; content: string }>;
  };

  it('gets the same scrape files as the pods (one per service, same names), with static targets', () => {
    const files = shardFiles(SCRAPE_SHARD_PREFIX);
    expect(Object.keys(files)).toHaveLength(COUNT);
    const scrape = uploads().filter((u) => u.file.startsWith(`${SCRAPE_DIR}/`));
    expect(scrape.map((u) => u.file).sort()).toEqual(
      Object.keys(files)
        .map((f) => `${SCRAPE_DIR}/${f}`)
        .sort(),
    );
    for (const u of scrape) {
      const [local] = parse(u.content).scrape_configs;
      const [cluster] = parse(files[u.file.slice(SCRAPE_DIR.length + 1)]).scrape_configs;
      const service = services.find((s) => s.name === cluster.job_name)!;
      expect(local.job_name).toBe(cluster.job_name);
      expect(local.static_configs).toEqual([
        {
          targets: [`${service.name}:${service.port}`],
          labels: { namespace: service.namespace, service: service.name, team: service.team },
        },
      ]);
    }
  });

  it('gets every rule file byte-identical, at the rules directory', () => {
    const rules = shardFiles(`prometheus-rules`);
    expect(Object.keys(rules).length).toBeGreaterThan(COUNT * 1.5);
    const uploaded = new Map(uploads().map((u) => [u.file, u.content]));
    for (const [file, text] of Object.entries(rules)) expect(uploaded.get(`${RULES_DIR}/${file}`) === text).toBe(true);
  });
});
