import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadEnvironments, promotionStages } from '../../charts/lib/environment/load';
import { successorsOf } from '../../charts/lib/environment/promotion';
import { synthesizeAll } from '../../charts/pipeline/pipeline';
import { synthOptions } from '../../charts/synth-config';
import { CommandResult, EXIT_DESTRUCTIVE, immutableFieldsFor } from '../diff/command';
import { environmentFacts } from '../diff/environment-facts';
import { MANIFESTS, readManifestTree } from '../diff/manifest-tree';
import { render } from '../diff/render';
import { diffTrees } from '../diff/resource-diff';
import { staleManifests } from '../freshness';
import { commitOnBranch, dirtyPaths, git, tryGit } from '../git';
import { prBody, commitMessage, PromotionFacts } from './messages';
import { isPrerelease, promoteVersions } from './versions';

export interface PromoteOptions {
  /** Root of the git work tree. */
  readonly repo: string;
  readonly from: string;
  readonly to: string;
  readonly allowDestructive: boolean;
  /**
   * Lets pre-release tags (`2.16.0-rc.1`) reach an environment that nothing is promoted from
   * (production).
   * @default false
   */
  readonly allowPrerelease?: boolean;
  /**
   * Where the pull request body is written.
   * @default <repo>/.promote/PR_BODY.md
   */
  readonly prBodyFile?: string;
}

const refuse = (message: string, exitCode = 1, output = ''): CommandResult => ({ exitCode, output, message: `refusing to promote: ${message}` });
const versionsPath = (env: string) => path.posix.join('environments', env, 'versions.yaml');

/**
 * Copies the version pins of `from` to `to`, re-synthesizes, and commits the result on a new
 * branch `promote/<from>-to-<to>-<short sha>`. Checks everything before it changes anything.
 */
export function runPromote(options: PromoteOptions): CommandResult {
  const { repo, from, to } = options;
  if (from === to) return refuse(`--from and --to are both "${from}"`);
  const envs = loadEnvironments({ environmentsDir: path.join(repo, 'environments') });
  const order = envs.map((env) => env.name);
  for (const env of [from, to]) {
    if (!order.includes(env)) return refuse(`no environment "${env}" (have ${order.join(', ')})`);
  }
  const target = envs.find((env) => env.name === to)!;
  if (target.promotion?.from !== from) {
    const declared = target.promotion ? `only from "${target.promotion.from}"` : 'from no environment';
    return refuse(`${to} is promoted ${declared} (promotion.from in environments/${to}/environment.yaml); the order is ${order.join(' → ')}`);
  }
  const dirty = dirtyPaths(repo);
  if (dirty.length > 0) return refuse(`the working tree has uncommitted changes (${dirty.slice(0, 5).join(', ')}${dirty.length > 5 ? ', ...' : ''}); commit or stash them first`);

  const targetText = fs.readFileSync(path.join(repo, versionsPath(to)), 'utf8');
  const promoted = promoteVersions(fs.readFileSync(path.join(repo, versionsPath(from)), 'utf8'), targetText);
  if (promoted.changes.length === 0) return refuse(`nothing differs: ${versionsPath(to)} already has the values of ${versionsPath(from)}`);
  const prereleases = promoted.changes.filter((change) => change.after !== undefined && isPrerelease(change.after));
  if (prereleases.length > 0 && successorsOf(promotionStages(envs), to).length === 0 && !options.allowPrerelease) {
    const listed = prereleases.map((change) => `${change.path.join('.')} ${change.after}`).join(', ');
    return refuse(`pre-release tags would reach ${to}, the last environment (${listed}); pass --allow-prerelease to accept them`);
  }

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'promote-'));
  try {
    // The source's committed manifests must be what its environment files give, or the promotion
    // would carry versions never synthesized and tested there; the target's too, or changes nobody
    // reviewed would ride along under a body that claims only versions changed.
    const staleFiles = staleManifests(repo, [from, to]);
    for (const env of [from, to]) {
      const stale = staleFiles.filter((file) => file.startsWith(`${env}/`)).map((file) => path.posix.basename(file));
      if (stale.length > 0) return refuse(`${env}'s committed manifests are stale (${stale.slice(0, 5).join(', ')} differ from a fresh synth); run \`npm run synth\` and commit on the main branch first`);
    }

    const environments = path.join(work, 'promoted', 'environments');
    const manifests = path.join(work, 'promoted', MANIFESTS);
    fs.cpSync(path.join(repo, 'environments'), environments, { recursive: true });
    fs.writeFileSync(path.join(environments, to, 'versions.yaml'), promoted.text);
    synthesizeAll(synthOptions({ environmentsDir: environments, manifestsDir: manifests }));

    const head = git(repo, ['rev-parse', 'HEAD']).trim();
    const short = git(repo, ['rev-parse', '--short', head]).trim();
    const report = diffTrees(short, `promoted ${to}`, readManifestTree({ kind: 'git', repo, ref: head }), readManifestTree({ kind: 'dir', dir: manifests }), immutableFieldsFor(repo), [to], environmentFacts(envs), order); // promotion moves versions only: delivery facts are the repository's
    if (report.destructive && !options.allowDestructive) {
      return refuse(`the promotion is DESTRUCTIVE for ${to} (it removes or replaces resources that hold data); pass --allow-destructive to accept it`, EXIT_DESTRUCTIVE, render(report, 'text'));
    }

    const branch = `promote/${from}-to-${to}-${short}`;
    if (tryGit(repo, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`])) return refuse(`branch ${branch} already exists`);
    const sourceCommit = (tryGit(repo, ['log', '-1', '--format=%h%x09%s', '--', path.posix.join('environments', from), path.posix.join(MANIFESTS, from)]) ?? '').trim();
    const [sourceSha, ...subject] = sourceCommit.split('\t');
    const facts: PromotionFacts = {
      from,
      to,
      head: short,
      sourceCommit: sourceSha || short,
      sourceSubject: subject.join('\t'),
      changes: promoted.changes,
      report,
      windows: target.delivery.syncWindows,
    };

    commitOnBranch(repo, branch, () => {
      fs.writeFileSync(path.join(repo, versionsPath(to)), promoted.text);
      fs.rmSync(path.join(repo, MANIFESTS, to), { recursive: true, force: true });
      fs.cpSync(path.join(manifests, to), path.join(repo, MANIFESTS, to), { recursive: true });
    }, [versionsPath(to), path.posix.join(MANIFESTS, to)], commitMessage(facts));

    const body = prBody(facts);
    const bodyFile = options.prBodyFile ?? path.join(repo, '.promote', 'PR_BODY.md');
    fs.mkdirSync(path.dirname(bodyFile), { recursive: true });
    fs.writeFileSync(bodyFile, body);
    return { exitCode: 0, output: body, message: `created branch ${branch} with one commit; pull request body written to ${path.relative(repo, bodyFile) || bodyFile}\npush it: git push -u origin ${branch}` };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
