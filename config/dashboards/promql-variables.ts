import { promqlParser, promqlSyntaxError } from '../promql';

/**
 * Grafana template variables inside PromQL: `$name`, `${name}`, `${name:format}` and the
 * deprecated `[[name]]`. Group 1, 2 or 3 holds the name.
 */
const VARIABLE = /\$\{(\w+)(?::[^}]*)?\}|\[\[(\w+)(?::[^\]]*)?\]\]|\$(\w+)/g;

/** What Grafana substitutes for its built-in interval variables, as a typical value. */
const BUILT_IN: Readonly<Record<string, string>> = {
  __rate_interval: '1m',
  __interval: '30s',
  __range: '1h',
  __auto: '30s',
  __range_s: '3600',
  __range_ms: '3600000',
  __interval_ms: '30000',
};

/** Resolves a variable to text; `durationContext` is true where PromQL expects a duration. */
export type VariableResolver = (name: string, durationContext: boolean) => string;

/** Default resolver: built-ins as typical values, other variables as a duration or a plain word. */
export const typicalValue: VariableResolver = (name, durationContext) => BUILT_IN[name] ?? (durationContext ? '5m' : 'placeholder');

/** Names of the Grafana variables an expression uses, in order of first use. */
export function variablesIn(expr: string): string[] {
  const names: string[] = [];
  for (const match of expr.matchAll(VARIABLE)) {
    const name = match[1] ?? match[2] ?? match[3];
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

/** Replaces every Grafana variable of `expr` with what `resolve` returns for it. */
export function substituteVariables(expr: string, resolve: VariableResolver = typicalValue): string {
  return expr.replace(VARIABLE, (match, a: string | undefined, b: string | undefined, c: string | undefined, offset: number) => {
    const before = expr.slice(0, offset).trimEnd();
    const durationContext = before.endsWith('[') || before.endsWith(':') || /\boffset$/.test(before);
    return resolve(a ?? b ?? c ?? match, durationContext);
  });
}

/** The syntax error of a panel query after substituting Grafana variables, or undefined. */
export function panelQueryError(expr: string): { offset: number; near: string } | undefined {
  return promqlSyntaxError(substituteVariables(expr));
}

/** Metric names a (variable-free) PromQL expression selects, sorted and without repeats. */
export function metricNamesIn(expr: string): string[] {
  const names = new Set<string>();
  promqlParser()
    .parse(expr)
    .iterate({
      enter: (node) => {
        if (node.type.name === 'Identifier' && node.node.parent?.type.name === 'VectorSelector') names.add(expr.slice(node.from, node.to));
      },
    });
  return [...names].sort();
}
