import * as pulumi from '@pulumi/pulumi';
import { ClusterStack } from '../../stacks/cluster';
import { fixtureSettings } from '../support/fixtures';
import { generatedPassword, installMocks, quiesce, RANDOM_PASSWORD, Registered } from './harness';
import { PROD_SECRETS } from './sentinels';

// On the Pulumi cluster path the logs store's passwords are Pulumi secrets: `elastic` from the
// secret config `elasticPassword`, the others generated; they land in one Kubernetes Secret.
const ELASTIC = 'SENTINEL-elastic-pw-5e1a';
let registered: Registered[];
let stack: ClusterStack;

beforeAll(async () => {
  registered = await installMocks('es-secrets');
  const secrets = Object.fromEntries(Object.entries({ ...PROD_SECRETS, elasticPassword: ELASTIC }).map(([k, v]) => [k, pulumi.secret(v)]));
  stack = new ClusterStack('es', {
    settings: { ...fixtureSettings('prod'), elasticsearch: {} },
    secrets,
  });
  // Filebeat straight to Elasticsearch: it writes as its own user, from its own namespace.
  new ClusterStack('direct', {
    settings: { ...fixtureSettings('prod'), elasticsearch: {}, filebeat: { output: 'elasticsearch' } },
    secrets,
  });
  await quiesce(registered);
});

const credentials = (namespace = 'monitoring', stackName = 'es') =>
  registered.find(
    (r) =>
      r.type === 'kubernetes:core/v1:Secret' &&
      r.name.startsWith(`${stackName}-`) &&
      r.inputs.metadata.name === 'elasticsearch-credentials' &&
      r.inputs.metadata.namespace === namespace,
  )!;

test('one credentials Secret in the Elasticsearch namespace, one key per user, every value a Pulumi secret', () => {
  const secret = credentials();
  expect(secret.inputs.metadata.namespace).toBe('monitoring');
  expect(Object.keys(secret.inputs.stringData).sort()).toEqual(['elastic', 'exporter', 'grafana', 'kibana_system', 'logstash']);
  expect(secret.secretInputs).toContain('stringData');
  expect(secret.additionalSecretOutputs).toEqual(expect.arrayContaining(['data', 'stringData']));
  expect(stack.secrets.length).toBeGreaterThan(1);
});

test('Filebeat shipping to Logstash has no password; straight to Elasticsearch, its namespace gets a copy holding only its own key', () => {
  expect(credentials('monitoring-agents')).toBeUndefined();
  const copy = credentials('monitoring-agents', 'direct');
  expect(Object.keys(copy.inputs.stringData)).toEqual(['filebeat']);
  expect(copy.inputs.stringData.filebeat).toBe(generatedPassword('direct-elasticsearch-filebeat-password'));
  expect(copy.inputs.stringData.filebeat).toBe(credentials('monitoring', 'direct').inputs.stringData.filebeat);
  expect(copy.secretInputs).toContain('stringData');
});

test('elastic comes from config; the others are generated with @pulumi/random', () => {
  const data = credentials().inputs.stringData;
  expect(data.elastic).toBe(ELASTIC);
  const generated = registered.filter((r) => r.type === RANDOM_PASSWORD && r.name.startsWith('es-')).map((r) => r.name);
  expect(generated.sort()).toEqual(
    [
      'es-elasticsearch-exporter-password',
      'es-elasticsearch-grafana-password',
      'es-elasticsearch-kibana_system-password',
      'es-kibana-xpack.encryptedSavedObjects.encryptionKey',
      'es-kibana-xpack.reporting.encryptionKey',
      'es-kibana-xpack.security.encryptionKey',
      'es-elasticsearch-logstash-password',
    ].sort(),
  );
  expect(data.exporter).toBe(generatedPassword('es-elasticsearch-exporter-password'));
});

test("Kibana's encryption keys: one generated Secret in Kibana's namespace, one key per setting, every value a Pulumi secret", () => {
  const secret = registered.find((r) => r.type === 'kubernetes:core/v1:Secret' && r.inputs.metadata.name === 'kibana-encryption-keys')!;
  expect(secret.inputs.metadata.namespace).toBe('monitoring');
  expect(Object.keys(secret.inputs.stringData).sort()).toEqual([
    'xpack.encryptedSavedObjects.encryptionKey',
    'xpack.reporting.encryptionKey',
    'xpack.security.encryptionKey',
  ]);
  expect(secret.secretInputs).toContain('stringData');
  expect(secret.inputs.stringData['xpack.security.encryptionKey']).toBe(generatedPassword('es-kibana-xpack.security.encryptionKey'));
});

test('no password reaches the synthesized objects', () => {
  const group = registered.find((r) => r.type === 'kubernetes:yaml/v2:ConfigGroup')!;
  const text = JSON.stringify(group.inputs.objs);
  expect(text).not.toContain(ELASTIC);
  expect(text).not.toContain('MOCK-generated-pw');
});

test('elasticPassword without a logs store is refused', () => {
  expect(
    () => new ClusterStack('bad', { settings: fixtureSettings('prod'), secrets: { ...PROD_SECRETS, elasticPassword: ELASTIC } as never }),
  ).toThrow(/args\.secrets\.elasticPassword = "\[secret\]"; allowed: unset, or add the logs store/);
});

describe('the Docker program leaves out a logs store it cannot give a certificate', () => {
  const { withoutUncertifiedElasticsearch } = jest.requireActual('../../stacks/elasticsearch-secrets');
  const input = (elasticsearch: object) => ({ ...fixtureSettings('dev'), elasticsearch });
  it('drops it with TLS on and no certificate', () => {
    const { settings, dropped } = withoutUncertifiedElasticsearch(input({}), {});
    expect(dropped).toBe(true);
    expect(settings).not.toHaveProperty('elasticsearch');
  });
  it('keeps it with TLS off, or with the certificate configured', () => {
    expect(withoutUncertifiedElasticsearch(input({ tls: { http: false, transport: false } }), {}).dropped).toBe(false);
    const pem = { elasticsearchTlsCertificate: 'c', elasticsearchTlsKey: 'k', elasticsearchTlsCa: 'a' };
    expect(withoutUncertifiedElasticsearch(input({}), pem).dropped).toBe(false);
  });
});
