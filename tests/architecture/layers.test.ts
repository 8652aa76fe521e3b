/**
 * Dependencies point one way (README "Architecture"): each folder imports only from the layers
 * below it, and no import cycle exists anywhere in the project's code.
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCycles, importGraph } from './import-graph';

const ROOT = path.resolve(__dirname, '..', '..');

/** Layer → the layers it may import from (besides itself and `imports/`, the generated CRD classes). */
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  policy: [],
  controllers: ['policy'],
  'charts/lib': ['policy'],
  'charts/constructs': ['charts/lib', 'policy'],
  'charts/estate': ['charts/constructs', 'charts/lib', 'policy'],
  'charts/pipeline': ['charts/lib', 'policy'],
  'charts/delivery': ['charts/pipeline', 'charts/constructs', 'charts/lib', 'policy'],
  'charts/bootstrap': ['charts/delivery', 'charts/pipeline', 'charts/constructs', 'charts/lib', 'policy'],
  charts: ['charts/bootstrap', 'charts/delivery', 'charts/estate', 'charts/pipeline', 'charts/lib', 'policy'],
};

/** `charts/estate/x.ts` → `charts/estate`; `charts/main.ts` → `charts`; `policy/a/b.ts` → `policy`. */
function layerOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] === 'charts') return parts.length > 2 ? `charts/${parts[1]}` : 'charts';
  return parts[0];
}

describe('the import graph', () => {
  const graph = importGraph(ROOT, ['charts', 'cli', 'policy', 'controllers', 'tools', 'scripts', 'bench', 'tests']);

  it('has no cycle', () => {
    expect(importCycles(graph)).toEqual([]);
  });

  it.each(Object.keys(MAY_IMPORT))('%s imports only from the layers below it', (layer) => {
    const allowed = new Set([layer, 'imports', ...MAY_IMPORT[layer]]);
    const upward = [...graph].filter(([file]) => layerOf(file) === layer).flatMap(([file, targets]) => targets.filter((target) => !allowed.has(layerOf(target))).map((target) => `${file} -> ${target}`));
    expect(upward).toEqual([]);
  });
});

describe('the cycle finder (so that the test above can fail)', () => {
  it('finds a two-file cycle and a self-import, and nothing in a chain', () => {
    const graph = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['a.ts', 'c.ts']],
      ['c.ts', ['d.ts']],
      ['d.ts', []],
      ['e.ts', ['e.ts']],
    ]);
    expect(importCycles(graph)).toEqual([['a.ts', 'b.ts'], ['e.ts']]);
  });
});
