// lezer-promql's types describe its ESM build; `require` loads its CommonJS build (same API).
import type { parser as PromqlParser } from '@prometheus-io/lezer-promql' with { 'resolution-mode': 'import' };
// An ES import would resolve to the ESM build, which CommonJS cannot load.
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const { parser }: { parser: typeof PromqlParser } = require('@prometheus-io/lezer-promql');
import { fail } from './errors';

/** Where the first syntax error of a PromQL expression is, or undefined if it parses. */
export function promqlSyntaxError(expr: string): { offset: number; near: string } | undefined {
  if (typeof expr !== 'string' || expr.trim() === '') return { offset: 0, near: '' };
  let offset: number | undefined;
  parser.parse(expr).iterate({
    enter: (node) => {
      if (offset === undefined && node.type.isError) offset = node.from;
      return offset === undefined;
    },
  });
  return offset === undefined ? undefined : { offset, near: expr.slice(offset, offset + 20) };
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
