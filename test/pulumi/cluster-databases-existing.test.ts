import { databaseFixture } from '../support/fixtures';
import { projectConfig, Registered, runProgram, stackFileConfig } from './harness';
import { PROD_SECRETS } from './sentinels';

// stacks/stack-config.ts builds on synth-settings.ts, the user's file; the tests use their fixtures.
jest.mock('../../synth-settings', () => ({ defaultSettings: jest.requireActual('../support/fixtures').fixtureSettings }));

const PLANTED = { 'orders-db-exporter': { password: 'SENTINEL-cluster-pg-41f0' }, 'shop-db': { password: 'SENTINEL-cluster-my-93aa' } };

// One program run per file: stacks/index.ts runs once per module registry.
async function run(withDatabaseSecrets: boolean): Promise<Registered[]> {
  const databases = { postgres: [databaseFixture().postgres![0]], mysql: databaseFixture().mysql };
  const secrets = { ...PROD_SECRETS, ...(withDatabaseSecrets ? { databaseSecrets: JSON.stringify(PLANTED) } : {}) };
  const config = { ...stackFileConfig('prod'), ...projectConfig({ settings: { databases } }), ...projectConfig(secrets) };
  return (await runProgram(withDatabaseSecrets ? 'prod-db' : 'prod-db-existing', config, Object.keys(secrets))).registered;
}

const secretNames = (registered: Registered[]) =>
  registered
    .filter((r) => r.type === 'kubernetes:core/v1:Secret')
    .map((s) => s.inputs.metadata.name)
    .sort();

test('on a cluster the referenced Secrets are expected to exist: none is created without databaseSecrets', async () => {
  const registered = await run(false);
  expect(secretNames(registered)).toEqual(['alertmanager-receivers', 'grafana-admin']);
  const objs = registered.find((r) => r.type === 'kubernetes:yaml/v2:ConfigGroup')!.inputs.objs as Array<{ kind: string; metadata: any }>;
  expect(objs.filter((o) => o.kind === 'Deployment').map((o) => o.metadata.name)).toEqual(
    expect.arrayContaining(['postgres-exporter-orders', 'mysqld-exporter-shop']),
  );
});
