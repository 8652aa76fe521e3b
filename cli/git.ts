import { execFileSync } from 'node:child_process';

/** A git command that failed, with what git said. */
export class GitError extends Error {}

/**
 * Runs git with an argument array (never a shell line) in `repo` and returns its stdout.
 * Throws GitError with git's own message when it exits non-zero.
 */
export function git(repo: string, args: readonly string[], input?: string): string {
  try {
    return execFileSync('git', [...args], { cwd: repo, encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '').trim();
    throw new GitError(`git ${args.join(' ')} failed${stderr ? `: ${stderr}` : ''}`);
  }
}

/** Like git(), but returns undefined instead of throwing (for questions such as "does this ref exist"). */
export function tryGit(repo: string, args: readonly string[]): string | undefined {
  try {
    return git(repo, args);
  } catch {
    return undefined;
  }
}

/** Root of the work tree that contains `dir`. */
export function repoRoot(dir: string): string {
  return git(dir, ['rev-parse', '--show-toplevel']).trim();
}

/** Paths with uncommitted changes (tracked or untracked, ignored files excepted). */
export function dirtyPaths(repo: string): string[] {
  return git(repo, ['status', '--porcelain', '--untracked-files=all'])
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => line.slice(3));
}

/** The full commit id of a ref. */
export function revParse(repo: string, ref: string): string {
  const commit = tryGit(repo, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])?.trim();
  if (!commit) throw new GitError(`unknown git revision "${ref}"`);
  return commit;
}

/**
 * The default base of a diff: the merge base of HEAD with main (or origin/main when there is
 * no local main, as in a CI checkout).
 */
export function defaultBase(repo: string): string {
  for (const main of ['main', 'origin/main']) {
    const base = tryGit(repo, ['merge-base', main, 'HEAD'])?.trim();
    if (base) return base;
  }
  throw new GitError('no merge base with main or origin/main: pass --base <ref>');
}

/** Creates `branch`, applies `change`, commits `paths`; on failure goes back where it was. */
export function commitOnBranch(repo: string, branch: string, change: () => void, paths: readonly string[], message: string): void {
  const previous = git(repo, ['rev-parse', '--abbrev-ref', 'HEAD']).trim();
  git(repo, ['switch', '--create', branch]);
  try {
    change();
    git(repo, ['add', '--all', '--', ...paths]);
    git(repo, ['commit', '--quiet', '--file', '-'], message);
  } catch (error) {
    tryGit(repo, ['reset', '--hard', '--quiet', 'HEAD']);
    tryGit(repo, ['switch', previous === 'HEAD' ? '-' : previous]);
    tryGit(repo, ['branch', '-D', branch]);
    throw error;
  }
}
