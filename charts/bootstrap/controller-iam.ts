/**
 * The IAM role `ack-controllers` in each environment's account, as two reviewed JSON documents
 * that the bootstrap applies by hand (docs/bootstrap.md): it must exist before any controller
 * can act in that account, so it cannot be an ACK object there.
 */
import { PARTITION } from '../lib/arns';
import { ACK_CONTROLLERS_ROLE, ackControllersRoleArn, controllerIdentityArn } from './ack-accounts';

/** The ACK service (and IAM action prefix) of IAM itself. */
export const IAM_SERVICE = 'iam';

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

/**
 * What the ACK IAM controller calls IAM for, per IAM kind, and the IAM resource type (the
 * resource part of its ARN) all those calls take: read from iam-controller v1.8.1
 * (pkg/resource/<kind>/, every sdkapi call and paginator), which tests/bootstrap compares with
 * that source when ../shared/ack-src has it. None needs "*", so the controllers' IAM grant is
 * these actions of the kinds the environment uses, on that environment's account. A kind
 * missing here fails synth: add it from the controller's source.
 */
export const IAM_GRANTS_OF_KIND: Readonly<Record<string, { readonly resource: string; readonly actions: readonly string[] }>> = {
  Role: {
    resource: 'role/*',
    actions: [
      'AttachRolePolicy', 'CreateRole', 'DeleteRole', 'DeleteRolePermissionsBoundary', 'DeleteRolePolicy', 'DetachRolePolicy', 'GetRole', 'GetRolePolicy',
      'ListAttachedRolePolicies', 'ListRolePolicies', 'ListRoleTags', 'PutRolePermissionsBoundary', 'PutRolePolicy', 'TagRole', 'UntagRole', 'UpdateAssumeRolePolicy', 'UpdateRole',
    ],
  },
  Policy: {
    resource: 'policy/*',
    actions: ['CreatePolicy', 'CreatePolicyVersion', 'DeletePolicy', 'DeletePolicyVersion', 'GetPolicy', 'GetPolicyVersion', 'ListPolicyTags', 'ListPolicyVersions', 'TagPolicy', 'UntagPolicy'],
  },
  InstanceProfile: {
    resource: 'instance-profile/*',
    actions: ['AddRoleToInstanceProfile', 'CreateInstanceProfile', 'DeleteInstanceProfile', 'GetInstanceProfile', 'RemoveRoleFromInstanceProfile', 'TagInstanceProfile', 'UntagInstanceProfile'],
  },
};

/**
 * What the other controllers need of IAM, on roles: handing a role to their service
 * (iam:PassRole: ECS task roles, instance profiles, S3 replication, RDS monitoring) and creating
 * the service-linked roles of ECS, ELB, RDS or ElastiCache on first use.
 */
export const ROLE_GRANT = { resource: 'role/*', actions: ['PassRole', 'CreateServiceLinkedRole'] } as const;

/** The IAM statement's actions and resources (in `accountId`) for the IAM kinds used, sorted. */
export function iamGrant(accountId: string, iamKinds: readonly string[]): { actions: string[]; resources: string[] } {
  const unknown = iamKinds.filter((kind) => IAM_GRANTS_OF_KIND[kind] === undefined);
  if (unknown.length > 0) throw new Error(`controllersPermissionsPolicy: no IAM grant for IAM kind(s) ${unknown.join(', ')}: add what the IAM controller calls for them to IAM_GRANTS_OF_KIND (charts/bootstrap/controller-iam.ts)`);
  const grants = [ROLE_GRANT, ...iamKinds.map((kind) => IAM_GRANTS_OF_KIND[kind])];
  const sorted = (values: string[]) => [...new Set(values)].sort();
  return {
    actions: sorted(grants.flatMap((grant) => grant.actions.map((action) => `${IAM_PREFIX_OF_SERVICE[IAM_SERVICE]}:${action}`))),
    resources: sorted(grants.map((grant) => `arn:${PARTITION}:iam::${accountId}:${grant.resource}`)),
  };
}

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
 * controller cannot widen or delete the role it runs as. IAM is granted only what its controller
 * calls for the kinds the environment uses (`iamKinds`, e.g. Role, Policy) on their ARNs
 * (iamGrant); every other service all its actions on "*" (docs/security.md says why).
 */
export function controllersPermissionsPolicy(accountId: string, services: readonly string[], iamKinds: readonly string[] = []): string {
  const missing = services.filter((service) => IAM_PREFIX_OF_SERVICE[service] === undefined);
  if (missing.length > 0) throw new Error(`controllersPermissionsPolicy: no IAM action prefix for ACK service(s) ${missing.join(', ')}: add them to IAM_PREFIX_OF_SERVICE (charts/bootstrap/controller-iam.ts)`);
  const document = {
    Version: '2012-10-17',
    Statement: [
      ...[...services].sort().map((service) => {
        const iam = service === IAM_SERVICE ? iamGrant(accountId, iamKinds) : undefined;
        return {
          Sid: `Ack${service.charAt(0).toUpperCase()}${service.slice(1)}`,
          Effect: 'Allow',
          Action: iam?.actions ?? `${IAM_PREFIX_OF_SERVICE[service]}:*`,
          Resource: iam?.resources ?? '*',
        };
      }),
      { Sid: 'ProtectOwnRole', Effect: 'Deny', Action: 'iam:*', Resource: ackControllersRoleArn(accountId) },
    ],
  };
  const compact = JSON.stringify(document);
  if (compact.length > ROLE_INLINE_POLICY_MAX_CHARACTERS) {
    throw new Error(`controllersPermissionsPolicy: ${ACK_CONTROLLERS_ROLE} in ${accountId} needs ${compact.length} characters, more than a role's inline policies hold (${ROLE_INLINE_POLICY_MAX_CHARACTERS})`);
  }
  return JSON.stringify(document, null, 2);
}
