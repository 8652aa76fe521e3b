/**
 * Regenerates imports/ from the CRDs that cdk8s.yaml pins, read from the CRD root of
 * PLATFORM_CRDS_DIR (default ../shared/crds). Runs `cdk8s import` once for every entry.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { CrdsDirError, DEFAULT_CRDS_PREFIX, REPO_ROOT, requireCrdsDir } from '../charts/lib/crds-dir';

interface Cdk8sConfig { readonly imports: readonly string[] }

const config = parse(fs.readFileSync(path.join(REPO_ROOT, 'cdk8s.yaml'), 'utf8')) as Cdk8sConfig;
const root = (() => {
  try {
    return requireCrdsDir();
  } catch (error) {
    if (!(error instanceof CrdsDirError)) throw error;
    console.error(`import failed; imports/ left untouched: ${error.message}`);
    process.exit(1);
  }
})();
const specs = config.imports.map((entry) => {
  const [alias, file] = entry.split(':=');
  if (!file?.startsWith(DEFAULT_CRDS_PREFIX)) {
    throw new Error(`cdk8s.yaml: import "${entry}" must be "<alias>:=${DEFAULT_CRDS_PREFIX}/<path>"`);
  }
  const resolved = path.join(root, file.slice(DEFAULT_CRDS_PREFIX.length));
  if (!fs.existsSync(resolved)) {
    throw new Error(`cdk8s.yaml: import "${alias}" names ${resolved}, which does not exist (PLATFORM_CRDS_DIR=${root})`);
  }
  return `${alias}:=${resolved}`;
});

const outDir = path.join(REPO_ROOT, 'imports');
fs.rmSync(outDir, { recursive: true, force: true });
const cli = path.join(REPO_ROOT, 'node_modules', '.bin', 'cdk8s');
// `cdk8s import` takes one spec per run; --no-save keeps it from rewriting cdk8s.yaml and
// --no-check-upgrade keeps it off the network.
for (const spec of specs) {
  execFileSync(cli, ['import', spec, '--language', 'typescript', '--output', outDir, '--no-save', '--no-check-upgrade'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}
console.log(`imported ${specs.length} CRDs from ${root} into imports/`);
