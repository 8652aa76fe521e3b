/**
 * The logs bucket (`storage.buckets.logs`) as the destination of the estate's access logs: where
 * each source writes under it, and the bucket policy statements that let each AWS delivery
 * service write there and nowhere else. The writers (load balancer attributes, bucket logging,
 * the VPC flow log) and the grants are built from the same prefixes here, so they cannot drift.
 *
 * The logs bucket is encrypted with SSE-S3, not the estate's KMS key: ALB access logs accept
 * only SSE-S3 ("The only server-side encryption option that's supported is Amazon S3-managed
 * keys (SSE-S3)", Enable access logs for your Application Load Balancer), and S3 server access
 * logs cannot be delivered to a bucket whose default encryption is SSE-KMS either (S3 user
 * guide, "Enabling Amazon S3 server access logging").
 */
import { EnvironmentConfig } from './environment/types';
import { bucketArn, PARTITION } from './arns';

type Scope = Pick<EnvironmentConfig, 'aws' | 'storage'>;

/** Prefixes under the logs bucket, one per kind of log (no `AWSLogs`: ELB and VPC add it themselves). */
export const LOG_PREFIXES = {
  loadBalancer: 'alb',
  vpcFlowLogs: 'vpc-flow-logs',
  /** S3 server access logs of a source bucket: `s3-access/<bucket name>/`. */
  serverAccess: (bucketName: string) => `s3-access/${bucketName}/`,
} as const;

/** A bucket policy statement, in the JSON shape of the policy language. */
export type BucketPolicyStatement = Readonly<Record<string, unknown>>;

/** `AWSLogs/<account>/*` under a prefix: where ELB and VPC flow logs write for this account. */
function accountLogsArn(env: Scope, prefix: string): string {
  return `${bucketArn(env.storage.buckets.logs)}/${prefix}/AWSLogs/${env.aws.accountId}/*`;
}

/**
 * ALB access logs: the ELB log delivery service principal may put objects under the load
 * balancer's prefix for this account only. AWS's page (Step 2 of
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html)
 * gives this service principal policy for every Region and keeps the per-Region ELB account ids
 * (eu-west-1 156460612806, eu-central-1 054676820928) only as the legacy policy of Regions older
 * than August 2022, recommending the move to the service principal; the statement follows its
 * example, which has no condition (the resource already names this account's folder).
 */
export function loadBalancerLogsStatement(env: Scope): BucketPolicyStatement {
  return {
    Sid: 'AllowElbAccessLogs',
    Effect: 'Allow',
    Principal: { Service: 'logdelivery.elasticloadbalancing.amazonaws.com' },
    Action: 's3:PutObject',
    Resource: accountLogsArn(env, LOG_PREFIXES.loadBalancer),
  };
}

/**
 * S3 server access logs: the S3 logging service principal may put objects under each source
 * bucket's own prefix, only for that source bucket of this account (aws:SourceArn and
 * aws:SourceAccount, as the S3 user guide's "Permissions for log delivery" example).
 */
export function serverAccessLogsStatements(env: Scope, sourceBuckets: readonly string[]): BucketPolicyStatement[] {
  return sourceBuckets.map((source) => ({
    Sid: `AllowServerAccessLogs${source.replace(/[^A-Za-z0-9]/g, '')}`,
    Effect: 'Allow',
    Principal: { Service: 'logging.s3.amazonaws.com' },
    Action: 's3:PutObject',
    Resource: `${bucketArn(env.storage.buckets.logs)}/${LOG_PREFIXES.serverAccess(source)}*`,
    Condition: { ArnLike: { 'aws:SourceArn': bucketArn(source) }, StringEquals: { 'aws:SourceAccount': env.aws.accountId } },
  }));
}

/**
 * VPC flow logs to S3: the log delivery service writes objects under the flow log prefix and
 * checks the bucket's ACL first, each only for this account's log deliveries in the
 * environment's region (VPC user guide, "Flow logs to Amazon S3", the bucket policy there).
 */
export function vpcFlowLogsStatements(env: Scope): BucketPolicyStatement[] {
  const condition = (extra: Record<string, string> = {}) => ({
    StringEquals: { 'aws:SourceAccount': env.aws.accountId, ...extra },
    ArnLike: { 'aws:SourceArn': `arn:${PARTITION}:logs:${env.aws.region}:${env.aws.accountId}:*` },
  });
  return [
    {
      Sid: 'AllowVpcFlowLogsWrite',
      Effect: 'Allow',
      Principal: { Service: 'delivery.logs.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: accountLogsArn(env, LOG_PREFIXES.vpcFlowLogs),
      Condition: condition({ 's3:x-amz-acl': 'bucket-owner-full-control' }),
    },
    {
      Sid: 'AllowVpcFlowLogsAclCheck',
      Effect: 'Allow',
      Principal: { Service: 'delivery.logs.amazonaws.com' },
      Action: ['s3:GetBucketAcl', 's3:ListBucket'],
      Resource: bucketArn(env.storage.buckets.logs),
      Condition: condition(),
    },
  ];
}

/** Where a flow log of the environment's VPC writes: `arn:aws:s3:::<logs bucket>/vpc-flow-logs/`. */
export function vpcFlowLogsDestination(env: Scope): string {
  return `${bucketArn(env.storage.buckets.logs)}/${LOG_PREFIXES.vpcFlowLogs}/`;
}
