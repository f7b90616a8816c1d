import { parse } from 'yaml';
import { StackSettings } from '../../constructs/stack/settings';
import { synthesize } from '../../constructs/stack/synthesize';
import { DockerStack } from '../../stacks/docker';
import { fixtureSettings } from '../support/fixtures';
import { generatedPassword, installMocks, quiesce, Registered } from '../pulumi/harness';

// Docker target parity for Jaeger: one Jaeger container (from the synthesized dev Deployment)
// reading the very config and sampling files of the cluster, on the same Elasticsearch, its
// password a generated secret passed as secret environment only; Prometheus scrapes it.
const settings: StackSettings = {
  ...fixtureSettings('dev'),
  alerting: {},
  elasticsearch: { tls: { http: false, transport: false } },
  jaeger: {},
};
let registered: Registered[];

beforeAll(async () => {
  registered = await installMocks('jaeger-docker');
  new DockerStack('jg', { settings });
  await quiesce(registered);
});

const container = (name: string) => registered.find((r) => r.type === 'docker:index/container:Container' && r.name === `jg-${name}`);
const upload = (c: Registered, file: string) => (c.inputs.uploads as any[]).find((u) => u.file === file);
const configMap = (name: string) =>
  (synthesize(settings).manifests as any[]).find((m) => m.kind === 'ConfigMap' && m.metadata.name === name).data;

test('one Jaeger process with the same config and sampling files as the cluster', () => {
  const jaeger = container('jaeger')!;
  const image = registered.find((r) => r.type === 'docker:index/remoteImage:RemoteImage' && r.name === 'jg-jaeger-image')!;
  expect(image.inputs.name).toBe('docker.io/jaegertracing/jaeger:2.20.0');
  const data = configMap('jaeger-config');
  expect(upload(jaeger, '/etc/jaeger/config.yaml').content).toBe(data['config.yaml']);
  expect(upload(jaeger, '/etc/jaeger/sampling-strategies.json').content).toBe(data['sampling-strategies.json']);
  const es = parse(data['config.yaml']).extensions.jaeger_storage.backends.elasticsearch.elasticsearch;
  expect(es.server_urls).toEqual(['http://elasticsearch.monitoring.svc:9200']);
  expect(jaeger.inputs.networksAdvanced[0].aliases).toEqual(['jaeger', 'jaeger.monitoring.svc']);
  expect(container('jaeger-collector')).toBeUndefined();
  expect(container('jaeger-query')).toBeUndefined();
});

test('its Elasticsearch password is a generated secret, passed as secret environment only', () => {
  const jaeger = container('jaeger')!;
  expect(jaeger.inputs.envs).toContain(`JAEGER_ES_PASSWORD=${generatedPassword('jg-elasticsearch-jaeger-password')}`);
  expect(jaeger.secretInputs).toContain('envs');
});

test("Prometheus scrapes Jaeger's telemetry and span metrics on the Docker network", () => {
  const prometheus = container('prometheus')!;
  const yml = (prometheus.inputs.uploads as any[]).find((u) => u.file.endsWith('/prometheus.yml')).content;
  const jobs = parse(yml).scrape_configs;
  expect(jobs.find((j: any) => j.job_name === 'jaeger').static_configs[0].targets).toEqual(['jaeger:8888']);
  expect(jobs.find((j: any) => j.job_name === 'jaeger-spanmetrics').static_configs[0].targets).toEqual(['jaeger:8889']);
});
