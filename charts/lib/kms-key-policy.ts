/**
 * KMS key policies as data, rendered to the JSON string ACK's Key.policy takes. Every key lets
 * the account root administer it, which is what makes IAM policies able to grant its use (the
 * KMS default key policy); services that call KMS as themselves are added per key.
 */
import { EnvironmentConfig } from './environment/types';
import { PARTITION } from './arns';

type Aws = Pick<EnvironmentConfig, 'aws'>;

export interface ServiceGrant {
  /** Alphanumeric statement id. */
  readonly sid: string;
  /** Service principal, e.g. `logs.eu-west-1.amazonaws.com`. */
  readonly service: string;
  readonly actions: readonly string[];
  /** Narrows the grant (always give one: a service principal is shared by every account). */
  readonly condition: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

const ROOT_STATEMENT_SID = 'EnableRootAccountAdministration';

/** The key policy: root administration, then one statement per service grant. */
export function keyPolicy(env: Aws, grants: readonly ServiceGrant[] = []): string {
  for (const grant of grants) {
    if (!/^[A-Za-z0-9]+$/.test(grant.sid)) throw new Error(`keyPolicy: sid must be alphanumeric, got "${grant.sid}"`);
    if (!/^[a-z0-9.-]+\.amazonaws\.com$/.test(grant.service)) throw new Error(`keyPolicy ${grant.sid}: service must be a service principal, got "${grant.service}"`);
    if (Object.keys(grant.condition).length === 0) throw new Error(`keyPolicy ${grant.sid}: condition must not be empty`);
  }
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: ROOT_STATEMENT_SID,
        Effect: 'Allow',
        Principal: { AWS: `arn:${PARTITION}:iam::${env.aws.accountId}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
      ...grants.map((grant) => ({
        Sid: grant.sid,
        Effect: 'Allow',
        Principal: { Service: grant.service },
        Action: [...grant.actions],
        Resource: '*',
        Condition: grant.condition,
      })),
    ],
  });
}

/**
 * CloudWatch Logs encrypts log groups as its regional service principal; the grant is limited
 * to this account's log groups by the encryption context (CloudWatch Logs user guide). The
 * guide's `kms:Encrypt*`, `kms:Decrypt*`, `kms:ReEncrypt*` and `kms:GenerateDataKey*` are
 * spelled out (what they match today), so that an action KMS adds later is not granted unseen;
 * its `kms:Describe*` is left out: DescribeKey carries no encryption context, so under this
 * condition it was never granted (parliament: UNKNOWN_CONDITION_FOR_ACTION). The context key is
 * a String (Service Authorization Reference), hence StringLike, which matches the same ARNs.
 * `region`: where the key and its log groups are (@default the environment's region).
 */
export function cloudWatchLogsGrant(env: Aws, region: string = env.aws.region): ServiceGrant {
  return {
    sid: 'AllowCloudWatchLogs',
    service: `logs.${region}.amazonaws.com`,
    actions: [
      'kms:Encrypt',
      'kms:Decrypt',
      'kms:ReEncryptFrom',
      'kms:ReEncryptTo',
      'kms:GenerateDataKey',
      'kms:GenerateDataKeyWithoutPlaintext',
      'kms:GenerateDataKeyPair',
      'kms:GenerateDataKeyPairWithoutPlaintext',
    ],
    condition: { StringLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${PARTITION}:logs:${region}:${env.aws.accountId}:log-group:*` } },
  };
}
