/**
 * Writes docs/security-baseline.md: every SecurityBaseline control over every environment's
 * committed manifests. `--check` writes nothing and exits 1 when the committed doc is stale.
 *
 *   npx tsx scripts/security-baseline-table.ts [--check]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../charts/lib/crds-dir';
import { loadEnvironments } from '../charts/lib/environment/load';
import { readManifestTree } from '../cli/diff/manifest-tree';
import { baselineTable, renderBaselineDoc } from '../policy/security-baseline';
import { securityBaselineFor } from '../policy/security-baseline-policy';
import { KubeObject } from '../policy/tag-shapes';

export const SECURITY_BASELINE_DOC = path.join(REPO_ROOT, 'docs', 'security-baseline.md');

export interface BaselineDocOptions {
  /** @default <repo>/manifests */
  readonly manifestsDir?: string;
  /** @default <repo>/environments */
  readonly environmentsDir?: string;
}

/** The doc's text for the estate: environments in promotion order, each with its SecurityBaseline spec (its exceptions). */
export function securityBaselineDoc(options: BaselineDocOptions = {}): string {
  const manifestsDir = options.manifestsDir ?? path.join(REPO_ROOT, 'manifests');
  const envs = loadEnvironments({ environmentsDir: options.environmentsDir ?? path.join(REPO_ROOT, 'environments') });
  const environments = envs.map((env) => env.name);
  const tree = readManifestTree({ kind: 'dir', dir: manifestsDir });
  const estates = envs.map((env) => {
    const name = env.name;
    const objects = tree.get(name);
    if (!objects) throw new Error(`${path.join(manifestsDir, name)}: no manifests for environment ${name}; run npm run synth`);
    return { name, spec: securityBaselineFor(env), objects: objects as unknown as KubeObject[] };
  });
  return renderBaselineDoc(baselineTable(estates), environments);
}

function main(): void {
  const text = securityBaselineDoc();
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(SECURITY_BASELINE_DOC) ? fs.readFileSync(SECURITY_BASELINE_DOC, 'utf8') : '';
    if (current !== text) {
      console.error(`${path.relative(REPO_ROOT, SECURITY_BASELINE_DOC)} is stale: run npx tsx scripts/security-baseline-table.ts`);
      process.exitCode = 1;
    }
    return;
  }
  fs.writeFileSync(SECURITY_BASELINE_DOC, text);
  console.log(`wrote ${path.relative(REPO_ROOT, SECURITY_BASELINE_DOC)}`);
}

if (require.main === module) main();
