import { ComponentSettings, Profile, resolveComponent, ResolvedComponent } from '../../config/component';
import { fail } from '../../config/errors';
import { checkComponentKeys, checkKeys, COMPONENT_KEYS, keysOf } from '../../config/strict';
import { ElasticsearchSettings, ResolvedClient } from '../elasticsearch/settings';
import { filebeatExporterSpec, filebeatSpec } from './spec';

/** Where Filebeat sends events: Logstash (parse, scrub, tag) or straight to Elasticsearch. */
export type FilebeatOutput = 'logstash' | 'elasticsearch';
export const FILEBEAT_OUTPUTS: readonly FilebeatOutput[] = ['logstash', 'elasticsearch'];

/** Languages whose stack traces the multi-line parser joins into the event of the line that logged them. */
export type StackTraceLanguage = 'java' | 'node' | 'python';
export const STACK_TRACE_LANGUAGES: readonly StackTraceLanguage[] = ['java', 'node', 'python'];

/** Multi-line joining: which continuation lines are appended to the event before them. */
export interface FilebeatMultilineSettings {
  /** Languages whose stack traces are joined. @default `['java', 'node', 'python']` */
  readonly languages?: readonly StackTraceLanguage[];
  /**
   * More continuation-line patterns, in the subset Go (Filebeat) and JavaScript (these checks)
   * read alike: no lookaround, back-references, named groups, inline flags or POSIX classes.
   * A pattern that matches an ordinary log line would join every line: a synth error. @default none
   */
  readonly continuationPatterns?: readonly string[];
  /** Most lines joined into one event (the rest of a longer trace is dropped). @default 500 */
  readonly maxLines?: number;
  /** An event still waiting for continuation lines is sent after this long, e.g. `5s`. @default `5s` */
  readonly timeout?: string;
}

/** Filebeat settings: on whenever `elasticsearch` is set; `filebeat: false` leaves it out. */
export interface FilebeatSettings extends ComponentSettings {
  /**
   * Where events go. In a stack without Logstash, `logstash` falls back to Elasticsearch (see
   * `effectiveOutput`). @default `logstash`
   */
  readonly output?: FilebeatOutput;
  /** Stack-trace joining; `false` sends every line as its own event. @default Java, Node and Python traces joined */
  readonly multiline?: FilebeatMultilineSettings | false;
  /** Exporter sidecar overrides (`replicas` is ignored). @default catalog sizing */
  readonly exporter?: ComponentSettings;
}

/** Every key of FilebeatSettings and of its parts (checked against the interfaces by tsc). */
export const FILEBEAT_KEYS = [
  ...COMPONENT_KEYS,
  ...keysOf<Omit<FilebeatSettings, keyof ComponentSettings>>({ output: true, multiline: true, exporter: true }),
];
const MULTILINE_KEYS = keysOf<FilebeatMultilineSettings>({ languages: true, continuationPatterns: true, maxLines: true, timeout: true });

/**
 * Continuation lines of each language's stack traces. Each pattern is anchored and written in
 * the Go/JavaScript common subset (`[ \t]` rather than `\s` or `[[:space:]]`, whose meaning
 * differs between the two).
 */
export const CONTINUATION_PATTERNS: Readonly<Record<StackTraceLanguage, readonly string[]>> = {
  java: [
    // `\tat com.example.Foo.bar(Foo.java:12)`
    '^[ \\t]+at [A-Za-z_$]',
    // `\t... 12 more`, `... 3 common frames omitted`
    '^[ \\t]*\\.\\.\\. [0-9]+ (more|common frames omitted)',
    // `Caused by: java.io.IOException: ...`, `\tSuppressed: ...`
    '^[ \\t]*(Caused by|Suppressed): ',
    // the exception line itself, after the message that logged it: `java.lang.IllegalStateException: boom`
    '^([a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_$]*(Exception|Error|Throwable)(: |$)',
  ],
  node: [
    // `    at handler (/app/server.js:10:5)`, `    at async Promise.all (index 0)`
    '^[ \\t]+at ',
    // `TypeError: Cannot read properties of undefined`, after the line that logged it
    '^(Error|[A-Z][A-Za-z]*Error)(: |$)',
  ],
  python: [
    '^Traceback \\(most recent call last\\):',
    // `  File "/app/main.py", line 3, in <module>`
    '^[ \\t]+File "',
    // the source line under each frame, indented four or more
    '^[ \\t]{4}',
    '^(During handling of the above exception|The above exception was the direct cause)',
    // the last line: `ValueError: bad input`, `KeyboardInterrupt`
    '^([A-Za-z_][A-Za-z0-9_]*\\.)*[A-Z][A-Za-z0-9_]*(Error|Exception|Exit|Interrupt)(: |$)',
  ],
};

/**
 * Lines that start a new event in every common log format. A continuation pattern matching any
 * of them would glue unrelated events together (and, matching the empty line, every line).
 */
export const EVENT_START_LINES: readonly string[] = [
  '',
  'hello',
  '2026-01-01T12:00:00.000Z INFO  Server started on port 8080',
  '2026-01-01 12:00:00,123 ERROR [main] c.e.OrderService - order 42 failed',
  '[2026-01-01 12:00:00] WARN retrying in 5s',
  '{"level":"error","msg":"request failed","status":500}',
  'level=info ts=2026-01-01T12:00:00Z caller=main.go:42 msg="listening"',
  'I0101 12:00:00.000000       1 reflector.go:123] watch started',
  'ERROR:root:payment declined',
  '127.0.0.1 - - [01/Jan/2026:12:00:00 +0000] "GET /healthz HTTP/1.1" 200 2',
  'Error handling request /orders',
];

/** Constructs outside the Go/JavaScript common subset of regular expressions, with what they are. */
const OUTSIDE_COMMON_SUBSET: ReadonlyArray<{ re: RegExp; what: string }> = [
  { re: /\(\?[=!]|\(\?<[=!]/, what: 'lookaround (Go has none)' },
  { re: /\\[1-9]|\\k</, what: 'a back-reference (Go has none)' },
  { re: /\(\?P?</, what: 'a named group (spelt differently in the two)' },
  { re: /\(\?[a-zA-Z]+[:)]/, what: 'an inline flag (JavaScript has none)' },
  { re: /\[\[:[a-z]+:\]\]/, what: 'a POSIX class (JavaScript reads it as a set of characters)' },
  { re: /\\[pP]\{|\\[zZAaQE]/, what: 'an escape only one of them knows' },
];

/** Multi-line joining after validation: one combined pattern. */
export interface ResolvedMultiline {
  /** Every continuation pattern as one alternation (what filebeat.yml carries). */
  readonly pattern: string;
  readonly languages: readonly StackTraceLanguage[];
  readonly maxLines: number;
  readonly timeout: string;
}

/** Filebeat settings with every default filled in. */
export interface ResolvedFilebeat extends ResolvedComponent {
  /** Namespace of the DaemonSet (the agents namespace: hostPath needs Pod Security `privileged`). */
  readonly namespace: string;
  /** The output asked for. */
  readonly requestedOutput: FilebeatOutput;
  /** The output used (`effectiveOutput`). */
  readonly output: FilebeatOutput;
  /** Undefined with `multiline: false`. */
  readonly multiline?: ResolvedMultiline;
  readonly exporter: ResolvedComponent;
  /** The settings as given (what the construct re-validates). */
  readonly input: FilebeatSettings;
}

/**
 * The one rule that decides Filebeat's output: Logstash when asked for and the stack runs
 * Logstash, otherwise Elasticsearch (as Filebeat's own least-privilege writer user). A
 * standalone Filebeat construct is told whether a Logstash exists by its props.
 */
export function effectiveOutput(requested: FilebeatOutput, logstashRuns: boolean): FilebeatOutput {
  return requested === 'logstash' && !logstashRuns ? 'elasticsearch' : requested;
}

/** The Elasticsearch user of the Elasticsearch output: the pods' name label, so the setup Job's flow matches them. */
export const FILEBEAT_USER = filebeatSpec.name;

/** The log stream the Elasticsearch output writes (`logs-<stream>-default`): the cluster's first one. */
export function filebeatStream(es: Pick<ElasticsearchSettings, 'logStreams'> | undefined): string {
  const first = es?.logStreams?.[0]?.name;
  return typeof first === 'string' ? first : 'generic';
}

/** The writer client of the Elasticsearch output: create documents in its log stream only. */
export function filebeatWriterClient(namespace: string, es: Pick<ElasticsearchSettings, 'logStreams'> | undefined): ResolvedClient {
  return { name: FILEBEAT_USER, access: 'write', indices: [`logs-${filebeatStream(es)}-*`], namespace };
}

const GO_DURATION = /^[1-9][0-9]*(ms|s|m)$/;

/** Checks one continuation pattern: it compiles, stays in the common subset, and never matches an event's first line. */
function checkPattern(where: string, field: string, pattern: unknown): string {
  if (typeof pattern !== 'string' || pattern === '') fail(where, field, pattern, 'a non-empty regular expression');
  try {
    new RegExp(pattern);
  } catch (e) {
    fail(where, field, pattern, `a regular expression that compiles (${(e as Error).message})`);
  }
  const outside = OUTSIDE_COMMON_SUBSET.find((c) => c.re.test(pattern));
  if (outside) fail(where, field, pattern, `a pattern in the Go/JavaScript common subset, without ${outside.what}`);
  const joined = EVENT_START_LINES.find((line) => new RegExp(pattern).test(line));
  if (joined !== undefined) {
    const line = joined === '' ? 'the empty line' : `${JSON.stringify(joined)}, an ordinary first line`;
    fail(
      where,
      field,
      pattern,
      `a pattern matching continuation lines only; it matches ${line}, ` +
        'so it would join every line into the event before it (anchor it, e.g. "^[ \\t]+at ")',
    );
  }
  return pattern;
}

/** Validates the multi-line settings (`field` is their path) and combines the patterns. */
export function resolveMultiline(
  where: string,
  field: string,
  input: FilebeatMultilineSettings | false | undefined,
): ResolvedMultiline | undefined {
  if (input === false) return undefined;
  if (input !== undefined && (typeof input !== 'object' || input === null || Array.isArray(input)))
    fail(where, field, input, 'false, or an object { languages?, continuationPatterns?, maxLines?, timeout? }');
  checkKeys(where, field, input, MULTILINE_KEYS);
  const languages: readonly StackTraceLanguage[] = input?.languages ?? STACK_TRACE_LANGUAGES;
  if (!Array.isArray(languages))
    fail(where, `${field}.languages`, languages, `a list of ${STACK_TRACE_LANGUAGES.map((l) => `"${l}"`).join(', ')}`);
  languages.forEach((language, i) => {
    if (!STACK_TRACE_LANGUAGES.includes(language))
      fail(where, `${field}.languages[${i}]`, language, STACK_TRACE_LANGUAGES.map((l) => `"${l}"`).join(', '));
  });
  const extra: readonly string[] = input?.continuationPatterns ?? [];
  if (!Array.isArray(extra)) fail(where, `${field}.continuationPatterns`, extra, 'a list of regular expressions');
  extra.forEach((pattern, i) => checkPattern(where, `${field}.continuationPatterns[${i}]`, pattern));
  const patterns = [...new Set([...languages.flatMap((l: StackTraceLanguage) => CONTINUATION_PATTERNS[l]), ...extra])];
  if (patterns.length === 0)
    fail(where, `${field}.languages`, languages, 'at least one language or continuation pattern (or multiline: false to join nothing)');
  const pattern = patterns.map((p) => `(?:${p})`).join('|');
  // The combination is checked too: alternation must not open a hole the parts do not have.
  checkPattern(where, field, pattern);
  const maxLines = input?.maxLines ?? 500;
  if (!Number.isInteger(maxLines) || maxLines < 2 || maxLines > 10000)
    fail(where, `${field}.maxLines`, maxLines, 'a whole number from 2 to 10000');
  const timeout = input?.timeout ?? '5s';
  if (typeof timeout !== 'string' || !GO_DURATION.test(timeout))
    fail(where, `${field}.timeout`, timeout, 'a duration in whole milliseconds, seconds or minutes such as "5s" (Go syntax)');
  return { pattern, languages: [...languages], maxLines, timeout };
}

/** Validates Filebeat settings (`field` is their path, e.g. `filebeat`) and fills the defaults. */
export function resolveFilebeat(
  where: string,
  field: string,
  profile: Profile,
  namespace: string,
  logstashRuns: boolean,
  input: FilebeatSettings = {},
): ResolvedFilebeat {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    fail(where, field, input, 'false, or an object of Filebeat settings');
  checkComponentKeys(where, field, input, FILEBEAT_KEYS);
  checkComponentKeys(where, `${field}.exporter`, input.exporter);
  const component = resolveComponent(where, field, filebeatSpec, profile, input);
  const requestedOutput = input.output ?? 'logstash';
  if (!FILEBEAT_OUTPUTS.includes(requestedOutput))
    fail(where, `${field}.output`, requestedOutput, FILEBEAT_OUTPUTS.map((o) => `"${o}"`).join(' or '));
  return {
    ...component,
    namespace,
    requestedOutput,
    output: effectiveOutput(requestedOutput, logstashRuns),
    multiline: resolveMultiline(where, `${field}.multiline`, input.multiline),
    exporter: resolveComponent(where, `${field}.exporter`, filebeatExporterSpec, profile, input.exporter),
    input,
  };
}

declare module '../stack/settings' {
  interface StackSettings {
    /** Filebeat, the log shipper on every node: on with `elasticsearch`; `false` leaves it out. @default on with Elasticsearch */
    readonly filebeat?: FilebeatSettings | false;
  }
  interface ResolvedSettings {
    /** Undefined without Elasticsearch or with `filebeat: false`. */
    readonly filebeat?: ResolvedFilebeat;
  }
}

declare module '../../config/dashboards/settings' {
  interface ShippedDashboards {
    /** The log pipeline: Filebeat, then Logstash. @default on with Filebeat */
    readonly loggingPipeline: true;
  }
}
