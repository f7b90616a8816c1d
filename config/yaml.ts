import { Document, stringify } from 'yaml';

/** Options of `toYaml`, each the `yaml` package's option of the same name. */
export interface ToYamlOptions {
  /** YAML version whose schema decides which plain strings must be quoted. @default `'1.2'` */
  readonly version?: '1.1' | '1.2';
  /** Write `undefined` map values as `null` instead of leaving the pair out. @default false */
  readonly keepUndefined?: boolean;
  /** Write an object that occurs twice as an anchor and aliases. @default true */
  readonly aliasDuplicateObjects?: boolean;
}

/**
 * The YAML that `stringify(value, { lineWidth: 0, ...options })` of the `yaml` package writes,
 * byte for byte, written directly instead of through its document model (several times faster on
 * the stack's manifests and rule files). A value this writer cannot be sure to write the same way
 * (a scalar the package would quote or block with a non-default header, a repeated object, a
 * class instance, a very long key) is handed to the package: the scalar alone when it can be, else
 * the whole document. test/config/yaml.test.ts compares the two on every file the stack renders
 * and on generated strings.
 */
export function toYaml(value: unknown, options: ToYamlOptions = {}): string {
  const libraryOptions = { lineWidth: 0, ...options };
  try {
    return new Writer(libraryOptions).document(value);
  } catch (error) {
    if (error !== HAND_OVER) throw error;
    return stringify(value, libraryOptions);
  }
}

/** Thrown inside the writer when the whole document goes to the package. */
const HAND_OVER = Symbol('hand the document to the yaml package');

/** Characters that make the package double-quote a string (controls, C1, lone surrogates). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const FORCES_DOUBLE_QUOTES = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;
/** The package's test for a string that cannot be a plain scalar. */
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
/** Document markers at a line start: the package treats these strings specially. */
const DOCUMENT_MARKER = /^(?:%|---|\.\.\.)/m;

/**
 * First characters of every plain scalar that a YAML 1.1 or 1.2 schema reads as a non-string
 * (null, booleans, numbers, the merge key, timestamps): a string starting otherwise skips the
 * schema's tests. The generated-document test would show a schema that reads more.
 */
const MAY_NOT_BE_STRING = /^(?:$|[-+.0-9~<NnYyTtFfOo])/;

/** The package's tests for a plain scalar its schema reads as something other than a string, per YAML version. */
const NON_STRING_TESTS = new Map<string, RegExp[]>();
function nonStringTests(version: string): RegExp[] {
  let tests = NON_STRING_TESTS.get(version);
  if (!tests) {
    const { schema } = new Document(null, { version: version as '1.1' | '1.2' });
    tests = [...schema.tags, ...(schema.compat ?? [])]
      .filter((tag) => tag.default && tag.tag !== 'tag:yaml.org,2002:str' && tag.test)
      .map((tag) => tag.test!);
    NON_STRING_TESTS.set(version, tests);
  }
  return tests;
}

type Json = Record<string, unknown>;

class Writer {
  private readonly seen = new Set<object>();
  private readonly nonString: RegExp[];

  constructor(private readonly options: ToYamlOptions & { lineWidth: number }) {
    this.nonString = nonStringTests(options.version ?? '1.2');
  }

  /** A map or a sequence at the top level; anything else goes to the package. */
  document(value: unknown): string {
    if (Array.isArray(value)) return value.length === 0 ? '[]\n' : `${this.seq(value, '')}\n`;
    if (!isPlainObject(value)) throw HAND_OVER;
    const entries = this.entries(value);
    return entries.length === 0 ? '{}\n' : `${this.map(entries, '')}\n`;
  }

  /** The pairs of a map that are written (undefined values are left out unless kept). */
  private entries(map: Json): Array<[string, unknown]> {
    this.visit(map);
    const entries = Object.entries(map);
    if (this.options.keepUndefined) {
      if (entries.some(([, v]) => v === undefined)) throw HAND_OVER;
      return entries;
    }
    return entries.filter(([, v]) => v !== undefined);
  }

  /** Repeated objects become anchors in the package's output: hand those documents over. */
  private visit(node: object): void {
    if (this.options.aliasDuplicateObjects === false) return;
    if (this.seen.has(node)) throw HAND_OVER;
    this.seen.add(node);
  }

  /** A block map whose pairs start at `indent`, without a final newline. */
  private map(entries: Array<[string, unknown]>, indent: string): string {
    return entries.map(([key, value]) => `${indent}${this.key(key)}:${this.afterKey(value, indent)}`).join('\n');
  }

  /** A block sequence whose dashes are at `indent`, without a final newline. */
  private seq(items: readonly unknown[], indent: string): string {
    this.visit(items);
    return items.map((item) => `${indent}- ${this.item(item, indent)}`).join('\n');
  }

  private afterKey(value: unknown, indent: string): string {
    if (Array.isArray(value)) return value.length === 0 ? ' []' : `\n${this.seq(value, `${indent}  `)}`;
    if (isPlainObject(value)) {
      const entries = this.entries(value);
      return entries.length === 0 ? ' {}' : `\n${this.map(entries, `${indent}  `)}`;
    }
    return ` ${this.scalar(value, indent)}`;
  }

  /** A sequence item after its `- `; a collection's first line is written on the dash's line. */
  private item(value: unknown, indent: string): string {
    if (value === undefined) throw HAND_OVER;
    const inner = `${indent}  `;
    if (Array.isArray(value)) return value.length === 0 ? '[]' : this.seq(value, inner).slice(inner.length);
    if (isPlainObject(value)) {
      const entries = this.entries(value);
      return entries.length === 0 ? '{}' : this.map(entries, inner).slice(inner.length);
    }
    return this.scalar(value, indent);
  }

  private key(key: string): string {
    if (key.length > 1000 || key.includes('\n') || DOCUMENT_MARKER.test(key)) throw HAND_OVER;
    const line = this.oneLine(key);
    if (line !== undefined) return line;
    const pair = stringify({ [key]: null }, this.options);
    if (!pair.endsWith(': null\n')) throw HAND_OVER;
    return pair.slice(0, -': null\n'.length);
  }

  /**
   * A one-line string as the package writes it, plain or in quotes, or undefined for what is
   * left to the package (escapes, document markers, the merge key, several lines).
   */
  private oneLine(value: string): string | undefined {
    if (value.includes('\n') || FORCES_DOUBLE_QUOTES.test(value) || DOCUMENT_MARKER.test(value)) return undefined;
    // YAML 1.1's merge key: the package writes it by its own tag.
    if (value === '<<') return undefined;
    if (!NOT_PLAIN.test(value) && !(MAY_NOT_BE_STRING.test(value) && this.nonString.some((test) => test.test(value)))) return value;
    // Single quotes only for a string with double quotes and no single ones; JSON's double
    // quotes are the package's when nothing needs an escape.
    if (value.includes('"') && !value.includes("'")) return `'${value}'`;
    const json = JSON.stringify(value);
    return json.includes('\\') ? undefined : json;
  }

  /** A scalar value of a pair whose key is at `indent` (or of an item whose dash is there). */
  private scalar(value: unknown, indent: string): string {
    if (value === null) return 'null';
    if (value === true || value === false) return String(value);
    if (typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0)) return JSON.stringify(value);
    if (typeof value === 'string') {
      const text = this.oneLine(value) ?? literalBlock(value, `${indent}  `);
      if (text !== undefined) return text;
    } else if (typeof value !== 'number') throw HAND_OVER;
    return this.byPackage(value, indent);
  }

  /** The package's own rendering of one scalar, moved from the top level to `indent`. */
  private byPackage(value: string | number, indent: string): string {
    const pair = stringify({ k: value }, this.options);
    if (!pair.startsWith('k: ') || !pair.endsWith('\n')) throw HAND_OVER;
    const [first, ...rest] = pair.slice(3, -1).split('\n');
    return [first, ...rest.map((line) => (line === '' ? line : `${indent}${line}`))].join('\n');
  }
}

function isPlainObject(value: unknown): value is Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * The literal block (`|` or `|-`) the package writes for a multi-line string with content at
 * `contentIndent`, or undefined for the cases it writes otherwise (quoted, an indentation
 * indicator, kept trailing newlines).
 */
function literalBlock(value: string, contentIndent: string): string | undefined {
  if (!value.includes('\n') || FORCES_DOUBLE_QUOTES.test(value) || /\n[\t ]+$/.test(value)) return undefined;
  if (value[0] === ' ' || value[0] === '\n') return undefined;
  let end = value.length;
  while (end > 0 && '\n\t '.includes(value[end - 1])) end--;
  const tail = value.slice(end);
  if (tail !== '' && tail !== '\n') return undefined;
  const body = (tail === '\n' ? value.slice(0, -1) : value).replace(/\n+/g, `$&${contentIndent}`);
  return `|${tail === '' ? '-' : ''}\n${contentIndent}${body}`;
}
