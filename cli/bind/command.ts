/**
 * `platform bind --env <env> [--pr] [--prefer live|git] [--kubeconfig <file>] [--format text|json] [--repo <dir>]`:
 * pins in environments/<env>/environment.yaml every value of its `assigned` blocks that the live
 * cluster has (charts/lib/assigned.ts says where each is read), checked as at load, keeping the
 * file's comments and order. Nothing is written when the cluster is not the environment's, an
 * object is terminal, a value fails the load checks, or a pinned value differs from the live one
 * without --prefer. Exit codes: 0 done (or nothing to do), 1 refused, 2 conflict.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { bindingsOf, showValue } from '../../charts/lib/assigned';
import { setYamlValues } from '../../charts/lib/environment/edit-yaml';
import { EnvironmentError } from '../../charts/lib/environment/errors';
import { loadEnvironments } from '../../charts/lib/environment/load';
import { synthesizeAll } from '../../charts/pipeline/pipeline';
import { synthOptions } from '../../charts/synth-config';
import { waitingObjects } from '../../charts/waiting';
import { CommandResult, immutableFieldsFor } from '../diff/command';
import { environmentFacts } from '../diff/environment-facts';
import { MANIFESTS, readManifestTree } from '../diff/manifest-tree';
import { diffTrees } from '../diff/resource-diff';
import { ENVIRONMENTS, staleManifests } from '../freshness';
import { commitOnBranch, dirtyPaths, git, tryGit } from '../git';
import { BindCluster } from './live';
import { BindPlan, planBind, Prefer } from './plan';
import { BindRefusal, checkCluster, readLiveValues } from './read';
import { bindCommitMessage, bindPrBody, BindReport, bindText, nextRound } from './render';

export interface BindOptions {
  /** Root of the git work tree. */
  readonly repo: string;
  readonly env: string;
  readonly cluster: BindCluster;
  /** Which side wins a conflict. @default none: a conflict refuses */
  readonly prefer?: Prefer;
  /** Commit on a new branch with a pull-request body, as promote does. @default false */
  readonly pr?: boolean;
  /** @default <repo>/.bind/PR_BODY.md */
  readonly prBodyFile?: string;
  /** @default 'text' */
  readonly format?: 'text' | 'json';
}

/** Exit code of an unresolved conflict between a pinned value and the live one. */
export const EXIT_CONFLICT = 2;

export interface BindResult extends CommandResult {
  /** What was found, also when nothing was written (undefined when refused before reading). */
  readonly report?: BindReport;
}

const refuse = (message: string, report?: BindReport, exitCode = 1): BindResult => ({ exitCode, output: '', message: `refusing to bind: ${message}`, report });

export async function runBind(options: BindOptions): Promise<BindResult> {
  const { repo, env: name } = options;
  const file = path.posix.join(ENVIRONMENTS, name, 'environment.yaml');
  if (options.pr) {
    const dirty = dirtyPaths(repo);
    if (dirty.length > 0) return refuse(`--pr needs a clean working tree; uncommitted: ${dirty.slice(0, 5).join(', ')}${dirty.length > 5 ? ', ...' : ''}`);
  }
  const envs = loadEnvironments({ environmentsDir: path.join(repo, ENVIRONMENTS), displayRoot: repo });
  const env = envs.find((candidate) => candidate.name === name);
  if (!env) return refuse(`no environment "${name}" (have ${envs.map((e) => e.name).join(', ')})`);
  const { cluster } = options;
  try {
    await checkCluster(env, file, cluster);
    const values = await readLiveValues(env, bindingsOf(env), waitingObjects(env), cluster);
    const text = fs.readFileSync(path.join(repo, file), 'utf8');
    const committed = tryGit(repo, ['show', `HEAD:${file}`]);
    const plan = planBind(values, parse(text), committed === undefined ? undefined : parse(committed), options.prefer);
    const report: BindReport = { environment: name, namespace: env.namespace, accountId: env.aws.accountId, server: cluster.server, file, entries: plan.entries, changedAgainstGit: plan.changedAgainstGit };
    const shown = options.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : bindText(report);
    if (plan.conflicts.length > 0) {
      const keys = plan.conflicts.map((c) => c.key).join(', ');
      return { ...refuse(`${keys}: the pinned value differs from the live one; ${file} untouched. Pass --prefer live to pin what the cluster has, or --prefer git to keep the file's`, report, EXIT_CONFLICT), output: shown };
    }
    if (plan.writes.length === 0) {
      const waiting = plan.entries.filter((e) => e.state === 'waiting').length;
      return { exitCode: 0, output: shown, report, message: `nothing to change in ${file}: every value the cluster has is already pinned${waiting > 0 ? ` (${waiting} not available yet)` : ''}` };
    }
    const updated = setYamlValues(text, plan.writes.map(({ path: keyPath, value }) => ({ path: keyPath, value: typeof value === 'string' ? value : { name: value.name, value: value.value } })));
    checkAtLoad(repo, file, updated);
    if (options.pr) return { ...openPullRequest(options, report, plan, updated), output: shown };
    fs.writeFileSync(path.join(repo, file), updated);
    return { exitCode: 0, output: shown, report, message: writtenMessage(file, plan) };
  } catch (error) {
    if (error instanceof BindRefusal) return refuse(`${error.message}; ${file} untouched`);
    if (error instanceof EnvironmentError) return refuse(`a live value fails the checks at load: ${error.message}; ${file} untouched`);
    throw error;
  }
}

function writtenMessage(file: string, plan: BindPlan): string {
  const next = nextRound(plan);
  return [
    `wrote ${plan.writes.length} value${plan.writes.length === 1 ? '' : 's'} to ${file}; next: npm run synth, commit, sync`,
    ...(next.length > 0 ? [`then bind again: ${next.join(', ')} wait on values written now`] : []),
  ].join('\n');
}

/** Loads every environment with the new file in place of the old one, in a copy: the repository is not touched. */
function checkAtLoad(repo: string, file: string, updated: string): void {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bind-check-'));
  try {
    fs.cpSync(path.join(repo, ENVIRONMENTS), path.join(work, ENVIRONMENTS), { recursive: true });
    fs.writeFileSync(path.join(work, file), updated);
    loadEnvironments({ environmentsDir: path.join(work, ENVIRONMENTS), displayRoot: work });
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** Re-synthesizes, commits file and manifests on `bind/<env>-<short sha>`, writes the PR body. */
function openPullRequest(options: BindOptions, report: BindReport, plan: BindPlan, updated: string): BindResult {
  const { repo, env } = options;
  const stale = staleManifests(repo, [env]);
  if (stale.length > 0) return refuse(`${env}'s committed manifests are stale (${stale.slice(0, 5).join(', ')} differ from a fresh synth); run \`npm run synth\` and commit first`, report);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bind-'));
  try {
    const environments = path.join(work, ENVIRONMENTS);
    const manifests = path.join(work, MANIFESTS);
    fs.cpSync(path.join(repo, ENVIRONMENTS), environments, { recursive: true });
    fs.writeFileSync(path.join(work, report.file), updated);
    synthesizeAll(synthOptions({ environmentsDir: environments, manifestsDir: manifests }));
    const head = git(repo, ['rev-parse', 'HEAD']).trim();
    const short = git(repo, ['rev-parse', '--short', head]).trim();
    const envs = loadEnvironments({ environmentsDir: environments });
    const diff = diffTrees(short, `bound ${env}`, readManifestTree({ kind: 'git', repo, ref: head }), readManifestTree({ kind: 'dir', dir: manifests }), immutableFieldsFor(repo), [env], environmentFacts(envs), envs.map((e) => e.name));
    const branch = `bind/${env}-${short}`;
    if (tryGit(repo, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`])) return refuse(`branch ${branch} already exists`, report);
    commitOnBranch(repo, branch, () => {
      fs.writeFileSync(path.join(repo, report.file), updated);
      fs.rmSync(path.join(repo, MANIFESTS, env), { recursive: true, force: true });
      fs.cpSync(path.join(manifests, env), path.join(repo, MANIFESTS, env), { recursive: true });
    }, [report.file, path.posix.join(MANIFESTS, env)], bindCommitMessage(report, plan));
    const body = bindPrBody(report, plan, diff);
    const bodyFile = options.prBodyFile ?? path.join(repo, '.bind', 'PR_BODY.md');
    fs.mkdirSync(path.dirname(bodyFile), { recursive: true });
    fs.writeFileSync(bodyFile, body);
    const written = plan.entries.filter((e) => e.state === 'bound' || e.state === 'replaced').map((e) => `${e.key}=${showValue(e.live!)}`);
    return { exitCode: 0, output: body, report, message: `created branch ${branch} with one commit (${written.length} values); pull request body written to ${path.relative(repo, bodyFile) || bodyFile}\npush it: git push -u origin ${branch}` };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
