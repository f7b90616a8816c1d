import * as pulumi from '@pulumi/pulumi';
import { parse } from 'yaml';
import { SettingsError } from '../../config/errors';
import { SETUP_SCRIPT } from '../../constructs/elasticsearch/setup-script';
import { StackSettings } from '../../constructs/stack/settings';
import { synthesize } from '../../constructs/stack/synthesize';
import { DockerStack } from '../../stacks/docker';
import { fixtureSettings } from '../support/fixtures';
import { generatedPassword, installMocks, quiesce, Registered } from './harness';

// Docker target parity: the single dev node (security on, discovery.type single-node, no mmap),
// its exporter and its setup Job as containers, with the same rendered files and payloads as the
// cluster, from the same synthesized ConfigMaps.
const PEM = { crt: 'SENTINEL-es-crt', key: 'SENTINEL-es-key', ca: 'SENTINEL-es-ca' };
const plain: StackSettings = { ...fixtureSettings('dev'), alerting: {}, elasticsearch: { tls: { http: false, transport: false } } };
// Filebeat straight to Elasticsearch here, so its TLS client path is covered too (to Logstash: test/logstash/docker.test.ts).
const tls: StackSettings = { ...fixtureSettings('dev'), alerting: {}, elasticsearch: {}, filebeat: { output: 'elasticsearch' } };
let registered: Registered[];

beforeAll(async () => {
  registered = await installMocks('es-docker');
  new DockerStack('plain', { settings: plain });
  new DockerStack('tls', {
    settings: tls,
    secrets: {
      elasticsearchTlsCertificate: pulumi.secret(PEM.crt),
      elasticsearchTlsKey: pulumi.secret(PEM.key),
      elasticsearchTlsCa: pulumi.secret(PEM.ca),
    },
  });
  await quiesce(registered);
});

const container = (stack: string, name: string) =>
  registered.find((r) => r.type === 'docker:index/container:Container' && r.name === `${stack}-${name}`)!;
const upload = (c: Registered, file: string) => (c.inputs.uploads as any[]).find((u) => u.file === file);
const configMap = (settings: StackSettings, name: string) =>
  (synthesize(settings).manifests as any[]).find((m) => m.kind === 'ConfigMap' && m.metadata.name.startsWith(name)).data;

test('the node, its exporter and its setup Job run as containers', () => {
  for (const name of ['elasticsearch', 'elasticsearch-exporter', 'elasticsearch-setup']) expect(container('plain', name)).toBeDefined();
});

test('the node reads the very elasticsearch.yml of the cluster: one node, security on, no mmap', () => {
  const es = container('plain', 'elasticsearch');
  const yml = upload(es, '/usr/share/elasticsearch/config/elasticsearch.yml').content;
  expect(yml).toBe(configMap(plain, 'elasticsearch-config')['elasticsearch.yml']);
  expect(parse(yml)).toMatchObject({ 'discovery.type': 'single-node', 'node.store.allow_mmap': false, 'xpack.security.enabled': true });
  expect(es.inputs.user).toBe('1000:0');
  expect(es.inputs.healthcheck.tests).toEqual(['CMD', 'bash', '-c', 'exec 3<>/dev/tcp/127.0.0.1/8080']);
  expect(es.inputs.healthcheck.startPeriod).toBe('300s');
  expect(es.inputs.envs).toEqual(expect.arrayContaining(['NODE_NAME=elasticsearch', 'ES_TMPDIR=/tmp']));
});

test('passwords reach the containers as Pulumi secrets (env and 0400 files), generated where nobody needs them', () => {
  const es = container('plain', 'elasticsearch');
  expect(es.inputs.envs).toContain(`ELASTIC_PASSWORD=${generatedPassword('plain-elasticsearch-elastic-password')}`);
  expect(es.secretInputs).toContain('envs');
  expect(es.additionalSecretOutputs).toEqual(expect.arrayContaining(['envs', 'uploads']));
  const exporter = container('plain', 'elasticsearch-exporter');
  expect(exporter.inputs.envs).toContain(`ES_PASSWORD=${generatedPassword('plain-elasticsearch-exporter-password')}`);
  const setup = container('plain', 'elasticsearch-setup');
  const kibana = upload(setup, '/etc/elasticsearch-setup/secrets/kibana_system');
  expect(kibana).toMatchObject({ content: generatedPassword('plain-elasticsearch-kibana_system-password'), permissions: '0400' });
});

test('the setup Job runs once with the same script and payloads as on the cluster', () => {
  const setup = container('plain', 'elasticsearch-setup');
  expect(setup.inputs).toMatchObject({ restart: 'on-failure', maxRetryCount: 4, mustRun: false });
  expect(setup.inputs.healthcheck).toBeUndefined();
  const data = configMap(plain, 'elasticsearch-setup');
  for (const [file, text] of Object.entries(data)) expect(upload(setup, `/etc/elasticsearch-setup/${file}`)?.content).toBe(text);
  expect(data['setup.sh']).toBe(SETUP_SCRIPT);
  expect(setup.inputs.envs).toContain('ES_URL=http://elasticsearch.monitoring.svc:9200');
  expect(setup.inputs.networksAdvanced[0].aliases).toEqual(['elasticsearch-setup', 'elasticsearch-setup.monitoring.svc']);
});

test('with TLS the node gets the certificate from the secret config, its clients only the CA', () => {
  expect(upload(container('tls', 'elasticsearch'), '/usr/share/elasticsearch/config/certs/tls.key').content).toBe(PEM.key);
  for (const client of ['elasticsearch-exporter', 'elasticsearch-setup']) {
    const c = container('tls', client);
    expect(upload(c, '/etc/elasticsearch-ca/ca.crt').content).toBe(PEM.ca);
    expect(JSON.stringify(c.inputs.uploads)).not.toContain(PEM.key);
  }
  expect(container('tls', 'elasticsearch-setup').inputs.envs).toContain('CA_FILE=/etc/elasticsearch-ca/ca.crt');
});

test('TLS on without a certificate is refused, naming the secret config', () => {
  let error: unknown;
  try {
    new DockerStack('nocert', { settings: tls });
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(SettingsError);
  expect((error as SettingsError).field).toBe('args.secrets.elasticsearchTlsCertificate');
});

test('Filebeat reads the Docker containers’ logs read-only with the very filebeat.yml of the cluster; its exporter beside it', () => {
  const filebeat = container('tls', 'filebeat');
  const yml = upload(filebeat, '/usr/share/filebeat/filebeat.yml').content;
  expect(yml).toBe(configMap(tls, 'filebeat-config')['filebeat.yml']);
  expect(filebeat.inputs.mounts).toEqual([
    {
      type: 'bind',
      source: '/var/lib/docker/containers',
      target: '/var/lib/docker/containers',
      readOnly: true,
      bindOptions: { propagation: 'rprivate' },
    },
  ]);
  expect(filebeat.inputs.user).toBe('0:0');
  expect(filebeat.inputs.volumes).toEqual([{ volumeName: expect.anything(), containerPath: '/usr/share/filebeat/data' }]);
  expect(filebeat.inputs.envs).toEqual(
    expect.arrayContaining(['NODE_NAME=docker', `ELASTICSEARCH_PASSWORD=${generatedPassword('tls-elasticsearch-filebeat-password')}`]),
  );
  expect(upload(filebeat, '/etc/elasticsearch-ca/ca.crt').content).toBe(PEM.ca);
  expect(JSON.stringify(filebeat.inputs.uploads)).not.toContain(PEM.key);
  const exporter = container('tls', 'filebeat-exporter');
  expect(exporter.inputs.command).toContain('-beat.uri=http://filebeat:5066');
  expect(exporter.inputs.user).toBe('65534:65534');
});
