import * as path from 'node:path';
import { crdsDir } from '../../charts/lib/crds-dir';
import { UsageError } from '../errors';
import { defaultBase, git, revParse } from '../git';
import { environmentFactsIn } from './environment-facts';
import { ImmutableFields } from './immutable-fields';
import { MANIFESTS, readManifestTree } from './manifest-tree';
import { Colours, DESTRUCTIVE_MEANS, Format, NO_COLOURS, render } from './render';
import { DiffReport, diffTrees } from './resource-diff';

/** Exit code of a destructive diff (or promotion) without --allow-destructive. */
export const EXIT_DESTRUCTIVE = 2;

export interface DiffOptions {
  /** Root of the git work tree. */
  readonly repo: string;
  /**
   * Revision to compare the working tree with.
   * @default the merge base of HEAD with main
   */
  readonly base?: string;
  /**
   * Manifest folders to compare.
   * @default every folder of manifests/
   */
  readonly environments?: readonly string[];
  readonly format: Format;
  readonly allowDestructive: boolean;
  readonly colours?: Colours;
}

export interface CommandResult {
  readonly exitCode: number;
  /** What the command prints on stdout. */
  readonly output: string;
  /** What it prints on stderr (reasons for refusing or failing). */
  readonly message?: string;
}

/** CRD roots read for immutability: the upstream CRDs and the repository's own. */
export function crdRootsFor(repo: string): string[] {
  return [crdsDir(), path.join(repo, 'crds')];
}

const immutableCache = new Map<string, ImmutableFields>();

/** The immutability rules of the CRDs a repository is checked against (read once per process). */
export function immutableFieldsFor(repo: string): ImmutableFields {
  const roots = crdRootsFor(repo);
  const key = roots.join('\0');
  let fields = immutableCache.get(key);
  if (!fields) immutableCache.set(key, (fields = new ImmutableFields(roots)));
  return fields;
}

/** Compares manifests/ at `base` with the working tree. */
export function computeDiff(options: Pick<DiffOptions, 'repo' | 'base' | 'environments'>, immutable = immutableFieldsFor(options.repo)): DiffReport {
  const base = options.base ? revParse(options.repo, options.base) : defaultBase(options.repo);
  const shortBase = git(options.repo, ['rev-parse', '--short', base]).trim();
  const before = readManifestTree({ kind: 'git', repo: options.repo, ref: base });
  const after = readManifestTree({ kind: 'dir', dir: path.join(options.repo, MANIFESTS) });
  const known = [...new Set([...before.keys(), ...after.keys()])].sort();
  const unknown = (options.environments ?? []).filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    throw new UsageError(`no environment ${unknown.map((name) => `"${name}"`).join(', ')} in ${MANIFESTS}/ at ${shortBase} or in the working tree; known: ${known.join(', ') || 'none'}`);
  }
  return diffTrees(shortBase, 'working tree', before, after, immutable, options.environments, environmentFactsIn(options.repo));
}

export function runDiff(options: DiffOptions): CommandResult {
  const report = computeDiff(options);
  const output = render(report, options.format, options.format === 'text' ? options.colours ?? NO_COLOURS : NO_COLOURS);
  if (report.destructive && !options.allowDestructive) {
    return { exitCode: EXIT_DESTRUCTIVE, output, message: `refusing: the diff is DESTRUCTIVE (${DESTRUCTIVE_MEANS}); pass --allow-destructive to accept it` };
  }
  return { exitCode: 0, output };
}
