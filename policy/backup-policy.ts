/**
 * The BackupPolicy: backup, retention and never-lose-data rules per tier for the stateful kinds.
 * Rules in policy/backup.ts; this file makes them a policy kind (schema, environment spec,
 * remediation of the safety annotations).
 */
import { BackupPolicySpec, BackupTierRules, coversBackup, DB_INSTANCE, evaluateBackup, missingBackupAnnotations, ownedBackupAnnotations, Tier, TIERS } from './backup';
import { bool, commonSpec, int, str } from './crd-schema';
import { PolicyDefinition, Schema } from './definition';
import { PolicyEnvironment } from './environment';
import { evaluateRecreation } from './recreation';
import { BackupPolicyResourceSpec } from './policy-resources';
import { STATEFUL_KINDS } from './stateful-kinds';
import { kindKey } from './tag-shapes';

/** Every stateful kind is covered: deletion policy on all of them, kind rules where they have one. */
export const BACKUP_KINDS: readonly string[] = Object.keys(STATEFUL_KINDS).sort();

/** Field manager of the safety annotations the reconciler adds. */
export const ANNOTATIONS_FIELD_MANAGER = 'policy-reconciler-backup';

/** ElastiCache keeps at least one daily snapshot in every environment (issue 3). */
const MIN_CACHE_SNAPSHOT_RETENTION_DAYS = 1;

/** RDS accepts 0-35 days of backup retention; a policy demanding more could never be met. */
const RDS_MAX_RETENTION_DAYS = 35;

/**
 * The backup policy of an environment, built from its data: the seed's recovery objectives per
 * tier, the database backup retention and deletion protection the environment asks for, and a
 * DR replica of every critical database where the environment runs DR.
 */
export function backupPolicyFor(env: PolicyEnvironment, kinds: readonly string[] = BACKUP_KINDS): BackupPolicySpec {
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
    ...(env.disasterRecovery.enabled && env.disasterRecovery.activeRegion === env.aws.drRegion ? { failedOverTo: env.aws.drRegion } : {}),
    defaultTier: 'critical',
    tiers: { critical: tier('critical'), 'non-critical': tier('non-critical') },
  };
}

const tierRules: Schema = {
  type: 'object',
  required: ['rpoMinutes', 'rtoMinutes'],
  properties: {
    rpoMinutes: int({ minimum: 1, description: 'Recovery point objective of the tier.' }),
    rtoMinutes: int({ minimum: 1, description: 'Recovery time objective of the tier.' }),
    minBackupRetentionDays: int({ minimum: 0, maximum: 35, default: 7, description: 'Minimum RDS backupRetentionPeriod.' }),
    requireDeletionProtection: bool(true, 'RDS deletionProtection is true.'),
    requireFinalSnapshot: bool(true, 'RDS annotation rds.services.k8s.aws/skip-final-snapshot is "false".'),
    requireRetainDeletionPolicy: bool(true, 'Annotation services.k8s.aws/deletion-policy is "retain" on stateful kinds.'),
    requireBucketVersioning: bool(true, 'S3 versioning.status is Enabled.'),
    requireBucketLifecycle: bool(true, 'S3 lifecycle has at least one rule.'),
    requireFileSystemBackup: bool(true, 'EFS backupPolicy.status is ENABLED.'),
    minCacheSnapshotRetentionDays: int({ minimum: 0, default: 1, description: 'Minimum ElastiCache snapshotRetentionLimit.' }),
    requireCrossRegionReplica: bool(false, 'A DBInstance has a read replica annotated services.k8s.aws/region: <drRegion>.'),
  },
};

const backupSpec: Schema = {
  type: 'object',
  required: ['namespaces', 'kinds', 'drRegion', 'tiers'],
  properties: {
    ...commonSpec,
    drRegion: str({ pattern: '^[a-z]{2}-[a-z]+-\\d$', description: 'Region replicas live in.' }),
    failedOverTo: str({ pattern: '^[a-z]{2}-[a-z]+-\\d$', description: 'Region the environment failed over to: a missing cross-region replica is accepted until the failback.' }),
    defaultTier: str({ enum: ['critical', 'non-critical'], default: 'critical', description: 'Tier of an object without tier label or RPO/RTO annotations.' }),
    tiers: { type: 'object', required: ['critical', 'non-critical'], properties: { critical: tierRules, 'non-critical': tierRules } },
  },
};

export const BACKUP_POLICY: PolicyDefinition<'BackupPolicy', BackupPolicySpec> = {
  kind: 'BackupPolicy',
  plural: 'backuppolicies',
  shortNames: ['backpol'],
  description: 'Backup and retention rules per tier for stateful ACK objects, enforced by the policy reconciler.',
  specSchema: backupSpec,
  coverableKinds: BACKUP_KINDS,
  fromEnvironment: (env) => backupPolicyFor(env),
  withDefaults: (spec) => ({ namespaces: [], kinds: [], ...spec }) as unknown as BackupPolicyResourceSpec,
  covers: coversBackup,
  // The rules on the object's spec, and whether AWS holds a new, empty resource under it (recorded identity changed).
  evaluate: (spec, object, peers) =>
    [...evaluateBackup(spec, object, peers), ...evaluateRecreation(object)].map((v) =>
      spec.failedOverTo !== undefined && v.rule === 'CrossRegionReplicaMissing'
        ? { reason: v.rule, message: `${v.message}; accepted while failed over to ${spec.failedOverTo} (the failback rebuilds the replicas)`, accepted: true }
        : { reason: v.rule, message: v.message },
    ),
  // A database's DR replica is another DBInstance of the namespace.
  peerKinds: (object) => (kindKey(object) === DB_INSTANCE ? [DB_INSTANCE] : []),
  // Only the safety annotations that are absent; retention, versioning and deletion protection change AWS and go through git.
  remediate: (spec, object) => {
    const missing = missingBackupAnnotations(spec, object);
    const keys = Object.keys(missing).sort();
    if (keys.length === 0) return undefined;
    return {
      fieldManager: ANNOTATIONS_FIELD_MANAGER,
      annotations: ownedBackupAnnotations(spec, object),
      summary: `added annotation${keys.length > 1 ? 's' : ''} ${keys.map((key) => `${key}=${missing[key]}`).join(', ')}`,
    };
  },
  specProblems: (spec) =>
    TIERS.map((tier) => ({ tier, retention: spec.tiers[tier].minBackupRetentionDays }))
      .filter(({ retention }) => retention < 0 || retention > RDS_MAX_RETENTION_DAYS)
      .map(({ tier, retention }) => `tiers.${tier}.minBackupRetentionDays must be 0-${RDS_MAX_RETENTION_DAYS} (RDS limits), got ${retention}`),
};
