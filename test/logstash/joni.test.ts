/**
 * The pipeline's regular expressions under Joni 2.2.1 (JRuby 9.4's regex engine, so Logstash
 * 9.5's), as the rendered logstash.conf spells them, against the JavaScript results the other
 * Logstash tests assert: the scrub list (mutate gsub), the security conditionals (`=~`), the
 * error-level conditional and the two grok matches. One JVM runs every request
 * (test/logstash/joni/ScrubHarness.java, source-file mode).
 *
 * How the text gets from logstash.conf to the engine (Logstash 9.5, config.support_escapes off,
 * its default, which logstash.yml keeps): a double-quoted config string is the bytes between the
 * quotes, unchanged (`\x22` stays four characters, which Ruby's Regexp reads as `"`); mutate
 * compiles the pattern with Regexp.new(pattern) and calls String#gsub(regexp, replacement), so
 * `\1` in the replacement is a reference; a regex literal `/.../` is its text without the two
 * slashes (an escaped `\/` stays, Ruby reads it as `/`), compiled with no options; grok compiles its
 * expression with Regexp::MULTILINE.
 */
import { spawnSync } from 'child_process';
import { join } from 'path';
import { resolveElasticsearch } from '../../constructs/elasticsearch/settings';
import { renderLogstashYml, renderPipeline } from '../../constructs/logstash/files';
import {
  EXCEPTION_CLASS_PATTERN,
  ResolvedScrubRule,
  rubyPattern,
  scrub,
  SECURITY_RULES,
  SHIPPED_SCRUB_RULES,
} from '../../constructs/logstash/patterns';
import { LogstashSettings, resolveLogstash } from '../../constructs/logstash/settings';
import { realTool, TOOLS } from '../support/tools';
import { CORPUS } from './corpus';

const java = realTool(TOOLS.java);
const joni = realTool(TOOLS.joniJar);
const jcodings = realTool(TOOLS.jcodingsJar);
const HARNESS = join(__dirname, 'joni', 'ScrubHarness.java');

/** User rules as a settings file would give them: a case-insensitive one, a `\x22`, a `/`, non-ASCII text. */
const USER_SETTINGS: LogstashSettings = {
  scrubRules: [
    { name: 'employee_id', pattern: 'EMP-[0-9]{6}', replacement: 'EMP-[ID]' },
    { name: 'iban', pattern: '\\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){3,7}(?: ?[A-Z0-9]{1,3})?\\b', replacement: '[IBAN]' },
    { name: 'quoted_pin', pattern: 'pin\\x22?\\s*[:=]\\s*\\x22?[0-9]{4,8}', replacement: 'pin=[PIN]', ignoreCase: true },
    { name: 'internal_path', pattern: '/home/[a-z0-9_-]+/', replacement: '/home/[USER]/' },
    { name: 'kundennummer', pattern: 'Kundennummer:? *[0-9]+', replacement: 'Kundennummer [ID]' },
  ],
};
const USER_LINES = [
  'badge EMP-123456 scanned by x@example.org',
  'refund to DE89 3704 0044 0532 0130 00 (GB82WEST12345698765432)',
  '{"PIN":"1234","pin": "987654"} Pin=4321',
  'open /home/jane_doe/.ssh/id_rsa failed',
  'Rückruf für Kundennummer: 4711 bei Jürgen',
];

const es = resolveElasticsearch('test', 'elasticsearch', 'dev', 'monitoring', {});
const settingsOf = (input: LogstashSettings) => resolveLogstash('test', 'logstash', 'dev', 'monitoring', [{ name: 'generic' }], input);
const confOf = (input: LogstashSettings) => renderPipeline(settingsOf(input), es, 'monitoring');

/** The gsub rules of a rendered pipeline, as Logstash reads them: the [message] triple of each scrub mutate, quotes off. */
function gsubRules(conf: string): Array<[string, string]> {
  return conf
    .split('\n')
    .filter((line) => line.includes('gsub => ["[message]", "'))
    .map((line) => {
      // A triple per field; no pattern holds `"` (checkPattern), so `", "` separates the strings.
      const strings = line.slice(line.indexOf('["') + 2, line.lastIndexOf('"]')).split('", "');
      expect(strings.length % 3).toBe(0);
      const [field, pattern, replacement] = strings;
      expect(field).toBe('[message]');
      return [pattern, replacement] as [string, string];
    });
}

/** The body of each `[message] =~ /.../` conditional: the literal without its slashes. */
const regexLiterals = (conf: string) => [...conf.matchAll(/\[message\] =~ \/((?:\\\/|[^/])*)\//g)].map((m) => m[1]);
const grokMatch = (conf: string, id: string) =>
  new RegExp(`id => "${id}"\\n\\s*match => \\{ "message" => "([^"]*)" \\}`).exec(conf)?.[1] as string;
const levelLiteral = (conf: string) => /if \[log\]\[level\] =~ \/([^/]*)\//.exec(conf)?.[1] as string;

// ---- the harness protocol: netstrings both ways
const ns = (text: string) => `${Buffer.byteLength(text)}:${text},`;
function decode(out: Buffer): string[] {
  const answers: string[] = [];
  for (let pos = 0; pos < out.length;) {
    const colon = out.indexOf(':', pos);
    const len = Number(out.subarray(pos, colon).toString('ascii'));
    answers.push(out.subarray(colon + 1, colon + 1 + len).toString('utf8'));
    pos = colon + 2 + len;
  }
  return answers;
}

interface Request {
  readonly wire: string;
}
const rulesRequest = (rules: Array<[string, string]>): Request => ({
  wire: ns('rules') + ns(String(rules.length)) + rules.map(([p, r]) => ns(p) + ns(r)).join(''),
});
const scrubRequest = (text: string): Request => ({ wire: ns('scrub') + ns(text) });
const matchRequest = (options: '' | 'm', pattern: string, text: string): Request => ({
  wire: ns('match') + ns(options) + ns(pattern) + ns(text),
});

/**
 * Where the engines differ (docs/logstash.md, "The regex subset"): [pattern, text, Joni matches, JavaScript matches].
 * The shipped rules avoid the first two; the others are the documented differences.
 */
const DIFFERENCES: ReadonlyArray<readonly [string, string, boolean, boolean]> = [
  ['\\bx', 'éx', false, true], // Joni's \b counts é as a word character, JavaScript's does not
  ['\\s', '\u00a0', false, true], // \s: ASCII in Joni, Unicode in JavaScript
  ['(?i)ss', 'ß', true, false], // (?i): Unicode case folding in Joni (ß = ss, ſ = s, the Kelvin sign = k)
  ['(?i)s', 'ſ', true, false],
  ['.', '\r', true, false], // . stops only at \n in Ruby
  ['\\w', 'é', false, false], // \w and \d are ASCII in both
  ['\\d', '٤', false, false],
  ['[^\\x00-\\x7F]', '😀', true, true], // any non-ASCII character, in both
];

const LINES = CORPUS.map((l) => l.line);
const LEVELS = [
  'error',
  'ERR',
  'Fatal',
  'critical',
  'crit',
  'alert',
  'emerg',
  'panic',
  'SEVERE',
  'info',
  'warn',
  'errors',
  'error\nx',
  'debug',
];

(java && joni && jcodings ? describe : describe.skip)('the regexes under Joni 2.2.1 (JRuby 9.4, Logstash 9.5)', () => {
  const conf = confOf({});
  const userConf = confOf(USER_SETTINGS);
  const shipped = gsubRules(conf);
  const withUser = gsubRules(userConf);
  const security = regexLiterals(conf);
  const exception = grokMatch(conf, 'exception_class');
  const plainLevel = grokMatch(conf, 'plain_level');
  const level = levelLiteral(conf);
  const userRules: readonly ResolvedScrubRule[] = settingsOf(USER_SETTINGS).scrubRules;

  // One JVM for every request; each section's answers come back in its order.
  const sections = {
    version: [{ wire: ns('version') }],
    rules: [rulesRequest(shipped)],
    scrub: LINES.map(scrubRequest),
    security: LINES.flatMap((line) => security.map((pattern) => matchRequest('', pattern, line))),
    exception: LINES.map((line) => matchRequest('m', exception, line)),
    plainLevel: LINES.map((line) => matchRequest('m', plainLevel, line)),
    level: LEVELS.map((l) => matchRequest('', level, l)),
    userRules: [rulesRequest(withUser)],
    userScrub: [...USER_LINES, ...LINES].map(scrubRequest),
    differences: DIFFERENCES.map(([pattern, text]) => matchRequest('', pattern, text)),
  };
  const requests = Object.values(sections).flat();
  let answers: string[] = [];
  const answersOf: Partial<Record<keyof typeof sections, string[]>> = {};
  let millis = 0;
  beforeAll(() => {
    const started = Date.now();
    const run = spawnSync(java as string, ['-cp', `${joni}:${jcodings}`, HARNESS], {
      input: requests.map((r) => r.wire).join('\n'),
      timeout: 60_000,
      maxBuffer: 16 * 2 ** 20,
    });
    millis = Date.now() - started;
    if (run.status !== 0) throw new Error(`ScrubHarness failed (${run.status ?? run.signal}): ${run.stderr.toString()}`);
    answers = decode(run.stdout);
    let from = 0;
    for (const [name, list] of Object.entries(sections))
      answersOf[name as keyof typeof sections] = answers.slice(from, (from += list.length));
  }, 90_000);
  const take = (name: keyof typeof sections): string[] => answersOf[name] ?? [];

  it('answers every request, in one JVM within seconds, with the Joni and jcodings of JRuby 9.4', () => {
    expect(answers).toHaveLength(requests.length);
    expect(take('version')).toEqual(['joni-2.2.1 jcodings-1.0.58']);
    expect(millis).toBeLessThan(30_000);
    console.info(`Joni: ${requests.length} requests in ${millis} ms`);
  });

  it('reads logstash.conf as the test does: no config escapes, every scrub rule rendered and compiled', () => {
    expect(renderLogstashYml(settingsOf({}))).not.toContain('config.support_escapes');
    expect(shipped).toHaveLength(SHIPPED_SCRUB_RULES.length);
    expect(withUser).toHaveLength(userRules.length);
    expect([security.length, exception, plainLevel, level].every(Boolean)).toBe(true);
    // The security rules' conditionals, and the JSON test of the parse stage.
    expect(security).toEqual(expect.arrayContaining(SECURITY_RULES.map((rule) => rubyPattern(rule.pattern, true))));
    expect(security).toHaveLength(SECURITY_RULES.length + 1);
    expect(take('rules')).toEqual([`+${shipped.length}`]);
  });

  it('the shipped scrub list gives the JavaScript result on every corpus line (CRLF, non-ASCII and stack traces among them)', () => {
    const joniOut = take('scrub');
    expect(joniOut.map((a) => a.slice(1))).toEqual(LINES.map((line) => scrub(line, SHIPPED_SCRUB_RULES)));
    expect(joniOut.every((a) => a.startsWith('='))).toBe(true);
  });

  it('the security conditionals (and the JSON test) flag the same lines', () => {
    const joniOut = take('security');
    // The JavaScript reading of a literal: a leading (?i) is the i flag; ^ and $ are line anchors.
    const jsOf = (literal: string) =>
      literal.startsWith('(?i)') ? new RegExp(literal.slice(4), 'im') : new RegExp(literal.replace(/\\\//g, '/'), 'm');
    const js = LINES.flatMap((line) => security.map((literal) => jsOf(literal).test(line)));
    expect(joniOut.map((a) => a.startsWith('+'))).toEqual(js);
    expect(js.filter(Boolean).length).toBeGreaterThanOrEqual(10);
  });

  it('grok finds the same exception class and level (its named captures compile)', () => {
    const jsClass = (line: string) => new RegExp(EXCEPTION_CLASS_PATTERN, 'm').exec(line)?.[1];
    expect(take('exception')).toEqual(LINES.map((line) => (jsClass(line) === undefined ? '-' : `+${jsClass(line)}`)));
    const jsLevel = new RegExp(plainLevel.replace('(?<[log][level]>', '('), 'm');
    expect(take('plainLevel')).toEqual(LINES.map((line) => (jsLevel.exec(line) ? `+${jsLevel.exec(line)?.[1]}` : '-')));
  });

  it('the error-level conditional matches the same levels', () => {
    const js = new RegExp(level.replace('(?i)', ''), 'im');
    expect(take('level')).toEqual(LEVELS.map((l) => (js.exec(l) ? `+${js.exec(l)?.[1]}` : '-')));
  });

  it('user rules from settings run after the shipped ones, alike', () => {
    expect(take('userRules')).toEqual([`+${withUser.length}`]);
    const lines = [...USER_LINES, ...LINES];
    const joniOut = take('userScrub').map((a) => a.slice(1));
    expect(joniOut).toEqual(lines.map((line) => scrub(line, userRules)));
    expect(joniOut.slice(0, USER_LINES.length).filter((out, i) => out !== USER_LINES[i])).toHaveLength(USER_LINES.length);
  });

  it('differs where docs/logstash.md says, and nowhere the shipped rules reach', () => {
    expect(take('differences').map((a) => a.startsWith('+'))).toEqual(DIFFERENCES.map(([, , joniMatches]) => joniMatches));
    const js = DIFFERENCES.map(([pattern, text]) =>
      pattern.startsWith('(?i)') ? new RegExp(pattern.slice(4), 'im').test(text) : new RegExp(pattern, 'm').test(text),
    );
    expect(js).toEqual(DIFFERENCES.map(([, , , jsMatches]) => jsMatches));
    for (const rule of SHIPPED_SCRUB_RULES) expect(rule.pattern.replace(/\[\\s\\S\]/g, '')).not.toMatch(/\\[sSbB]/);
  });
});
