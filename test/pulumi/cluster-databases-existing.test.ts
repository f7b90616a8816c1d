import { runDatabaseProgram, secretNames } from './databases-program';

// stacks/stack-config.ts builds on synth-settings.ts, the user's file; the tests use their fixtures.
jest.mock('../../synth-settings', () => ({ defaultSettings: jest.requireActual('../support/fixtures').fixtureSettings }));

test('on a cluster the referenced Secrets are expected to exist: none is created without databaseSecrets', async () => {
  const registered = await runDatabaseProgram(false);
  expect(secretNames(registered)).toEqual(['alertmanager-receivers', 'grafana-admin']);
  const objs = registered.find((r) => r.type === 'kubernetes:yaml/v2:ConfigGroup')!.inputs.objs as Array<{ kind: string; metadata: any }>;
  expect(objs.filter((o) => o.kind === 'Deployment').map((o) => o.metadata.name)).toEqual(
    expect.arrayContaining(['postgres-exporter-orders', 'mysqld-exporter-shop']),
  );
});
