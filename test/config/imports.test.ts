/**
 * The library's imports point one way: `config/` imports nothing above it, nothing imports
 * `main.ts`, and no chain of relative imports leads back to where it started. Read from the
 * sources with TypeScript's own import scanner (type-only imports count: a type cycle is a cycle
 * of the design too).
 */
import { join, relative } from 'path';
import { importsOf, ROOT, sourceFiles } from '../support/source-graph';

const SOURCES = ['config', 'constructs', 'stacks'];

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
