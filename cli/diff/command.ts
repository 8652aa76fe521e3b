import * as fs from 'node:fs';
import * as path from 'node:path';
import { CrdsDirError, requireCrdsDir } from '../../charts/lib/crds-dir';
import { loadEnvironments } from '../../charts/lib/environment/load';
import { EnvironmentConfig } from '../../charts/lib/environment/types';
import { waitingObjects } from '../../charts/waiting';
import { BUILT_IN_API_VERSIONS } from '../../charts/pipeline/validation/manifest-validator';
import { UsageError } from '../errors';
import { ENVIRONMENTS, staleManifests } from '../freshness';
import { defaultBase, git, revParse } from '../git';
import { environmentFacts } from './environment-facts';
import { ImmutableFields } from './immutable-fields';
import { MANIFESTS, ManifestTree, readManifestTree } from './manifest-tree';
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
  /**
   * Fail (instead of warning) when the committed manifests differ from a fresh synth.
   * @default false
   */
  readonly requireFresh?: boolean;
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
  return [requireCrdsDir(), path.join(repo, 'crds')];
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
  requireCrdsFor([before, after], immutable, crdRootsFor(options.repo));
  // Loaded once: the facts of each environment and their promotion order.
  const envs = environmentsOf(options.repo);
  return withWaiting(diffTrees(shortBase, 'working tree', before, after, immutable, options.environments, environmentFacts(envs), envs.map((env) => env.name)), envs);
}

/** Each environment's objects left out of its manifests until a value AWS assigns is bound. */
function withWaiting(report: DiffReport, envs: readonly EnvironmentConfig[]): DiffReport {
  return {
    ...report,
    environments: report.environments.map((diff) => {
      const env = envs.find((candidate) => candidate.name === diff.environment);
      const waiting = env ? waitingObjects(env) : [];
      return waiting.length > 0 ? { ...diff, waiting } : diff;
    }),
  };
}

/** The repository's environments in promotion order (none when it has no environments/). */
function environmentsOf(repo: string): EnvironmentConfig[] {
  const dir = path.join(repo, ENVIRONMENTS);
  return fs.existsSync(dir) ? loadEnvironments({ environmentsDir: dir, displayRoot: repo }) : [];
}

/**
 * Refuses a diff that would read a custom kind without its CRD: replacements of that kind
 * would silently show as plain changes.
 */
export function requireCrdsFor(trees: readonly ManifestTree[], immutable: ImmutableFields, roots: readonly string[]): void {
  const missing = new Set<string>();
  for (const object of trees.flatMap((tree) => [...tree.values()].flat())) {
    if (!BUILT_IN_API_VERSIONS.includes(object.apiVersion) && !immutable.knows(object.apiVersion, object.kind)) missing.add(`${object.apiVersion}/${object.kind}`);
  }
  if (missing.size === 0) return;
  const kinds = [...missing].sort();
  throw new CrdsDirError(`no CRD for ${kinds.slice(0, 3).join(', ')}${kinds.length > 3 ? ` and ${kinds.length - 3} more kinds` : ''} under ${roots.join(' or ')}; set PLATFORM_CRDS_DIR to the upstream CRDs (scripts/fetch-crds <dir> fetches them)`);
}

export function runDiff(options: DiffOptions): CommandResult {
  const report = computeDiff(options);
  const output = render(report, options.format, options.format === 'text' ? options.colours ?? NO_COLOURS : NO_COLOURS);
  const stale = freshnessProblem(options.repo, report.environments.map((e) => e.environment));
  if (stale && options.requireFresh) return { exitCode: 1, output, message: `refusing: ${stale}` };
  const warning = stale ? [`warning: ${stale}`] : [];
  if (report.destructive && !options.allowDestructive) {
    return { exitCode: EXIT_DESTRUCTIVE, output, message: [...warning, `refusing: the diff is DESTRUCTIVE (${DESTRUCTIVE_MEANS}); pass --allow-destructive to accept it`].join('\n') };
  }
  return { exitCode: 0, output, ...(stale ? { message: warning[0] } : {}) };
}

/**
 * Why the diff may not show what the environment files say: the committed manifests differ from
 * a fresh synth (an edit without `npm run synth`), or there are no environment files to check.
 */
function freshnessProblem(repo: string, folders: readonly string[]): string | undefined {
  if (!fs.existsSync(path.join(repo, ENVIRONMENTS))) return `cannot check that ${MANIFESTS}/ is fresh: ${repo} has no ${ENVIRONMENTS}/ folder`;
  const stale = staleManifests(repo, folders);
  if (stale.length === 0) return undefined;
  const listed = `${stale.slice(0, 5).join(', ')}${stale.length > 5 ? ` and ${stale.length - 5} more` : ''}`;
  return `${MANIFESTS}/ is stale: ${listed} differ from a fresh synth of ${ENVIRONMENTS}/ (this diff shows the committed manifests); run \`npm run synth\``;
}
