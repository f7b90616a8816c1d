import { parse } from 'yaml';
import { synthesize } from '../../constructs/stack/synthesize';
import { StackSettings } from '../../constructs/stack/settings';
import { DockerStack } from '../../stacks/docker';
import { fixtureSettings } from '../support/fixtures';
import { generatedPassword, installMocks, quiesce, Registered } from '../pulumi/harness';

// Docker target parity for Logstash: the same container reading the same rendered files (the
// pipeline included) as the synthesized StatefulSet, its exporter reading it over the stack
// network, and its writer password a generated secret passed as secret environment only.
const settings: StackSettings = { ...fixtureSettings('dev'), alerting: {}, elasticsearch: { tls: { http: false, transport: false } } };
let registered: Registered[];

beforeAll(async () => {
  registered = await installMocks('logstash-docker');
  new DockerStack('ls', { settings });
  await quiesce(registered);
});

const container = (name: string) => registered.find((r) => r.type === 'docker:index/container:Container' && r.name === `ls-${name}`)!;
const upload = (c: Registered, file: string) => (c.inputs.uploads as any[]).find((u) => u.file === file);
const configMap = (name: string) =>
  (synthesize(settings).manifests as any[]).find((m) => m.kind === 'ConfigMap' && m.metadata.name === name).data;

test('Logstash reads the very files of the cluster, the pipeline included', () => {
  const logstash = container('logstash');
  const image = registered.find((r) => r.type === 'docker:index/remoteImage:RemoteImage' && r.name === 'ls-logstash-image')!;
  expect(image.inputs.name).toBe('docker.elastic.co/logstash/logstash:9.5.5');
  const data = configMap('logstash-config');
  expect(upload(logstash, '/usr/share/logstash/pipeline/logstash.conf').content).toBe(data['logstash.conf']);
  expect(upload(logstash, '/usr/share/logstash/config/logstash.yml').content).toBe(data['logstash.yml']);
  expect(upload(logstash, '/usr/share/logstash/config/pipelines.yml').content).toBe(data['pipelines.yml']);
  expect(data['logstash.conf']).toContain('hosts => ["http://elasticsearch.monitoring.svc:9200"]');
  // The queue volume is a named Docker volume; the image's user may write it.
  expect(logstash.inputs.user).toBe('1000:0');
  expect(logstash.inputs.volumes).toEqual([expect.objectContaining({ containerPath: '/usr/share/logstash/data' })]);
});

test('its writer password is a generated secret, passed as secret environment only', () => {
  const logstash = container('logstash');
  expect(logstash.inputs.envs).toContain(`LOGSTASH_WRITER_PASSWORD=${generatedPassword('ls-elasticsearch-logstash-password')}`);
  expect(logstash.secretInputs).toContain('envs');
});

test('the exporter is a container of its own reading Logstash over the stack network, and Prometheus scrapes it', () => {
  const exporter = container('logstash-exporter');
  expect(exporter.inputs.envs).toEqual(['LOGSTASH_URL=http://logstash:9600', 'PORT=9198']);
  const prometheus = container('prometheus');
  const yml = (prometheus.inputs.uploads as any[]).find((u) => u.file.endsWith('prometheus.yml')).content as string;
  expect(yml).toContain('job_name: logstash');
  expect(yml).toContain('logstash-exporter:9198');
});

test('Filebeat ships to it over the stack network: the alias the Docker target gives Logstash is the address in filebeat.yml', () => {
  const filebeat = container('filebeat');
  const yml = parse(upload(filebeat, '/usr/share/filebeat/filebeat.yml').content);
  expect(yml['output.logstash'].hosts).toEqual(['logstash.monitoring.svc:5044']);
  expect(yml['output.elasticsearch']).toBeUndefined();
  // No Elasticsearch password for Filebeat: Logstash writes as its own user.
  expect((filebeat.inputs.envs as string[]).some((e) => e.startsWith('ELASTICSEARCH_PASSWORD='))).toBe(false);
  const aliases = container('logstash').inputs.networksAdvanced[0].aliases;
  expect(aliases).toContain('logstash.monitoring.svc');
});
