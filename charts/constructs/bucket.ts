import { Construct } from 'constructs';
import { BucketReplication } from '../lib/disaster-recovery';

import { Bucket as AckBucket } from '../../imports/s3-bucket-s3.services.k8s.aws';
import { bucketArn, bucketObjectsArn } from '../lib/arns';
import { LifecycleConfig } from '../lib/environment/types';
import { BucketPolicyStatement } from '../lib/log-delivery';
import { Owner, ownerLabels } from '../lib/ownership';

export interface BucketProps {
  /** metadata.name. */
  readonly name: string;
  /** The bucket's globally unique AWS name, e.g. `mycomputer-assets`. */
  readonly bucketName: string;
  /** Region the bucket is created in (its location constraint). */
  readonly region: string;
  /**
   * Default encryption: SSE-KMS with a key by ARN (ACK's Bucket has no key reference: use the
   * alias ARN so that no key id is hard-coded), or SSE-S3 where a writer accepts nothing else
   * (the logs bucket: ALB access logs and S3 server access logs), with the reason.
   */
  readonly encryption: BucketEncryption;
  /** Storage class transitions and expiry, applied to current and noncurrent versions alike. */
  readonly lifecycle: LifecycleConfig;
  /**
   * Who owns the bucket (Application and Team tags).
   * @default the chart's owner
   */
  readonly owner?: Owner;
  /**
   * Days after which unfinished multipart uploads are removed (they are billed, never listed).
   * @default 7
   */
  readonly abortIncompleteUploadsAfterDays?: number;
  /**
   * Copy every new object to another bucket (S3 replication; needs the versioning set here).
   * @default no replication
   */
  readonly replication?: BucketReplication;
  /**
   * Server access logs of this bucket to another bucket (same account and region), under a prefix.
   * @default no server access logs
   */
  readonly accessLogs?: { readonly targetBucket: string; readonly targetPrefix: string };
  /**
   * Statements added to the bucket policy after the TLS-only denies (log delivery grants).
   * @default none
   */
  readonly policyStatements?: readonly BucketPolicyStatement[];
  /**
   * Further annotations, e.g. `services.k8s.aws/region` for a bucket outside the namespace's
   * default region (the DR replica).
   * @default none
   */
  readonly annotations?: Readonly<Record<string, string>>;
}

/** SSE-KMS with a customer key, or SSE-S3 (AES256) where the writers require it. */
export type BucketEncryption =
  | { readonly kind: 'kms'; readonly kmsKeyArn: string }
  | { readonly kind: 's3-managed'; readonly reason: string };

// S3 general purpose bucket names: 3-63 of a-z 0-9 . -, starting and ending with a letter or digit.
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** S3 keeps objects 30 days in a class before Standard-IA, and in Standard-IA 30 days before Glacier. */
const MIN_DAYS_IN_CLASS = 30;

/**
 * An ACK S3 Bucket that is private and keeps its history: versioning, SSE-KMS with an S3 bucket
 * key (or SSE-S3 where the writers need it, with the reason), every public access blocked, ACLs disabled (bucket owner enforced), TLS 1.2+ only, and
 * lifecycle tiering to Standard-IA, then Glacier, then expiry.
 */
export class Bucket extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: BucketProps) {
    super(scope, id);
    const at = `Bucket ${props.name}`;
    const { infrequentAccessAfterDays: ia, glacierAfterDays: glacier, expireAfterDays: expire } = props.lifecycle;
    if (!BUCKET_NAME.test(props.bucketName) || props.bucketName.includes('..')) throw new Error(`${at}: bucketName must be 3-63 of a-z 0-9 . - (no ".."), got "${props.bucketName}"`);
    if (props.encryption.kind === 'kms' && !/^arn:[a-z-]+:kms:[a-z0-9-]+:\d{12}:(alias|key)\/\S+$/.test(props.encryption.kmsKeyArn)) throw new Error(`${at}: encryption.kmsKeyArn must be a KMS key or alias ARN, got "${props.encryption.kmsKeyArn}"`);
    if (props.encryption.kind === 's3-managed' && props.encryption.reason.trim() === '') throw new Error(`${at}: encryption.reason must say why this bucket is not SSE-KMS`);
    if (props.accessLogs && props.accessLogs.targetBucket === props.bucketName) throw new Error(`${at}: accessLogs.targetBucket must be another bucket, got its own name "${props.bucketName}"`);
    if (ia < MIN_DAYS_IN_CLASS) throw new Error(`${at}: lifecycle.infrequentAccessAfterDays must be at least ${MIN_DAYS_IN_CLASS} (S3 minimum), got ${ia}`);
    if (glacier < ia + MIN_DAYS_IN_CLASS) throw new Error(`${at}: lifecycle.glacierAfterDays must be at least infrequentAccessAfterDays + ${MIN_DAYS_IN_CLASS} (${ia + MIN_DAYS_IN_CLASS}), got ${glacier}`);
    if (expire <= glacier) throw new Error(`${at}: lifecycle.expireAfterDays must be more than glacierAfterDays (${glacier}), got ${expire}`);
    this.name = props.name;
    new AckBucket(this, 'Resource', {
      metadata: {
        name: props.name,
        ...(props.owner ? { labels: ownerLabels(props.owner) } : {}),
        ...(props.annotations ? { annotations: { ...props.annotations } } : {}),
      },
      spec: {
        name: props.bucketName,
        // us-east-1 is the one region S3 refuses as a location constraint.
        ...(props.region === 'us-east-1' ? {} : { createBucketConfiguration: { locationConstraint: props.region } }),
        versioning: { status: 'Enabled' },
        encryption: { rules: [encryptionRule(props.encryption)] },
        publicAccessBlock: { blockPublicAcLs: true, ignorePublicAcLs: true, blockPublicPolicy: true, restrictPublicBuckets: true },
        ownershipControls: { rules: [{ objectOwnership: 'BucketOwnerEnforced' }] },
        policy: bucketPolicy(props.bucketName, props.policyStatements ?? []),
        ...(props.accessLogs ? { logging: { loggingEnabled: { ...props.accessLogs } } } : {}),
        ...(props.replication ? { replication: replicationSpec(props.replication) } : {}),
        lifecycle: {
          rules: [
            {
              id: 'tier-and-expire',
              status: 'Enabled',
              filter: { prefix: '' },
              transitions: [
                { days: ia, storageClass: 'STANDARD_IA' },
                { days: glacier, storageClass: 'GLACIER' },
              ],
              expiration: { days: expire },
              noncurrentVersionTransitions: [
                { noncurrentDays: ia, storageClass: 'STANDARD_IA' },
                { noncurrentDays: glacier, storageClass: 'GLACIER' },
              ],
              noncurrentVersionExpiration: { noncurrentDays: expire },
              abortIncompleteMultipartUpload: { daysAfterInitiation: props.abortIncompleteUploadsAfterDays ?? 7 },
            },
          ],
        },
      },
    });
  }
}

/**
 * One rule for the whole bucket. SSE-KMS objects are replicated (re-encrypted with the
 * destination's key); delete markers are not, so that a deletion in the source cannot empty the
 * copy (the versions expire there by its own lifecycle).
 */
function replicationSpec(replication: BucketReplication) {
  if (!/^arn:aws:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(replication.destinationBucketArn)) throw new Error(`replication: destinationBucketArn must be arn:aws:s3:::<bucket>, got "${replication.destinationBucketArn}"`);
  const rtc = replication.replicationTimeControl ?? true;
  return {
    roleRef: { from: { name: replication.roleName } },
    rules: [
      {
        id: 'replicate-all',
        status: 'Enabled',
        priority: 1,
        filter: { prefix: '' },
        deleteMarkerReplication: { status: 'Disabled' },
        sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: 'Enabled' } },
        destination: {
          bucket: replication.destinationBucketArn,
          encryptionConfiguration: { replicaKmsKeyId: replication.destinationKmsKeyArn },
          ...(rtc ? { replicationTime: { status: 'Enabled', time: { minutes: 15 } }, metrics: { status: 'Enabled', eventThreshold: { minutes: 15 } } } : {}),
        },
      },
    ],
  };
}

function encryptionRule(encryption: BucketEncryption) {
  return encryption.kind === 'kms'
    ? { applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: encryption.kmsKeyArn }, bucketKeyEnabled: true }
    : { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } };
}

/** Denies every request over plain HTTP or TLS older than 1.2 (the seed's "TLS 1.2+"), then the given grants. */
function bucketPolicy(bucketName: string, statements: readonly BucketPolicyStatement[]): string {
  const resources = [bucketArn(bucketName), bucketObjectsArn(bucketName)];
  const deny = (sid: string, condition: Record<string, Record<string, string>>) => ({ Sid: sid, Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: resources, Condition: condition });
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [deny('DenyInsecureTransport', { Bool: { 'aws:SecureTransport': 'false' } }), deny('DenyTlsOlderThan12', { NumericLessThan: { 's3:TlsVersion': '1.2' } }), ...statements],
  });
}
