import * as fs from 'node:fs';
import * as path from 'node:path';

/** Root of the repository (this file lives in charts/lib). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** The CRD root that `cdk8s.yaml` names in its import paths. */
export const DEFAULT_CRDS_PREFIX = '../shared/crds';

/**
 * The one setting that says where the upstream CRDs live.
 *
 * @default `../shared/crds` next to the repository, overridden by PLATFORM_CRDS_DIR.
 */
export function crdsDir(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.PLATFORM_CRDS_DIR;
  return configured ? path.resolve(configured) : path.resolve(REPO_ROOT, DEFAULT_CRDS_PREFIX);
}

/** The CRD folder is missing or holds no CRD: every command that needs the CRDs refuses. */
export class CrdsDirError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CrdsDirError';
  }
}

/**
 * crdsDir(), checked: it exists and holds at least one CustomResourceDefinition. Every command
 * that needs the CRDs (synth, diff, promote, import) goes through this, so that schema
 * validation and replacement detection never pass silently for want of them.
 */
export function requireCrdsDir(env: NodeJS.ProcessEnv = process.env): string {
  const dir = crdsDir(env);
  const setting = env.PLATFORM_CRDS_DIR ? `PLATFORM_CRDS_DIR=${env.PLATFORM_CRDS_DIR}` : `the default ${DEFAULT_CRDS_PREFIX}`;
  const fix = 'set PLATFORM_CRDS_DIR to the upstream CRDs (scripts/fetch-crds <dir> fetches them)';
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new CrdsDirError(`CRD folder ${dir} (${setting}) does not exist; ${fix}`);
  if (!holdsCrd(dir, 4)) throw new CrdsDirError(`CRD folder ${dir} (${setting}) holds no CustomResourceDefinition; ${fix}`);
  return dir;
}

/** Whether a YAML file at most `depth` folders below `dir` declares a CRD (stops at the first). */
function holdsCrd(dir: string, depth: number): boolean {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return false; // unreadable: holds nothing we can use
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isFile() && /\.ya?ml$/.test(entry.name) && /^kind:\s*CustomResourceDefinition\s*$/m.test(readOrEmpty(full))) return true;
  }
  return depth > 0 && entries.some((entry) => entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules' && holdsCrd(path.join(dir, entry.name), depth - 1));
}

function readOrEmpty(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
