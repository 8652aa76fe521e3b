/** Objects and a controller on the fake API server, for the unit tests. */
import { BackupTierRules } from '../../../../policy/backup';
import { BackupPolicyResourceSpec, POLICY_API_VERSION, TaggingPolicyResourceSpec } from '../../../../policy/policy-resources';
import { PolicyKindName } from '../../../../policy/registry';
import { FakeClock } from '../clock';
import { Controller, ControllerOptions } from '../controller';
import { ApiObject } from '../kube';
import { MemoryLogger } from '../logger';
import { Metrics } from '../metrics';
import { FakeKube, until } from './fake-kube';

export const NS = 'mycomputer-test';
export const SELECTOR_LABEL = { 'platform.mycomputer.com/environment': 'test' };
export const OWNER_LABELS = { 'platform.mycomputer.com/application': 'payments', 'platform.mycomputer.com/team': 'backend' };

export const TAGGING_SPEC: TaggingPolicyResourceSpec = {
  mode: 'enforce',
  namespaces: [NS],
  kinds: ['ec2.services.k8s.aws/VPC', 's3.services.k8s.aws/Bucket', 'rds.services.k8s.aws/DBInstance', 'cloudwatchlogs.services.k8s.aws/LogGroup'],
  requiredTags: [{ key: 'Environment', allowedValues: ['test'] }, { key: 'Team', allowedValues: ['backend', 'platform'] }, { key: 'CostCenter' }],
  sources: { fixed: { Environment: 'test' }, fromLabels: { Team: 'platform.mycomputer.com/team' }, byTeam: { backend: { CostCenter: 'engineering' } } },
  maxReportedViolations: 50,
};

/** Backup rules with every check on (production's), for tests; override what a test varies. */
export const strictTierRules = (overrides: Partial<BackupTierRules> = {}): BackupTierRules => ({
  rpoMinutes: 5,
  rtoMinutes: 15,
  minBackupRetentionDays: 30,
  requireDeletionProtection: true,
  requireFinalSnapshot: true,
  requireRetainDeletionPolicy: true,
  requireBucketVersioning: true,
  requireBucketLifecycle: true,
  requireFileSystemBackup: true,
  minCacheSnapshotRetentionDays: 1,
  requireCrossRegionReplica: false,
  ...overrides,
});

export const BACKUP_SPEC: BackupPolicyResourceSpec = {
  mode: 'enforce',
  namespaces: [NS],
  kinds: ['rds.services.k8s.aws/DBInstance', 's3.services.k8s.aws/Bucket'],
  drRegion: 'eu-central-1',
  defaultTier: 'critical',
  tiers: { critical: strictTierRules({ requireCrossRegionReplica: true }), 'non-critical': strictTierRules({ rpoMinutes: 30, rtoMinutes: 60 }) },
  maxReportedViolations: 50,
};

export function policyObject(kind: PolicyKindName, name: string, spec: object) {
  return { apiVersion: POLICY_API_VERSION, kind, metadata: { name, labels: { ...SELECTOR_LABEL } }, spec: spec as Record<string, unknown> };
}

export function synced(arn?: string): Record<string, unknown> {
  return { ackResourceMetadata: arn ? { arn, ownerAccountID: '111111111111', region: 'eu-west-1' } : undefined, conditions: [{ type: 'ACK.ResourceSynced', status: 'True' }] };
}

export interface ObjectOptions {
  readonly tags?: Record<string, string>;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
  readonly status?: Record<string, unknown>;
  readonly spec?: Record<string, unknown>;
}

const pairs = (tags: Record<string, string>) => Object.entries(tags).map(([key, value]) => ({ key, value }));

export function vpc(name: string, options: ObjectOptions = {}) {
  return {
    apiVersion: 'ec2.services.k8s.aws/v1alpha1',
    kind: 'VPC',
    metadata: { name, namespace: NS, labels: options.labels ?? { ...OWNER_LABELS }, ...(options.annotations ? { annotations: options.annotations } : {}) },
    spec: { cidrBlocks: ['10.0.0.0/16'], tags: pairs(options.tags ?? {}), ...options.spec },
    ...(options.status ? { status: options.status } : {}),
  };
}

export const COMPLIANT_TAGS = { Environment: 'test', Team: 'backend', CostCenter: 'engineering' };

/** The annotations that keep a DBInstance's data on deletion (those the backup policy requires). */
export const safeDbAnnotations = (name: string) => ({ 'services.k8s.aws/deletion-policy': 'retain', 'rds.services.k8s.aws/skip-final-snapshot': 'false', 'rds.services.k8s.aws/final-db-snapshot-identifier': `${name}-final` });

export function dbInstance(name: string, options: ObjectOptions = {}) {
  return {
    apiVersion: 'rds.services.k8s.aws/v1alpha1',
    kind: 'DBInstance',
    metadata: { name, namespace: NS, labels: options.labels ?? { ...OWNER_LABELS, 'platform.mycomputer.com/tier': 'non-critical' }, annotations: options.annotations ?? safeDbAnnotations(name) },
    spec: { dbInstanceIdentifier: name, backupRetentionPeriod: 30, deletionProtection: true, tags: pairs(options.tags ?? COMPLIANT_TAGS), ...options.spec },
    ...(options.status ? { status: options.status } : {}),
  };
}

export interface Harness {
  readonly kube: FakeKube;
  readonly clock: FakeClock;
  readonly logger: MemoryLogger;
  readonly metrics: Metrics;
  readonly controller: Controller;
  /** Waits until every informer has caught up and the queue is drained. */
  settle(): Promise<void>;
}

export async function startController(kube: FakeKube, options: Partial<ControllerOptions> = {}): Promise<Harness> {
  const clock = new FakeClock();
  const logger = new MemoryLogger();
  const metrics = new Metrics();
  // statusDelayMs 0: a status recount at once, as the tests expect it (the delay has its own test).
  const controller = new Controller({ client: kube, clock, logger, metrics, identity: 'replica-a', policySelector: 'platform.mycomputer.com/environment=test', statusDelayMs: 0, ...options });
  controller.start();
  const settle = async () => {
    // Two idle checks in a row: a last watch delivery may enqueue more work.
    for (let round = 0; round < 3; round++) {
      await until(() => controller.ready() && controller.queue.idle(), 'controller idle');
      await new Promise((resolve) => setImmediate(resolve));
    }
    await until(() => controller.queue.idle(), 'controller idle');
  };
  await settle();
  return { kube, clock, logger, metrics, controller, settle };
}

export function objectOf(kube: FakeKube, template: { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } }): ApiObject {
  const found = kube.get(template.apiVersion, template.kind, template.metadata.namespace, template.metadata.name);
  if (!found) throw new Error(`no ${template.kind} ${template.metadata.name}`);
  return found;
}
