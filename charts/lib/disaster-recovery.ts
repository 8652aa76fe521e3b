/**
 * The seed's disaster recovery (docs/coverage/dr.md): active-passive, the copies in aws.drRegion.
 * Shared by the DR chart (what lives there) and the storage chart (the replication of the
 * backups bucket), so both name the same bucket, key and role.
 */
import { bucketArn, PARTITION } from './arns';
import { databaseWorkloads } from './data-stores';
import { EnvironmentConfig } from './environment/types';
import { KeyPurpose, kmsAliasArn } from './kms';
import { names } from './names';

/** Where and how a bucket replicates (docs/coverage/dr.md). */
export interface BucketReplication {
  /** metadata.name of the ACK IAM Role S3 assumes to replicate (`roleRef`). */
  readonly roleName: string;
  /** ARN of the destination bucket (known from its name: arn:aws:s3:::<name>). */
  readonly destinationBucketArn: string;
  /** KMS key (alias ARN) the replicas are encrypted with, in the destination's region. */
  readonly destinationKmsKeyArn: string;
  /**
   * S3 Replication Time Control: 99.99 % of objects copied within 15 minutes, with metrics.
   * @default true
   */
  readonly replicationTimeControl?: boolean;
}

type DrEnv = Pick<EnvironmentConfig, 'name' | 'aws' | 'storage' | 'disasterRecovery'>;

/** The same environment seen from the DR region, for ARN helpers that read aws.region. */
export function inDrRegion<T extends Pick<EnvironmentConfig, 'aws'>>(env: T): T {
  return { ...env, aws: { ...env.aws, region: env.aws.drRegion } };
}

/** The backups bucket's copy: `mycomputer-backups` → `mycomputer-backups-eu-central-1`. */
export function drBackupsBucketName(env: Pick<EnvironmentConfig, 'aws' | 'storage'>): string {
  return `${env.storage.buckets.backups}-${env.aws.drRegion}`;
}

/** AWS name of the IAM role S3 assumes to replicate the backups bucket. */
export const REPLICATION_ROLE_NAME = 's3ReplicationRole';

/**
 * Keys the DR region needs its own copy of (KMS keys are regional and ACK cannot replicate one):
 * the replicas', the backups copy's and the DR stack's log groups'.
 */
export const DR_KEY_PURPOSES: readonly KeyPurpose[] = ['rds', 's3', 'logs'];

/** Replication of the backups bucket into the DR region; undefined where DR is off. */
export function backupsReplication(env: DrEnv): BucketReplication | undefined {
  if (!env.disasterRecovery.enabled) return undefined;
  return {
    roleName: names.dr.replicationRole,
    destinationBucketArn: bucketArn(drBackupsBucketName(env)),
    destinationKmsKeyArn: kmsAliasArn(inDrRegion(env), 's3'),
  };
}

/** Workloads whose environment tier is critical and that own a database, sorted, with it. */
export function criticalDatabases(env: Pick<EnvironmentConfig, 'catalogue' | 'workloads'>): { workload: string; database: string }[] {
  return databaseWorkloads(env).filter(({ workload }) => env.workloads[workload]?.tier === 'critical');
}

/** ARN of a primary DB instance: a cross-region replica names its source by ARN. */
export function dbInstanceArn(env: Pick<EnvironmentConfig, 'aws'>, identifier: string): string {
  return `arn:${PARTITION}:rds:${env.aws.region}:${env.aws.accountId}:db:${identifier}`;
}
