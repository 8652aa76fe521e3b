/**
 * The bootstrap as a person runs it against Argo CD: `platform bind` against the cluster, its
 * change committed, Argo CD syncing that commit; again until bind finds nothing more to pin.
 * Shared by the Argo CD suite (which asserts on it) and bench/argocd.ts (which times it).
 */
import { runBind } from '../../../../cli/bind/command';
import { clusterOf } from '../../../../cli/bind/live';
import { kubeConfig } from '../../../support/kube';
import { Application, ArgoApplications, settledAt } from './applications';
import { ServedRepo } from './served-repo';

export interface BindRound {
  readonly round: number;
  /** Key paths bind pinned in this round. */
  readonly written: readonly string[];
  readonly commit: string;
  /** The Application once Synced and Healthy at the round's commit. */
  readonly app: Application;
  /** From the push to Synced and Healthy. */
  readonly syncedMs: number;
}

/** Bind rounds until one writes nothing; throws when bind refuses or more than `maxRounds` write. */
export async function bindUntilDone(options: { repo: ServedRepo; env: string; apps: ArgoApplications; application: string; timeoutMs: number; maxRounds?: number }): Promise<BindRound[]> {
  const { repo, env, apps, application, timeoutMs } = options;
  const rounds: BindRound[] = [];
  for (let round = 1; ; round++) {
    const result = await runBind({ repo: repo.dir, env, cluster: clusterOf(kubeConfig()) });
    if (result.exitCode !== 0) throw new Error(`platform bind round ${round}: ${result.message ?? ''}\n${result.output}`);
    const written = (result.report?.entries ?? []).filter((entry) => entry.state === 'bound').map((entry) => entry.key);
    if (written.length === 0) return rounds;
    if (round > (options.maxRounds ?? 4)) throw new Error(`platform bind still pins values after ${round - 1} rounds: ${written.join(', ')}`);
    const commit = repo.commit(`platform bind --env ${env} (round ${round})`);
    const app = await apps.waitFor(application, `Synced and Healthy at ${commit.slice(0, 8)}`, settledAt(commit), { timeoutMs });
    rounds.push({ round, written, commit, app, syncedMs: Date.now() - repo.pushedAt });
  }
}
