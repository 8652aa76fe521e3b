/**
 * What happens over time and on deletion: drift made on the AWS side is undone; a DBInstance
 * deleted for real leaves its final snapshot; deleting stateful objects leaves AWS resources alone.
 */
import { expect, it, vi } from 'vitest';
import { keepOnDeletion } from '../../../charts/constructs/db-instance';
import { ManifestObject } from '../../../cli/diff/manifest-tree';
import { DELETION_POLICY_ANNOTATION } from '../../../policy/annotations';
import { FIELD_MANAGER, identity } from '../../cluster/support/manifests';
import { kubectl, ServerSideApply } from '../../support/kube';
import { aws } from '../support/aws';
import { syncStates } from '../support/rollout';
import { annotationsOf, isSynced, ofKind, regionOf, resourceOf, Run, specOf } from '../support/run';

/** The controllers' --reconcile-default-resync-seconds (scripts/cluster-aws.sh). */
const RESYNC_MS = Number(process.env.PLATFORM_ACK_RESYNC_SECONDS ?? 30) * 1000;

/**
 * A copy of `source` under a new name, as the charts would write it for that name (the same
 * final-snapshot annotations), except that it may really be deleted: deletion policy `delete`
 * and no deletion protection (AWS refuses to delete a protected instance).
 */
function deletableCopy(source: ManifestObject, name: string): ManifestObject {
  const spec = specOf(source);
  return {
    ...source,
    metadata: { ...source.metadata, name, annotations: { ...annotationsOf(source), ...keepOnDeletion(name), [DELETION_POLICY_ANNOTATION]: 'delete' } },
    spec: { ...spec, dbInstanceIdentifier: name, deletionProtection: false },
  } as ManifestObject;
}

export function lifecycleChecks(run: Run): void {
  const synced = isSynced.bind(undefined, run);

  // Concurrent with the hand-made resource check before it (checks/untagged.ts): it waits on ACK's resync.
  it.concurrent('undoes drift on the AWS side within the resync period: a removed tag and suspended versioning come back', async () => {
    const bucket = ofKind(run, 's3.services.k8s.aws', 'Bucket').find((b) => synced(b) && specOf(b).versioning?.status === 'Enabled');
    expect(bucket, 'a synced bucket with versioning').toBeDefined();
    const { name, tagging } = specOf(bucket!);
    const region = regionOf(run, bucket!);
    const [removed, ...kept] = tagging.tagSet as { key: string; value: string }[];
    // WHEN someone suspends versioning and removes a tag by hand
    await aws([
      { service: 's3', operation: 'put_bucket_versioning', params: { Bucket: name, VersioningConfiguration: { Status: 'Suspended' } } },
      { service: 's3', operation: 'put_bucket_tagging', params: { Bucket: name, Tagging: { TagSet: kept.map((t) => ({ Key: t.key, Value: t.value })) } } },
    ], region);
    // THEN ACK puts both back within a few resync periods
    await vi.waitFor(async () => {
      const [v, t] = await aws([{ service: 's3', operation: 'get_bucket_versioning', params: { Bucket: name } }, { service: 's3', operation: 'get_bucket_tagging', params: { Bucket: name } }], region);
      expect(v.result?.Status).toBe('Enabled');
      expect(Object.fromEntries((t.result?.TagSet ?? []).map((x: { Key: string; Value: string }) => [x.Key, x.Value]))[removed.key]).toBe(removed.value);
    }, { timeout: RESYNC_MS * 4 + 30_000, interval: 2_000 });
  }, RESYNC_MS * 4 + 90_000);

  it('takes the final snapshot when a DBInstance with the charts\' annotations is deleted for real', async () => {
    // GIVEN a copy of a synced primary DBInstance, with the annotations the charts write for its name
    const source = ofKind(run, 'rds.services.k8s.aws', 'DBInstance').find((o) => synced(o) && !specOf(o).sourceDBInstanceIdentifier);
    expect(source, 'a synced primary DBInstance').toBeDefined();
    expect(annotationsOf(source!)).toMatchObject(keepOnDeletion(specOf(source!).dbInstanceIdentifier));
    const copy = deletableCopy(source!, `e2e-${source!.metadata.name}`);
    const snapshot = keepOnDeletion(copy.metadata.name)['rds.services.k8s.aws/final-db-snapshot-identifier'];
    const region = regionOf(run, copy);
    try {
      await new ServerSideApply(FIELD_MANAGER).apply(copy, { force: true });
      await vi.waitFor(async () => expect((await syncStates([copy])).get(identity(copy))?.synced).toBe('True'), { timeout: 180_000, interval: 2_000 });

      // WHEN its Kubernetes object is deleted (deletion policy delete: rds-controller calls DeleteDBInstance)
      await kubectl(['delete', '--wait=true', '--timeout=180s', '-n', copy.metadata.namespace!, `${resourceOf(copy)}/${copy.metadata.name}`]);

      // THEN the instance is gone from AWS and its final snapshot is there
      const [instance, snapshots] = await aws([
        { service: 'rds', operation: 'describe_db_instances', params: { DBInstanceIdentifier: copy.metadata.name } },
        { service: 'rds', operation: 'describe_db_snapshots', params: { DBSnapshotIdentifier: snapshot } },
      ], region);
      expect(instance.error?.code).toBe('DBInstanceNotFound');
      expect(snapshots.error).toBeUndefined();
      expect(snapshots.result!.DBSnapshots).toMatchObject([{ DBSnapshotIdentifier: snapshot, DBInstanceIdentifier: copy.metadata.name, SnapshotType: 'manual' }]);
    } finally {
      await kubectl(['delete', '--ignore-not-found', '--wait=true', '--timeout=180s', '-n', copy.metadata.namespace!, `${resourceOf(copy)}/${copy.metadata.name}`]);
    }
  }, 420_000);

  it('keeps the AWS resources of stateful kinds when their Kubernetes objects are deleted (deletion policy retain)', async () => {
    const buckets = ofKind(run, 's3.services.k8s.aws', 'Bucket').filter(synced);
    const repositories = ofKind(run, 'ecr.services.k8s.aws', 'Repository').filter(synced);
    expect(buckets.length + repositories.length).toBeGreaterThan(0);
    for (const object of [...buckets, ...repositories]) expect(annotationsOf(object)[DELETION_POLICY_ANNOTATION], identity(object)).toBe('retain');
    // WHEN the objects are deleted from Kubernetes (the controller removes its finalizer)
    const [bucket] = buckets;
    const [repository] = repositories;
    const victims = [bucket, repository].filter((o): o is ManifestObject => o !== undefined);
    for (const victim of victims) await kubectl(['delete', '--wait=true', '--timeout=120s', '-n', victim.metadata.namespace!, `${resourceOf(victim)}/${victim.metadata.name}`]);
    // THEN the AWS resources are still there
    const answers = await aws([
      ...(bucket ? [{ service: 's3', operation: 'head_bucket', params: { Bucket: specOf(bucket).name }, region: regionOf(run, bucket) }] : []),
      ...(repository ? [{ service: 'ecr', operation: 'describe_repositories', params: { repositoryNames: [specOf(repository).name] }, region: regionOf(run, repository) }] : []),
    ], run.region);
    expect(answers.map((a) => a.error)).toEqual(answers.map(() => undefined));
  }, 300_000);
}
