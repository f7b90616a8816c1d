/**
 * The regular expressions of the Logstash pipeline, as data: the scrub list (secrets and personal
 * data), the security-event rules and the exception-class pattern. Logstash runs them with Joni,
 * JRuby's port of Ruby's regex engine; the tests run the very same strings with JavaScript's RegExp
 * and with Joni itself (test/logstash/joni.test.ts). They are therefore kept to the subset both
 * engines read alike (docs/logstash.md, "The regex subset"):
 *
 * - JavaScript is compiled with the `m` flag, since `^` and `$` always match at line boundaries in
 *   Ruby; case-insensitivity is a rule's `ignoreCase`, rendered as a leading `(?i)` for Joni and
 *   as the `i` flag for JavaScript.
 * - Rejected: lookbehind `(?<=` `(?<!`, named groups `(?<name>` `(?P<` `\k<`, atomic groups `(?>`,
 *   inline flags `(?i)` `(?m)` `(?x)` `(?i:`, possessive quantifiers `*+` `++` `?+` `}+`, the
 *   escapes `\h` `\H` (hex digit in Ruby, not in JavaScript) `\A` `\z` `\Z` `\G` `\K` `\R` `\X`
 *   `\Q` `\E`, Unicode properties `\p{` `\P{`, POSIX brackets `[[:alpha:]]`, and the characters the
 *   Logstash config string cannot hold (`"`, newlines: write `\x22`, `\n`), and `%{` (mutate
 *   reads such a gsub pattern as a `%{field}` template).
 * - Rejected in replacements: `\` and `$` (back-references are spelt differently: `\1` in Ruby's
 *   gsub, `$1` in JavaScript); a replacement is literal text.
 */
import { fail } from '../../config/errors';

/** One scrub rule: every match of `pattern` in the scrubbed fields becomes `replacement`. */
export interface ScrubRule {
  /** Rule name (the Logstash filter id and the tag): lower-case letters, digits and `_`. @default none (required) */
  readonly name: string;
  /** The regular expression, in the Ruby/JavaScript common subset. @default none (required) */
  readonly pattern: string;
  /** Literal replacement text (no `\` or `$`). @default `[REDACTED]` */
  readonly replacement?: string;
  /** Match regardless of case. @default false */
  readonly ignoreCase?: boolean;
}

/** A rule with every default filled in. */
export type ResolvedScrubRule = Required<ScrubRule>;

/** What a scrubbed secret becomes. */
export const REDACTED = '[REDACTED]';

// The shipped rules spell whitespace and word boundaries in ASCII, because Joni (JRuby's engine)
// and JavaScript disagree on `\s` (ASCII in Joni, Unicode in JavaScript) and on `\b` (Unicode
// letters are word characters for Joni's `\b`, not for JavaScript's): test/logstash/joni.test.ts.
/** ASCII whitespace, what `\s` is in Ruby. */
const WS = '[ \\t\\n\\v\\f\\r]';
/** The same characters, for inside a bracket expression. */
const WS_CHARS = ' \\t\\n\\v\\f\\r';
/** Before a word: the line start or a character that is not an ASCII word character (consumed). */
const BEFORE_WORD = '(?:^|[^A-Za-z0-9_])';
/** The same as group 1, which the replacement puts back as `$1`. */
const WORD_START = `(${BEFORE_WORD})`;
/** End of a word: no ASCII word character follows. */
const WORD_END = '(?![A-Za-z0-9_])';

/**
 * The shipped scrub list, in order (earlier rules run first, so the specific ones come before the
 * broad ones). Each keeps the name of what it found (`password=`, `Authorization: Bearer`) and
 * replaces only the secret itself, so the rest of the line stays readable.
 */
export const SHIPPED_SCRUB_RULES: readonly ResolvedScrubRule[] = [
  {
    name: 'authorization_header',
    // The credentials of an Authorization header or a bearer token anywhere in the text.
    pattern: `((?:proxy-)?authorization[\\x22']?${WS}*[:=]${WS}*[\\x22']?(?:bearer|basic|digest|token|apikey)?${WS}*)[A-Za-z0-9._~+/=-]+`,
    replacement: `$1${REDACTED}`,
    ignoreCase: true,
  },
  {
    name: 'bearer_token',
    pattern: `(bearer${WS}+)[A-Za-z0-9._~+/=-]{8,}`,
    replacement: `$1${REDACTED}`,
    ignoreCase: true,
  },
  {
    name: 'jwt',
    pattern: 'eyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}',
    replacement: REDACTED,
    ignoreCase: false,
  },
  {
    name: 'url_credentials',
    // user:password@ in a URL (the user stays, the password goes).
    pattern: `([a-z][a-z0-9+.-]*://[^:/@${WS_CHARS}]*:)[^@/${WS_CHARS}]+@`,
    replacement: `$1${REDACTED}@`,
    ignoreCase: true,
  },
  {
    name: 'secret_parameter',
    // key=value and "key": "value" pairs whose key names a secret (query strings, JSON, logfmt, headers).
    pattern:
      `(${BEFORE_WORD}(?:password|passwd|pwd|secret|client_secret|token|access_token|refresh_token|id_token|api[_-]?key|x-api-key|apikey|` +
      `private[_-]?key|session[_-]?id|cookie|set-cookie)[\\x22']?${WS}*[:=]${WS}*[\\x22']?)[^\\x22'&${WS_CHARS},;}]+`,
    replacement: `$1${REDACTED}`,
    ignoreCase: true,
  },
  {
    name: 'aws_access_key',
    pattern: `${WORD_START}(?:AKIA|ASIA)[0-9A-Z]{16}${WORD_END}`,
    replacement: `$1${REDACTED}`,
    ignoreCase: false,
  },
  {
    name: 'private_key_block',
    pattern: '-----BEGIN [A-Z ]*PRIVATE KEY-----[\\s\\S]*?-----END [A-Z ]*PRIVATE KEY-----',
    replacement: REDACTED,
    ignoreCase: false,
  },
  {
    name: 'email',
    // The local part may hold non-ASCII letters (jürgen@...): all of it goes.
    pattern: '(?:[A-Za-z0-9._%+-]|[^\\x00-\\x7F])+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}',
    replacement: '[EMAIL]',
    ignoreCase: false,
  },
  {
    name: 'card_number',
    // Visa, Mastercard, Discover (16 digits, in groups of four or not) and Amex (15: 4-6-5), by their
    // issuer prefixes, so that other long numbers (epoch milliseconds, order numbers) survive.
    pattern:
      `${WORD_START}(?:(?:4\\d{3}|5[1-5]\\d{2}|2[2-7]\\d{2}|6011|65\\d{2})(?:[ -]?\\d{4}){3}|` +
      `3[47]\\d{2}[ -]?\\d{6}[ -]?\\d{5})${WORD_END}`,
    replacement: '$1[CARD]',
    ignoreCase: false,
  },
];

/**
 * JSON keys whose whole value is a secret: the field is removed after parsing (wherever it sits at
 * the top level of the application's JSON), before any text rule runs.
 */
export const SHIPPED_SENSITIVE_KEYS: readonly string[] = [
  'password',
  'passwd',
  'secret',
  'token',
  'accessToken',
  'refreshToken',
  'apiKey',
  'api_key',
  'authorization',
  'cookie',
  'creditCard',
  'cardNumber',
  'ssn',
];

/** A security-event rule: a line matching `pattern` (or an HTTP status in `statusCodes`) gets the category and the tag. */
export interface SecurityRule {
  /** The tag added (`security` is added too). */
  readonly name: string;
  /** ECS `event.category` value. */
  readonly category: 'authentication' | 'iam' | 'database' | 'file';
  /** ECS `event.outcome` set on a match. */
  readonly outcome: 'failure' | 'success' | 'unknown';
  readonly pattern: string;
  readonly statusCodes: readonly number[];
}

/** Security events the pipeline flags: authentication failures, permission denials, sensitive-data access. */
export const SECURITY_RULES: readonly SecurityRule[] = [
  {
    name: 'auth_failure',
    category: 'authentication',
    outcome: 'failure',
    pattern: '(authentication failed|login failed|failed login|invalid (password|credentials|token)|bad credentials|unauthenticated)',
    statusCodes: [401],
  },
  {
    name: 'permission_denied',
    category: 'iam',
    outcome: 'failure',
    pattern: '(permission denied|access denied|forbidden|not authori[sz]ed|insufficient (privileges|permissions))',
    statusCodes: [403],
  },
  {
    name: 'sensitive_access',
    category: 'database',
    outcome: 'success',
    pattern: '(sensitive data|personal data|pii|exported? (customer|user) (data|records)|viewed (payment|card) details)',
    statusCodes: [],
  },
];

/** The exception class in a plain-text line or stack trace (Java, Node, Python). */
export const EXCEPTION_CLASS_PATTERN = '\\b((?:[a-z_$][A-Za-z0-9_$]*\\.)*[A-Z][A-Za-z0-9_$]*(?:Exception|Error))\\b';

/** Level names that make an event an error. */
export const ERROR_LEVELS = ['error', 'err', 'fatal', 'critical', 'crit', 'alert', 'emerg', 'panic', 'severe'] as const;

const UNSUPPORTED: ReadonlyArray<readonly [RegExp, string]> = [
  [/\(\?<[=!]/, 'lookbehind'],
  [/\(\?<[A-Za-z]|\(\?P<|\\k</, 'named groups (Ruby and JavaScript spell references differently)'],
  [/\(\?>/, 'atomic groups (Ruby only)'],
  [/\(\?[imxsu-]+[:)]/, 'inline flags (use the rule’s ignoreCase)'],
  [/(?:[*+?}])\+/, 'possessive quantifiers (Ruby only)'],
  [/\\[hH]/, '\\h and \\H (a hex digit in Ruby, a literal h in JavaScript)'],
  [/\\[AzZGKRXQE]/, 'the anchors and escapes \\A \\z \\Z \\G \\K \\R \\X \\Q \\E (Ruby only)'],
  [/\\[pP]\{/, 'Unicode properties \\p{...} (JavaScript needs the u flag, which changes other escapes)'],
  [/\[\[:/, 'POSIX brackets [[:alpha:]] (Ruby only)'],
  [/"/, 'a double quote (the Logstash config string cannot hold it: write \\x22)'],
  [/[\n\r]/, 'a raw newline (write \\n)'],
  [/\$\{/, '"${" (Logstash substitutes ${VAR} from the environment in config strings)'],
  [/%\{/, '"%{" (mutate takes a pattern holding it for a %{field} template, not a regular expression)'],
];

/**
 * Checks that a pattern is in the Ruby/JavaScript common subset and compiles; returns the
 * JavaScript RegExp that behaves as Logstash's gsub does (global, line anchors).
 */
export function checkPattern(where: string, field: string, pattern: unknown, ignoreCase = false): RegExp {
  if (typeof pattern !== 'string' || pattern === '') fail(where, field, pattern, 'a non-empty regular expression (a string)');
  // Escaped backslashes first, so `\\h` (a backslash, then h) is not mistaken for `\h`.
  const unescaped = pattern.replace(/\\\\/g, '');
  for (const [test, what] of UNSUPPORTED) {
    if (test.test(unescaped))
      fail(
        where,
        field,
        pattern,
        `a regular expression in the Ruby/JavaScript common subset, without ${what} (docs/logstash.md, "The regex subset")`,
      );
  }
  let regex: RegExp;
  try {
    regex = new RegExp(pattern, `g${ignoreCase ? 'i' : ''}m`);
  } catch (error) {
    return fail(where, field, pattern, `a regular expression that compiles (${(error as Error).message})`);
  }
  if (regex.test('')) fail(where, field, pattern, 'a regular expression that cannot match the empty string (it would match everywhere)');
  return regex;
}

/** The pattern as Joni reads it in the pipeline: the same text, `(?i)` in front for a case-insensitive rule. */
export function rubyPattern(pattern: string, ignoreCase: boolean): string {
  return `${ignoreCase ? '(?i)' : ''}${pattern}`;
}

/** JavaScript replacement text of a rule, and its Ruby gsub spelling: `$1` and `\1` are the only references. */
export function rubyReplacement(replacement: string): string {
  return replacement.replace(/\$(\d)/g, '\\$1');
}

/** Applies a scrub list to a text as Logstash's gsub does: rule after rule, every match. */
export function scrub(text: string, rules: readonly ResolvedScrubRule[]): string {
  return rules.reduce((out, rule) => out.replace(new RegExp(rule.pattern, `g${rule.ignoreCase ? 'i' : ''}m`), rule.replacement), text);
}

const RULE_NAME = /^[a-z][a-z0-9_]{0,62}$/;

/** Validates the user's extra scrub rules and appends them to the shipped ones. */
export function resolveScrubRules(where: string, field: string, extra: unknown): ResolvedScrubRule[] {
  if (extra !== undefined && !Array.isArray(extra)) fail(where, field, extra, 'a list of { name, pattern, replacement?, ignoreCase? }');
  const user = ((extra as ScrubRule[] | undefined) ?? []).map((rule, i): ResolvedScrubRule => {
    const at = `${field}[${i}]`;
    if (typeof rule?.name !== 'string' || !RULE_NAME.test(rule.name))
      fail(where, `${at}.name`, rule?.name, 'a rule name: lower-case letters, digits and "_", starting with a letter');
    if (rule.ignoreCase !== undefined && typeof rule.ignoreCase !== 'boolean')
      fail(where, `${at}.ignoreCase`, rule.ignoreCase, 'true or false');
    checkPattern(where, `${at}.pattern`, rule.pattern, rule.ignoreCase);
    const replacement = rule.replacement ?? REDACTED;
    if (typeof replacement !== 'string' || /[\\$"\n]/.test(replacement))
      fail(where, `${at}.replacement`, replacement, 'literal text without \\, $, " or newlines (references are spelt differently in Ruby)');
    return { name: rule.name, pattern: rule.pattern, replacement, ignoreCase: rule.ignoreCase ?? false };
  });
  const rules = [...SHIPPED_SCRUB_RULES, ...user];
  rules.forEach((rule, i) => {
    if (rules.findIndex((r) => r.name === rule.name) !== i)
      fail(where, `${field}[${i - SHIPPED_SCRUB_RULES.length}].name`, rule.name, 'a name no other scrub rule (shipped or yours) has');
  });
  return rules;
}
