import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { MountTarget } from '../../charts/constructs/mount-target';
import { ENVIRONMENT_NAMES, findObject, Obj, readTags, synthesized } from '../support/estate';

const ref = (name: string) => ({ from: { name } });
const inStorageChart = (env: string, kind: string) => synthesized(env).filter((o) => o.file === 'storage.yaml' && o.object.kind === kind).map((o) => o.object as unknown as Obj);
const NAME_TAGS = { development: 'fs-mycomputer-development', staging: 'fs-mycomputer-staging', production: 'fs-mycomputer' };

describe('EFS (the seed\'s fs-mycomputer)', () => {
  it.each(ENVIRONMENT_NAMES)('%s: general purpose, bursting, encrypted with the efs key, backed up, named by its Name tag', (name) => {
    const fileSystems = inStorageChart(name, 'FileSystem');
    expect(fileSystems.map((f) => f.metadata.name)).toEqual(['efs-file-system']);
    const { spec } = fileSystems[0];
    expect(spec).toMatchObject({
      performanceMode: 'generalPurpose',
      throughputMode: 'bursting',
      encrypted: true,
      kmsKeyRef: ref('kms-efs'),
      backupPolicy: { status: 'ENABLED' },
    });
    expect(readTags(fileSystems[0])).toMatchObject({ Name: NAME_TAGS[name], Environment: name, Application: 'platform' });
  });

  it.each(ENVIRONMENT_NAMES)('%s: the file system policy denies every request without TLS (encryption in transit)', (name) => {
    // GIVEN the file system policy
    const policy = JSON.parse(findObject(name, 'FileSystem', 'efs-file-system').spec.policy);
    // THEN non-TLS access is denied to everyone
    expect(policy.Statement).toContainEqual({
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: '*',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    });
    // AND the only allow is through a mount target (a policy EFS does not consider public)
    const allows = policy.Statement.filter((s: { Effect: string }) => s.Effect === 'Allow');
    expect(allows).toEqual([
      {
        Sid: 'AllowClientsThroughMountTargets',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite', 'elasticfilesystem:ClientRootAccess'],
        Condition: { Bool: { 'elasticfilesystem:AccessedViaMountTarget': 'true' } },
      },
    ]);
  });

  it.each(ENVIRONMENT_NAMES)('%s: one mount target in each of the three private subnets, behind sg-efs', (name) => {
    const targets = inStorageChart(name, 'MountTarget');
    expect(targets.map((t) => t.metadata.name)).toEqual(['efs-mount-target-a', 'efs-mount-target-b', 'efs-mount-target-c']);
    expect(targets.map((t) => t.spec)).toEqual(
      ['a', 'b', 'c'].map((zone) => ({ fileSystemRef: ref('efs-file-system'), subnetRef: ref(`subnet-private-${zone}`), securityGroupRefs: [ref('sg-efs')] })),
    );
  });

  it.each(ENVIRONMENT_NAMES)('%s: the file system is never pruned or deleted with its object', (name) => {
    const { annotations } = findObject(name, 'FileSystem', 'efs-file-system').metadata;
    expect(annotations!['services.k8s.aws/deletion-policy']).toBe('retain');
    expect(annotations!['argocd.argoproj.io/sync-options']).toBe('Prune=false,Delete=false');
  });

  it('a mount target without security group, or over the EFS limit of five', () => {
    const target = (securityGroupNames: string[]) => new MountTarget(new Chart(Testing.app(), 't'), 'm', { name: 'm', fileSystemName: 'f', subnetName: 's', securityGroupNames });
    expect(() => target([])).toThrow('MountTarget m: securityGroupNames must name 1-5 groups (EFS limit), got 0');
    expect(() => target(['1', '2', '3', '4', '5', '6'])).toThrow('got 6');
  });
});
