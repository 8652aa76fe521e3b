import { Construct } from 'constructs';
import { BucketReplication } from '../lib/disaster-recovery';

import { Bucket as AckBucket } from '../../imports/s3-bucket-s3.services.k8s.aws';
import { bucketArn, bucketObjectsArn } from '../lib/arns';
import { LifecycleConfig } from '../lib/environment/types';
import { Owner, ownerLabels } from '../lib/ownership';

export interface BucketProps {
  /** metadata.name. */
  readonly name: string;
  /** The bucket's globally unique AWS name, e.g. `mycomputer-assets`. */
  readonly bucketName: string;
  /** Region the bucket is created in (its location constraint). */
  readonly region: string;
  /**
   * KMS key of default encryption, by ARN (ACK's Bucket has no key reference): use the alias
   * ARN so that no key id is hard-coded.
   */
  readonly kmsKeyArn: string;
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
   * Further annotations, e.g. `services.k8s.aws/region` for a bucket outside the namespace's
   * default region (the DR replica).
   * @default none
   */
  readonly annotations?: Readonly<Record<string, string>>;
}


// S3 general purpose bucket names: 3-63 of a-z 0-9 . -, starting and ending with a letter or digit.
const BUCKET_NAME = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
/** S3 keeps objects 30 days in a class before Standard-IA, and in Standard-IA 30 days before Glacier. */
const MIN_DAYS_IN_CLASS = 30;

/**
 * An ACK S3 Bucket that is private and keeps its history: versioning, SSE-KMS with an S3 bucket
 * key, every public access blocked, ACLs disabled (bucket owner enforced), TLS 1.2+ only, and
 * lifecycle tiering to Standard-IA, then Glacier, then expiry.
 */
export class Bucket extends Construct {
  public readonly name: string;

  constructor(scope: Construct, id: string, props: BucketProps) {
    super(scope, id);
    const at = `Bucket ${props.name}`;
    const { infrequentAccessAfterDays: ia, glacierAfterDays: glacier, expireAfterDays: expire } = props.lifecycle;
    if (!BUCKET_NAME.test(props.bucketName) || props.bucketName.includes('..')) throw new Error(`${at}: bucketName must be 3-63 of a-z 0-9 . - (no ".."), got "${props.bucketName}"`);
    if (!/^arn:[a-z-]+:kms:[a-z0-9-]+:\d{12}:(alias|key)\/\S+$/.test(props.kmsKeyArn)) throw new Error(`${at}: kmsKeyArn must be a KMS key or alias ARN, got "${props.kmsKeyArn}"`);
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
        encryption: {
          rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: props.kmsKeyArn }, bucketKeyEnabled: true }],
        },
        publicAccessBlock: { blockPublicAcLs: true, ignorePublicAcLs: true, blockPublicPolicy: true, restrictPublicBuckets: true },
        ownershipControls: { rules: [{ objectOwnership: 'BucketOwnerEnforced' }] },
        policy: tlsOnlyPolicy(props.bucketName),
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

/** Denies every request over plain HTTP or TLS older than 1.2 (the seed's "TLS 1.2+"). */
function tlsOnlyPolicy(bucketName: string): string {
  const resources = [bucketArn(bucketName), bucketObjectsArn(bucketName)];
  const deny = (sid: string, condition: Record<string, Record<string, string>>) => ({ Sid: sid, Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: resources, Condition: condition });
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [deny('DenyInsecureTransport', { Bool: { 'aws:SecureTransport': 'false' } }), deny('DenyTlsOlderThan12', { NumericLessThan: { 's3:TlsVersion': '1.2' } })],
  });
}
