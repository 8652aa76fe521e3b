/**
 * The seed's recovery objectives, made visible on the objects of each workload: its tier as a
 * label (selectable: `-l platform.mycomputer.com/tier=critical`), RPO and RTO in minutes as
 * annotations, read by the backup policy and by people during an incident.
 */
import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { RPO_ANNOTATION, RTO_ANNOTATION, TIER_LABEL } from '../../policy/annotations';
import { Tier } from '../../policy/backup';
import { EnvironmentConfig, RecoveryObjective } from './environment/types';

type RecoveryEnv = Pick<EnvironmentConfig, 'recovery' | 'workloads'>;

export interface RecoveryMetadata {
  readonly tier: Tier;
  readonly objective: RecoveryObjective;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
}

/** Tier (environment `workloads.<w>.tier`) and objectives (`recovery.<tier>`) of a workload. */
export function recoveryMetadata(env: RecoveryEnv, workload: string): RecoveryMetadata {
  const sizing = env.workloads[workload];
  if (!sizing) throw new Error(`recoveryMetadata: no workload "${workload}" in the environment's workloads (have ${Object.keys(env.workloads).join(', ')})`);
  const objective = env.recovery[sizing.tier];
  if (!objective) throw new Error(`recoveryMetadata: no recovery objective for tier "${sizing.tier}" of workload "${workload}"`);
  return {
    tier: sizing.tier,
    objective,
    labels: { [TIER_LABEL]: sizing.tier },
    annotations: { [RPO_ANNOTATION]: String(objective.rpoMinutes), [RTO_ANNOTATION]: String(objective.rtoMinutes) },
  };
}

/** Puts a workload's recovery label and annotations on every API object under `scope`. */
export function markRecovery(scope: Construct, env: RecoveryEnv, workload: string): void {
  const { labels, annotations } = recoveryMetadata(env, workload);
  for (const object of scope.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject)) {
    Object.entries(labels).forEach(([key, value]) => object.metadata.addLabel(key, value));
    Object.entries(annotations).forEach(([key, value]) => object.metadata.addAnnotation(key, value));
  }
}
