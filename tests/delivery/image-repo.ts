/** A clone of this repository's HEAD with its node_modules linked in, for tests that change files and diff them. */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll } from 'vitest';
import { REPO_ROOT } from '../../charts/lib/crds-dir';
import { git } from '../cli/temp-repo';

const clones: string[] = [];
afterAll(() => clones.forEach((clone) => fs.rmSync(clone, { recursive: true, force: true })));

export function cloneOfHead(): string {
  const clone = fs.mkdtempSync(path.join(os.tmpdir(), 'platform-image-'));
  clones.push(clone);
  git(os.tmpdir(), 'clone', '--quiet', '--local', '--no-hardlinks', REPO_ROOT, clone);
  fs.symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(clone, 'node_modules'));
  return clone;
}
