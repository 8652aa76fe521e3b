import { describe, expect, it } from 'vitest';
import { crdsDir } from '../../charts/lib/crds-dir';
import { AwsNames } from '../../cli/diff/aws-names';
import { ImmutableFields } from '../../cli/diff/immutable-fields';
import { substitution } from '../../cli/diff/renames';
import { KIND_LOSSES } from '../../policy/stateful-kinds';

const catalog = new ImmutableFields([crdsDir()]).catalog;
const names = new AwsNames(catalog);

describe('the AWS name field of a kind, read from its CRD', () => {
  it.each([
    ['s3.services.k8s.aws/v1alpha1', 'Bucket', 'name'],
    ['rds.services.k8s.aws/v1alpha1', 'DBInstance', 'dbInstanceIdentifier'],
    ['elasticache.services.k8s.aws/v1alpha1', 'ReplicationGroup', 'replicationGroupID'],
    ['elasticache.services.k8s.aws/v1alpha1', 'CacheSubnetGroup', 'cacheSubnetGroupName'],
    ['applicationautoscaling.services.k8s.aws/v1alpha1', 'ScalingPolicy', 'policyName'],
    ['cloudwatchlogs.services.k8s.aws/v1alpha1', 'LogGroup', 'name'],
    ['route53.services.k8s.aws/v1alpha1', 'RecordSet', 'name'],
    ['ec2.services.k8s.aws/v1alpha1', 'VPC', undefined],
    ['elbv2.services.k8s.aws/v1alpha1', 'Rule', undefined],
    ['example.com/v1', 'Unknown', undefined],
  ] as const)('%s %s → %s', (apiVersion, kind, field) => {
    expect(names.nameField(apiVersion, kind)).toBe(field);
  });

  it('scopes a record by zone and type: the same name of another type is another record', () => {
    const record = (recordType: string) => ({ apiVersion: 'route53.services.k8s.aws/v1alpha1', kind: 'RecordSet', metadata: { name: 'r' }, spec: { name: 'www', recordType, hostedZoneRef: { from: { name: 'zone' } } } });
    expect(names.identity(record('A'))).toBe(names.identity(record('A')));
    expect(names.identity(record('A'))).not.toBe(names.identity(record('AAAA')));
  });
});

describe('the kinds table', () => {
  it('names only kinds the CRDs serve', () => {
    const served = new Set([...catalog.values()].map((crd) => `${crd.group}/${crd.kind}`));
    for (const kind of Object.keys(KIND_LOSSES)) expect({ kind, served: served.has(kind) }).toEqual({ kind, served: true });
  });
});

describe('the substitution between two names', () => {
  it.each([
    ['tg-inventory', 'tg-stock', ['inventory', 'stock']],
    ['rule-inventory-host', 'rule-stock-host', ['inventory', 'stock']],
    ['scaling-policy-items-cpu', 'scaling-policy-inventory-cpu', ['items', 'inventory']],
    ['assets', 'assets-eu', ['assets', 'assets-eu']],
    ['same', 'same', undefined],
  ] as const)('%s → %s: %j', (before, after, expected) => {
    expect(substitution(before, after)).toEqual(expected);
  });
});
