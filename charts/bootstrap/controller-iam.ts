/**
 * The IAM role `ack-controllers` in each environment's account, as two reviewed JSON documents
 * that the bootstrap applies by hand (docs/bootstrap.md): it must exist before any controller
 * can act in that account, so it cannot be an ACK object there.
 */
import { ACK_CONTROLLERS_ROLE, ackControllersRoleArn, controllerIdentityArn } from './ack-accounts';

/**
 * IAM action prefix of each ACK service. The controllers own the whole lifecycle of their kinds
 * (create, read, update, delete, tag), as the upstream recommended policies (each service's
 * FullAccess managed policy) grant; a service the estate uses but this table lacks fails synth.
 */
export const IAM_PREFIX_OF_SERVICE: Readonly<Record<string, string>> = {
  acm: 'acm',
  applicationautoscaling: 'application-autoscaling',
  cloudfront: 'cloudfront',
  cloudwatch: 'cloudwatch',
  cloudwatchlogs: 'logs',
  ec2: 'ec2',
  ecr: 'ecr',
  ecs: 'ecs',
  efs: 'elasticfilesystem',
  elasticache: 'elasticache',
  elbv2: 'elasticloadbalancing',
  iam: 'iam',
  kms: 'kms',
  rds: 'rds',
  route53: 'route53',
  s3: 's3',
  secretsmanager: 'secretsmanager',
  sns: 'sns',
  wafv2: 'wafv2',
};

/** IAM quota: characters of all inline policies of one role, whitespace excluded (we write none). */
const ROLE_INLINE_POLICY_MAX_CHARACTERS = 10240;

/**
 * Trust policy: only the controllers of the services the environment uses, each by the ARN of
 * its own identity, may assume the role. The principal is the controllers' account with the
 * identities as a condition, so the document is valid before those roles exist.
 */
export function controllersTrustPolicy(controllersAccountId: string, services: readonly string[]): string {
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AckControllers',
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${controllersAccountId}:root` },
          Action: 'sts:AssumeRole',
          Condition: { ArnEquals: { 'aws:PrincipalArn': [...services].sort().map((service) => controllerIdentityArn(controllersAccountId, service)) } },
        },
      ],
    },
    null,
    2,
  );
}

/**
 * Permissions: each used service's actions, and a deny on the role itself so that the IAM
 * controller (which holds iam:*) cannot widen or delete the role it runs as.
 */
export function controllersPermissionsPolicy(accountId: string, services: readonly string[]): string {
  const missing = services.filter((service) => IAM_PREFIX_OF_SERVICE[service] === undefined);
  if (missing.length > 0) throw new Error(`controllersPermissionsPolicy: no IAM action prefix for ACK service(s) ${missing.join(', ')}: add them to IAM_PREFIX_OF_SERVICE (charts/bootstrap/controller-iam.ts)`);
  const document = {
    Version: '2012-10-17',
    Statement: [
      ...[...services].sort().map((service) => ({
        Sid: `Ack${service.charAt(0).toUpperCase()}${service.slice(1)}`,
        Effect: 'Allow',
        Action: `${IAM_PREFIX_OF_SERVICE[service]}:*`,
        Resource: '*',
      })),
      { Sid: 'ProtectOwnRole', Effect: 'Deny', Action: 'iam:*', Resource: ackControllersRoleArn(accountId) },
    ],
  };
  const compact = JSON.stringify(document);
  if (compact.length > ROLE_INLINE_POLICY_MAX_CHARACTERS) {
    throw new Error(`controllersPermissionsPolicy: ${ACK_CONTROLLERS_ROLE} in ${accountId} needs ${compact.length} characters, more than a role's inline policies hold (${ROLE_INLINE_POLICY_MAX_CHARACTERS})`);
  }
  return JSON.stringify(document, null, 2);
}
