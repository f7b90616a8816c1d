import { databaseFixture } from '../support/fixtures';
import { expectSecretsOnlyInSecretInputs, projectConfig, Registered, runProgram, stackFileConfig } from './harness';
import { PROD_SECRETS } from './sentinels';

// stacks/stack-config.ts builds on synth-settings.ts, the user's file; the tests use their fixtures.
jest.mock('../../synth-settings', () => ({ defaultSettings: jest.requireActual('../support/fixtures').fixtureSettings }));

const PLANTED = { 'orders-db-exporter': { password: 'SENTINEL-cluster-pg-41f0' }, 'shop-db': { password: 'SENTINEL-cluster-my-93aa' } };
const leaked = (text: string) =>
  Object.values(PLANTED)
    .flatMap(Object.values)
    .filter((s) => text.includes(s as string));

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

test('with databaseSecrets the cluster target creates each referenced Secret, its values only as secrets', async () => {
  const registered = await run(true);
  expect(secretNames(registered)).toEqual(['alertmanager-receivers', 'grafana-admin', 'orders-db-exporter', 'shop-db']);
  const pg = registered.find((r) => r.type === 'kubernetes:core/v1:Secret' && r.inputs.metadata.name === 'orders-db-exporter')!;
  expect(pg.inputs.stringData).toEqual({ password: 'SENTINEL-cluster-pg-41f0' });
  expect(pg.inputs.metadata.namespace).toBe('monitoring');
  expect(pg.secretInputs).toContain('stringData');
  expectSecretsOnlyInSecretInputs(registered, leaked);
});
