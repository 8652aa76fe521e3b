/**
 * A stateful resource that came back as a new one. When the AWS side loses a resource (an account
 * restored, a resource deleted by hand), ACK finds it missing and creates it again under the same
 * name: the object syncs, every rule passes, and the data is gone. Nothing in the spec changes;
 * only the identity AWS assigned on creation does. The policy reconciler remembers the identity it
 * saw first in an annotation on the object (IDENTITY_ANNOTATION, written with a field manager of
 * its own) and compares it with the status on every reconcile; a difference is the `Recreated`
 * violation of the backup policy until a person acknowledges it by deleting the annotation (the
 * reconciler then records the new identity). Pure: no I/O here.
 */
import { LABEL_PREFIX } from './annotations';
import { KubeObject, kindKey } from './tag-shapes';

/** Where the reconciler keeps the identity it saw first: `<status field>=<value>`. */
export const IDENTITY_ANNOTATION = `${LABEL_PREFIX}/aws-identity`;
/** Field manager of that annotation: apart from the tag and annotation remediations, so no apply drops another's fields. */
export const IDENTITY_FIELD_MANAGER = 'policy-reconciler-identity';
/** Rule name and Event reason. */
export const RULE_RECREATED = 'Recreated';
/**
 * The status condition whose message is the bucket's CreationDate (ListBuckets). ACK's Bucket
 * status holds only values derived from the name; the project's patch of the S3 controller
 * (tools/ack/patches/s3@v1.10.0/001-bucket-creation-date.patch) adds this condition on every read.
 */
export const BUCKET_CREATED_CONDITION = 'platform.mycomputer.com/BucketCreated';

/**
 * The status field whose value AWS assigns once per resource created, per stateful kind (the
 * fields are in each kind's ACK CRD; tests/policy/recreation.test.ts checks them there), as a
 * dotted path or `conditions[<type>].message`: `undefined` where ACK's status carries nothing
 * that tells a new resource from the old (the reason is the value of GAPS).
 */
export const IDENTITY_FIELDS: Readonly<Record<string, string | undefined>> = {
  // DbiResourceId: "the AWS Region-unique, immutable identifier for the DB instance".
  'rds.services.k8s.aws/DBInstance': 'dbiResourceID',
  'efs.services.k8s.aws/FileSystem': 'fileSystemID',
  'kms.services.k8s.aws/Key': 'keyID',
  // The repository and the group are named by us; their creation time is AWS's.
  'ecr.services.k8s.aws/Repository': 'createdAt',
  'elasticache.services.k8s.aws/ReplicationGroup': 'replicationGroupCreateTime',
  // A secret's ARN ends in six random characters AWS adds at creation.
  'secretsmanager.services.k8s.aws/Secret': 'ackResourceMetadata.arn',
  // S3 has no bucket id; its creation date (BUCKET_CREATED_CONDITION) tells a new bucket from the
  // old. AWS documents that the date "can change when making changes to your bucket, such as
  // editing its bucket policy": on AWS an edit of the policy can raise a false Recreated, which a
  // person clears as any other (a loud false alarm, never a silent loss).
  's3.services.k8s.aws/Bucket': `conditions[${BUCKET_CREATED_CONDITION}].message`,
};

/** Why a stateful kind has no identity field (none today: each has one). */
export const GAPS: Readonly<Record<string, string>> = {};

const CONDITION_PATH = /^conditions\[([^\]]+)\]\.(\w+)$/;

/** The status value at a dotted path or a condition's field, as a string, or undefined when absent or empty. */
function at(status: Record<string, unknown> | undefined, field: string): string | undefined {
  let value: unknown = status;
  const condition = CONDITION_PATH.exec(field);
  if (condition) {
    const conditions = Array.isArray(status?.conditions) ? (status.conditions as Record<string, unknown>[]) : [];
    value = conditions.find((c) => c?.type === condition[1])?.[condition[2]];
  } else {
    for (const part of field.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  }
  return typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** The identity AWS gave the object's resource (`<field>=<value>`), or undefined: not a kind with one, or not created yet. */
export function identityOf(object: KubeObject): string | undefined {
  const field = IDENTITY_FIELDS[kindKey(object)];
  if (!field) return undefined;
  const value = at(object.status, field);
  return value === undefined ? undefined : `${field}=${value}`;
}

/** The identity recorded on the object, or undefined. */
export const recordedIdentityOf = (object: KubeObject): string | undefined => object.metadata.annotations?.[IDENTITY_ANNOTATION] || undefined;

const fieldOf = (identity: string): string => identity.slice(0, identity.indexOf('='));

/**
 * The identity to record: the object's, when it has one and nothing is recorded yet (or what is
 * recorded names another field: IDENTITY_FIELDS changed since).
 */
export function identityToRecord(object: KubeObject): string | undefined {
  const recorded = recordedIdentityOf(object);
  const current = identityOf(object);
  if (current === undefined || recorded === current) return undefined;
  return recorded === undefined || fieldOf(recorded) !== fieldOf(current) ? current : undefined;
}

export interface RecreationViolation {
  readonly rule: typeof RULE_RECREATED;
  readonly message: string;
}

/** The `Recreated` violation when the identity in status is not the one recorded. */
export function evaluateRecreation(object: KubeObject): RecreationViolation[] {
  const recorded = recordedIdentityOf(object);
  const current = identityOf(object);
  if (recorded === undefined || current === undefined || recorded === current || fieldOf(recorded) !== fieldOf(current)) return [];
  return [{
    rule: RULE_RECREATED,
    message: `the AWS resource was recreated: ${recorded} was recorded, status now says ${current}; it is a new resource without the old one's data (restore it, then delete annotation ${IDENTITY_ANNOTATION} to accept the new identity)`,
  }];
}
