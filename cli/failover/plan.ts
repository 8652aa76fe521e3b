import { criticalDatabases, dbInstanceArn, inDrRegion } from '../../charts/lib/disaster-recovery';
import { databaseWorkloads, dbSubnetGroupName } from '../../charts/lib/data-stores';
import { kmsAliasName } from '../../charts/lib/kms';
import { drDbSubnetGroupName, drWorkloadSizing } from '../../charts/lib/dr-site';
import { EnvironmentConfig } from '../../charts/lib/environment/types';
import { names } from '../../charts/lib/names';

/** One step outside git, with the exact commands. */
export interface Step {
  readonly when: 'before merging' | 'after merging';
  readonly what: string;
  readonly commands: readonly string[];
}

/** What a failover (or failback) of one environment does, from its data. */
export interface FailoverPlan {
  readonly env: string;
  readonly direction: 'failover' | 'failback';
  readonly from: string;
  readonly to: string;
  /** The environment's DR region (aws.drRegion). */
  readonly drRegion: string;
  /** Recovery time objectives, minutes, by tier (environment `recovery`). */
  readonly rtoMinutes: { readonly critical: number; readonly nonCritical: number };
  /** Tasks each DR service runs after the change, by workload. */
  readonly drTasks: Readonly<Record<string, number>>;
  readonly steps: readonly Step[];
}

/**
 * The plan of moving `env`'s traffic to `to`. Failing over, the critical databases' replicas are
 * promoted by hand first (the rds-controller has no promote operation; docs/disaster-recovery.md),
 * with the backup retention the manifest states so that ACK does not change it back. Failing back,
 * the primary region's databases are stale: each is rebuilt from the DR primary before the merge.
 */
export function failoverPlan(env: EnvironmentConfig, to: string): FailoverPlan {
  const direction = to === env.aws.drRegion ? 'failover' : 'failback';
  const failedOver = { ...env, disasterRecovery: { ...env.disasterRecovery, activeRegion: to } };
  return {
    env: env.name,
    direction,
    from: direction === 'failover' ? env.aws.region : env.aws.drRegion,
    to,
    drRegion: env.aws.drRegion,
    rtoMinutes: { critical: env.recovery.critical.rtoMinutes, nonCritical: env.recovery['non-critical'].rtoMinutes },
    drTasks: Object.fromEntries(Object.entries(drWorkloadSizing(failedOver)).map(([workload, sizing]) => [workload, sizing.desiredCount])),
    steps: direction === 'failover' ? failoverSteps(env) : failbackSteps(env),
  };
}

const waitAvailable = (identifier: string, region: string) => `aws rds wait db-instance-available --db-instance-identifier ${identifier} --region ${region}`;
const readOnly = (env: EnvironmentConfig, instance: string, on: boolean) => `kubectl annotate dbinstance ${instance} -n ${env.namespace} services.k8s.aws/read-only${on ? '=true' : '-'}`;

/** After the merge, in either direction: sync now (outside the windows Argo CD waits) and watch. */
function syncStep(env: EnvironmentConfig): Step {
  return {
    when: 'after merging',
    what: `Sync now: outside ${env.name}'s sync windows Argo CD waits, and a manual sync is allowed. Then watch every object synced.`,
    commands: [`argocd app sync ${env.namespace}`, `npx platform status --env ${env.name}`],
  };
}

/** Promote each critical replica first; restore each non-critical database there after the merge. */
function failoverSteps(env: EnvironmentConfig): Step[] {
  const { drRegion } = env.aws;
  const critical = criticalDatabases(env).map(({ database }) => database);
  const nonCritical = databaseWorkloads(env).map(({ database }) => database).filter((database) => !critical.includes(database));
  const promotions = critical.map((database): Step => {
    const replica = names.dr.dbInstance(database);
    return {
      when: 'before merging',
      what: `Promote ${replica} to a standalone primary in ${drRegion} (ACK cannot; the retention is the manifest's, so ACK keeps it).`,
      commands: [`aws rds promote-read-replica --db-instance-identifier ${replica} --backup-retention-period ${env.database.backupRetentionDays} --region ${drRegion}`, waitAvailable(replica, drRegion)],
    };
  });
  const restores = nonCritical.map((database): Step => {
    const instance = names.dbInstance(database);
    const restored = names.dr.dbInstance(database);
    return {
      when: 'after merging',
      what: `${instance} has no replica (non-critical): restore it in ${drRegion} from its automated backups replicated there, within the non-critical RTO, then pin its address as \`disasterRecovery.assigned.endpoints.${restored}\` (the DR zone's DB_HOST record) in a follow-up pull request; its service in ${drRegion} waits on it.`,
      commands: [
        `aws rds restore-db-instance-to-point-in-time --source-db-instance-automated-backups-arn "$(aws rds describe-db-instance-automated-backups --db-instance-identifier ${instance} --region ${drRegion} --query 'DBInstanceAutomatedBackups[0].DBInstanceAutomatedBackupsArn' --output text)" --target-db-instance-identifier ${restored} --use-latest-restorable-time --db-subnet-group-name ${drDbSubnetGroupName(env)} --region ${drRegion}`,
      ],
    };
  });
  return [...promotions, ...restores, syncStep(env)];
}

/**
 * Before the merge, rebuild each stale critical primary from the DR primary under its own name;
 * after it, move the promoted DR instance aside so ACK recreates it as the manifest's replica.
 * Each swap runs while ACK only reads the object (read-only: a missing instance is not recreated).
 */
function failbackSteps(env: EnvironmentConfig): Step[] {
  const { drRegion, region } = env.aws;
  const critical = criticalDatabases(env).map(({ database }) => database);
  const rebuilds = critical.map((database): Step => {
    const instance = names.dbInstance(database);
    const replica = names.dr.dbInstance(database);
    return {
      when: 'before merging',
      what: `${instance} in ${region} is stale: rebuild it from ${replica}, the primary now, and swap it in under its name while ACK only reads it (read-only: a missing instance is not recreated). Writes that reach ${drRegion} after the promotion are not copied back: do it when traffic is lowest. The policy reconciler then reports ${instance} as Recreated (a new resource id), as it should.`,
      commands: [
        readOnly(env, instance, true),
        `aws rds create-db-instance-read-replica --db-instance-identifier ${instance}-failback --source-db-instance-identifier ${dbInstanceArn(inDrRegion(env), replica)} --source-region ${drRegion} --kms-key-id ${kmsAliasName(env, 'rds')} --db-subnet-group-name ${dbSubnetGroupName(env)} --region ${region}`,
        waitAvailable(`${instance}-failback`, region),
        `aws rds modify-db-instance --db-instance-identifier ${instance} --new-db-instance-identifier ${instance}-before-failback --apply-immediately --region ${region}`,
        waitAvailable(`${instance}-before-failback`, region),
        `aws rds promote-read-replica --db-instance-identifier ${instance}-failback --backup-retention-period ${env.database.backupRetentionDays} --region ${region}`,
        waitAvailable(`${instance}-failback`, region),
        `aws rds modify-db-instance --db-instance-identifier ${instance}-failback --new-db-instance-identifier ${instance} --apply-immediately --region ${region}`,
        waitAvailable(instance, region),
        readOnly(env, instance, false),
      ],
    };
  });
  const replicasAgain = critical.map((database): Step => {
    const replica = names.dr.dbInstance(database);
    return {
      when: 'after merging',
      what: `${replica} is still a standalone primary (ACK cannot turn it back into a replica): move it aside while ACK only reads it; released, ACK creates ${replica} again as the replica the manifest describes.`,
      commands: [
        readOnly(env, replica, true),
        `aws rds modify-db-instance --db-instance-identifier ${replica} --new-db-instance-identifier ${replica}-before-failback --apply-immediately --region ${drRegion}`,
        waitAvailable(`${replica}-before-failback`, drRegion),
        readOnly(env, replica, false),
      ],
    };
  });
  return [...rebuilds, syncStep(env), ...replicasAgain];
}
