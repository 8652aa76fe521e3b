/**
 * The development estate deployed for real: manifests/development applied wave by wave (as Argo CD
 * would) into the cluster of `scripts/cluster up --aws`, where the ACK controllers built from source
 * create it in the AWS emulator. Then the AWS side is read back and compared with the manifests,
 * drift made on the AWS side is undone, and deleting stateful objects leaves AWS resources alone.
 * Objects that cannot sync against the emulator are on tests/e2e/gaps.yaml with their reason.
 */
import { beforeAll, expect, it, vi } from 'vitest';
import { ManifestObject } from '../../cli/diff/manifest-tree';
import { identity, isAck, objectsIn } from '../cluster/support/manifests';
import { loadEnv } from '../support/estate';
import { kubectl } from '../support/kube';
import { aws, awsOne } from './support/aws';
import { gapOf, readGaps } from './support/gaps';
import { rollout, syncStates, SyncState, WaveResult } from './support/rollout';
import { describeWithStack } from './support/stack';
import { tagCallOf, tagsIn } from './support/tags';
import { readTags, tagShapeOf } from '../../policy/tag-shapes';
import { REQUIRED_TAG_KEYS } from '../../policy/tagging';
import { runStatusCommand } from '../../cli/status/command';
import type { StatusReport } from '../../cli/status/report';
import { REPO_ROOT } from '../../charts/lib/crds-dir';

const ENV = 'development';
/** Longest wait per sync wave; a wave whose objects all sync ends sooner. */
const WAVE_TIMEOUT_MS = Number(process.env.PLATFORM_E2E_WAVE_TIMEOUT_SECONDS ?? 240) * 1000;
/** The controllers' --reconcile-default-resync-seconds (scripts/cluster-aws.sh), and a margin. */
const RESYNC_MS = Number(process.env.PLATFORM_ACK_RESYNC_SECONDS ?? 30) * 1000;

type Spec = Record<string, any>;

// Each AWS read starts a boto3 process (about a second on a busy machine): more than the 60 s default.
vi.setConfig({ testTimeout: 180_000 });
const specOf = (object: ManifestObject): Spec => (object as unknown as { spec: Spec }).spec;

describeWithStack(`${ENV} deployed by the ACK controllers against the AWS emulator`, () => {
  const objects = objectsIn(ENV);
  const region = loadEnv(ENV).aws.region;
  const gaps = readGaps();
  const ofKind = (group: string, kind: string) => objects.filter((o) => o.apiVersion.startsWith(`${group}/`) && o.kind === kind);
  let waves: WaveResult[] = [];
  let states = new Map<string, SyncState>();
  const synced = (o: ManifestObject) => states.get(identity(o))?.synced === 'True';

  beforeAll(async () => {
    waves = await rollout(objects, { waveTimeoutMs: WAVE_TIMEOUT_MS, gaps, log: (line) => console.log(`e2e ${ENV}: ${line}`) });
    states = await syncStates(objects);
  }, WAVE_TIMEOUT_MS * 8 + 120_000);

  it('syncs every ACK object, except those on the gap list', () => {
    const notSynced = objects.filter((o) => isAck(o) && !gapOf(o, gaps) && !synced(o)).map((o) => states.get(identity(o)));
    const total = objects.filter(isAck).length;
    console.log(`e2e ${ENV}: ${objects.filter(synced).length} of ${total} ACK objects synced; waves: ${waves.map((w) => `${w.wave}=${w.seconds.toFixed(0)}s`).join(' ')}`);
    expect(notSynced.map((s) => `${s?.kind}/${s?.name}: ${s?.synced} ${s?.message}`)).toEqual([]);
  });

  it('has no stale gap: every entry covers an object, and none of them synced', () => {
    const stale = gaps.filter((gap) => !objects.some((o) => isAck(o) && gapOf(o, [gap]) && !synced(o)));
    expect(stale.map((gap) => `${gap.group}/${gap.kind} ${gap.name}: ${gap.reason}`)).toEqual([]);
  });

  it('resolves the references between resources (subnets into the VPC, rules into security groups, ...)', () => {
    const unresolved = objects
      .filter((o) => synced(o))
      .filter((o) => (states.get(identity(o))?.status.conditions ?? []).some((c: { type: string; status: string }) => c.type === 'ACK.ReferencesResolved' && c.status !== 'True'));
    expect(unresolved.map(identity)).toEqual([]);
  });

  it('is what `platform status` reports: every object not synced listed with its condition, nothing terminal', async () => {
    const result = await runStatusCommand(['--env', ENV, '--format', 'json', '--kubeconfig', process.env.PLATFORM_TEST_KUBECONFIG!], REPO_ROOT);
    expect(result.message).toBeUndefined();
    expect(result.exitCode).toBe(0);
    const [report] = (JSON.parse(result.output) as StatusReport).environments;
    const ack = objects.filter(isAck);
    expect(report.counts.total).toBe(ack.length);
    expect(report.counts.synced).toBe(ack.filter(synced).length);
    expect(report.counts.terminal).toBe(0);
    // Exactly the objects that did not sync, each with the condition that says why.
    expect(report.notSynced.map((o) => `${o.kind}/${o.name}`).sort()).toEqual(ack.filter((o) => !synced(o)).map((o) => `${o.kind}/${o.metadata.name}`).sort());
    for (const entry of report.notSynced) expect(entry.message, `${entry.kind}/${entry.name}`).toBeTruthy();
  });

  it('puts the six tags of the tagging strategy on every synced taggable resource', async () => {
    const taggable = objects.filter((o) => synced(o) && tagShapeOf(o) !== 'none');
    expect(taggable.length).toBeGreaterThan(0);
    const answers = await aws(taggable.map((o) => tagCallOf(o, states.get(identity(o))!.status, region)), region);
    const problems: string[] = [];
    taggable.forEach((object, index) => {
      const expected = readTags(object);
      expect(Object.keys(expected), identity(object)).toEqual(expect.arrayContaining([...REQUIRED_TAG_KEYS]));
      const answer = answers[index];
      if (answer.error) return void problems.push(`${object.kind}/${object.metadata.name}: ${answer.error.code} ${answer.error.message}`);
      const actual = tagsIn(answer.result);
      for (const [key, value] of Object.entries(expected)) {
        if (actual[key] !== value) problems.push(`${object.kind}/${object.metadata.name}: ${key}=${actual[key]} (want ${value})`);
      }
    });
    expect(problems).toEqual([]);
  });

  it('sets bucket versioning and lifecycle as the manifests say', async () => {
    const buckets = ofKind('s3.services.k8s.aws', 'Bucket').filter(synced);
    expect(buckets.length).toBeGreaterThan(0);
    for (const bucket of buckets) {
      const { name, versioning, lifecycle } = specOf(bucket);
      const [v, l] = await aws([{ service: 's3', operation: 'get_bucket_versioning', params: { Bucket: name } }, { service: 's3', operation: 'get_bucket_lifecycle_configuration', params: { Bucket: name } }], region);
      expect(v.result?.Status, name).toBe(versioning?.status);
      expect((l.result?.Rules ?? []).map((r: { ID: string }) => r.ID).sort(), name).toEqual((lifecycle?.rules ?? []).map((r: { id: string }) => r.id).sort());
    }
  });

  it('creates the databases with the class, Multi-AZ, backup retention, deletion protection and parameter group of the manifests', async () => {
    const instances = ofKind('rds.services.k8s.aws', 'DBInstance').filter(synced);
    for (const instance of instances) {
      const spec = specOf(instance);
      const { DBInstances: [db] } = await awsOne({ service: 'rds', operation: 'describe_db_instances', params: { DBInstanceIdentifier: spec.dbInstanceIdentifier } }, region);
      expect(db.DBInstanceClass, spec.dbInstanceIdentifier).toBe(spec.dbInstanceClass);
      expect(db.MultiAZ).toBe(spec.multiAZ);
      expect(db.BackupRetentionPeriod).toBe(spec.backupRetentionPeriod);
      expect(db.DeletionProtection).toBe(spec.deletionProtection);
      const group = objects.find((o) => o.kind === 'DBParameterGroup' && o.metadata.name === spec.dbParameterGroupRef?.from?.name);
      expect(db.DBParameterGroups.map((g: { DBParameterGroupName: string }) => g.DBParameterGroupName)).toContain(specOf(group!).name);
    }
    const all = ofKind('rds.services.k8s.aws', 'DBInstance');
    if (instances.length < all.length) console.log(`e2e ${ENV}: ${all.length - instances.length} of ${all.length} DBInstances not synced (gap list)`);
  });

  it('turns key rotation on for every KMS key that asks for it', async () => {
    const keys = ofKind('kms.services.k8s.aws', 'Key').filter(synced);
    expect(keys.length).toBeGreaterThan(0);
    const answers = await aws(keys.map((key) => ({ service: 'kms', operation: 'get_key_rotation_status', params: { KeyId: states.get(identity(key))!.status.keyID } })), region);
    keys.forEach((key, index) => expect(answers[index].result?.KeyRotationEnabled, key.metadata.name).toBe(specOf(key).enableKeyRotation === true));
  });

  it('gives every log group the retention of the manifests', async () => {
    const groups = ofKind('cloudwatchlogs.services.k8s.aws', 'LogGroup').filter(synced);
    expect(groups.length).toBeGreaterThan(0);
    const answers = await aws(groups.map((group) => ({ service: 'logs', operation: 'describe_log_groups', params: { logGroupNamePrefix: specOf(group).name } })), region);
    groups.forEach((group, index) => {
      const found = (answers[index].result?.logGroups ?? []).find((g: { logGroupName: string }) => g.logGroupName === specOf(group).name);
      expect(found?.retentionInDays, specOf(group).name).toBe(specOf(group).retentionDays);
    });
  });

  it('opens security groups exactly as the manifests say, and only the load balancer to the world', async () => {
    const groups = ofKind('ec2.services.k8s.aws', 'SecurityGroup').filter(synced);
    expect(groups.length).toBeGreaterThan(0);
    const { SecurityGroups } = await awsOne({ service: 'ec2', operation: 'describe_security_groups', params: { GroupIds: groups.map((g) => states.get(identity(g))!.status.id) } }, region);
    const world: string[] = [];
    for (const group of groups) {
      const actual = SecurityGroups.find((g: { GroupId: string }) => g.GroupId === states.get(identity(group))!.status.id);
      const ports = (rules: { fromPort?: number; FromPort?: number; toPort?: number; ToPort?: number; ipProtocol?: string; IpProtocol?: string }[]) =>
        rules.map((r) => `${r.ipProtocol ?? r.IpProtocol}:${r.fromPort ?? r.FromPort ?? ''}-${r.toPort ?? r.ToPort ?? ''}`).sort();
      expect(ports(actual.IpPermissions), group.metadata.name).toEqual(ports(specOf(group).ingressRules ?? []));
      if (actual.IpPermissions.some((p: { IpRanges: { CidrIp: string }[] }) => p.IpRanges.some((r) => r.CidrIp === '0.0.0.0/0'))) world.push(group.metadata.name);
    }
    const loadBalancerGroups = ofKind('elbv2.services.k8s.aws', 'LoadBalancer').flatMap((lb) => (specOf(lb).securityGroupRefs ?? []).map((r: { from: { name: string } }) => r.from.name));
    expect(world.sort()).toEqual([...new Set(loadBalancerGroups)].sort());
  });

  it('scans images on push and keeps the lifecycle policy of every repository', async () => {
    const repositories = ofKind('ecr.services.k8s.aws', 'Repository').filter(synced);
    expect(repositories.length).toBeGreaterThan(0);
    const answers = await aws(repositories.flatMap((r) => [
      { service: 'ecr', operation: 'describe_repositories', params: { repositoryNames: [specOf(r).name] } },
      { service: 'ecr', operation: 'get_lifecycle_policy', params: { repositoryName: specOf(r).name } },
    ]), region);
    repositories.forEach((repository, index) => {
      const spec = specOf(repository);
      const [described, lifecycle] = [answers[2 * index], answers[2 * index + 1]];
      expect(described.result?.repositories?.[0]?.imageScanningConfiguration?.scanOnPush, spec.name).toBe(spec.imageScanningConfiguration.scanOnPush);
      expect(JSON.parse(lifecycle.result?.lifecyclePolicyText ?? 'null'), spec.name).toEqual(JSON.parse(spec.lifecyclePolicy));
    });
  });

  it('creates the secrets without a value (values are put in by people, never by git)', async () => {
    const secrets = ofKind('secretsmanager.services.k8s.aws', 'Secret').filter(synced);
    expect(secrets.length).toBeGreaterThan(0);
    const answers = await aws(secrets.flatMap((s) => [
      { service: 'secretsmanager', operation: 'describe_secret', params: { SecretId: specOf(s).name } },
      { service: 'secretsmanager', operation: 'get_secret_value', params: { SecretId: specOf(s).name } },
    ]), region);
    secrets.forEach((secret, index) => {
      expect(specOf(secret).secretString, secret.metadata.name).toBeUndefined();
      expect(answers[2 * index].error, secret.metadata.name).toBeUndefined();
      expect(answers[2 * index + 1].error?.code, secret.metadata.name).toBe('ResourceNotFoundException');
    });
  });

  it('undoes drift on the AWS side within the resync period: a removed tag and suspended versioning come back', async () => {
    const bucket = ofKind('s3.services.k8s.aws', 'Bucket').find((b) => synced(b) && specOf(b).versioning?.status === 'Enabled');
    expect(bucket, 'a synced bucket with versioning').toBeDefined();
    const { name, tagging } = specOf(bucket!);
    const [removed, ...kept] = tagging.tagSet as { key: string; value: string }[];
    // WHEN someone suspends versioning and removes a tag by hand
    await aws([
      { service: 's3', operation: 'put_bucket_versioning', params: { Bucket: name, VersioningConfiguration: { Status: 'Suspended' } } },
      { service: 's3', operation: 'put_bucket_tagging', params: { Bucket: name, Tagging: { TagSet: kept.map((t) => ({ Key: t.key, Value: t.value })) } } },
    ], region);
    // THEN ACK puts both back within a few resync periods
    const deadline = Date.now() + RESYNC_MS * 4 + 30_000;
    let versioning = 'Suspended';
    let tags: Record<string, string> = {};
    while (Date.now() < deadline) {
      const [v, t] = await aws([{ service: 's3', operation: 'get_bucket_versioning', params: { Bucket: name } }, { service: 's3', operation: 'get_bucket_tagging', params: { Bucket: name } }], region);
      versioning = v.result?.Status;
      tags = Object.fromEntries((t.result?.TagSet ?? []).map((x: { Key: string; Value: string }) => [x.Key, x.Value]));
      if (versioning === 'Enabled' && tags[removed.key] === removed.value) break;
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    expect(versioning).toBe('Enabled');
    expect(tags[removed.key]).toBe(removed.value);
  }, RESYNC_MS * 4 + 90_000);

  it('keeps the AWS resources of stateful kinds when their Kubernetes objects are deleted (deletion policy retain)', async () => {
    const buckets = ofKind('s3.services.k8s.aws', 'Bucket').filter(synced);
    const repositories = ofKind('ecr.services.k8s.aws', 'Repository').filter(synced);
    expect(buckets.length + repositories.length).toBeGreaterThan(0);
    for (const object of [...buckets, ...repositories]) {
      expect((object.metadata.annotations as Record<string, string>)['services.k8s.aws/deletion-policy'], identity(object)).toBe('retain');
    }
    // WHEN the objects are deleted from Kubernetes (the controller removes its finalizer)
    const [bucket] = buckets;
    const [repository] = repositories;
    const victims = [bucket, repository].filter((o): o is ManifestObject => o !== undefined);
    for (const victim of victims) {
      await kubectl(['delete', '--wait=true', '--timeout=120s', '-n', victim.metadata.namespace!, `${victim.kind.toLowerCase()}.${victim.apiVersion.split('/')[0]}/${victim.metadata.name}`]);
    }
    // THEN the AWS resources are still there
    const answers = await aws([
      ...(bucket ? [{ service: 's3', operation: 'head_bucket', params: { Bucket: specOf(bucket).name } }] : []),
      ...(repository ? [{ service: 'ecr', operation: 'describe_repositories', params: { repositoryNames: [specOf(repository).name] } }] : []),
    ], region);
    expect(answers.map((a) => a.error)).toEqual(answers.map(() => undefined));
  }, 300_000);
});
