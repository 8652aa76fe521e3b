import { criticalDatabases } from '../../charts/lib/disaster-recovery';
import { databaseWorkloads } from '../../charts/lib/data-stores';
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
  const from = direction === 'failover' ? env.aws.region : env.aws.drRegion;
  const failedOver = { ...env, disasterRecovery: { ...env.disasterRecovery, activeRegion: to } };
  const drTasks = Object.fromEntries(Object.entries(drWorkloadSizing(failedOver)).map(([workload, sizing]) => [workload, sizing.desiredCount]));
  const { drRegion, region, accountId } = env.aws;
  const application = env.namespace;
  const critical = criticalDatabases(env).map(({ database }) => database);
  const nonCritical = databaseWorkloads(env).map(({ database }) => database).filter((database) => !critical.includes(database));
  const retention = env.database.backupRetentionDays;
  const sync: Step = {
    when: 'after merging',
    what: `Sync now: outside ${env.name}'s sync windows Argo CD waits, and a manual sync is allowed. Then watch every object synced.`,
    commands: [`argocd app sync ${application}`, `npx platform status --env ${env.name}`],
  };
  const steps: Step[] =
    direction === 'failover'
      ? [
          ...critical.map((database): Step => {
            const replica = names.dr.dbInstance(database);
            return {
              when: 'before merging',
              what: `Promote ${replica} to a standalone primary in ${drRegion} (ACK cannot; the retention is the manifest's, so ACK keeps it).`,
              commands: [
                `aws rds promote-read-replica --db-instance-identifier ${replica} --backup-retention-period ${retention} --region ${drRegion}`,
                `aws rds wait db-instance-available --db-instance-identifier ${replica} --region ${drRegion}`,
              ],
            };
          }),
          ...nonCritical.map((database): Step => {
            const instance = names.dbInstance(database);
            return {
              when: 'after merging',
              what: `${instance} has no replica (non-critical): restore it in ${drRegion} from its automated backups replicated there, within the non-critical RTO, then pin its address as \`disasterRecovery.assigned.endpoints.${names.dr.dbInstance(database)}\` (the DR zone's DB_HOST record) in a follow-up pull request; its service in ${drRegion} waits on it.`,
              commands: [
                `aws rds restore-db-instance-to-point-in-time --source-db-instance-automated-backups-arn "$(aws rds describe-db-instance-automated-backups --db-instance-identifier ${instance} --region ${drRegion} --query 'DBInstanceAutomatedBackups[0].DBInstanceAutomatedBackupsArn' --output text)" --target-db-instance-identifier ${names.dr.dbInstance(database)} --use-latest-restorable-time --db-subnet-group-name ${drDbSubnetGroupName(env)} --region ${drRegion}`,
              ],
            };
          }),
          sync,
        ]
      : [
          ...critical.map((database): Step => {
            const instance = names.dbInstance(database);
            const cr = `dbinstance ${instance} -n ${env.namespace}`;
            const wait = (identifier: string, where: string) => `aws rds wait db-instance-available --db-instance-identifier ${identifier} --region ${where}`;
            return {
              when: 'before merging',
              what: `${instance} in ${region} is stale: rebuild it from ${names.dr.dbInstance(database)}, the primary now, and swap it in under its name while ACK only reads it (read-only: a missing instance is not recreated). Writes that reach ${drRegion} after the promotion are not copied back: do it when traffic is lowest. The policy reconciler then reports ${instance} as Recreated (a new resource id), as it should.`,
              commands: [
                `kubectl annotate ${cr} services.k8s.aws/read-only=true`,
                `aws rds create-db-instance-read-replica --db-instance-identifier ${instance}-failback --source-db-instance-identifier arn:aws:rds:${drRegion}:${accountId}:db:${names.dr.dbInstance(database)} --source-region ${drRegion} --kms-key-id alias/mycomputer/${env.name}/rds --db-subnet-group-name mycomputer-${env.name}-database --region ${region}`,
                wait(`${instance}-failback`, region),
                `aws rds modify-db-instance --db-instance-identifier ${instance} --new-db-instance-identifier ${instance}-before-failback --apply-immediately --region ${region}`,
                wait(`${instance}-before-failback`, region),
                `aws rds promote-read-replica --db-instance-identifier ${instance}-failback --backup-retention-period ${retention} --region ${region}`,
                wait(`${instance}-failback`, region),
                `aws rds modify-db-instance --db-instance-identifier ${instance}-failback --new-db-instance-identifier ${instance} --apply-immediately --region ${region}`,
                wait(instance, region),
                `kubectl annotate ${cr} services.k8s.aws/read-only-`,
              ],
            };
          }),
          sync,
          ...critical.map((database): Step => {
            const replica = names.dr.dbInstance(database);
            const cr = `dbinstance ${replica} -n ${env.namespace}`;
            return {
              when: 'after merging',
              what: `${replica} is still a standalone primary (ACK cannot turn it back into a replica): move it aside while ACK only reads it; released, ACK creates ${replica} again as the replica the manifest describes.`,
              commands: [
                `kubectl annotate ${cr} services.k8s.aws/read-only=true`,
                `aws rds modify-db-instance --db-instance-identifier ${replica} --new-db-instance-identifier ${replica}-before-failback --apply-immediately --region ${drRegion}`,
                `aws rds wait db-instance-available --db-instance-identifier ${replica}-before-failback --region ${drRegion}`,
                `kubectl annotate ${cr} services.k8s.aws/read-only-`,
              ],
            };
          }),
        ];
  return {
    env: env.name,
    direction,
    from,
    to,
    drRegion: env.aws.drRegion,
    rtoMinutes: { critical: env.recovery.critical.rtoMinutes, nonCritical: env.recovery['non-critical'].rtoMinutes },
    drTasks,
    steps,
  };
}
