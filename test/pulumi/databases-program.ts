import { databaseFixture } from '../support/fixtures';
import { projectConfig, Registered, runProgram, stackFileConfig } from './harness';
import { PROD_SECRETS } from './sentinels';

/** Passwords planted in `databaseSecrets`; no manifest or plain input may contain them. */
export const PLANTED = {
  'orders-db-exporter': { password: 'SENTINEL-cluster-pg-41f0' },
  'shop-db': { password: 'SENTINEL-cluster-my-93aa' },
};

/**
 * The prod cluster program with one PostgreSQL and one MySQL instance declared, with or without
 * the `databaseSecrets` config. One program run per test file: stacks/index.ts runs once per
 * module registry (the caller mocks synth-settings to the fixtures).
 */
export async function runDatabaseProgram(withDatabaseSecrets: boolean): Promise<Registered[]> {
  const databases = { postgres: [databaseFixture().postgres![0]], mysql: databaseFixture().mysql };
  const secrets = { ...PROD_SECRETS, ...(withDatabaseSecrets ? { databaseSecrets: JSON.stringify(PLANTED) } : {}) };
  const config = { ...stackFileConfig('prod'), ...projectConfig({ settings: { databases } }), ...projectConfig(secrets) };
  return (await runProgram(withDatabaseSecrets ? 'prod-db' : 'prod-db-existing', config, Object.keys(secrets))).registered;
}

/** Names of the Secrets the program registers, sorted. */
export const secretNames = (registered: Registered[]) =>
  registered
    .filter((r) => r.type === 'kubernetes:core/v1:Secret')
    .map((s) => s.inputs.metadata.name)
    .sort();
