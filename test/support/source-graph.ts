import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';
import * as ts from 'typescript';

/** The project root. */
export const ROOT = resolve(__dirname, '..', '..');

/** Every TypeScript source file under `dir` (declaration files left out), absolute. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/**
 * The project files the file `file` imports, read with TypeScript's own import scanner (relative
 * specifiers only, type-only imports too: a type cycle is a cycle of the design), relative to the root.
 */
export function importsOf(file: string): string[] {
  return ts
    .preProcessFile(readFileSync(file, 'utf8'), true, true)
    .importedFiles.map((entry) => entry.fileName)
    .filter((spec) => spec.startsWith('.'))
    .flatMap((spec) => {
      const base = resolve(dirname(file), spec);
      const found = [`${base}.ts`, join(base, 'index.ts')].find((candidate) => existsSync(candidate));
      return found ? [relative(ROOT, found)] : [];
    });
}
