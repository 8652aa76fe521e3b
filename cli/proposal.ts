import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { synthesizeAll } from '../charts/pipeline/pipeline';
import { synthOptions } from '../charts/synth-config';
import { CommandResult, EXIT_DESTRUCTIVE, immutableFieldsFor } from './diff/command';
import { environmentFacts } from './diff/environment-facts';
import { MANIFESTS, readManifestTree } from './diff/manifest-tree';
import { render } from './diff/render';
import { DiffReport, diffTrees } from './diff/resource-diff';
import { EnvironmentConfig } from '../charts/lib/environment/types';
import { ENVIRONMENTS, staleManifests } from './freshness';
import { commitOnBranch, dirtyPaths, git, tryGit } from './git';

/**
 * A change to environments/ proposed as a pull request, the way every change reaches an
 * environment (promote, failover): written into a copy first, synthesized, diffed against HEAD,
 * refused when destructive unless allowed, then committed with its manifests on a new branch,
 * with the pull request body written beside.
 */
export interface Proposal {
  /** Root of the git work tree. */
  readonly repo: string;
  /** The environment whose manifests change (the only folder the commit takes). */
  readonly env: string;
  /** Every environment, as loaded (the diff reads their delivery facts and order). */
  readonly envs: readonly EnvironmentConfig[];
  /** New text of files under environments/, by their path relative to it (`production/environment.yaml`). */
  readonly files: Readonly<Record<string, string>>;
  /** Branch name without the short commit id: `promote/staging-to-production`. */
  readonly branchPrefix: string;
  /** How the diff names the proposed side: `promoted production`. */
  readonly label: string;
  /** What is refused (`promote`), for messages: "refusing to promote: ...". */
  readonly verb: string;
  readonly allowDestructive: boolean;
  /** The commit message and the pull request body, from the diff and the commit cut from. */
  readonly describe: (report: DiffReport, head: string) => { readonly commitMessage: string; readonly prBody: string };
  /**
   * Where the pull request body is written.
   * @default <repo>/.promote/PR_BODY.md
   */
  readonly prBodyFile?: string;
}

export const refusal = (verb: string) => (message: string, exitCode = 1, output = ''): CommandResult => ({ exitCode, output, message: `refusing to ${verb}: ${message}` });

/** The uncommitted changes that make a proposal refuse, as one message (undefined when clean). */
export function dirtyTreeProblem(repo: string): string | undefined {
  const dirty = dirtyPaths(repo);
  return dirty.length === 0 ? undefined : `the working tree has uncommitted changes (${dirty.slice(0, 5).join(', ')}${dirty.length > 5 ? ', ...' : ''}); commit or stash them first`;
}

/**
 * The first of `folders` whose committed manifests differ from a fresh synth, as one message
 * (undefined when all are fresh): a proposal's diff must show its own change only.
 */
export function staleManifestsProblem(repo: string, folders: readonly string[]): string | undefined {
  const staleFiles = staleManifests(repo, folders);
  for (const folder of folders) {
    const stale = staleFiles.filter((file) => file.startsWith(`${folder}/`)).map((file) => path.posix.basename(file));
    if (stale.length > 0) return `${folder}'s committed manifests are stale (${stale.slice(0, 5).join(', ')} differ from a fresh synth); run \`npm run synth\` and commit on the main branch first`;
  }
  return undefined;
}

export function propose(proposal: Proposal): CommandResult {
  const { repo, env } = proposal;
  const refuse = refusal(proposal.verb);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'proposal-'));
  try {
    const environments = path.join(work, 'proposed', ENVIRONMENTS);
    const manifests = path.join(work, 'proposed', MANIFESTS);
    fs.cpSync(path.join(repo, ENVIRONMENTS), environments, { recursive: true });
    for (const [file, text] of Object.entries(proposal.files)) fs.writeFileSync(path.join(environments, file), text);
    synthesizeAll(synthOptions({ environmentsDir: environments, manifestsDir: manifests }));

    const head = git(repo, ['rev-parse', 'HEAD']).trim();
    const short = git(repo, ['rev-parse', '--short', head]).trim();
    const order = proposal.envs.map((e) => e.name);
    const report = diffTrees(short, proposal.label, readManifestTree({ kind: 'git', repo, ref: head }), readManifestTree({ kind: 'dir', dir: manifests }), immutableFieldsFor(repo), [env], environmentFacts(proposal.envs), order);
    if (report.destructive && !proposal.allowDestructive) {
      return refuse(`the change is DESTRUCTIVE for ${env} (it removes or replaces resources that hold data); pass --allow-destructive to accept it`, EXIT_DESTRUCTIVE, render(report, 'text'));
    }
    const branch = `${proposal.branchPrefix}-${short}`;
    if (tryGit(repo, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`])) return refuse(`branch ${branch} already exists`);

    const { commitMessage, prBody } = proposal.describe(report, short);
    const paths = [...Object.keys(proposal.files).map((file) => path.posix.join(ENVIRONMENTS, file)), path.posix.join(MANIFESTS, env)];
    commitOnBranch(repo, branch, () => {
      for (const [file, text] of Object.entries(proposal.files)) fs.writeFileSync(path.join(repo, ENVIRONMENTS, file), text);
      fs.rmSync(path.join(repo, MANIFESTS, env), { recursive: true, force: true });
      fs.cpSync(path.join(manifests, env), path.join(repo, MANIFESTS, env), { recursive: true });
    }, paths, commitMessage);

    const bodyFile = proposal.prBodyFile ?? path.join(repo, '.promote', 'PR_BODY.md');
    fs.mkdirSync(path.dirname(bodyFile), { recursive: true });
    fs.writeFileSync(bodyFile, prBody);
    return { exitCode: 0, output: prBody, message: `created branch ${branch} with one commit; pull request body written to ${path.relative(repo, bodyFile) || bodyFile}\npush it: git push -u origin ${branch}` };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
