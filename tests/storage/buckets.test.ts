import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { Bucket, BucketProps } from '../../charts/constructs/bucket';
import { ENVIRONMENT_NAMES, findObject, loadEnv, Obj, readTags, synthesized } from '../support/estate';

const PURPOSES = ['assets', 'backups', 'logs'] as const;
/** The buckets of the storage chart (the DR chart adds replicas elsewhere). */
const bucketsOf = (env: string) => synthesized(env).filter((o) => o.file === 'storage.yaml' && o.object.kind === 'Bucket').map((o) => o.object as unknown as Obj);
const NAMES = {
  development: ['mycomputer-development-assets', 'mycomputer-development-backups', 'mycomputer-development-logs'],
  staging: ['mycomputer-staging-assets', 'mycomputer-staging-backups', 'mycomputer-staging-logs'],
  production: ['mycomputer-assets', 'mycomputer-backups', 'mycomputer-logs'],
};

describe('S3 buckets (the seed\'s assets, backups and logs)', () => {
  it.each(ENVIRONMENT_NAMES)('%s: the three buckets with the environment\'s names, production the seed\'s', (name) => {
    const buckets = bucketsOf(name);
    expect(buckets.map((b) => b.metadata.name)).toEqual(PURPOSES.map((p) => `bucket-${p}`));
    expect(buckets.map((b) => b.spec.name)).toEqual(NAMES[name]);
    for (const bucket of buckets) {
      expect(bucket.spec.createBucketConfiguration).toEqual({ locationConstraint: 'eu-west-1' });
      expect(readTags(bucket)).toMatchObject({ Environment: name, Application: 'platform', Team: 'platform' });
    }
  });

  it.each(ENVIRONMENT_NAMES)('%s: versioned, and tiered to IA at 30 days, Glacier at 90, deleted at 365 (current and old versions)', (name) => {
    for (const purpose of PURPOSES) {
      const { spec } = findObject(name, 'Bucket', `bucket-${purpose}`);
      expect(spec.versioning).toEqual({ status: 'Enabled' });
      expect(spec.lifecycle.rules).toEqual([
        {
          id: 'tier-and-expire',
          status: 'Enabled',
          filter: { prefix: '' },
          transitions: [
            { days: 30, storageClass: 'STANDARD_IA' },
            { days: 90, storageClass: 'GLACIER' },
          ],
          expiration: { days: 365 },
          noncurrentVersionTransitions: [
            { noncurrentDays: 30, storageClass: 'STANDARD_IA' },
            { noncurrentDays: 90, storageClass: 'GLACIER' },
          ],
          noncurrentVersionExpiration: { noncurrentDays: 365 },
          abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
        },
      ]);
    }
  });

  it.each(ENVIRONMENT_NAMES)('%s: SSE-KMS with the s3 key (by its alias ARN) and an S3 bucket key; the logs bucket SSE-S3', (name) => {
    const { region, accountId } = loadEnv(name).aws;
    for (const purpose of PURPOSES.filter((p) => p !== 'logs')) {
      expect(findObject(name, 'Bucket', `bucket-${purpose}`).spec.encryption).toEqual({
        rules: [
          {
            applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyID: `arn:aws:kms:${region}:${accountId}:alias/mycomputer/${name}/s3` },
            bucketKeyEnabled: true,
          },
        ],
      });
    }
    // ALB access logs and S3 server access logs are delivered only to SSE-S3 buckets.
    expect(findObject(name, 'Bucket', 'bucket-logs').spec.encryption).toEqual({ rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }] });
    // AND that alias exists in the environment, on the s3 key
    expect(findObject(name, 'Alias', 'kms-alias-s3').spec).toEqual({ name: `alias/mycomputer/${name}/s3`, targetKeyRef: { from: { name: 'kms-s3' } } });
  });

  it.each(ENVIRONMENT_NAMES)('%s: no public access at all, ACLs disabled, TLS 1.2+ only', (name) => {
    for (const purpose of PURPOSES) {
      const { spec } = findObject(name, 'Bucket', `bucket-${purpose}`);
      expect(spec.publicAccessBlock).toEqual({ blockPublicACLs: true, ignorePublicACLs: true, blockPublicPolicy: true, restrictPublicBuckets: true });
      expect(spec.ownershipControls).toEqual({ rules: [{ objectOwnership: 'BucketOwnerEnforced' }] });
      expect(spec.acl).toBeUndefined();
      const policy = JSON.parse(spec.policy);
      const arn = `arn:aws:s3:::${spec.name}`;
      // The TLS denies come first; the logs bucket adds its delivery grants after them (tests/storage/log-delivery.test.ts).
      expect(policy.Statement.slice(0, 2)).toEqual([
        { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [arn, `${arn}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
        { Sid: 'DenyTlsOlderThan12', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [arn, `${arn}/*`], Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } } },
      ]);
    }
  });

  it.each(ENVIRONMENT_NAMES)('%s: buckets are never pruned or deleted with their object', (name) => {
    for (const purpose of PURPOSES) {
      const { annotations } = findObject(name, 'Bucket', `bucket-${purpose}`).metadata;
      expect(annotations!['services.k8s.aws/deletion-policy']).toBe('retain');
      expect(annotations!['argocd.argoproj.io/sync-options']).toBe('Prune=false,Delete=false');
    }
  });
});

describe('the Bucket construct refuses what S3 would reject', () => {
  const props: BucketProps = {
    name: 'b',
    bucketName: 'mycomputer-test',
    region: 'eu-west-1',
    encryption: { kind: 'kms', kmsKeyArn: 'arn:aws:kms:eu-west-1:111111111111:alias/x' },
    lifecycle: { infrequentAccessAfterDays: 30, glacierAfterDays: 90, expireAfterDays: 365 },
  };
  const bucket = (over: Partial<BucketProps>) => new Bucket(new Chart(Testing.app(), 't'), 'b', { ...props, ...over });

  it('an invalid bucket name or key ARN', () => {
    expect(() => bucket({ bucketName: 'MyComputer_Assets' })).toThrow('Bucket b: bucketName must be 3-63 of a-z 0-9 . - (no ".."), got "MyComputer_Assets"');
    expect(() => bucket({ encryption: { kind: 'kms', kmsKeyArn: 'alias/x' } })).toThrow('Bucket b: encryption.kmsKeyArn must be a KMS key or alias ARN, got "alias/x"');
    expect(() => bucket({ encryption: { kind: 's3-managed', reason: ' ' } })).toThrow('Bucket b: encryption.reason must say why this bucket is not SSE-KMS');
  });

  it('server access logs into itself', () => {
    expect(() => bucket({ accessLogs: { targetBucket: 'mycomputer-test', targetPrefix: 'x/' } })).toThrow('Bucket b: accessLogs.targetBucket must be another bucket, got its own name "mycomputer-test"');
  });

  it('transitions S3 refuses: IA before 30 days, Glacier less than 30 days after IA, expiry before Glacier', () => {
    expect(() => bucket({ lifecycle: { infrequentAccessAfterDays: 10, glacierAfterDays: 90, expireAfterDays: 365 } })).toThrow('Bucket b: lifecycle.infrequentAccessAfterDays must be at least 30 (S3 minimum), got 10');
    expect(() => bucket({ lifecycle: { infrequentAccessAfterDays: 30, glacierAfterDays: 45, expireAfterDays: 365 } })).toThrow('Bucket b: lifecycle.glacierAfterDays must be at least infrequentAccessAfterDays + 30 (60), got 45');
    expect(() => bucket({ lifecycle: { infrequentAccessAfterDays: 30, glacierAfterDays: 90, expireAfterDays: 90 } })).toThrow('Bucket b: lifecycle.expireAfterDays must be more than glacierAfterDays (90), got 90');
  });

  it('in us-east-1 no location constraint (S3 refuses one there)', () => {
    const [object] = Testing.synth(Chart.of(bucket({ region: 'us-east-1' })));
    expect(object.spec.createBucketConfiguration).toBeUndefined();
  });
});
