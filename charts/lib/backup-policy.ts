import { BackupPolicySpec, BackupTierRules, Tier } from '../../policy/backup';
import { STATEFUL_KINDS } from '../../policy/stateful-kinds';
import { EnvironmentConfig } from './environment/types';

/** Every stateful kind is covered: deletion policy on all of them, kind rules where they have one. */
export const BACKUP_KINDS: readonly string[] = Object.keys(STATEFUL_KINDS).sort();

/** ElastiCache keeps at least one daily snapshot in every environment (issue 3). */
const MIN_CACHE_SNAPSHOT_RETENTION_DAYS = 1;

/**
 * The backup policy of an environment, built from its data: the seed's recovery objectives per
 * tier, the database backup retention and deletion protection the environment asks for, and a
 * DR replica of every critical database where the environment runs DR.
 */
export function backupPolicyFor(env: EnvironmentConfig, kinds: readonly string[] = BACKUP_KINDS): BackupPolicySpec {
  const tier = (name: Tier): BackupTierRules => ({
    rpoMinutes: env.recovery[name].rpoMinutes,
    rtoMinutes: env.recovery[name].rtoMinutes,
    minBackupRetentionDays: env.database.backupRetentionDays,
    requireDeletionProtection: env.database.deletionProtection,
    requireFinalSnapshot: true,
    requireRetainDeletionPolicy: true,
    requireBucketVersioning: true,
    requireBucketLifecycle: true,
    requireFileSystemBackup: true,
    minCacheSnapshotRetentionDays: MIN_CACHE_SNAPSHOT_RETENTION_DAYS,
    requireCrossRegionReplica: name === 'critical' && env.disasterRecovery.enabled,
  });
  return {
    mode: env.policy.backupMode,
    kinds: [...kinds].sort(),
    drRegion: env.aws.drRegion,
    defaultTier: 'critical',
    tiers: { critical: tier('critical'), 'non-critical': tier('non-critical') },
  };
}
