import { App, Chart } from 'cdk8s';
import { parse } from 'yaml';
import { SettingsError } from '../../config/errors';
import { byteQuantity, cpuQuantity } from '../../config/quantity';
import { setupPlan } from '../../constructs/elasticsearch/files';
import { resolveElasticsearch } from '../../constructs/elasticsearch/settings';
import { pipelineStages, renderLogstashYml, renderPipeline } from '../../constructs/logstash/files';
import { beatsNamespace } from '../../constructs/logstash';
import { logstashFlows } from '../../constructs/logstash/flows';
import { Logstash } from '../../constructs/logstash/logstash';
import { checkPattern, EXCEPTION_CLASS_PATTERN, scrub, SECURITY_RULES, SHIPPED_SCRUB_RULES } from '../../constructs/logstash/patterns';
import { LogstashSettings, resolveLogstash } from '../../constructs/logstash/settings';
import { footprint } from '../../constructs/stack/footprint';
import { resolveSettings } from '../../constructs/stack/resolve';
import { StackSettings } from '../../constructs/stack/settings';
import { synthesize } from '../../constructs/stack/synthesize';
import { fixtureSettings } from '../support/fixtures';
import { CORPUS } from './corpus';

const STREAMS = [{ name: 'generic' }];
const resolve = (input: LogstashSettings = {}, profile: 'dev' | 'prod' = 'dev') =>
  resolveLogstash('test', 'logstash', profile, 'monitoring', STREAMS, input);
const es = resolveElasticsearch('test', 'elasticsearch', 'dev', 'monitoring', {});
const withLogs = (profile: 'dev' | 'prod', logstash?: LogstashSettings | false): StackSettings => ({
  ...fixtureSettings(profile),
  elasticsearch: {},
  ...(logstash !== undefined ? { logstash } : {}),
});
const errorOf = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    return (error as Error).message;
  }
  throw new Error('expected a SettingsError');
};

describe('the scrub corpus', () => {
  it('is large and varied: JSON, plain text, stack traces, URLs and headers', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(50);
    for (const kind of ['json', 'text', 'stack', 'url', 'header'] as const)
      expect(CORPUS.filter((l) => l.kind === kind).length).toBeGreaterThanOrEqual(5);
    expect(CORPUS.filter((l) => l.line.includes('\n')).length).toBeGreaterThanOrEqual(6);
    expect(CORPUS.flatMap((l) => l.secrets).length).toBeGreaterThanOrEqual(40);
  });

  it.each(CORPUS.map((l, i) => [i, l.line.split('\n')[0].slice(0, 60), l] as const))(
    'line %i (%s): no secret survives, nothing harmless is lost',
    (_, __, entry) => {
      const out = scrub(entry.line, SHIPPED_SCRUB_RULES);
      for (const secret of entry.secrets) expect(out.includes(secret) ? `survived: ${secret} in ${out}` : 'gone').toBe('gone');
      for (const keep of entry.keep) expect(out.includes(keep) ? 'kept' : `lost: ${keep} in ${out}`).toBe('kept');
      if (entry.overRedacted) expect(out).not.toContain(entry.overRedacted);
      else if (entry.secrets.length === 0) expect(out).toBe(entry.line);
    },
  );

  it('a user rule runs after the shipped ones', () => {
    const rules = resolve({ scrubRules: [{ name: 'employee_id', pattern: 'EMP-[0-9]{6}', replacement: 'EMP-[ID]' }] }).scrubRules;
    expect(rules.map((r) => r.name).slice(-2)).toEqual(['card_number', 'employee_id']);
    expect(scrub('badge EMP-123456 mail x@example.org', rules)).toBe('badge EMP-[ID] mail [EMAIL]');
  });
});

describe('security events, error categories', () => {
  const flags = (line: string) => SECURITY_RULES.filter((r) => new RegExp(r.pattern, 'im').test(line)).map((r) => r.name);
  it('flags authentication failures, permission denials and sensitive-data access, and nothing else', () => {
    expect(flags('WARN Authentication failed for user u-13')).toEqual(['auth_failure']);
    expect(flags('login failed: bad credentials')).toEqual(['auth_failure']);
    expect(flags('WARN  Access denied for user u-99 to /admin/reports')).toEqual(['permission_denied']);
    expect(flags('403 Forbidden')).toEqual(['permission_denied']);
    expect(flags('INFO  user u-5 exported customer data (3201 records)')).toEqual(['sensitive_access']);
    for (const line of ['INFO  GET /health 200 1ms', 'Server started on port 8080', 'authorization header parsed'])
      expect(flags(line)).toEqual([]);
  });
  it('finds the exception class of Java, Node and Python traces', () => {
    const cls = (line: string) => new RegExp(EXCEPTION_CLASS_PATTERN, 'm').exec(line)?.[1];
    const stacks = CORPUS.filter((l) => l.kind === 'stack').map((l) => cls(l.line));
    expect(stacks).toEqual([
      'java.lang.IllegalStateException',
      'java.sql.SQLException',
      'TypeError',
      'ValueError',
      'org.springframework.web.client.HttpClientErrorException',
      undefined,
      'java.lang.RuntimeException',
    ]);
  });
  it('every shipped pattern is in the common subset', () => {
    for (const rule of SHIPPED_SCRUB_RULES) expect(() => checkPattern('test', rule.name, rule.pattern, rule.ignoreCase)).not.toThrow();
    for (const rule of SECURITY_RULES) expect(() => checkPattern('test', rule.name, rule.pattern, true)).not.toThrow();
    expect(() => checkPattern('test', 'exception', EXCEPTION_CLASS_PATTERN)).not.toThrow();
  });
});

describe('the rendered pipeline', () => {
  const ls = resolve();
  const conf = renderPipeline(ls, es, 'monitoring');
  it('has the stages in order: beats input, parse, secrets, ECS, errors, security, scrub, business, output', () => {
    expect(Object.keys(pipelineStages(ls, es, 'monitoring'))).toEqual([
      'input',
      'parse',
      'drop_secrets',
      'ecs',
      'errors',
      'security',
      'scrub',
      'business',
      'output',
    ]);
    const at = (text: string) => conf.indexOf(text);
    expect(at('port => 5044')).toBeGreaterThan(0);
    const order = [
      'id => "parse_json"',
      'id => "drop_sensitive_keys"',
      'id => "ecs_statusCode"',
      'id => "error_http_5xx"',
      'id => "security_auth_failure"',
      'id => "scrub_authorization_header"',
      'id => "business_event"',
      'id => "elasticsearch"',
    ];
    for (let i = 1; i < order.length; i++) expect(at(order[i])).toBeGreaterThan(at(order[i - 1]));
  });
  it('maps application fields to ECS with their types', () => {
    expect(conf).toContain('rename => { "[app][statusCode]" => "[http][response][status_code]" }');
    expect(conf).toContain('convert => { "[http][response][status_code]" => "integer" }');
    expect(conf).toContain('rename => { "[app][traceId]" => "[trace][id]" }');
    expect(conf).toContain('rename => { "[app][requestId]" => "[http][request][id]" }');
    expect(conf).toContain('rename => { "[app][userId]" => "[user][id]" }');
    expect(conf).toContain("event.set('[event][duration]', (v.to_f * 1000000).round)");
    expect(conf).toContain('convert => { "[business][amount]" => "float" }');
    expect(conf).not.toMatch(/convert => \{ "\[trace\]\[id\]"/);
  });
  it('scrubs each text field with each rule, in Ruby spelling', () => {
    const gsubs = conf.split('\n').filter((l) => l.includes('gsub =>'));
    expect(gsubs).toHaveLength(SHIPPED_SCRUB_RULES.length);
    expect(gsubs[0]).toContain('"[message]", "(?i)((?:proxy-)?authorization');
    expect(gsubs[0]).toContain('"\\1[REDACTED]"');
    expect(gsubs[0]).toContain('"[error][stack_trace]"');
    for (const line of gsubs) expect(line.slice(line.indexOf('[') + 1, -1).split('", "').length % 3).toBe(0);
  });
  it('writes the log stream as its writer user, the password from the environment', () => {
    expect(conf).toContain('user => "logstash"');
    expect(conf).toContain('password => "${LOGSTASH_WRITER_PASSWORD}"');
    expect(conf).toContain('data_stream_dataset => "generic"');
    expect(conf).toContain('hosts => ["https://elasticsearch.monitoring.svc:9200"]');
    expect(conf).toContain('ssl_certificate_authorities => ["/etc/elasticsearch-ca/ca.crt"]');
    expect(conf).not.toContain('geoip');
    expect(renderPipeline(resolve({ geoip: true }), es, 'monitoring')).toContain('source => "[client][ip]"');
  });
  it('logstash.yml: API on every interface, persisted queue and DLQ', () => {
    const yml = parse(renderLogstashYml(ls));
    expect(yml).toMatchObject({
      'api.http.host': '0.0.0.0',
      'api.http.port': 9600,
      'queue.type': 'persisted',
      'queue.max_bytes': '1024mb',
      'dead_letter_queue.enable': true,
      'dead_letter_queue.max_bytes': '256mb',
    });
    expect(parse(renderLogstashYml(resolve({}, 'prod')))['queue.max_bytes']).toBe('8192mb');
  });
  it('gives every plugin a unique id (Logstash refuses duplicates), with user mappings and rules and GeoIP on', () => {
    const full = renderPipeline(
      resolve({
        geoip: true,
        fieldMappings: [
          { from: 'tenant', to: 'labels.tenant' },
          { from: 'statusCode', to: 'http.response.status_code' },
        ],
        scrubRules: [{ name: 'employee_id', pattern: 'EMP-[0-9]{6}' }],
      }),
      es,
      'monitoring',
    );
    const ids = [...full.matchAll(/id => "([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(50);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(full).toContain('rename => { "[app][tenant]" => "[labels][tenant]" }');
    expect(full).toContain('id => "scrub_employee_id"');
  });
  it('has balanced braces', () => {
    const stripped = conf.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\/(?:[^/\\\n]|\\.)*\//g, '//');
    expect(stripped.split('{').length).toBe(stripped.split('}').length);
  });
});

describe('bad inputs', () => {
  it.each([
    [
      'a queue bigger than its volume',
      { queueMaxBytes: '2Gi' },
      'invalid logstash.queueMaxBytes = "2Gi"; allowed: a queue that fits the volume (logstash.storage = 2Gi)',
    ],
    ['a queue that fits only without the DLQ', { storage: '1Gi', queueMaxBytes: '900Mi' }, 'invalid logstash.queueMaxBytes = "900Mi"'],
    [
      'a scrub pattern that does not compile',
      { scrubRules: [{ name: 'x', pattern: 'a(b' }] },
      'invalid logstash.scrubRules[0].pattern = "a(b"; allowed: a regular expression that compiles',
    ],
    ['lookbehind', { scrubRules: [{ name: 'x', pattern: '(?<=key=)\\w+' }] }, 'without lookbehind'],
    ['an inline flag', { scrubRules: [{ name: 'x', pattern: '(?i)secret' }] }, 'without inline flags'],
    ['a possessive quantifier', { scrubRules: [{ name: 'x', pattern: 'a++b' }] }, 'without possessive quantifiers'],
    ['\\h', { scrubRules: [{ name: 'x', pattern: '\\h{32}' }] }, 'without \\h and \\H'],
    ['a named group', { scrubRules: [{ name: 'x', pattern: '(?<key>\\w+)=' }] }, 'without named groups'],
    ['\\A', { scrubRules: [{ name: 'x', pattern: '\\Asecret' }] }, 'the anchors and escapes'],
    ['a double quote', { scrubRules: [{ name: 'x', pattern: 'key="\\w+"' }] }, 'without a double quote'],
    ['an env reference', { scrubRules: [{ name: 'x', pattern: 'a${HOME}' }] }, 'substitutes ${VAR}'],
    ['a field template', { scrubRules: [{ name: 'x', pattern: 'id=%{[user][id]}' }] }, 'a %{field} template'],
    ['a pattern matching the empty string', { scrubRules: [{ name: 'x', pattern: 'a*' }] }, 'cannot match the empty string'],
    [
      'a replacement with a reference',
      { scrubRules: [{ name: 'x', pattern: 'a(b)', replacement: '$1' }] },
      'invalid logstash.scrubRules[0].replacement = "$1"',
    ],
    ['a shipped rule name', { scrubRules: [{ name: 'email', pattern: 'x@y' }] }, 'a name no other scrub rule'],
    [
      'an unknown ECS target',
      { fieldMappings: [{ from: 'tenant', to: 'tenant.id' }] },
      'invalid logstash.fieldMappings[0].to = "tenant.id"; allowed: an ECS field the pipeline knows',
    ],
    [
      'a misspelt ECS target',
      { fieldMappings: [{ from: 'status', to: 'http.response.statuscode' }] },
      'invalid logstash.fieldMappings[0].to = "http.response.statuscode"',
    ],
    ['a scaled keyword', { fieldMappings: [{ from: 'who', to: 'user.id', scale: 10 }] }, 'invalid logstash.fieldMappings[0].scale = 10'],
    ['a heap above half the limit', { heap: '512m' }, 'invalid logstash.heap = "512m"; allowed: at most half the memory limit 576Mi'],
    ['an unknown dataset', { dataset: 'audit' }, 'invalid logstash.dataset = "audit"; allowed: one of elasticsearch.logStreams (generic)'],
    ['an unknown key', { queueSize: '1Gi' }, 'logstash'],
  ] as const)('%s', (_, input, message) => {
    expect(errorOf(() => resolve(input as LogstashSettings))).toContain(message);
  });
  it('logstash without elasticsearch', () => {
    expect(errorOf(() => resolveSettings({ ...fixtureSettings('dev'), logstash: {} }, 'obs'))).toContain(
      'invalid logstash = {}; allowed: unset or false without the logs store',
    );
  });
  it('the standalone construct names its path', () => {
    const chart = new Chart(new App(), 'test');
    expect(errorOf(() => new Logstash(chart, 'ls', { queueMaxBytes: '10Gi' }))).toMatch(/^test\/ls: invalid props.queueMaxBytes/);
  });
});

describe('in the stack', () => {
  const dev = synthesize(withLogs('dev')).manifests as any[];
  const sts = dev.find((m) => m.kind === 'StatefulSet' && m.metadata.name === 'logstash');

  it('is on with Elasticsearch, off with logstash: false', () => {
    expect(sts).toBeDefined();
    expect((synthesize(withLogs('dev', false)).manifests as any[]).some((m) => m.metadata?.name === 'logstash')).toBe(false);
    expect((synthesize(fixtureSettings('dev')).manifests as any[]).some((m) => m.metadata?.name === 'logstash')).toBe(false);
  });

  it('a StatefulSet with a queue volume per replica and the exporter sidecar', () => {
    expect(sts.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('2Gi');
    const [main, exporter] = sts.spec.template.spec.containers;
    expect(main.image).toBe('docker.elastic.co/logstash/logstash:9.5.5');
    expect(exporter.image).toBe('docker.io/kuskoman/logstash-exporter:v1.9.1');
    expect(exporter.env).toEqual([
      { name: 'LOGSTASH_URL', value: 'http://localhost:9600' },
      { name: 'PORT', value: '9198' },
    ]);
    expect(main.env).toContainEqual({
      name: 'LOGSTASH_WRITER_PASSWORD',
      valueFrom: { secretKeyRef: { name: 'elasticsearch-credentials', key: 'logstash' } },
    });
    expect(main.env).toContainEqual({ name: 'LS_JAVA_OPTS', value: '-Xms256m -Xmx256m -Djava.io.tmpdir=/tmp' });
    const prod = (synthesize(withLogs('prod')).manifests as any[]).find((m) => m.kind === 'StatefulSet' && m.metadata.name === 'logstash');
    expect(prod.spec.replicas).toBe(2);
    expect(prod.spec.template.spec.containers[0].env).toContainEqual({
      name: 'LS_JAVA_OPTS',
      value: '-Xms1g -Xmx1g -Djava.io.tmpdir=/tmp',
    });
    expect(prod.spec.template.spec.containers[0].resources.limits.memory).toBe('2Gi');
  });

  it('the Elasticsearch setup Job creates its least-privilege writer', () => {
    const s = resolveSettings(withLogs('dev'), 'obs');
    const plan = setupPlan(s.elasticsearch!);
    expect(plan.payloads['role-logstash_writer.json']).toMatchObject({
      indices: [{ names: ['logs-generic-*'], privileges: ['create_doc', 'auto_configure', 'view_index_metadata'] }],
    });
    expect(plan.steps).toContainEqual({ op: 'user', user: 'logstash', file: 'user-logstash.json' });
  });

  it('its NetworkPolicy: Filebeat (agents namespace) to 5044, Prometheus to 9198, egress to Elasticsearch 9200 only', () => {
    const policy = dev.find((m) => m.kind === 'NetworkPolicy' && m.metadata.name === 'logstash');
    const ingress = policy.spec.ingress.map((r: any) => [
      r.from[0].podSelector.matchLabels['app.kubernetes.io/name'],
      r.ports.map((p: any) => p.port),
    ]);
    expect(ingress).toEqual([
      ['filebeat', [5044]],
      ['prometheus', [9198]],
    ]);
    expect(policy.spec.ingress[0].from[0].namespaceSelector.matchLabels).toEqual({ 'kubernetes.io/metadata.name': 'monitoring-agents' });
    const egress = policy.spec.egress.filter((r: any) => r.to).map((r: any) => r.ports?.map((p: any) => p.port));
    expect(egress).toContainEqual([9200]);
    expect(egress.flat().filter((p: number) => p !== 53 && p !== 9200)).toEqual([]);
    const flows = logstashFlows({
      namespace: 'monitoring',
      esNamespace: 'monitoring',
      beatsNamespace: 'monitoring-agents',
      prometheusNamespace: 'monitoring',
    });
    expect(
      flows.map(
        (f) =>
          `${f.from.kind === 'component' ? `${f.from.namespace}/${f.from.name}` : f.from.kind} -> ` +
          `${f.to.kind === 'component' ? f.to.name : f.to.kind} ${JSON.stringify(f.ports)}`,
      ),
    ).toEqual([
      'monitoring-agents/filebeat -> logstash [{"port":5044,"protocol":"TCP"}]',
      'monitoring/logstash -> elasticsearch [{"port":9200,"protocol":"TCP"}]',
      'monitoring/prometheus -> logstash [{"port":9198,"protocol":"TCP"}]',
    ]);
    // Filebeat's namespace only while Filebeat ships to Logstash (POLICY.md W15: no rule for pods that never send).
    expect(beatsNamespace(resolveSettings(withLogs('dev'), 'obs'))).toBe('monitoring-agents');
    expect(beatsNamespace(resolveSettings({ ...withLogs('dev'), filebeat: false }, 'obs'))).toBeUndefined();
    expect(beatsNamespace(resolveSettings({ ...withLogs('dev'), filebeat: { output: 'elasticsearch' } }, 'obs'))).toBeUndefined();
  });

  it('no secret value in the manifests', () => {
    const text = JSON.stringify(dev);
    expect(text).toContain('${LOGSTASH_WRITER_PASSWORD}');
    expect(dev.filter((m) => m.kind === 'Secret')).toEqual([]);
  });

  it('the dev stack stays within 2 CPU / 4Gi of requests', () => {
    const rows = footprint(dev);
    const ls = rows.find((r) => r.component === 'logstash')!;
    expect(ls.cpuRequest).toBeCloseTo(0.2, 5);
    expect(ls.memoryRequest).toBe(byteQuantity('t', 'm', '608Mi'));
    const cpu = rows.reduce((sum, r) => sum + r.cpuRequest, 0);
    const memory = rows.reduce((sum, r) => sum + r.memoryRequest, 0);
    const total = `${Math.round(cpu * 1000)}m / ${(memory / 2 ** 30).toFixed(2)}Gi`;
    const own = `${Math.round(ls.cpuRequest * 1000)}m / ${Math.round(ls.memoryRequest / 2 ** 20)}Mi`;
    console.log(`dev footprint with Logstash: ${total}; Logstash (with its exporter sidecar) ${own}`);
    expect(cpu).toBeLessThanOrEqual(cpuQuantity('t', 'c', '2'));
    expect(memory).toBeLessThanOrEqual(byteQuantity('t', 'm', '4Gi'));
  });
});
