import { describe, expect, it } from 'vitest';
import { backupPolicyFor } from '../../policy/backup-policy';
import { DELETION_POLICY_ANNOTATION, FINAL_SNAPSHOT_ANNOTATION, REGION_ANNOTATION, RPO_ANNOTATION, RTO_ANNOTATION, SKIP_FINAL_SNAPSHOT_ANNOTATION, TIER_LABEL } from '../../policy/annotations';
import { BackupPolicySpec, evaluateBackup, missingBackupAnnotations, tierOf } from '../../policy/backup';
import { KubeObject } from '../../policy/tag-shapes';
import { strictTierRules } from '../../controllers/policy-reconciler/src/testing/fixtures';
import { ENVIRONMENT_NAMES, kindsOf, loadEnv, objectsOf } from '../support/estate';

const rules = strictTierRules;

const SPEC: BackupPolicySpec = {
  mode: 'audit',
  kinds: ['rds.services.k8s.aws/DBInstance', 's3.services.k8s.aws/Bucket', 'efs.services.k8s.aws/FileSystem', 'elasticache.services.k8s.aws/ReplicationGroup', 'kms.services.k8s.aws/Key'],
  drRegion: 'eu-central-1',
  defaultTier: 'critical',
  tiers: { critical: rules({ requireCrossRegionReplica: true }), 'non-critical': rules({ rpoMinutes: 30, rtoMinutes: 60 }) },
};

const RETAIN = { [DELETION_POLICY_ANNOTATION]: 'retain' };

function object(apiVersion: string, kind: string, spec: Record<string, unknown>, metadata: Partial<KubeObject['metadata']> = {}): KubeObject {
  return { apiVersion, kind, metadata: { name: 'x', namespace: 'ns', annotations: RETAIN, ...metadata }, spec };
}

const db = (spec: Record<string, unknown>, metadata: Partial<KubeObject['metadata']> = {}) =>
  object('rds.services.k8s.aws/v1alpha1', 'DBInstance', { dbInstanceIdentifier: 'payments-db', backupRetentionPeriod: 30, deletionProtection: true, ...spec }, {
    labels: { [TIER_LABEL]: 'non-critical' },
    annotations: { ...RETAIN, [SKIP_FINAL_SNAPSHOT_ANNOTATION]: 'false', [FINAL_SNAPSHOT_ANNOTATION]: 'payments-db-final' },
    ...metadata,
  });

const rulesBroken = (o: KubeObject, peers: KubeObject[] = []) => evaluateBackup(SPEC, o, peers).map((v) => v.rule);

describe('backup policy rules', () => {
  it('accepts a database that meets every rule of its tier', () => {
    expect(rulesBroken(db({}))).toEqual([]);
  });

  it('reports short retention, no deletion protection and a skipped or unnamed final snapshot', () => {
    const broken = db({ backupRetentionPeriod: 7, deletionProtection: false }, { annotations: RETAIN });
    expect(evaluateBackup(SPEC, broken).map((v) => v.message)).toEqual([
      'backupRetentionPeriod is 7, the non-critical tier needs at least 30 days',
      'deletionProtection is not true',
      'annotation rds.services.k8s.aws/skip-final-snapshot is absent, must be "false" (absent means skip)',
      'annotation rds.services.k8s.aws/final-db-snapshot-identifier is absent, must name the final snapshot (AWS refuses to delete without skipping the snapshot or naming it)',
    ]);
    // Not skipped, but unnamed: rds-controller would send SkipFinalSnapshot=false alone, which AWS refuses.
    expect(rulesBroken(db({}, { annotations: { ...RETAIN, [SKIP_FINAL_SNAPSHOT_ANNOTATION]: 'false' } }))).toEqual(['FinalSnapshotUnnamed']);
  });

  it('needs a replica in the DR region for a critical database, matched by identifier or ARN', () => {
    const primary = db({}, { labels: { [TIER_LABEL]: 'critical' } });
    const replica = (source: string, region = 'eu-central-1') => db({ dbInstanceIdentifier: 'payments-db-dr', sourceDBInstanceIdentifier: source }, { name: 'dr', annotations: { ...RETAIN, [SKIP_FINAL_SNAPSHOT_ANNOTATION]: 'false', [FINAL_SNAPSHOT_ANNOTATION]: 'payments-db-dr-final', [REGION_ANNOTATION]: region }, labels: { [TIER_LABEL]: 'critical' } });
    expect(rulesBroken(primary)).toEqual(['CrossRegionReplicaMissing']);
    expect(rulesBroken(primary, [replica('arn:aws:rds:eu-west-1:111111111111:db:payments-db')])).toEqual([]);
    expect(rulesBroken(primary, [replica('payments-db')])).toEqual([]);
    expect(rulesBroken(primary, [replica('payments-db', 'eu-west-1')])).toEqual(['CrossRegionReplicaMissing']);
    expect(rulesBroken(primary, [replica('arn:aws:rds:eu-west-1:111111111111:db:orders-db')])).toEqual(['CrossRegionReplicaMissing']);
    // The replica itself needs no replica of its own.
    expect(rulesBroken(replica('payments-db'))).toEqual([]);
  });

  it('reads the tier from the label, else from RPO/RTO annotations, else the default (critical)', () => {
    const at = (labels: Record<string, string>, annotations: Record<string, string> = {}) => tierOf(SPEC, { apiVersion: 'v1', kind: 'X', metadata: { labels, annotations } });
    expect(at({ [TIER_LABEL]: 'non-critical' })).toBe('non-critical');
    expect(at({}, { [RPO_ANNOTATION]: '30', [RTO_ANNOTATION]: '60' })).toBe('non-critical');
    expect(at({}, { [RPO_ANNOTATION]: '5', [RTO_ANNOTATION]: '15' })).toBe('critical');
    expect(at({}, { [RPO_ANNOTATION]: '10' })).toBe('critical');
    expect(at({}, { [RPO_ANNOTATION]: '1' })).toBe('critical');
    expect(at({})).toBe('critical');
    expect(at({ [TIER_LABEL]: 'gold' })).toBeUndefined();
    expect(evaluateBackup(SPEC, db({}, { labels: { [TIER_LABEL]: 'gold' } })).map((v) => v.message)).toEqual(['label platform.mycomputer.com/tier="gold" is not one of critical, non-critical']);
  });

  it('wants deletion policy retain on every stateful kind', () => {
    const key = object('kms.services.k8s.aws/v1alpha1', 'Key', {}, { annotations: { [DELETION_POLICY_ANNOTATION]: 'delete' } });
    expect(evaluateBackup(SPEC, key).map((v) => v.message)).toEqual(['annotation services.k8s.aws/deletion-policy is "delete", must be "retain"']);
  });

  it('wants S3 versioning Enabled and a lifecycle with rules', () => {
    const bucket = (spec: Record<string, unknown>) => object('s3.services.k8s.aws/v1alpha1', 'Bucket', { name: 'b', ...spec });
    expect(rulesBroken(bucket({ versioning: { status: 'Enabled' }, lifecycle: { rules: [{ id: 'ia', status: 'Enabled' }] } }))).toEqual([]);
    expect(rulesBroken(bucket({ versioning: { status: 'Suspended' }, lifecycle: { rules: [] } }))).toEqual(['BucketVersioningDisabled', 'BucketLifecycleMissing']);
  });

  it('wants EFS backups ENABLED and ElastiCache snapshots kept at least a day', () => {
    const fs = (status?: string) => object('efs.services.k8s.aws/v1alpha1', 'FileSystem', status ? { backupPolicy: { status } } : {});
    expect(rulesBroken(fs('ENABLED'))).toEqual([]);
    expect(rulesBroken(fs('DISABLED'))).toEqual(['FileSystemBackupDisabled']);
    expect(rulesBroken(fs())).toEqual(['FileSystemBackupDisabled']);
    const cache = (limit?: number) => object('elasticache.services.k8s.aws/v1alpha1', 'ReplicationGroup', limit === undefined ? {} : { snapshotRetentionLimit: limit });
    expect(rulesBroken(cache(1))).toEqual([]);
    expect(evaluateBackup(SPEC, cache()).map((v) => v.message)).toEqual(['snapshotRetentionLimit is unset, the critical tier needs at least 1']);
  });

  it('would add only absent safety annotations, never overwrite a wrong one', () => {
    expect(missingBackupAnnotations(SPEC, db({}, { annotations: {} }))).toEqual({ [DELETION_POLICY_ANNOTATION]: 'retain', [SKIP_FINAL_SNAPSHOT_ANNOTATION]: 'false', [FINAL_SNAPSHOT_ANNOTATION]: 'payments-db-final' });
    // A snapshot skipped on purpose is reported, and not named: AWS refuses a deletion that does both.
    expect(missingBackupAnnotations(SPEC, db({}, { annotations: { [DELETION_POLICY_ANNOTATION]: 'delete', [SKIP_FINAL_SNAPSHOT_ANNOTATION]: 'true' } }))).toEqual({});
  });
});

describe('backup policy from environment data', () => {
  it('production: 30-day retention, deletion protection, and a DR replica for critical databases only', () => {
    const spec = backupPolicyFor(loadEnv('production'));
    expect(spec.mode).toBe('enforce');
    expect(spec.drRegion).toBe('eu-central-1');
    expect(spec.tiers.critical).toMatchObject({ rpoMinutes: 5, rtoMinutes: 15, minBackupRetentionDays: 30, requireDeletionProtection: true, requireCrossRegionReplica: true });
    expect(spec.tiers['non-critical']).toMatchObject({ rpoMinutes: 30, rtoMinutes: 60, minBackupRetentionDays: 30, requireCrossRegionReplica: false });
  });

  it.each([
    ['development', 7, 'audit'],
    ['staging', 14, 'enforce'],
  ] as const)('%s: retention %i days, mode from data, no DR replica demanded', (name, days, mode) => {
    const env = loadEnv(name);
    const spec = backupPolicyFor(env);
    expect(spec.tiers.critical.minBackupRetentionDays).toBe(days);
    expect(spec.tiers.critical.requireCrossRegionReplica).toBe(false);
    expect(spec.mode).toBe(mode);
  });

  it.each(ENVIRONMENT_NAMES)('%s: every synthesized stateful object complies (the synth-time check)', (name) => {
    const spec = backupPolicyFor(loadEnv(name));
    const objects = objectsOf(name) as unknown as KubeObject[];
    const problems = objects.flatMap((o) => evaluateBackup(spec, o, objects).map((v) => `${o.kind} ${o.metadata.name}: ${v.rule}`));
    expect(problems).toEqual([]);
    expect(kindsOf(name, 'DBInstance').length).toBeGreaterThan(0);
  });
});
