import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadEnvironments, promotionStages } from '../../charts/lib/environment/load';
import { successorsOf } from '../../charts/lib/environment/promotion';
import { CommandResult } from '../diff/command';
import { MANIFESTS } from '../diff/manifest-tree';
import { tryGit } from '../git';
import { dirtyTreeProblem, propose, refusal, staleManifestsProblem } from '../proposal';
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

const refuse = refusal('promote');
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
  const dirty = dirtyTreeProblem(repo);
  if (dirty) return refuse(dirty);

  const targetText = fs.readFileSync(path.join(repo, versionsPath(to)), 'utf8');
  const promoted = promoteVersions(fs.readFileSync(path.join(repo, versionsPath(from)), 'utf8'), targetText);
  if (promoted.changes.length === 0) return refuse(`nothing differs: ${versionsPath(to)} already has the values of ${versionsPath(from)}`);
  const prereleases = promoted.changes.filter((change) => change.after !== undefined && isPrerelease(change.after));
  if (prereleases.length > 0 && successorsOf(promotionStages(envs), to).length === 0 && !options.allowPrerelease) {
    const listed = prereleases.map((change) => `${change.path.join('.')} ${change.after}`).join(', ');
    return refuse(`pre-release tags would reach ${to}, the last environment (${listed}); pass --allow-prerelease to accept them`);
  }

  // The source's committed manifests must be what its environment files give, or the promotion
  // would carry versions never synthesized and tested there; the target's too, or changes nobody
  // reviewed would ride along under a body that claims only versions changed.
  const stale = staleManifestsProblem(repo, [from, to]);
  if (stale) return refuse(stale);

  const sourceCommit = (tryGit(repo, ['log', '-1', '--format=%h%x09%s', '--', path.posix.join('environments', from), path.posix.join(MANIFESTS, from)]) ?? '').trim();
  const [sourceSha, ...subject] = sourceCommit.split('\t');
  return propose({
    repo,
    env: to,
    envs,
    files: { [path.posix.join(to, 'versions.yaml')]: promoted.text },
    branchPrefix: `promote/${from}-to-${to}`,
    label: `promoted ${to}`, // promotion moves versions only: delivery facts are the repository's
    verb: 'promote',
    allowDestructive: options.allowDestructive,
    prBodyFile: options.prBodyFile,
    describe: (report, head) => {
      const facts: PromotionFacts = {
        from,
        to,
        head,
        sourceCommit: sourceSha || head,
        sourceSubject: subject.join('\t'),
        changes: promoted.changes,
        report,
        windows: target.delivery.syncWindows,
      };
      return { commitMessage: commitMessage(facts), prBody: prBody(facts) };
    },
  });
}
