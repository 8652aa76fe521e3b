/** Security Hub controls for Amazon S3 evaluated on ACK Buckets (s3-controls.html). */
import { ackGap, check, controlUrl, list, record, shown, spec, statements, strings } from '../read';
import { BUCKET } from '../kinds';
import { Control } from '../types';
import { KubeObject } from '../../tag-shapes';

const PUBLIC_ACCESS_BLOCK = ['blockPublicACLs', 'blockPublicPolicy', 'ignorePublicACLs', 'restrictPublicBuckets'];

function bucketName(object: KubeObject): string {
  return String(spec(object).name ?? object.metadata.name);
}

/** A Deny of every S3 action to every principal when aws:SecureTransport is false, on the bucket and its objects. */
function deniesInsecureTransport(object: KubeObject): boolean {
  const arn = `arn:aws:s3:::${bucketName(object)}`;
  return statements(spec(object).policy).some((statement) => {
    const principal = statement.Principal;
    const everyone = principal === '*' || strings(record(principal).AWS).includes('*');
    const actions = strings(statement.Action);
    const secure = record(record(statement.Condition).Bool)['aws:SecureTransport'];
    const resources = strings(statement.Resource);
    return statement.Effect === 'Deny' && everyone && (actions.includes('s3:*') || actions.includes('*')) && String(secure) === 'false' && resources.includes(arn) && resources.includes(`${arn}/*`);
  });
}

export const S3_CONTROLS: readonly Control[] = [
  {
    id: 'S3.1',
    title: 'S3 Block Public Access setting should be enabled',
    url: controlUrl('S3.1'),
    appliesTo: [BUCKET],
    severity: 'Medium',
    scope: 'account',
    evaluate: () => [
      ackGap(
        'S3.1 checks the account-level Block Public Access settings, which no ACK object carries',
        'every Bucket blocks public access itself (S3.8); turn on the account-level setting once per account (s3control PutPublicAccessBlock) in the account bootstrap',
      ),
    ],
  },
  {
    id: 'S3.5',
    title: 'S3 buckets should require requests to use Secure Socket Layer',
    url: controlUrl('S3.5'),
    appliesTo: [BUCKET],
    severity: 'Medium',
    evaluate: (object) => check(deniesInsecureTransport(object), `policy has no statement denying s3:* to "*" on ${bucketName(object)} and its objects when aws:SecureTransport is "false"`),
  },
  {
    id: 'S3.8',
    title: 'S3 Block Public Access setting should be enabled at the bucket-level',
    url: controlUrl('S3.8'),
    appliesTo: [BUCKET],
    severity: 'High',
    evaluate: (object) => {
      const block = record(spec(object).publicAccessBlock);
      const off = PUBLIC_ACCESS_BLOCK.filter((setting) => block[setting] !== true);
      return check(off.length === 0, `publicAccessBlock ${off.join(', ')} not true`);
    },
  },
  {
    id: 'S3.9',
    title: 'S3 bucket server access logging should be enabled',
    url: controlUrl('S3.9'),
    appliesTo: [BUCKET],
    severity: 'Medium',
    evaluate: (object) => {
      const target = record(record(spec(object).logging).loggingEnabled).targetBucket;
      return check(typeof target === 'string' && target !== '', 'logging.loggingEnabled.targetBucket is unset: no server access logs');
    },
  },
  {
    id: 'S3.12',
    title: 'S3 access control lists (ACLs) should not be used to manage user access to buckets',
    url: controlUrl('S3.12'),
    appliesTo: [BUCKET],
    severity: 'Medium',
    evaluate: (object) => {
      const bucket = spec(object);
      const enforced = list(record(bucket.ownershipControls).rules).some((rule) => rule.objectOwnership === 'BucketOwnerEnforced');
      const grants = ['grantFullControl', 'grantRead', 'grantReadACP', 'grantWrite', 'grantWriteACP'].filter((field) => bucket[field] !== undefined);
      const acl = bucket.acl;
      const usesAcls = grants.length > 0 || (acl !== undefined && acl !== 'private');
      return check(enforced || !usesAcls, `ACLs grant access (${[...grants, ...(acl !== undefined ? [`acl ${shown(acl)}`] : [])].join(', ')}); use ownershipControls BucketOwnerEnforced and policies`);
    },
  },
  {
    id: 'S3.13',
    title: 'S3 buckets should have lifecycle policies configured',
    url: controlUrl('S3.13'),
    appliesTo: [BUCKET],
    severity: 'Low',
    evaluate: (object) => check(list(record(spec(object).lifecycle).rules).length > 0, 'lifecycle has no rules'),
  },
  {
    id: 'S3.14',
    title: 'S3 buckets should use versioning',
    url: controlUrl('S3.14'),
    appliesTo: [BUCKET],
    severity: 'Low',
    evaluate: (object) => {
      const status = record(spec(object).versioning).status;
      return check(status === 'Enabled', `versioning.status is ${shown(status)}, must be "Enabled"`);
    },
  },
];
