import { PLANTED, runDatabaseProgram, secretNames } from './databases-program';
import { expectSecretsOnlyInSecretInputs } from './harness';

// stacks/stack-config.ts builds on synth-settings.ts, the user's file; the tests use their fixtures.
jest.mock('../../synth-settings', () => ({ defaultSettings: jest.requireActual('../support/fixtures').fixtureSettings }));

const leaked = (text: string) =>
  Object.values(PLANTED)
    .flatMap(Object.values)
    .filter((s) => text.includes(s as string));

test('with databaseSecrets the cluster target creates each referenced Secret, its values only as secrets', async () => {
  const registered = await runDatabaseProgram(true);
  expect(secretNames(registered)).toEqual(['alertmanager-receivers', 'grafana-admin', 'orders-db-exporter', 'shop-db']);
  const pg = registered.find((r) => r.type === 'kubernetes:core/v1:Secret' && r.inputs.metadata.name === 'orders-db-exporter')!;
  expect(pg.inputs.stringData).toEqual({ password: 'SENTINEL-cluster-pg-41f0' });
  expect(pg.inputs.metadata.namespace).toBe('monitoring');
  expect(pg.secretInputs).toContain('stringData');
  expectSecretsOnlyInSecretInputs(registered, leaked);
});
