/**
 * What Logstash reads, rendered as text: `logstash.yml`, `pipelines.yml` and the pipeline
 * `logstash.conf`. Pure and target-neutral: the cluster and the Docker target both mount these
 * exact bytes. Secrets are `${ENV}` references Logstash fills from its environment (the pod's
 * Secret references), so no secret is ever in a file.
 */
import { toYaml } from '../../config/yaml';
import { clusterUrl } from '../elasticsearch/files';
import { ResolvedElasticsearch } from '../elasticsearch/settings';
import { CA_DIR } from '../elasticsearch/spec';
import { fieldRef } from './ecs';
import { ERROR_LEVELS, EXCEPTION_CLASS_PATTERN, rubyPattern, rubyReplacement, SECURITY_RULES } from './patterns';
import { LOGSTASH_WRITER, ResolvedLogstash } from './settings';
import { logstashSpec, PIPELINE_DIR } from './spec';

const spec = logstashSpec;
const [apiPort] = spec.extraPorts;

/** Environment variable carrying the writer's password (from the Elasticsearch credentials Secret). */
export const PASSWORD_ENV = 'LOGSTASH_WRITER_PASSWORD';
/** The one pipeline's id (the exporter's `pipeline` label, the alerts' and dashboard's selector). */
export const PIPELINE_ID = 'main';
/** Where the application's parsed JSON goes before its known fields move to ECS. */
export const APP_FIELD = 'app';
/** The fields every scrub rule runs over (a missing field is left alone). */
export const SCRUBBED_FIELDS = ['message', 'error.message', 'error.stack_trace', 'url.original', 'url.query', 'http.request.referrer'];

/** Bytes as Logstash's byte-value syntax (whole mebibytes: `mb` is 1024 * 1024 in Logstash). */
export function logstashBytes(bytes: number): string {
  return `${bytes / 2 ** 20}mb`;
}

/**
 * `logstash.yml`: the monitoring API on every interface (the probes and the exporter sidecar), a
 * persisted queue and a dead-letter queue on the data volume, ECS v8 field names.
 */
export function renderLogstashYml(ls: ResolvedLogstash): string {
  return toYaml({
    'node.name': '${HOSTNAME}',
    'path.data': spec.dataDir,
    'api.enabled': true,
    'api.http.host': '0.0.0.0',
    'api.http.port': apiPort.port,
    'pipeline.ecs_compatibility': 'v8',
    ...(ls.pipelineWorkers ? { 'pipeline.workers': ls.pipelineWorkers } : {}),
    // At-least-once: events are on disk before the beats input acknowledges them.
    'queue.type': 'persisted',
    'queue.max_bytes': logstashBytes(ls.queueMaxBytes),
    'dead_letter_queue.enable': true,
    'dead_letter_queue.max_bytes': logstashBytes(ls.deadLetterQueueMaxBytes),
    'dead_letter_queue.storage_policy': 'drop_older',
    'config.reload.automatic': false,
  });
}

/** `pipelines.yml`: the one pipeline, from the pipeline directory. */
export function renderPipelinesYml(): string {
  return toYaml([{ 'pipeline.id': PIPELINE_ID, 'path.config': `${PIPELINE_DIR}/logstash.conf` }]);
}

/** A Logstash config string (the patterns are checked to hold no `"` or newline). */
const str = (text: string) => `"${text}"`;
const list = (items: readonly string[]) => `[${items.map(str).join(', ')}]`;
const indent = (lines: string[], by = 2) => lines.map((line) => (line ? ' '.repeat(by) + line : line));
const block = (head: string, body: string[]) => [`${head} {`, ...indent(body), '}'];
const regexLiteral = (pattern: string) => `/${pattern.replace(/\//g, '\\/')}/`;

/** The pipeline's stages, in order, each a list of lines (the docs and the tests name them). */
export function pipelineStages(
  ls: ResolvedLogstash,
  es: Pick<ResolvedElasticsearch, 'tls'>,
  esNamespace: string,
): Record<string, string[]> {
  const app = (key: string) => `[${APP_FIELD}][${key}]`;
  const status = fieldRef('http.response.status_code');
  return {
    input: block('input', block('beats', [`id => "beats"`, `port => ${spec.web.port}`])),
    parse: [
      '# 1. parse: a line that is a JSON object is parsed into [app]; its message becomes the event message.',
      ...block('if [message] =~ /^\\s*\\{/', [
        ...block('json', ['id => "parse_json"', 'source => "message"', `target => "${APP_FIELD}"`, 'skip_on_invalid_json => true']),
        ...block(
          `if ${app('message')}`,
          block('mutate', [
            `id => "json_message"`,
            `replace => { "message" => "%{${app('message')}}" }`,
            `remove_field => ["${app('message')}"]`,
          ]),
        ),
      ]),
    ],
    drop_secrets: [
      '# 2. drop keys whose whole value is a secret.',
      ...block('mutate', ['id => "drop_sensitive_keys"', `remove_field => ${list(ls.sensitiveKeys.map(app))}`]),
    ],
    ecs: [
      '# 3. map application fields to ECS, as numbers where ECS has numbers.',
      ...ls.fieldMappings.flatMap((m) => {
        const to = fieldRef(m.to);
        const body = [
          ...block('mutate', [`id => "ecs_${m.from}"`, `rename => { "${app(m.from)}" => "${to}" }`]),
          ...(m.scale !== 1
            ? block('ruby', [
                `id => "ecs_${m.from}_scale"`,
                `code => "v = event.get('${to}'); event.set('${to}', (v.to_f * ${m.scale}).round) unless v.nil?"`,
              ])
            : []),
          ...(m.type === 'keyword' ? [] : block('mutate', [`id => "ecs_${m.from}_number"`, `convert => { "${to}" => "${m.type}" }`])),
        ];
        return block(`if ${app(m.from)}`, body);
      }),
    ],
    errors: [
      '# 4. categorise errors: the level, an exception class in the text, an HTTP 5xx.',
      ...block('if ![log][level]', [
        ...block('grok', [
          'id => "plain_level"',
          'match => { "message" => "\\b(?<[log][level]>TRACE|DEBUG|INFO|WARN|WARNING|ERROR|FATAL|CRITICAL)\\b" }',
          'tag_on_failure => []',
        ]),
      ]),
      ...block('if ![error][type]', [
        ...block('grok', [
          'id => "exception_class"',
          `match => { "message" => "(?<[error][type]>${EXCEPTION_CLASS_PATTERN})" }`,
          'tag_on_failure => []',
        ]),
      ]),
      ...block(`if [log][level] =~ /(?i)^(${ERROR_LEVELS.join('|')})$/`, [
        ...block('mutate', ['id => "error_level"', 'add_tag => ["error", "error_level"]']),
      ]),
      ...block('if [error][type]', [...block('mutate', ['id => "error_exception"', 'add_tag => ["error", "error_exception"]'])]),
      ...block(`if ${status} and ${status} >= 500`, [
        ...block('mutate', ['id => "error_http_5xx"', 'add_tag => ["error", "error_http_5xx"]']),
      ]),
      ...block('if "error" in [tags]', [
        ...block('mutate', [
          'id => "error_outcome"',
          'replace => { "[event][outcome]" => "failure" }',
          'add_field => { "[event][kind]" => "event" }',
        ]),
      ]),
    ],
    security: [
      '# 5. flag security events: authentication failures, permission denials, sensitive-data access.',
      ...SECURITY_RULES.flatMap((rule) => {
        const byStatus = rule.statusCodes.map((code) => `${status} == ${code}`);
        const condition = [`[message] =~ ${regexLiteral(rubyPattern(rule.pattern, true))}`, ...byStatus].join(' or ');
        return block(`if ${condition}`, [
          ...block('mutate', [
            `id => "security_${rule.name}"`,
            `add_tag => ["security", "${rule.name}"]`,
            `add_field => { "[event][category]" => "${rule.category}" }`,
            `replace => { "[event][outcome]" => "${rule.outcome}" }`,
          ]),
        ]);
      }),
    ],
    scrub: [
      '# 6. scrub secrets and personal data from every text field, rule after rule.',
      ...ls.scrubRules.flatMap((rule) => {
        const triple = (f: string) =>
          [str(fieldRef(f)), str(rubyPattern(rule.pattern, rule.ignoreCase)), str(rubyReplacement(rule.replacement))].join(', ');
        return block('mutate', [`id => "scrub_${rule.name}"`, `gsub => [${SCRUBBED_FIELDS.map(triple).join(', ')}]`]);
      }),
    ],
    business: [
      '# 7. business events: tagged, their figures are numbers (see the ECS stage).',
      ...block('if [event][action]', [...block('mutate', ['id => "business_event"', 'add_tag => ["business"]'])]),
    ],
    ...(ls.geoip
      ? {
          geoip: [
            '# 8. GeoIP of the client address, from the database Logstash ships.',
            ...block('if [client][ip]', [
              ...block('geoip', ['id => "geoip"', 'source => "[client][ip]"', 'target => "[client]"', 'tag_on_failure => []']),
            ]),
          ],
        }
      : {}),
    output: block(
      'output',
      block('elasticsearch', [
        'id => "elasticsearch"',
        `hosts => ${list([clusterUrl(es, esNamespace)])}`,
        `user => "${LOGSTASH_WRITER}"`,
        `password => "\${${PASSWORD_ENV}}"`,
        ...(es.tls.http
          ? [`ssl_enabled => true`, `ssl_certificate_authorities => ${list([`${CA_DIR}/ca.crt`])}`, 'ssl_verification_mode => "full"']
          : []),
        // The data stream logs-<dataset>-default, whose index template carries the ILM policy.
        'data_stream => "true"',
        'data_stream_type => "logs"',
        `data_stream_dataset => "${ls.dataset}"`,
        'data_stream_namespace => "default"',
        'data_stream_auto_routing => false',
      ]),
    ),
  };
}

/** The pipeline `logstash.conf`: input, the filter stages in order, output. */
export function renderPipeline(ls: ResolvedLogstash, es: Pick<ResolvedElasticsearch, 'tls'>, esNamespace: string): string {
  const { input, output, ...filters } = pipelineStages(ls, es, esNamespace);
  return [
    ...input,
    '',
    ...block(
      'filter',
      Object.values(filters).flatMap((lines) => [...lines, '']),
    ),
    ...output,
    '',
  ].join('\n');
}

/** Every file of the Logstash ConfigMap. */
export function renderLogstashFiles(
  ls: ResolvedLogstash,
  es: Pick<ResolvedElasticsearch, 'tls'>,
  esNamespace: string,
): Record<string, string> {
  return {
    'logstash.yml': renderLogstashYml(ls),
    'pipelines.yml': renderPipelinesYml(),
    'logstash.conf': renderPipeline(ls, es, esNamespace),
  };
}
