/**
 * The AWS side read back through the emulator and compared with the manifests: tags, bucket
 * versioning and lifecycle, databases, key rotation, log retention, security group rules,
 * repositories, secrets. Each object is read in its own region (`services.k8s.aws/region`).
 */
import { expect, it } from 'vitest';
import { readTags, tagShapeOf } from '../../../policy/tag-shapes';
import { REQUIRED_TAG_KEYS } from '../../../policy/tagging';
import { identity } from '../../cluster/support/manifests';
import { aws, awsOne } from '../support/aws';
import { isSynced, ofKind, regionOf, Run, specOf } from '../support/run';
import { tagCallOf, tagsIn } from '../support/tags';

export function awsSideChecks(run: Run): void {
  const synced = isSynced.bind(undefined, run);
  const statusOf = (o: Parameters<typeof identity>[0]) => run.states.get(identity(o))!.status;

  it('puts the six tags of the tagging strategy on every synced taggable resource', async () => {
    const taggable = run.objects.filter((o) => synced(o) && tagShapeOf(o) !== 'none');
    expect(taggable.length).toBeGreaterThan(0);
    const answers = await aws(taggable.map((o) => tagCallOf(o, statusOf(o), run.region)), run.region);
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
    const buckets = ofKind(run, 's3.services.k8s.aws', 'Bucket').filter(synced);
    expect(buckets.length).toBeGreaterThan(0);
    const answers = await aws(buckets.flatMap((bucket) => [
      { service: 's3', operation: 'get_bucket_versioning', params: { Bucket: specOf(bucket).name }, region: regionOf(run, bucket) },
      { service: 's3', operation: 'get_bucket_lifecycle_configuration', params: { Bucket: specOf(bucket).name }, region: regionOf(run, bucket) },
    ]), run.region);
    buckets.forEach((bucket, index) => {
      const { name, versioning, lifecycle } = specOf(bucket);
      const [v, l] = [answers[2 * index], answers[2 * index + 1]];
      expect(v.result?.Status, name).toBe(versioning?.status);
      expect((l.result?.Rules ?? []).map((r: { ID: string }) => r.ID).sort(), name).toEqual((lifecycle?.rules ?? []).map((r: { id: string }) => r.id).sort());
    });
  });

  it('creates the databases with the class, Multi-AZ, backup retention, deletion protection and parameter group of the manifests', async () => {
    const instances = ofKind(run, 'rds.services.k8s.aws', 'DBInstance').filter(synced);
    const answers = await aws(instances.map((i) => ({ service: 'rds', operation: 'describe_db_instances', params: { DBInstanceIdentifier: specOf(i).dbInstanceIdentifier }, region: regionOf(run, i) })), run.region);
    instances.forEach((instance, index) => {
      const spec = specOf(instance);
      expect(answers[index].error, spec.dbInstanceIdentifier).toBeUndefined();
      const [db] = answers[index].result!.DBInstances;
      expect(db.DBInstanceClass, spec.dbInstanceIdentifier).toBe(spec.dbInstanceClass);
      expect(db.MultiAZ, spec.dbInstanceIdentifier).toBe(spec.multiAZ);
      expect(db.BackupRetentionPeriod, spec.dbInstanceIdentifier).toBe(spec.backupRetentionPeriod);
      expect(db.DeletionProtection, spec.dbInstanceIdentifier).toBe(spec.deletionProtection);
      if (spec.sourceDBInstanceIdentifier) expect(db.ReadReplicaSourceDBInstanceIdentifier, spec.dbInstanceIdentifier).toBe(spec.sourceDBInstanceIdentifier);
      // A read replica takes its source's parameter group: only primaries name one.
      if (!spec.dbParameterGroupRef) return;
      const group = run.objects.find((o) => o.kind === 'DBParameterGroup' && o.metadata.name === spec.dbParameterGroupRef.from.name);
      expect(db.DBParameterGroups.map((g: { DBParameterGroupName: string }) => g.DBParameterGroupName)).toContain(specOf(group!).name);
    });
    const all = ofKind(run, 'rds.services.k8s.aws', 'DBInstance');
    if (instances.length < all.length) console.log(`e2e ${run.env}: ${all.length - instances.length} of ${all.length} DBInstances not synced (gap list)`);
  });

  it('turns key rotation on for every KMS key that asks for it', async () => {
    const keys = ofKind(run, 'kms.services.k8s.aws', 'Key').filter(synced);
    expect(keys.length).toBeGreaterThan(0);
    const answers = await aws(keys.map((key) => ({ service: 'kms', operation: 'get_key_rotation_status', params: { KeyId: statusOf(key).keyID }, region: regionOf(run, key) })), run.region);
    keys.forEach((key, index) => expect(answers[index].result?.KeyRotationEnabled, key.metadata.name).toBe(specOf(key).enableKeyRotation === true));
  });

  it('gives every log group the retention of the manifests', async () => {
    const groups = ofKind(run, 'cloudwatchlogs.services.k8s.aws', 'LogGroup').filter(synced);
    expect(groups.length).toBeGreaterThan(0);
    const answers = await aws(groups.map((group) => ({ service: 'logs', operation: 'describe_log_groups', params: { logGroupNamePrefix: specOf(group).name }, region: regionOf(run, group) })), run.region);
    groups.forEach((group, index) => {
      const found = (answers[index].result?.logGroups ?? []).find((g: { logGroupName: string }) => g.logGroupName === specOf(group).name);
      expect(found?.retentionInDays, specOf(group).name).toBe(specOf(group).retentionDays);
    });
  });

  it('opens security groups exactly as the manifests say, and only the load balancer to the world', async () => {
    const groups = ofKind(run, 'ec2.services.k8s.aws', 'SecurityGroup').filter(synced);
    expect(groups.length).toBeGreaterThan(0);
    const { SecurityGroups } = await awsOne({ service: 'ec2', operation: 'describe_security_groups', params: { GroupIds: groups.map((g) => statusOf(g).id) } }, run.region);
    const world: string[] = [];
    for (const group of groups) {
      const actual = SecurityGroups.find((g: { GroupId: string }) => g.GroupId === statusOf(group).id);
      const ports = (rules: { fromPort?: number; FromPort?: number; toPort?: number; ToPort?: number; ipProtocol?: string; IpProtocol?: string }[]) =>
        rules.map((r) => `${r.ipProtocol ?? r.IpProtocol}:${r.fromPort ?? r.FromPort ?? ''}-${r.toPort ?? r.ToPort ?? ''}`).sort();
      expect(ports(actual.IpPermissions), group.metadata.name).toEqual(ports(specOf(group).ingressRules ?? []));
      if (actual.IpPermissions.some((p: { IpRanges: { CidrIp: string }[] }) => p.IpRanges.some((r) => r.CidrIp === '0.0.0.0/0'))) world.push(group.metadata.name);
    }
    const loadBalancerGroups = ofKind(run, 'elbv2.services.k8s.aws', 'LoadBalancer').flatMap((lb) => (specOf(lb).securityGroupRefs ?? []).map((r: { from: { name: string } }) => r.from.name));
    expect(world.sort()).toEqual([...new Set(loadBalancerGroups)].sort());
  });

  it('scans images on push and keeps the lifecycle policy of every repository', async () => {
    const repositories = ofKind(run, 'ecr.services.k8s.aws', 'Repository').filter(synced);
    expect(repositories.length).toBeGreaterThan(0);
    const answers = await aws(repositories.flatMap((r) => [
      { service: 'ecr', operation: 'describe_repositories', params: { repositoryNames: [specOf(r).name] }, region: regionOf(run, r) },
      { service: 'ecr', operation: 'get_lifecycle_policy', params: { repositoryName: specOf(r).name }, region: regionOf(run, r) },
    ]), run.region);
    repositories.forEach((repository, index) => {
      const spec = specOf(repository);
      const [described, lifecycle] = [answers[2 * index], answers[2 * index + 1]];
      expect(described.result?.repositories?.[0]?.imageScanningConfiguration?.scanOnPush, spec.name).toBe(spec.imageScanningConfiguration.scanOnPush);
      expect(JSON.parse(lifecycle.result?.lifecyclePolicyText ?? 'null'), spec.name).toEqual(JSON.parse(spec.lifecyclePolicy));
    });
  });

  it('creates the secrets without a value (values are put in by people, never by git)', async () => {
    const secrets = ofKind(run, 'secretsmanager.services.k8s.aws', 'Secret').filter(synced);
    expect(secrets.length).toBeGreaterThan(0);
    const answers = await aws(secrets.flatMap((s) => [
      { service: 'secretsmanager', operation: 'describe_secret', params: { SecretId: specOf(s).name }, region: regionOf(run, s) },
      { service: 'secretsmanager', operation: 'get_secret_value', params: { SecretId: specOf(s).name }, region: regionOf(run, s) },
    ]), run.region);
    secrets.forEach((secret, index) => {
      expect(specOf(secret).secretString, secret.metadata.name).toBeUndefined();
      expect(answers[2 * index].error, secret.metadata.name).toBeUndefined();
      expect(answers[2 * index + 1].error?.code, secret.metadata.name).toBe('ResourceNotFoundException');
    });
  });
}
