/**
 * Cross-account resource management (CARM) as the ACK runtime reads it, in one place.
 *
 * A namespace annotated `services.k8s.aws/owner-account-id` makes every controller look the
 * account up in the ConfigMap `ack-role-account-map` of its own namespace (ACK_SYSTEM_NAMESPACE,
 * default `ack-system`), whose `data` maps a 12-digit account id to the ARN of the role to
 * assume there; without an entry every resource stays "IAM Role is not available".
 * Source: ../shared/ack-src/runtime@v0.62.0/pkg/runtime/cache/account.go (ACKRoleAccountMap,
 * CARMMap.GetValue), cache/cache.go (defaultACKSystemNamespace), reconciler.go (Reconcile,
 * getOwnerAccountID, handleCacheError), config.go (stscreds.NewAssumeRoleProvider: a plain
 * AssumeRole, no external id).
 */
import { PARTITION } from '../lib/arns';

/** Name of the ConfigMap the ACK runtime reads (runtime cache/account.go ACKRoleAccountMap). */
export const ACK_ROLE_ACCOUNT_MAP = 'ack-role-account-map';

/** AWS name of the role the controllers assume in each environment's account. */
export const ACK_CONTROLLERS_ROLE = 'ack-controllers';

/** Suffix of an ACK group: `s3.services.k8s.aws` → service `s3`. */
const ACK_GROUP_SUFFIX = '.services.k8s.aws';

/** The role ACK assumes in `accountId` (the value of its `ack-role-account-map` entry). */
export function ackControllersRoleArn(accountId: string): string {
  return `arn:${PARTITION}:iam::${accountId}:role/${ACK_CONTROLLERS_ROLE}`;
}

/**
 * The identity one controller runs as in the controllers' account: the role its ServiceAccount
 * is bound to (IRSA or EKS Pod Identity), named as the ACK Helm charts name the ServiceAccount.
 */
export function controllerIdentityArn(controllersAccountId: string, service: string): string {
  return `arn:${PARTITION}:iam::${controllersAccountId}:role/ack-${service}-controller`;
}

/** The ACK service of an apiVersion (`iam.services.k8s.aws/v1alpha1` → `iam`), or undefined. */
export function ackServiceOf(apiVersion: string): string | undefined {
  const group = apiVersion.split('/')[0];
  return apiVersion.includes('/') && group.endsWith(ACK_GROUP_SUFFIX) ? group.slice(0, -ACK_GROUP_SUFFIX.length) : undefined;
}
