/**
 * The library's imports point one way: `config/` imports nothing above it, nothing imports
 * `main.ts`, and no chain of relative imports leads back to where it started. Read from the
 * sources with TypeScript's own import scanner (type-only imports count: a type cycle is a cycle
 * of the design too).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';
import * as ts from 'typescript';

const ROOT = resolve(__dirname, '..', '..');
const SOURCES = ['config', 'constructs', 'stacks'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The project files a file imports (relative specifiers only), as paths relative to the root. */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles
    .map((entry) => entry.fileName)
    .filter((spec) => spec.startsWith('.'))
    .flatMap((spec) => {
      const base = resolve(dirname(file), spec);
      const found = [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate));
      return found ? [relative(ROOT, found)] : [];
    });
}

const graph = new Map<string, string[]>(
  SOURCES.flatMap((dir) => sourceFiles(join(ROOT, dir))).map((file) => [relative(ROOT, file), importsOf(file)]),
);

/** Every import cycle, each as the files along it (found by depth-first search, each cycle once). */
function cycles(): string[][] {
  const found: string[][] = [];
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (file: string) => {
    state.set(file, 'open');
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') found.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return found;
}

describe('the import graph of config/, constructs/ and stacks/', () => {
  it(`reads every source file (${graph.size})`, () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get('constructs/registry.ts')).toContain('constructs/prometheus/index.ts');
  });

  it('has no import cycle', () => {
    expect(cycles().map((cycle) => cycle.join(' -> '))).toEqual([]);
  });

  it('config/ imports only config/', () => {
    const upward = [...graph].flatMap(([file, imports]) =>
      file.startsWith('config/') ? imports.filter((target) => !target.startsWith('config/')).map((target) => `${file} -> ${target}`) : [],
    );
    expect(upward).toEqual([]);
  });

  it('nothing imports main.ts', () => {
    expect([...graph].filter(([, imports]) => imports.includes('main.ts')).map(([file]) => file)).toEqual([]);
  });
});
