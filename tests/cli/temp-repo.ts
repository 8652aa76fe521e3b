/**
 * Throwaway git repositories (real git) for the CLI tests: environments/ copied from this
 * repository, manifests/ synthesized from them or written by hand. The CLI runs against them
 * with --repo; the charts, CRDs and node_modules are this repository's.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../../charts/lib/crds-dir';
import { synthesizeAll } from '../../charts/pipeline/pipeline';
import { synthOptions } from '../../charts/synth-config';
import { main } from '../../cli/main';

const temps: string[] = [];

export function git(repo: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** An empty repository on branch main with an identity and .promote/ and .bind/ (PR bodies) ignored. */
export function emptyRepo(prefix = 'platform-repo-'): string {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temps.push(repo);
  git(repo, 'init', '--quiet', '--initial-branch=main');
  git(repo, 'config', 'user.name', 'Test Engineer');
  git(repo, 'config', 'user.email', 'test@mycomputer.com');
  git(repo, 'config', 'commit.gpgsign', 'false');
  fs.writeFileSync(path.join(repo, '.gitignore'), '.promote/\n.bind/\n');
  return repo;
}

/** A repository with this repository's environments/ (edited by `edit`), crds/ and their fresh synth. */
export function synthesizedRepo(edit: (repo: string) => void = () => {}): string {
  const repo = emptyRepo();
  fs.cpSync(path.join(REPO_ROOT, 'environments'), path.join(repo, 'environments'), { recursive: true });
  // The project's own CRDs (TaggingPolicy, BackupPolicy), as in a real clone: diff reads them.
  fs.cpSync(path.join(REPO_ROOT, 'crds'), path.join(repo, 'crds'), { recursive: true });
  edit(repo);
  synthesizeAll(synthOptions({ environmentsDir: path.join(repo, 'environments'), manifestsDir: path.join(repo, 'manifests') }));
  commitAll(repo, 'Estate');
  return repo;
}

/** A clone of `repo` (fast, local), for a test that changes it. */
export function cloneRepo(repo: string): string {
  const clone = fs.mkdtempSync(path.join(os.tmpdir(), 'platform-clone-'));
  temps.push(clone);
  git(os.tmpdir(), 'clone', '--quiet', repo, clone);
  git(clone, 'config', 'user.name', 'Test Engineer');
  git(clone, 'config', 'user.email', 'test@mycomputer.com');
  return clone;
}

export function writeFile(repo: string, file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  fs.writeFileSync(path.join(repo, file), text);
}

export function readFile(repo: string, file: string): string {
  return fs.readFileSync(path.join(repo, file), 'utf8');
}

/** Replaces `from` by `to` in a file, failing the test setup if `from` is not there. */
export function editFile(repo: string, file: string, from: string, to: string): void {
  const text = readFile(repo, file);
  if (!text.includes(from)) throw new Error(`test setup: "${from}" not in ${file}`);
  writeFile(repo, file, text.replace(from, to));
}

export function commitAll(repo: string, message: string): string {
  git(repo, 'add', '--all');
  git(repo, 'commit', '--quiet', '-m', message);
  return git(repo, 'rev-parse', 'HEAD').trim();
}

/** What a run of `platform` printed and its exit code, as a shell sees them. */
export interface PlatformRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a `platform` command line in this process (cli/main.ts, what cli/bin.js runs) against a
 * repository: the same code path without a Node start and a TypeScript load per call, which made
 * these tests most of the suite's time. tests/cli/diff.test.ts runs the real process.
 */
export function platform(cwd: string, ...args: string[]): PlatformRun {
  return platformWithEnv({}, cwd, ...args);
}

/** Like platform(), with extra environment variables (PLATFORM_CRDS_DIR...) set for the call only. */
export function platformWithEnv(env: Record<string, string>, cwd: string, ...args: string[]): PlatformRun {
  const saved = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  Object.assign(process.env, env);
  try {
    const result = main(args, cwd);
    return { status: result.exitCode, stdout: result.output, stderr: result.message ? `${result.message}\n` : '' };
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}

/** Runs `npx platform` as a real process (cli/bin.js): exit codes and streams as the shell gets them. */
export function platformProcess(cwd: string, ...args: string[]): PlatformRun {
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'cli', 'bin.js'), ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export function removeTempRepos(): void {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}
