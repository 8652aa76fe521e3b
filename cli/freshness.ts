import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { synthesizeAll } from '../charts/pipeline/pipeline';
import { synthOptions } from '../charts/synth-config';
import { MANIFESTS } from './diff/manifest-tree';

/** Folder of the environment files inside the repository. */
export const ENVIRONMENTS = 'environments';

/**
 * The committed manifest files (`<folder>/<file>`, optionally only some folders) whose bytes
 * differ from a fresh synth of the repository's environments/, or that only one side has.
 * Synthesizes into a temporary folder: the repository is never written.
 */
export function staleManifests(repo: string, folders?: readonly string[]): string[] {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'fresh-synth-'));
  try {
    const fresh = path.join(work, MANIFESTS);
    synthesizeAll(synthOptions({ environmentsDir: path.join(repo, ENVIRONMENTS), manifestsDir: fresh }));
    const committed = path.join(repo, MANIFESTS);
    const names = [...new Set([...listFiles(fresh), ...listFiles(committed)])].sort();
    return names
      .filter((file) => !folders || folders.includes(file.split('/')[0]))
      .filter((file) => readOrUndefined(path.join(fresh, file)) !== readOrUndefined(path.join(committed, file)));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** `<folder>/<path>` of every file below the folders of `dir` (manifests/bootstrap nests one more level). */
function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((file) => file.includes('/'));
}

function readOrUndefined(file: string): string | undefined {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined;
}
