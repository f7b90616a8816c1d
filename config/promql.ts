// lezer-promql's types describe its ESM build; `require` loads its CommonJS build (same API).
import type { parser as PromqlParser } from '@prometheus-io/lezer-promql' with { 'resolution-mode': 'import' };
import { fail } from './errors';
import { promqlValidationCache } from './promql-cache';

let loaded: typeof PromqlParser | undefined;

/** The lezer PromQL parser, loaded on first use (a synth whose expressions are all cached never loads it). */
export function promqlParser(): typeof PromqlParser {
  // An ES import would resolve to the ESM build, which CommonJS cannot load.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= (require('@prometheus-io/lezer-promql') as { parser: typeof PromqlParser }).parser;
  return loaded;
}

/** Expressions this process has seen parse: each unique expression is parsed once. */
const accepted = new Set<string>();

/** Where the first syntax error of a PromQL expression is, or undefined if it parses. */
export function promqlSyntaxError(expr: string): { offset: number; near: string } | undefined {
  if (typeof expr !== 'string' || expr.trim() === '') return { offset: 0, near: '' };
  if (accepted.has(expr)) return undefined;
  const cache = promqlValidationCache();
  if (cache?.has(expr)) {
    accepted.add(expr);
    return undefined;
  }
  let offset: number | undefined;
  promqlParser()
    .parse(expr)
    .iterate({
      enter: (node) => {
        if (offset === undefined && node.type.isError) offset = node.from;
        return offset === undefined;
      },
    });
  if (offset !== undefined) return { offset, near: expr.slice(offset, offset + 20) };
  accepted.add(expr);
  cache?.add(expr);
  return undefined;
}

/** Fails with a settings error when `expr` is not valid PromQL. */
export function promql(where: string, field: string, expr: string): string {
  const error = promqlSyntaxError(expr);
  if (error) {
    fail(
      where,
      field,
      expr,
      `a valid PromQL expression (syntax error at character ${error.offset}${error.near ? ` near ${JSON.stringify(error.near)}` : ''})`,
    );
  }
  return expr;
}
