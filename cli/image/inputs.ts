/**
 * What goes into the policy reconciler's image, derived rather than listed: the files esbuild
 * bundled (its metafile, written by `scripts/policy-reconciler bundle`) and what the Dockerfile
 * copies into its build stage. A change to one of them is a new image, so it needs a new tag.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

/** The image's Dockerfile, built from the repository root (its header says how). */
export const RECONCILER_DOCKERFILE = 'controllers/policy-reconciler/Dockerfile';
/** The script that writes the bundle, locally and in the Dockerfile's build stage. */
export const RECONCILER_BUNDLE_SCRIPT = 'scripts/policy-reconciler';

/** One `COPY` of the build context: its sources as written (a folder ends with `/`). */
export interface ContextCopy {
  readonly line: number;
  readonly sources: readonly string[];
}

/** The Dockerfile's COPY instructions that read the build context (not `--from=` a stage). */
export function contextCopies(dockerfile: string): ContextCopy[] {
  return dockerfile.split('\n').flatMap((text, index) => {
    const words = text.trim().split(/\s+/);
    if (words[0]?.toUpperCase() !== 'COPY' || words.some((word) => word.startsWith('--from='))) return [];
    const args = words.slice(1).filter((word) => !word.startsWith('--'));
    return args.length >= 2 ? [{ line: index + 1, sources: args.slice(0, -1) }] : [];
  });
}

/** Whether a repository path is one of the sources or under one of their folders. */
export function coveredBy(file: string, sources: readonly string[]): boolean {
  return sources.some((source) => (source.endsWith('/') ? file.startsWith(source) : file === source));
}

/** The repository's source files esbuild put into the bundle (node_modules apart: the lock file pins them). */
export function bundledSources(repo: string): string[] {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'reconciler-bundle-'));
  try {
    execFileSync(path.join(repo, RECONCILER_BUNDLE_SCRIPT), ['bundle', path.join(out, 'main.js')], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    const meta = JSON.parse(fs.readFileSync(path.join(out, 'main.js.meta.json'), 'utf8')) as { inputs: Record<string, unknown> };
    return Object.keys(meta.inputs).filter((input) => !input.startsWith('node_modules/')).sort();
  } finally {
    fs.rmSync(out, { recursive: true, force: true });
  }
}

/**
 * Every repository file whose change changes the image: the Dockerfile, the files (not folders)
 * its build stage copies (the lock file, the bundle script, tsconfig...), and the bundled sources.
 * A folder the Dockerfile copies whole (policy/) counts only for the files the bundle uses.
 */
export function imageInputs(repo: string): string[] {
  const copies = contextCopies(fs.readFileSync(path.join(repo, RECONCILER_DOCKERFILE), 'utf8'));
  const files = copies.flatMap((copy) => copy.sources).filter((source) => !source.endsWith('/'));
  return [...new Set([RECONCILER_DOCKERFILE, ...files, ...bundledSources(repo)])].sort();
}
