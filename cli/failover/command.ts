import * as fs from 'node:fs';
import * as path from 'node:path';
import { setYamlValues } from '../../charts/lib/environment/edit-yaml';
import { loadEnvironments } from '../../charts/lib/environment/load';
import { CommandResult } from '../diff/command';
import { dirtyTreeProblem, propose, refusal, staleManifestsProblem } from '../proposal';
import { failoverPlan } from './plan';
import { commitMessage, prBody } from './messages';

export interface FailoverOptions {
  /** Root of the git work tree. */
  readonly repo: string;
  readonly env: string;
  /** The region that takes the traffic: the environment's aws.drRegion (fail over) or aws.region (fail back). */
  readonly to: string;
  readonly allowDestructive: boolean;
  /**
   * Where the pull request body is written.
   * @default <repo>/.promote/PR_BODY.md
   */
  readonly prBodyFile?: string;
}

const refuse = refusal('fail over');

/**
 * Writes `disasterRecovery.activeRegion: <to>` into the environment's file (everything a regional
 * failure needs follows from it in the charts: the weights, the DR services at full size, the
 * replicas described as promoted), synthesizes, diffs and commits it on a branch like promote,
 * with the RTO budget and the steps outside git in the pull request body (docs/disaster-recovery.md).
 */
export function runFailover(options: FailoverOptions): CommandResult {
  const { repo, to } = options;
  const envs = loadEnvironments({ environmentsDir: path.join(repo, 'environments') });
  const env = envs.find((e) => e.name === options.env);
  if (!env) return refuse(`no environment "${options.env}" (have ${envs.map((e) => e.name).join(', ')})`);
  const file = path.posix.join(env.name, 'environment.yaml');
  if (!env.disasterRecovery.enabled) return refuse(`${env.name} runs no DR (disasterRecovery.enabled is false in environments/${file})`);
  const { region, drRegion } = env.aws;
  if (to !== region && to !== drRegion) return refuse(`--to must be ${env.name}'s aws.region ${region} (fail back) or aws.drRegion ${drRegion} (fail over), got "${to}"`);
  const active = env.disasterRecovery.activeRegion ?? region;
  if (active === to) return refuse(`${env.name}'s traffic is already in ${to} (disasterRecovery.activeRegion in environments/${file})`);
  const dirty = dirtyTreeProblem(repo);
  if (dirty) return refuse(dirty);
  // The committed manifests must be what the files give: the diff below must show the failover only.
  const stale = staleManifestsProblem(repo, [env.name]);
  if (stale) return refuse(stale);

  const text = setYamlValues(fs.readFileSync(path.join(repo, 'environments', file), 'utf8'), [{ path: ['disasterRecovery', 'activeRegion'], value: to }]);
  const plan = failoverPlan(env, to);
  return propose({
    repo,
    env: env.name,
    envs,
    files: { [file]: text },
    branchPrefix: `${plan.direction}/${env.name}-to-${to}`,
    label: `${env.name} active in ${to}`,
    verb: 'fail over',
    allowDestructive: options.allowDestructive,
    prBodyFile: options.prBodyFile,
    describe: (report, head) => ({ commitMessage: commitMessage(plan, report), prBody: prBody(plan, report, head) }),
  });
}
