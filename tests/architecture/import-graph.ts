/**
 * The project's own import graph, read with TypeScript's pre-processor (imports and re-exports
 * with a relative specifier; packages are outside the graph), and its cycles.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

/** File (relative to the root, forward slashes) → the project files it imports. */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

const SOURCE = /\.(ts|mts)$/;
const SKIPPED = new Set(['node_modules', '.git', '.cache', 'manifests', 'imports']);

/** Every .ts file under `dirs` (relative to `root`) with the project files it imports. */
export function importGraph(root: string, dirs: readonly string[]): ImportGraph {
  const files = dirs.flatMap((dir) => sourceFiles(root, dir));
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const imports = ts.preProcessFile(fs.readFileSync(path.join(root, file), 'utf8'), true, false).importedFiles;
    const targets = imports
      .filter(({ fileName }) => fileName.startsWith('.'))
      .map(({ fileName }) => resolve(root, path.posix.join(path.posix.dirname(file), fileName)))
      .filter((target): target is string => target !== undefined);
    graph.set(file, [...new Set(targets)].sort());
  }
  return graph;
}

/** The strongly connected components with more than one file (or a file importing itself): Tarjan. */
export function importCycles(graph: ImportGraph): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, next);
    low.set(file, next);
    next += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, index.get(target)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    if (component.length > 1 || (graph.get(file) ?? []).includes(file)) cycles.push(component.sort());
  };
  for (const file of [...graph.keys()].sort()) if (!index.has(file)) visit(file);
  return cycles;
}

function sourceFiles(root: string, dir: string): string[] {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  return fs.readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    const relative = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED.has(entry.name) ? [] : sourceFiles(root, relative);
    return SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts') ? [relative] : [];
  });
}

/** `./x` → `x.ts` or `x/index.ts`, as TypeScript resolves it; undefined for non-source files. */
function resolve(root: string, specifier: string): string | undefined {
  const normalized = path.posix.normalize(specifier);
  const candidates = [normalized, `${normalized}.ts`, `${normalized}.mts`, path.posix.join(normalized, 'index.ts')];
  return candidates.find((candidate) => SOURCE.test(candidate) && fs.existsSync(path.join(root, candidate)));
}
