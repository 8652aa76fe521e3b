import { describe, expect, it } from 'vitest';
import { ImmutableFields } from '../../cli/diff/immutable-fields';
import { crdsDir } from '../../charts/lib/crds-dir';
import { fieldLabel, spellOut } from '../../cli/diff/words';

const immutable = new ImmutableFields([crdsDir()]);

describe('immutability read from the CRDs (x-kubernetes-validations: self == oldSelf)', () => {
  it.each([
    ['rds.services.k8s.aws/v1alpha1', 'DBInstance', ['spec', 'availabilityZone'], 'spec.availabilityZone'],
    ['rds.services.k8s.aws/v1alpha1', 'DBInstance', ['spec', 'engineVersion'], undefined],
    ['rds.services.k8s.aws/v1alpha1', 'DBInstance', ['spec', 'dbInstanceClass'], undefined],
    ['s3.services.k8s.aws/v1alpha1', 'Bucket', ['spec', 'name'], 'spec.name'],
    ['kms.services.k8s.aws/v1alpha1', 'Key', ['spec', 'keySpec'], 'spec.keySpec'],
    ['elasticache.services.k8s.aws/v1alpha1', 'ReplicationGroup', ['spec', 'kmsKeyID'], 'spec.kmsKeyID'],
    ['ec2.services.k8s.aws/v1alpha1', 'VPC', ['spec', 'cidrBlocks', 0], undefined],
    ['rds.services.k8s.aws/v1alpha1', 'DBInstance', ['spec', 'availabilityZone', { json: true }, 'x'], 'spec.availabilityZone'],
    ['example.com/v1', 'Unknown', ['spec', 'name'], undefined],
  ] as const)('%s %s %j → %s', (apiVersion, kind, path, expected) => {
    expect(immutable.immutableAlong(apiVersion, kind, path)).toBe(expected);
  });
});

describe('reviewer words', () => {
  it.each([
    ['dbInstanceClass', 'DB instance class'],
    ['kmsKeyID', 'KMS key ID'],
    ['maxAllocatedStorage', 'max allocated storage'],
    ['vpcSecurityGroupIDs', 'VPC security group IDs'],
  ])('%s reads "%s"', (name, words) => {
    expect(spellOut(name)).toBe(words);
  });

  it('names tags, labels, annotations and matched list elements', () => {
    expect(fieldLabel(['spec', 'tags', { key: 'key', value: 'Owner' }, 'value'])).toBe('tag Owner');
    expect(fieldLabel(['spec', 'tagging', 'tagSet', { key: 'key', value: 'Team' }, 'value'])).toBe('tagging › tag Team');
    expect(fieldLabel(['metadata', 'annotations', 'argocd.argoproj.io/sync-wave'])).toBe('annotation argocd.argoproj.io/sync-wave');
    expect(fieldLabel(['spec', 'containerDefinitions', { key: 'name', value: 'inventory' }, 'image'])).toBe('container definitions › "inventory" › image');
    expect(fieldLabel(['spec', 'ingressRules', 0, 'fromPort'])).toBe('ingress rules › #1 › from port');
  });
});
