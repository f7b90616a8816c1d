import { parse } from 'yaml';
import { expectSecretsOnlyInSecretInputs, projectConfig, Registered, runProgram, stackFileConfig } from '../pulumi/harness';
import { DEFAULT_SECRETS } from '../pulumi/sentinels';
import { grafanaAlertsSettings } from './fixtures';

// stacks/stack-config.ts builds on synth-settings.ts, the user's file; the tests use their fixtures.
jest.mock('../../synth-settings', () => ({ defaultSettings: jest.requireActual('../support/fixtures').fixtureSettings }));

/** Planted passwords, Grafana's readers' included: they may reach resources only as Pulumi secrets. */
const DB_SENTINELS = {
  'orders-db-exporter': { password: 'SENTINEL-pg-orders-exporter' },
  'orders-db-grafana': { password: 'SENTINEL-pg-orders-grafana' },
  'billing-db': { 'exporter-password': 'SENTINEL-pg-billing' },
  'shop-db': { password: 'SENTINEL-mysql-exporter' },
  'shop-db-grafana': { password: 'SENTINEL-mysql-grafana' },
  'cache-exporter': { password: 'SENTINEL-redis' },
  'kafka-exporter': { password: 'SENTINEL-kafka' },
};
const planted = Object.values(DB_SENTINELS).flatMap((keys) => Object.values(keys));
const leaked = (text: string) => planted.filter((s) => text.includes(s));

let registered: Registered[];
beforeAll(async () => {
  const { databases, grafana } = grafanaAlertsSettings('dev');
  const secrets = { ...DEFAULT_SECRETS, databaseSecrets: JSON.stringify(DB_SENTINELS) };
  const config = { ...stackFileConfig('dev'), ...projectConfig({ settings: { databases, grafana } }), ...projectConfig(secrets) };
  ({ registered } = await runProgram('dev', config, Object.keys(secrets)));
});

const grafana = () =>
  registered.find((r) => r.type === 'docker:index/container:Container' && r.inputs.name === 'observability-dev-grafana')!;
const upload = (file: string) => (grafana().inputs.uploads as Array<{ file: string; content: string }>).find((u) => u.file === file);

describe('Grafana-managed alerts and database datasources on Docker', () => {
  it("uploads each reader's password as a secret file where the datasource reads it, and no exporter password", () => {
    expect(upload('/etc/grafana/datasource-secrets/postgres-orders/password')?.content).toBe('SENTINEL-pg-orders-grafana');
    expect(upload('/etc/grafana/datasource-secrets/mysql-shop/password')?.content).toBe('SENTINEL-mysql-grafana');
    expect(grafana().secretInputs).toContain('uploads');
    expect(JSON.stringify(grafana().inputs.uploads)).not.toContain('SENTINEL-pg-orders-exporter');
  });

  it('uploads the same alerting file into provisioning/alerting', () => {
    const file = parse(upload('/etc/grafana/provisioning/alerting/alerting.yaml')!.content);
    expect(file.groups[0].rules[0].data[0].datasourceUid).toBe('postgres-orders');
    expect(file.contactPoints[0].receivers[0].settings.url).toBe('http://alertmanager:9093');
  });

  it('keeps every planted password inside secret inputs', () => {
    expectSecretsOnlyInSecretInputs(registered, leaked);
  });
});
