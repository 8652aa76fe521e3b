import { describe, expect, it } from 'vitest';
import { ANNOTATIONS_FIELD_MANAGER } from '../../../policy/backup-policy';
import { POLICY_API_VERSION, PolicyStatus } from '../../../policy/policy-resources';
import { TAGS_FIELD_MANAGER } from '../../../policy/tagging-policy';
import { IDENTITY_ANNOTATION, IDENTITY_FIELD_MANAGER, RULE_RECREATED } from '../../../policy/recreation';
import { FakeClock } from './clock';
import { StatusError } from './errors';
import { objectKey, policyKey } from './keys';
import { MemoryLogger } from './logger';
import { Metrics } from './metrics';
import { POLICY_KINDS, toPolicy } from './policies';
import { CacheView, POLICY_KIND_UNSERVED_REQUEUE_MS, Reconciler } from './reconciler';
import { FakeKube } from './testing/fake-kube';
import { BACKUP_SPEC, COMPLIANT_TAGS, dbInstance, NS, objectOf, policyObject, safeDbAnnotations, startController, synced, TAGGING_SPEC, vpc } from './testing/fixtures';

const TAGGING = 'test-tagging';
const BACKUP = 'test-backup';

function statusOf(kube: FakeKube, kind: 'TaggingPolicy' | 'BackupPolicy', name: string): PolicyStatus {
  return (kube.get(POLICY_API_VERSION, kind, undefined, name)?.status ?? {}) as PolicyStatus;
}

function eventsOf(kube: FakeKube) {
  return kube.all('/Event') as unknown as { reason: string; message: string; type: string; involvedObject: { name: string } }[];
}

describe('reconcile: tagging policy', () => {
  it('reports missing tags once as Events and adds them with server-side apply to an unmanaged object', async () => {
    // GIVEN an enforcing tagging policy and an unmanaged VPC with only the Environment tag
    const kube = new FakeKube();
    kube.put(policyObject('TaggingPolicy', TAGGING, TAGGING_SPEC));
    kube.put(vpc('vpc', { tags: { Environment: 'test', Name: 'vpc' }, status: synced('arn:aws:ec2:eu-west-1:111111111111:vpc/vpc-1') }));

    // WHEN the controller reconciles
    const { settle } = await startController(kube);
    await settle();

    // THEN one Warning per missing tag, and one Normal after them saying the remediation resolved both
    const events = eventsOf(kube);
    expect(events.map((e) => [e.type, e.reason, e.message]).sort()).toEqual([
      ['Normal', 'Remediated', `TaggingPolicy ${TAGGING}: added tags CostCenter=engineering, Team=backend; resolved: tag CostCenter is missing; tag Team is missing`],
      ['Warning', 'TagMissing', `TaggingPolicy ${TAGGING}: tag CostCenter is missing [arn:aws:ec2:eu-west-1:111111111111:vpc/vpc-1]`],
      ['Warning', 'TagMissing', `TaggingPolicy ${TAGGING}: tag Team is missing [arn:aws:ec2:eu-west-1:111111111111:vpc/vpc-1]`],
    ]);
    // AND the apply names only the tags, keeps the existing ones, and is conditional on the resourceVersion
    const applies = kube.writesOf('apply');
    expect(applies).toHaveLength(1);
    expect(applies[0].fieldManager).toBe(TAGS_FIELD_MANAGER);
    expect(applies[0].body).toEqual({
      apiVersion: 'ec2.services.k8s.aws/v1alpha1',
      kind: 'VPC',
      metadata: { name: 'vpc', namespace: NS, resourceVersion: expect.any(String) },
      spec: { tags: [{ key: 'CostCenter', value: 'engineering' }, { key: 'Environment', value: 'test' }, { key: 'Name', value: 'vpc' }, { key: 'Team', value: 'backend' }] },
    });
    expect(kube.writesOf('event').map((w) => (w.body as { type: string }).type)).toEqual(['Warning', 'Warning', 'Normal']);
    // AND the policy counts the VPC as compliant now, listing nothing
    expect(statusOf(kube, 'TaggingPolicy', TAGGING)).toMatchObject({ resourcesChecked: 1, compliant: 1, violating: 0, notVerified: 0, violations: [], violationsOmitted: 0 });
  });

  it('makes zero writes on a second pass over an unchanged estate', async () => {
    // GIVEN a reconciled estate with violations that cannot be fixed (Argo-managed)
    const kube = new FakeKube();
    kube.put(policyObject('TaggingPolicy', TAGGING, TAGGING_SPEC));
    kube.put(vpc('argo', { labels: { 'app.kubernetes.io/instance': 'mycomputer-test' }, status: synced() }));
    kube.put(vpc('ok', { tags: COMPLIANT_TAGS, status: synced() }));
    const { controller, settle } = await startController(kube);
    await settle();
    const before = kube.writes.length;
    const status = statusOf(kube, 'TaggingPolicy', TAGGING);

    // WHEN everything is reconciled again (as after gaining leadership or a resync)
    controller.enqueueAll();
    await settle();

    // THEN nothing was written and lastEvaluation did not move
    expect(kube.writes.slice(before)).toEqual([]);
    expect(statusOf(kube, 'TaggingPolicy', TAGGING).lastEvaluation).toBe(status.lastEvaluation);
  });

  it('never mutates an object Argo CD manages, and reports it', async () => {
    const kube = new FakeKube();
    kube.put(policyObject('TaggingPolicy', TAGGING, TAGGING_SPEC));
    kube.put(vpc('by-label', { labels: { 'app.kubernetes.io/instance': 'mycomputer-test', 'platform.mycomputer.com/team': 'backend' }, status: synced() }));
    kube.put(vpc('by-annotation', { annotations: { 'argocd.argoproj.io/tracking-id': 'mycomputer-test:ec2.services.k8s.aws/VPC:mycomputer-test/by-annotation' }, status: synced() }));

    const { settle } = await startController(kube);
    await settle();

    expect(kube.writesOf('apply')).toEqual([]);
    expect(statusOf(kube, 'TaggingPolicy', TAGGING)).toMatchObject({ resourcesChecked: 2, violating: 2, violationsOmitted: 0 });
    expect(new Set(eventsOf(kube).map((e) => e.involvedObject.name))).toEqual(new Set(['by-label', 'by-annotation']));
  });

  it('only reports in audit mode', async () => {
    const kube = new FakeKube();
    kube.put(policyObject('TaggingPolicy', TAGGING, { ...TAGGING_SPEC, mode: 'audit' }));
    kube.put(vpc('vpc', { status: synced() }));
    const { settle } = await startController(kube);
    await settle();
    expect(kube.writesOf('apply')).toEqual([]);
    expect(eventsOf(kube).map((e) => e.reason)).toEqual(['TagMissing', 'TagMissing', 'TagMissing']);
  });

  it('reports a present but wrong value and never overwrites it', async () => {
    const kube = new FakeKube();
    kube.put(policyObject('TaggingPolicy', TAGGING, TAGGING_SPEC));
    kube.put(vpc('vpc', { tags: { ...COMPLIANT_TAGS, Environment: 'prod' }, status: synced() }));
    const { settle } = await startController(kube);
    await settle();
    expect(kube.writesOf('apply')).toEqual([]);
    expect(eventsOf(kube).map((e) => e.message)).toEqual([`TaggingPolicy ${TAGGING}: tag Environment="prod" is not one of test`]);
  });

  it('on 409 re-reads the object and applies again on what the server has now', async () => {
    // GIVEN a VPC missing tags, whose first apply conflicts because someone added a tag meanwhile
    const kube = new FakeKube();
    kube.put(policyObject('TaggingPolicy', TAGGING, TAGGING_SPEC));
    kube.put(vpc('vpc', { tags: { Environment: 'test' }, status: synced() }));
    kube.failNext('apply', new StatusError(409, 'the object has been modified'));
    const { settle } = await startController(kube);
    await settle();

    // THEN two applies were sent, the second from a fresh read, and the tags are there
    expect(kube.writesOf('apply')).toHaveLength(2);
    const tags = (objectOf(kube, vpc('vpc')).spec!.tags as { key: string }[]).map((t) => t.key);
    expect(tags).toEqual(['CostCenter', 'Environment', 'Team']);
  });

  it('treats 404 after a conflict as done (the object was deleted)', async () => {
    const kube = new FakeKube();
    kube.put(policyObject('TaggingPolicy', TAGGING, TAGGING_SPEC));
    kube.put(vpc('vpc', { status: synced() }));
    // the object is deleted between the cache read and the apply
    kube.failNext('apply', new StatusError(409, 'conflict'), undefined, () => kube.remove({ ...vpc('vpc'), namespace: NS, name: 'vpc' }));
    const { settle, metrics } = await startController(kube);
    await settle();
    expect(kube.writesOf('apply')).toHaveLength(1);
    expect(await metrics.total(metrics.reconciles, { type: 'object', result: 'requeue' })).toBe(0);
  });

  it('retries 429 and 5xx with capped exponential backoff, honouring Retry-After', async () => {
    // GIVEN Event creation failing with 500 twice, then 429 asking for 5 s
    const kube = new FakeKube();
    kube.put(policyObject('TaggingPolicy', TAGGING, { ...TAGGING_SPEC, mode: 'audit', requiredTags: [{ key: 'Team' }] }));
    kube.put(vpc('vpc', { labels: {}, status: synced() }));
    kube.failNext('event', new StatusError(500, 'etcd timeout'));
    kube.failNext('event', new StatusError(503, 'unavailable'));
    kube.failNext('event', new StatusError(429, 'slow down', { 'retry-after': '5' }));
    const { clock, controller, settle } = await startController(kube);
    const key = 'object|ec2.services.k8s.aws/VPC|mycomputer-test|vpc';
    expect(controller.queue.failuresOf(key)).toBeGreaterThan(0);

    // WHEN time passes retry by retry
    const waited: number[] = [];
    for (let i = 0; i < 10 && eventsOf(kube).length === 0; i++) {
      const next = Math.min(...clock.pendingDelays());
      waited.push(next);
      clock.advance(next);
      await settle();
    }

    // THEN it waited the doubling backoff, then the 5 s the server asked for, and then succeeded
    expect(waited.filter((ms) => ms < 5000).every((ms) => [100, 200].includes(ms))).toBe(true);
    expect(waited[waited.length - 1]).toBe(5000);
    expect(eventsOf(kube)).toHaveLength(1);
    expect(controller.queue.failuresOf(key)).toBe(0);
  });
});

describe('reconcile: ACK status', () => {
  it('counts an unsynced object as not verified, with an Event only when ACK says False or Terminal', async () => {
    const kube = new FakeKube();
    kube.put(policyObject('TaggingPolicy', TAGGING, TAGGING_SPEC));
    kube.put(vpc('pending', { tags: COMPLIANT_TAGS }));
    kube.put(vpc('terminal', { tags: COMPLIANT_TAGS, status: { ackResourceMetadata: { arn: 'arn:aws:ec2:eu-west-1:1:vpc/t' }, conditions: [{ type: 'ACK.Terminal', status: 'True' }, { type: 'ACK.ResourceSynced', status: 'False' }] } }));
    kube.put(vpc('unsynced', { tags: COMPLIANT_TAGS, status: { conditions: [{ type: 'ACK.ResourceSynced', status: 'False' }] } }));
    const { settle } = await startController(kube);
    await settle();

    const status = statusOf(kube, 'TaggingPolicy', TAGGING);
    expect(status).toMatchObject({ resourcesChecked: 3, compliant: 0, violating: 0, notVerified: 3 });
    expect(status.violations!.map((v) => [v.name, v.reason, v.arn])).toEqual([
      ['pending', 'NotVerified', undefined],
      ['terminal', 'NotVerified', 'arn:aws:ec2:eu-west-1:1:vpc/t'],
      ['unsynced', 'NotVerified', undefined],
    ]);
    expect(status.conditions!.find((c) => c.type === 'Compliant')).toMatchObject({ status: 'False', reason: 'ResourcesNotVerified' });
    expect(eventsOf(kube).map((e) => [e.involvedObject.name, e.message]).sort()).toEqual([
      ['terminal', 'not verified: ACK.Terminal is True: ACK stopped trying until the spec changes [arn:aws:ec2:eu-west-1:1:vpc/t]'],
      ['unsynced', 'not verified: ACK.ResourceSynced is False: AWS may not match the spec'],
    ]);
  });
});

describe('reconcile: policy status', () => {
  it('bounds the violation list and says how many were left out', async () => {
    const kube = new FakeKube();
    kube.put(policyObject('TaggingPolicy', TAGGING, { ...TAGGING_SPEC, mode: 'audit', maxReportedViolations: 4 }));
    for (const name of ['a', 'b', 'c']) kube.put(vpc(name, { tags: { Environment: 'test' }, status: synced() }));
    const { settle } = await startController(kube);
    await settle();
    const status = statusOf(kube, 'TaggingPolicy', TAGGING);
    expect(status.violations!.map((v) => `${v.name}:${v.message.split(': ')[1]}`)).toEqual(['a:tag CostCenter is missing', 'a:tag Team is missing', 'b:tag CostCenter is missing', 'b:tag Team is missing']);
    expect(status.violationsOmitted).toBe(2);
    expect(status.violating).toBe(3);
  });

  it('lists rule violations before not-verified objects, and keeps both counts exact', async () => {
    // GIVEN more objects waiting for ACK than the list holds, sorting before the one real violation
    const bound = TAGGING_SPEC.maxReportedViolations!;
    const kube = new FakeKube();
    kube.put(policyObject('TaggingPolicy', TAGGING, { ...TAGGING_SPEC, mode: 'audit' }));
    const waiting = Array.from({ length: bound + 10 }, (_, i) => `a-pending-${String(i).padStart(3, '0')}`);
    for (const name of waiting) kube.put(vpc(name, { tags: COMPLIANT_TAGS }));
    kube.put(vpc('z-broken', { tags: { ...COMPLIANT_TAGS, Environment: 'prod' }, status: synced() }));
    const { settle } = await startController(kube);
    await settle();

    // THEN the violation comes first, then as many not-verified entries as fit
    const status = statusOf(kube, 'TaggingPolicy', TAGGING);
    expect(status.violations![0]).toMatchObject({ name: 'z-broken', reason: 'TagNotAllowed' });
    expect(status.violations!.slice(1).map((v) => [v.name, v.reason])).toEqual(waiting.slice(0, bound - 1).map((name) => [name, 'NotVerified']));
    expect(status).toMatchObject({ resourcesChecked: waiting.length + 1, violating: 1, notVerified: waiting.length, compliant: 0, violationsOmitted: waiting.length + 1 - bound });
  });

  it('moves lastEvaluation and the condition only when the results change', async () => {
    // GIVEN a compliant estate, evaluated at t0
    const kube = new FakeKube();
    kube.put(policyObject('TaggingPolicy', TAGGING, TAGGING_SPEC));
    kube.put(vpc('vpc', { tags: COMPLIANT_TAGS, status: synced() }));
    const { clock, settle } = await startController(kube);
    const first = statusOf(kube, 'TaggingPolicy', TAGGING);
    expect(first.conditions).toEqual([
      expect.objectContaining({ type: 'Compliant', status: 'True', reason: 'AllCompliant' }),
      expect.objectContaining({ type: 'Ready', status: 'True', reason: 'Watching' }),
    ]);

    // WHEN an unrelated change arrives later (labels only), THEN no status write
    clock.advance(60_000);
    const before = kube.writesOf('status').length;
    kube.put(vpc('vpc', { tags: COMPLIANT_TAGS, status: synced(), labels: { ...vpc('x').metadata.labels, extra: 'x' } }));
    await settle();
    expect(kube.writesOf('status')).toHaveLength(before);

    // WHEN a tag is removed (audit, so it stays broken), THEN one write with a new lastEvaluation and transition
    kube.put(policyObject('TaggingPolicy', TAGGING, { ...TAGGING_SPEC, mode: 'audit' }));
    await settle();
    kube.put(vpc('vpc', { tags: { Environment: 'test', Team: 'backend' }, status: synced() }));
    await settle();
    const second = statusOf(kube, 'TaggingPolicy', TAGGING);
    expect(second.lastEvaluation).not.toBe(first.lastEvaluation);
    expect(second.conditions![0]).toMatchObject({ status: 'False', reason: 'ViolationsFound' });
    expect(second.conditions![0].lastTransitionTime).not.toBe(first.conditions![0].lastTransitionTime);
    expect(second.conditions![1].lastTransitionTime).toBe(first.conditions![1].lastTransitionTime);
  });

  it('on a 409 status write re-reads the policy and writes again', async () => {
    const kube = new FakeKube();
    kube.put(policyObject('TaggingPolicy', TAGGING, TAGGING_SPEC));
    kube.put(vpc('vpc', { tags: COMPLIANT_TAGS, status: synced() }));
    kube.failNext('status', new StatusError(409, 'modified'));
    const { settle } = await startController(kube);
    await settle();
    expect(kube.writesOf('status').length).toBeGreaterThanOrEqual(2);
    expect(statusOf(kube, 'TaggingPolicy', TAGGING)).toMatchObject({ compliant: 1 });
  });

  it('says which covered kinds the cluster does not serve', async () => {
    const kube = new FakeKube();
    kube.servedKinds = new Set([...POLICY_KINDS.map((kind) => `platform.mycomputer.com/${kind}`), '/Event', 'ec2.services.k8s.aws/VPC']);
    kube.put(policyObject('TaggingPolicy', TAGGING, TAGGING_SPEC));
    const { settle } = await startController(kube);
    await settle();
    expect(statusOf(kube, 'TaggingPolicy', TAGGING).conditions![1]).toMatchObject({
      type: 'Ready',
      status: 'False',
      reason: 'KindsNotServed',
      message: 'The cluster serves no CRD for cloudwatchlogs.services.k8s.aws/LogGroup, rds.services.k8s.aws/DBInstance, s3.services.k8s.aws/Bucket; those kinds are not checked.',
    });
  });
});

describe('reconcile: backup policy', () => {
  it('reports each broken rule of a database and adds only the missing safety annotations', async () => {
    // GIVEN a critical database without replica, short retention, no deletion protection, no annotations
    const kube = new FakeKube();
    kube.put(policyObject('BackupPolicy', BACKUP, BACKUP_SPEC));
    kube.put(dbInstance('payments-db', { labels: { 'platform.mycomputer.com/tier': 'critical' }, annotations: {}, spec: { backupRetentionPeriod: 7, deletionProtection: false }, status: synced() }));
    const { settle } = await startController(kube);
    await settle();

    expect(eventsOf(kube).map((e) => e.reason).sort()).toEqual([
      'BackupRetentionTooShort',
      'CrossRegionReplicaMissing',
      'DeletionPolicyNotRetain',
      'DeletionProtectionDisabled',
      'FinalSnapshotSkipped',
      'FinalSnapshotUnnamed',
      'Remediated',
    ]);
    // The Normal Event names the three Warnings the annotations resolved, not the three that remain
    const warnings = eventsOf(kube).filter((e) => e.type === 'Warning');
    const resolved = warnings.filter((e) => ['DeletionPolicyNotRetain', 'FinalSnapshotSkipped', 'FinalSnapshotUnnamed'].includes(e.reason)).map((e) => e.message.replace(`BackupPolicy ${BACKUP}: `, ''));
    expect(resolved).toHaveLength(3);
    expect(eventsOf(kube).find((e) => e.reason === 'Remediated')!.message).toBe(`BackupPolicy ${BACKUP}: added annotations rds.services.k8s.aws/final-db-snapshot-identifier=payments-db-final, rds.services.k8s.aws/skip-final-snapshot=false, services.k8s.aws/deletion-policy=retain; resolved: ${resolved.sort().join('; ')}`);
    const apply = kube.writesOf('apply')[0];
    expect(apply.fieldManager).toBe(ANNOTATIONS_FIELD_MANAGER);
    expect(apply.body).toEqual({
      apiVersion: 'rds.services.k8s.aws/v1alpha1',
      kind: 'DBInstance',
      metadata: { name: 'payments-db', namespace: NS, resourceVersion: expect.any(String), annotations: safeDbAnnotations('payments-db') },
    });
    // Retention, deletion protection and the replica go through git: still violating.
    expect(statusOf(kube, 'BackupPolicy', BACKUP)).toMatchObject({ violating: 1, violations: [expect.objectContaining({ reason: 'BackupRetentionTooShort' }), expect.objectContaining({ reason: 'CrossRegionReplicaMissing' }), expect.objectContaining({ reason: 'DeletionProtectionDisabled' })] });
  });

  it('a second remediation keeps the annotation the first one added (server-side apply drops what it no longer names)', async () => {
    // GIVEN a database whose safety annotations the reconciler added
    const kube = new FakeKube();
    kube.put(policyObject('BackupPolicy', BACKUP, BACKUP_SPEC));
    kube.put(dbInstance('db', { annotations: {}, status: synced() }));
    const { settle } = await startController(kube);
    await settle();
    const added = objectOf(kube, dbInstance('db')).metadata.annotations;
    expect(added).toEqual(safeDbAnnotations('db'));

    // WHEN someone removes one of them
    const [removed, ...kept] = Object.keys(safeDbAnnotations('db'));
    const current = objectOf(kube, dbInstance('db'));
    kube.put({ ...current, metadata: { ...current.metadata, annotations: Object.fromEntries(kept.map((key) => [key, added![key]])) } });
    await settle();

    // THEN it is added back and the others are still there
    expect(objectOf(kube, dbInstance('db')).metadata.annotations).toEqual(safeDbAnnotations('db'));
    expect(kube.writesOf('apply')).toHaveLength(2);
    expect(removed).toBeDefined();
  });

  it('re-evaluates the primary when its DR replica appears', async () => {
    const kube = new FakeKube();
    kube.put(policyObject('BackupPolicy', BACKUP, { ...BACKUP_SPEC, mode: 'audit' }));
    kube.put(dbInstance('payments-db', { labels: { 'platform.mycomputer.com/tier': 'critical' }, status: synced() }));
    const { settle } = await startController(kube);
    expect(statusOf(kube, 'BackupPolicy', BACKUP)).toMatchObject({ violating: 1 });

    kube.put(dbInstance('payments-db-dr', {
      labels: { 'platform.mycomputer.com/tier': 'critical' },
      annotations: { 'services.k8s.aws/region': 'eu-central-1', ...safeDbAnnotations('payments-db-dr') },
      spec: { sourceDBInstanceIdentifier: 'arn:aws:rds:eu-west-1:111111111111:db:payments-db' },
      status: synced(),
    }));
    await settle();
    expect(statusOf(kube, 'BackupPolicy', BACKUP)).toMatchObject({ resourcesChecked: 2, compliant: 2, violating: 0 });
  });
});

describe('reconcile: a stateful resource recreated in AWS', () => {
  it('records the identity first seen, reports Recreated when the status names another, until the annotation is deleted', async () => {
    // GIVEN a compliant, synced database whose AWS identity ACK wrote into status
    const kube = new FakeKube();
    kube.put(policyObject('BackupPolicy', BACKUP, { ...BACKUP_SPEC, mode: 'audit' }));
    kube.put(dbInstance('db', { status: { ...synced(), dbiResourceID: 'db-AAA' } }));
    const { settle } = await startController(kube);

    // THEN the reconciler records it in one annotation, under its own field manager
    const [recorded, ...more] = kube.writesOf('apply');
    expect(more).toEqual([]);
    expect(recorded.fieldManager).toBe(IDENTITY_FIELD_MANAGER);
    expect(recorded.body).toEqual({ apiVersion: 'rds.services.k8s.aws/v1alpha1', kind: 'DBInstance', metadata: { name: 'db', namespace: NS, resourceVersion: expect.any(String), annotations: { [IDENTITY_ANNOTATION]: 'dbiResourceID=db-AAA' } } });
    expect(objectOf(kube, dbInstance('db')).metadata.annotations).toEqual({ ...safeDbAnnotations('db'), [IDENTITY_ANNOTATION]: 'dbiResourceID=db-AAA' });
    expect(statusOf(kube, 'BackupPolicy', BACKUP)).toMatchObject({ compliant: 1, violating: 0 });

    // WHEN the AWS side lost it and ACK created a new one under the same name
    const current = objectOf(kube, dbInstance('db'));
    kube.put({ ...current, status: { ...current.status, dbiResourceID: 'db-BBB' } });
    await settle();

    // THEN a Warning Event and a status violation, and nothing recorded over the old identity
    const recreated = eventsOf(kube).filter((e) => e.reason === RULE_RECREATED);
    expect(recreated.map((e) => [e.type, e.involvedObject.name])).toEqual([['Warning', 'db']]);
    expect(recreated[0].message).toContain('dbiResourceID=db-AAA was recorded, status now says dbiResourceID=db-BBB');
    expect(statusOf(kube, 'BackupPolicy', BACKUP)).toMatchObject({ compliant: 0, violating: 1, violations: [expect.objectContaining({ name: 'db', reason: RULE_RECREATED })] });
    expect(kube.writesOf('apply')).toHaveLength(1);

    // WHEN a person acknowledges it by deleting the annotation
    const seen = objectOf(kube, dbInstance('db'));
    kube.put({ ...seen, metadata: { ...seen.metadata, annotations: safeDbAnnotations('db') } });
    await settle();

    // THEN the new identity is recorded and the database complies again
    expect(objectOf(kube, dbInstance('db')).metadata.annotations?.[IDENTITY_ANNOTATION]).toBe('dbiResourceID=db-BBB');
    expect(statusOf(kube, 'BackupPolicy', BACKUP)).toMatchObject({ compliant: 1, violating: 0 });
  });
});

describe('reconcile(key) returns a Result', () => {
  it('is done ({}) when there is nothing more to do', async () => {
    const kube = new FakeKube();
    kube.put(policyObject('TaggingPolicy', TAGGING, TAGGING_SPEC));
    kube.put(vpc('vpc', { tags: COMPLIANT_TAGS, status: synced() }));
    const { controller } = await startController(kube);
    expect(await controller.reconciler.reconcile(policyKey('TaggingPolicy', TAGGING))).toEqual({});
    expect(await controller.reconciler.reconcile(objectKey('ec2.services.k8s.aws/VPC', NS, 'vpc'))).toEqual({});
    expect(await controller.reconciler.reconcile(objectKey('ec2.services.k8s.aws/VPC', NS, 'gone'))).toEqual({});
  });

  it('asks to be requeued, without an error, while the policy kind is not discovered', async () => {
    // GIVEN a cached policy whose kind discovery has not answered for yet
    const policy = toPolicy('TaggingPolicy', policyObject('TaggingPolicy', TAGGING, TAGGING_SPEC) as never);
    const view = { policy: () => policy, served: () => undefined } as unknown as CacheView;
    const reconciler = new Reconciler({ client: new FakeKube(), view, clock: new FakeClock(), logger: new MemoryLogger(), metrics: new Metrics(), instance: 'a' });
    // THEN reconcile resolves with a requeue instead of throwing
    await expect(reconciler.reconcile(policyKey('TaggingPolicy', TAGGING))).resolves.toEqual({ requeueAfterMs: POLICY_KIND_UNSERVED_REQUEUE_MS });
  });
});

describe('reconcile: security baseline (accepted findings)', () => {
  const BASELINE = 'test-security-baseline';
  const spec = (exceptions: object[]) => ({ mode: 'audit', namespaces: [NS], kinds: ['ec2.services.k8s.aws/VPC', 'ec2.services.k8s.aws/FlowLog'], exceptions });
  const baselineStatus = (kube: FakeKube) => (kube.get(POLICY_API_VERSION, 'SecurityBaseline', undefined, BASELINE)?.status ?? {}) as PolicyStatus;

  it('reports a failed control as a violation with a Warning', async () => {
    // GIVEN a synced VPC with no flow log (Security Hub EC2.6) and no exception
    const kube = new FakeKube();
    kube.put(policyObject('SecurityBaseline', BASELINE, spec([])));
    // (EC2.2, the default security group's rules, holds: only EC2.6 is in question)
    kube.put(vpc('vpc', { tags: COMPLIANT_TAGS, spec: { disallowSecurityGroupDefaultRules: true }, status: synced() }));
    const { settle } = await startController(kube);
    await settle();
    // THEN it is violating, and the Event names the control
    expect(baselineStatus(kube)).toMatchObject({ violating: 1, violations: [expect.objectContaining({ name: 'vpc', reason: 'ControlFailed', message: expect.stringContaining('EC2.6') })] });
    expect(baselineStatus(kube).accepted).toBeUndefined();
    expect(eventsOf(kube).filter((e) => e.message.includes('EC2.6')).map((e) => [e.type, e.reason])).toEqual([['Warning', 'ControlFailed']]);
  });

  it('lists an excepted failure in status.accepted with its reason and owner, and a Normal Event, without counting it as a violation', async () => {
    // GIVEN the same VPC and an exception for EC2.6 on it
    const kube = new FakeKube();
    kube.put(policyObject('SecurityBaseline', BASELINE, spec([{ control: 'EC2.6', kind: 'VPC', name: 'vpc', reason: 'flow logs go elsewhere', owner: 'platform' }])));
    // (EC2.2, the default security group's rules, holds: only EC2.6 is in question)
    kube.put(vpc('vpc', { tags: COMPLIANT_TAGS, spec: { disallowSecurityGroupDefaultRules: true }, status: synced() }));
    const { settle } = await startController(kube);
    await settle();
    // THEN compliant, and the exception is visible in status and as an Event
    const status = baselineStatus(kube);
    expect(status).toMatchObject({ compliant: 1, violating: 0, accepted: 1, acceptedOmitted: 0 });
    expect(status.acceptedFindings).toEqual([expect.objectContaining({ name: 'vpc', reason: 'ControlExcepted', message: expect.stringMatching(/EC2\.6 .*excepted: flow logs go elsewhere; owner platform/) })]);
    expect(eventsOf(kube).filter((e) => e.message.includes('EC2.6')).map((e) => [e.type, e.reason])).toEqual([['Normal', 'ControlExcepted']]);
  });
});
