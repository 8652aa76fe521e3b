/**
 * The backup policy: the one definition used by the synth-time check (charts/pipeline/checks)
 * and by the policy reconciler (controllers/policy-reconciler). Rules are data (a spec per tier);
 * this file only says how each rule reads an object.
 */
import { DELETION_POLICY_ANNOTATION, FINAL_SNAPSHOT_ANNOTATION, REGION_ANNOTATION, RPO_ANNOTATION, RTO_ANNOTATION, SKIP_FINAL_SNAPSHOT_ANNOTATION, TIER_LABEL } from './annotations';
import { isStatefulKind } from './stateful-kinds';
import { KubeObject, kindKey } from './tag-shapes';

export type Tier = 'critical' | 'non-critical';
export const TIERS: readonly Tier[] = ['critical', 'non-critical'];

export const DB_INSTANCE = 'rds.services.k8s.aws/DBInstance';
export const BUCKET = 's3.services.k8s.aws/Bucket';
export const FILE_SYSTEM = 'efs.services.k8s.aws/FileSystem';
export const REPLICATION_GROUP = 'elasticache.services.k8s.aws/ReplicationGroup';

/** What one tier demands. Every rule is data so that environments differ by data only. */
export interface BackupTierRules {
  /** Objectives of the tier; an object that only carries RPO/RTO annotations is put in the loosest tier meeting them. */
  readonly rpoMinutes: number;
  readonly rtoMinutes: number;
  /** Minimum RDS `backupRetentionPeriod`, days. */
  readonly minBackupRetentionDays: number;
  /** RDS `deletionProtection: true`. */
  readonly requireDeletionProtection: boolean;
  /**
   * RDS `rds.services.k8s.aws/skip-final-snapshot: "false"` and a `final-db-snapshot-identifier`
   * (AWS refuses SkipFinalSnapshot=false without FinalDBSnapshotIdentifier).
   */
  readonly requireFinalSnapshot: boolean;
  /** `services.k8s.aws/deletion-policy: retain` on stateful kinds. */
  readonly requireRetainDeletionPolicy: boolean;
  /** S3 `versioning.status: Enabled`. */
  readonly requireBucketVersioning: boolean;
  /** S3 lifecycle with at least one rule. */
  readonly requireBucketLifecycle: boolean;
  /** EFS `backupPolicy.status: ENABLED`. */
  readonly requireFileSystemBackup: boolean;
  /** Minimum ElastiCache `snapshotRetentionLimit`, days. */
  readonly minCacheSnapshotRetentionDays: number;
  /** A DBInstance has a read replica DBInstance in the policy's `drRegion`. */
  readonly requireCrossRegionReplica: boolean;
}

export interface BackupPolicySpec {
  readonly mode: 'enforce' | 'audit';
  /** `<group>/<Kind>` keys the policy covers. */
  readonly kinds: readonly string[];
  /** Region that replicas must live in. */
  readonly drRegion: string;
  /**
   * The region the environment failed over to (`platform failover`): its databases were promoted
   * and no region holds their replicas until the failback rebuilds them. A missing replica is then
   * an accepted finding, listed in status and as an Event, not a violation that blocks the failover.
   * @default none (not failed over)
   */
  readonly failedOverTo?: string;
  /** Tier of an object that says nothing about itself: the strictest, so that forgetting a label is never cheaper. */
  readonly defaultTier: Tier;
  readonly tiers: Readonly<Record<Tier, BackupTierRules>>;
}

/** Stable names of the rules; they are the Event reasons of the reconciler too. */
export type BackupRule =
  | 'TierUnknown'
  | 'BackupRetentionTooShort'
  | 'DeletionProtectionDisabled'
  | 'FinalSnapshotSkipped'
  | 'FinalSnapshotUnnamed'
  | 'DeletionPolicyNotRetain'
  | 'BucketVersioningDisabled'
  | 'BucketLifecycleMissing'
  | 'FileSystemBackupDisabled'
  | 'CacheSnapshotRetentionTooShort'
  | 'CrossRegionReplicaMissing';

export interface BackupViolation {
  readonly rule: BackupRule;
  readonly message: string;
}

/** The other objects a rule may need to see (replicas of a database); the same namespace's objects. */
export type Peers = readonly KubeObject[];

export function coversBackup(spec: Pick<BackupPolicySpec, 'kinds'>, object: Pick<KubeObject, 'apiVersion' | 'kind'>): boolean {
  return spec.kinds.includes(kindKey(object));
}

/**
 * The tier of an object: its tier label; else the loosest tier whose objectives meet its RPO/RTO
 * annotations (the strictest when none does); else the policy's default tier. Undefined when the
 * label names no tier of the policy.
 */
export function tierOf(spec: Pick<BackupPolicySpec, 'tiers' | 'defaultTier'>, object: KubeObject): Tier | undefined {
  const label = object.metadata.labels?.[TIER_LABEL];
  if (label !== undefined) return (TIERS as readonly string[]).includes(label) ? (label as Tier) : undefined;
  const rpo = minutes(object.metadata.annotations?.[RPO_ANNOTATION]);
  const rto = minutes(object.metadata.annotations?.[RTO_ANNOTATION]);
  if (rpo === undefined && rto === undefined) return spec.defaultTier;
  const meeting = TIERS.filter((tier) => spec.tiers[tier].rpoMinutes <= (rpo ?? Infinity) && spec.tiers[tier].rtoMinutes <= (rto ?? Infinity));
  if (meeting.length === 0) return strictest(spec);
  return meeting.reduce((loosest, tier) => (spec.tiers[tier].rpoMinutes > spec.tiers[loosest].rpoMinutes ? tier : loosest));
}

function strictest(spec: Pick<BackupPolicySpec, 'tiers'>): Tier {
  return TIERS.reduce((best, tier) => (spec.tiers[tier].rpoMinutes < spec.tiers[best].rpoMinutes ? tier : best));
}

function minutes(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  return Number(value);
}

/** Every way the object breaks the backup policy, in a fixed rule order. */
export function evaluateBackup(spec: BackupPolicySpec, object: KubeObject, peers: Peers = []): BackupViolation[] {
  if (!coversBackup(spec, object)) return [];
  const tier = tierOf(spec, object);
  if (tier === undefined) {
    return [{ rule: 'TierUnknown', message: `label ${TIER_LABEL}="${object.metadata.labels?.[TIER_LABEL]}" is not one of ${TIERS.join(', ')}` }];
  }
  const rules = spec.tiers[tier];
  const kind = kindKey(object);
  const checks = [
    ...(isStatefulKind(kind) ? deletionPolicyChecks(rules, object) : []),
    ...(kind === DB_INSTANCE ? databaseChecks(spec, rules, tier, object, peers) : []),
    ...(kind === BUCKET ? bucketChecks(rules, object) : []),
    ...(kind === FILE_SYSTEM ? fileSystemChecks(rules, object) : []),
    ...(kind === REPLICATION_GROUP ? cacheChecks(rules, tier, object) : []),
  ];
  return checks;
}

function deletionPolicyChecks(rules: BackupTierRules, object: KubeObject): BackupViolation[] {
  const policy = object.metadata.annotations?.[DELETION_POLICY_ANNOTATION];
  if (!rules.requireRetainDeletionPolicy || policy === 'retain') return [];
  return [{ rule: 'DeletionPolicyNotRetain', message: `annotation ${DELETION_POLICY_ANNOTATION} is ${quoted(policy)}, must be "retain"` }];
}

function databaseChecks(spec: BackupPolicySpec, rules: BackupTierRules, tier: Tier, object: KubeObject, peers: Peers): BackupViolation[] {
  const db = object.spec ?? {};
  const found: BackupViolation[] = [];
  const retention = typeof db.backupRetentionPeriod === 'number' ? db.backupRetentionPeriod : undefined;
  if ((retention ?? 0) < rules.minBackupRetentionDays) {
    found.push({ rule: 'BackupRetentionTooShort', message: `backupRetentionPeriod is ${retention ?? 'unset'}, the ${tier} tier needs at least ${rules.minBackupRetentionDays} days` });
  }
  if (rules.requireDeletionProtection && db.deletionProtection !== true) {
    found.push({ rule: 'DeletionProtectionDisabled', message: 'deletionProtection is not true' });
  }
  const skip = object.metadata.annotations?.[SKIP_FINAL_SNAPSHOT_ANNOTATION];
  if (rules.requireFinalSnapshot && skip !== 'false') {
    found.push({ rule: 'FinalSnapshotSkipped', message: `annotation ${SKIP_FINAL_SNAPSHOT_ANNOTATION} is ${quoted(skip)}, must be "false" (absent means skip)` });
  }
  const finalSnapshot = object.metadata.annotations?.[FINAL_SNAPSHOT_ANNOTATION];
  if (rules.requireFinalSnapshot && !finalSnapshot) {
    found.push({ rule: 'FinalSnapshotUnnamed', message: `annotation ${FINAL_SNAPSHOT_ANNOTATION} is ${quoted(finalSnapshot)}, must name the final snapshot (AWS refuses to delete without skipping the snapshot or naming it)` });
  }
  if (rules.requireCrossRegionReplica && !isReplica(object) && drReplicasOf(object, peers, spec.drRegion).length === 0) {
    found.push({ rule: 'CrossRegionReplicaMissing', message: `the ${tier} tier needs a read replica DBInstance annotated ${REGION_ANNOTATION}: ${spec.drRegion}` });
  }
  return found;
}

/** A DBInstance that replicates another (its source is an identifier or an ARN). */
export function isReplica(object: KubeObject): boolean {
  return typeof object.spec?.sourceDBInstanceIdentifier === 'string' && object.spec.sourceDBInstanceIdentifier !== '';
}

/** The DBInstances among `peers` that replicate `primary` into `drRegion`. */
export function drReplicasOf(primary: KubeObject, peers: Peers, drRegion: string): KubeObject[] {
  const id = primary.spec?.dbInstanceIdentifier;
  if (typeof id !== 'string') return [];
  return peers.filter((peer) => {
    if (kindKey(peer) !== DB_INSTANCE || peer.metadata.annotations?.[REGION_ANNOTATION] !== drRegion) return false;
    const source = peer.spec?.sourceDBInstanceIdentifier;
    return typeof source === 'string' && (source === id || source.endsWith(`:db:${id}`));
  });
}

/** The identifier of the database a replica copies (the last part of an ARN), or undefined. */
export function replicaSourceId(object: KubeObject): string | undefined {
  if (!isReplica(object)) return undefined;
  const source = String(object.spec!.sourceDBInstanceIdentifier);
  return source.includes(':db:') ? source.slice(source.lastIndexOf(':db:') + 4) : source;
}

function bucketChecks(rules: BackupTierRules, object: KubeObject): BackupViolation[] {
  const bucket = object.spec ?? {};
  const found: BackupViolation[] = [];
  const versioning = (bucket.versioning as { status?: string } | undefined)?.status;
  if (rules.requireBucketVersioning && versioning !== 'Enabled') {
    found.push({ rule: 'BucketVersioningDisabled', message: `versioning.status is ${quoted(versioning)}, must be "Enabled"` });
  }
  const lifecycleRules = (bucket.lifecycle as { rules?: unknown[] } | undefined)?.rules;
  if (rules.requireBucketLifecycle && !(Array.isArray(lifecycleRules) && lifecycleRules.length > 0)) {
    found.push({ rule: 'BucketLifecycleMissing', message: 'lifecycle has no rules' });
  }
  return found;
}

function fileSystemChecks(rules: BackupTierRules, object: KubeObject): BackupViolation[] {
  const status = (object.spec?.backupPolicy as { status?: string } | undefined)?.status;
  if (!rules.requireFileSystemBackup || status === 'ENABLED') return [];
  return [{ rule: 'FileSystemBackupDisabled', message: `backupPolicy.status is ${quoted(status)}, must be "ENABLED"` }];
}

function cacheChecks(rules: BackupTierRules, tier: Tier, object: KubeObject): BackupViolation[] {
  const limit = object.spec?.snapshotRetentionLimit;
  const days = typeof limit === 'number' ? limit : 0;
  if (days >= rules.minCacheSnapshotRetentionDays) return [];
  return [{ rule: 'CacheSnapshotRetentionTooShort', message: `snapshotRetentionLimit is ${typeof limit === 'number' ? limit : 'unset'}, the ${tier} tier needs at least ${rules.minCacheSnapshotRetentionDays}` }];
}

function quoted(value: string | undefined): string {
  return value === undefined ? 'absent' : `"${value}"`;
}

/**
 * Annotations the reconciler may add in enforce mode: only the safety annotations that are
 * absent. A present but wrong value is reported, never overwritten; nothing in spec is changed,
 * since retention, versioning and deletion protection change AWS and go through git.
 */
export function missingBackupAnnotations(spec: BackupPolicySpec, object: KubeObject): Record<string, string> {
  const annotations = object.metadata.annotations ?? {};
  const add: Record<string, string> = {};
  for (const violation of evaluateBackup(spec, object)) {
    if (violation.rule === 'DeletionPolicyNotRetain' && annotations[DELETION_POLICY_ANNOTATION] === undefined) add[DELETION_POLICY_ANNOTATION] = 'retain';
    if (violation.rule === 'FinalSnapshotSkipped' && annotations[SKIP_FINAL_SNAPSHOT_ANNOTATION] === undefined) add[SKIP_FINAL_SNAPSHOT_ANNOTATION] = 'false';
    // Named only when the snapshot is not skipped: AWS refuses a deletion that skips it and names it.
    const id = object.spec?.dbInstanceIdentifier;
    const skipping = add[SKIP_FINAL_SNAPSHOT_ANNOTATION] ?? annotations[SKIP_FINAL_SNAPSHOT_ANNOTATION];
    if (violation.rule === 'FinalSnapshotUnnamed' && annotations[FINAL_SNAPSHOT_ANNOTATION] === undefined && skipping === 'false' && typeof id === 'string' && id !== '') add[FINAL_SNAPSHOT_ANNOTATION] = finalSnapshotIdentifier(id);
  }
  return add;
}

/** The safety annotations the reconciler owns on an object: those it would add, and those already at the required value. */
export function ownedBackupAnnotations(spec: BackupPolicySpec, object: KubeObject): Record<string, string> {
  const annotations = object.metadata.annotations ?? {};
  const owned: Record<string, string> = { ...missingBackupAnnotations(spec, object) };
  if (annotations[DELETION_POLICY_ANNOTATION] === 'retain' && isStatefulKind(kindKey(object))) owned[DELETION_POLICY_ANNOTATION] = 'retain';
  if (annotations[SKIP_FINAL_SNAPSHOT_ANNOTATION] === 'false' && kindKey(object) === DB_INSTANCE) owned[SKIP_FINAL_SNAPSHOT_ANNOTATION] = 'false';
  const finalSnapshot = annotations[FINAL_SNAPSHOT_ANNOTATION];
  if (finalSnapshot && kindKey(object) === DB_INSTANCE && finalSnapshot === finalSnapshotIdentifier(String(object.spec?.dbInstanceIdentifier))) owned[FINAL_SNAPSHOT_ANNOTATION] = finalSnapshot;
  return owned;
}

/**
 * The name of the snapshot RDS takes when the DB instance is deleted (the charts' and the
 * reconciler's convention): fixed, so that synthesis stays deterministic. A second deletion of a
 * recreated instance finds the name taken and is refused: nothing is lost.
 */
export function finalSnapshotIdentifier(dbInstanceIdentifier: string): string {
  return `${dbInstanceIdentifier}-final`;
}
