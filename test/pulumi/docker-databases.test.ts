import { parse } from 'yaml';
import { SettingsError } from '../../config/errors';
import { DockerStack } from '../../stacks/docker';
import { databaseFixture, fixtureSettings } from '../support/fixtures';
import {
  captureLogs,
  expectSecretsOnlyInSecretInputs,
  installMocks,
  projectConfig,
  Registered,
  runProgram,
  stackFileConfig,
} from './harness';
import { DEFAULT_SECRETS } from './sentinels';

// stacks/stack-config.ts builds on synth-settings.ts, the user's file; the tests use their fixtures.
jest.mock('../../synth-settings', () => ({ defaultSettings: jest.requireActual('../support/fixtures').fixtureSettings }));

/** Planted database passwords: they may reach resources only as Pulumi secrets. */
const DB_SENTINELS = {
  'orders-db-exporter': { password: 'SENTINEL-pg-orders-1a2b' },
  'billing-db': { 'exporter-password': 'SENTINEL-pg-billing-3c4d' },
  'shop-db': { password: 'SENTINEL-mysql-5e6f' },
  'cache-exporter': { password: 'SENTINEL-redis-7a8b' },
  'kafka-exporter': { password: 'SENTINEL-kafka-9c0d' },
};
const planted = Object.values(DB_SENTINELS).flatMap((keys) => Object.values(keys));
const leaked = (text: string) => planted.filter((s) => text.includes(s));

let registered: Registered[];
let logs: string;
beforeAll(async () => {
  const secrets = { ...DEFAULT_SECRETS, databaseSecrets: JSON.stringify(DB_SENTINELS) };
  const config = { ...stackFileConfig('dev'), ...projectConfig({ settings: { databases: databaseFixture() } }), ...projectConfig(secrets) };
  const run = await captureLogs(() => runProgram('dev', config, Object.keys(secrets)));
  ({ registered } = run.result);
  logs = run.logs;
});

const container = (name: string) =>
  registered.find((r) => r.type === 'docker:index/container:Container' && r.inputs.name === `observability-dev-${name}`)!;

describe('database exporters on Docker', () => {
  it('one container per declared instance, with the pinned image', () => {
    for (const name of [
      'postgres-exporter-orders',
      'postgres-exporter-billing',
      'mysqld-exporter-shop',
      'redis-exporter-cache',
      'kafka-exporter-events',
    ])
      expect(container(name)?.inputs.networksAdvanced[0].aliases).toContain(name);
    const image = registered.find((r) => r.name === 'observability-mysqld-exporter-shop-image')!;
    expect(image.inputs.name).toBe('docker.io/prom/mysqld-exporter:v0.20.0');
  });

  it('the PostgreSQL password is an uploaded secret file at the mounted path; the others are secret variables', () => {
    const pg = container('postgres-exporter-orders');
    expect(pg.inputs.uploads).toEqual([
      {
        file: '/etc/postgres-exporter/secrets/password',
        content: 'SENTINEL-pg-orders-1a2b',
        permissions: '0400',
        owner: '65534',
        group: '65534',
      },
    ]);
    expect(pg.secretInputs).toContain('uploads');
    expect(pg.inputs.envs).toEqual([
      'DATA_SOURCE_URI=orders-db.data.svc:5432/orders?sslmode=require',
      'DATA_SOURCE_USER=exporter',
      'DATA_SOURCE_PASS_FILE=/etc/postgres-exporter/secrets/password',
    ]);
    const mysql = container('mysqld-exporter-shop');
    expect(mysql.inputs.envs).toEqual(['MYSQLD_EXPORTER_PASSWORD=SENTINEL-mysql-5e6f']);
    expect(mysql.secretInputs).toContain('envs');
    expect(mysql.additionalSecretOutputs).toContain('envs');
    expect(container('kafka-exporter-events').inputs.envs).toEqual(['SASL_USER_PASSWORD=SENTINEL-kafka-9c0d']);
  });

  it('Prometheus scrapes each exporter container with instance = the database address', () => {
    const upload = container('prometheus').inputs.uploads.find((u: any) => u.file.endsWith('/prometheus.yml'));
    const job = parse(upload.content).scrape_configs.find((j: any) => j.job_name === 'postgres');
    expect(job.static_configs).toEqual([
      { targets: ['postgres-exporter-orders:9187'], labels: { __database_address: 'orders-db.data.svc:5432' } },
      { targets: ['postgres-exporter-billing:9187'], labels: { __database_address: '10.20.3.4:5432' } },
    ]);
  });

  it('the planted passwords appear only in secret inputs, never in logs', () => {
    expect(leaked(JSON.stringify(registered.map((r) => r.inputs))).length).toBeGreaterThan(0);
    expectSecretsOnlyInSecretInputs(registered, leaked);
    expect(leaked(logs)).toEqual([]);
  });
});

describe('DockerStack with databases but no databaseSecrets', () => {
  it('is refused before any resource is registered, naming the Secret keys', async () => {
    const direct = await installMocks('direct');
    let error: unknown;
    try {
      new DockerStack('direct', { settings: { ...fixtureSettings('dev'), alerting: {}, databases: databaseFixture() } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SettingsError);
    expect((error as SettingsError).field).toBe('args.secrets.databaseSecrets');
    expect((error as SettingsError).message).toContain('orders-db-exporter/password, billing-db/exporter-password');
    expect(direct).toEqual([]);
  });
});
