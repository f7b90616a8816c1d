import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';

/** One `fail(where, field, ...)` call in the sources: its file, line and the source text of its field argument. */
export interface FailSite {
  readonly file: string;
  readonly line: number;
  readonly field: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.d.ts') ? [path] : [];
  });
}

/** The source text of the call's arguments starting at `start` (just after `fail(`), split at top-level commas. */
function callArguments(text: string, start: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let current = '';
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      current += c;
      if (c === '\\') current += text[++i];
      else if (c === quote) quote = undefined;
      else if (quote === '`' && c === '$' && text[i + 1] === '{') {
        // A template expression: copy it whole (it holds no backtick of its own in these sources).
        const end = text.indexOf('}', i);
        current += text.slice(i + 1, end + 1);
        i = end;
      }
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      if (depth === 0) {
        args.push(current.trim());
        return args;
      }
      depth--;
    } else if (c === ',' && depth === 0) {
      args.push(current.trim());
      current = '';
      continue;
    }
    current += c;
  }
  throw new Error('unterminated fail( call');
}

/** Every `fail(` call site under the given source folders (relative to the repository root). */
export function failSites(root: string, folders: readonly string[]): FailSite[] {
  return folders.flatMap((folder) =>
    sourceFiles(join(root, folder)).flatMap((path) => {
      const text = readFileSync(path, 'utf8');
      const sites: FailSite[] = [];
      for (const match of text.matchAll(/(?<![\w.])fail\(/g)) {
        const before = text.slice(0, match.index);
        // The definition `export function fail(` is not a call.
        if (/function\s+$/.test(before)) continue;
        const args = callArguments(text, match.index! + match[0].length);
        sites.push({ file: relative(root, path), line: before.split('\n').length, field: args[1] });
      }
      return sites;
    }),
  );
}

/**
 * Whether a case field can come from a call site's field argument: a string literal is the field
 * itself; a template literal matches with each `${...}` standing for any non-empty text.
 */
export function fieldMatches(site: string, field: string): boolean {
  const literal = /^(['"])(.*)\1$/.exec(site);
  if (literal) return literal[2] === field;
  if (!site.startsWith('`') || !site.endsWith('`')) return false;
  const body = site.slice(1, -1);
  const pattern = body
    .split(/\$\{[^}]*\}/)
    .map((part) => part.replace(/[.*+?^$()[\]{}|\\]/g, '\\$&'))
    .join('.+');
  return new RegExp(`^${pattern}$`).test(field);
}
