/**
 * The estate's customer-managed KMS keys: one per purpose, each with an alias
 * `alias/mycomputer/<env>/<purpose>`. Charts reference a key by `names.kmsKey(purpose)`; where
 * ACK offers no key reference (S3 default encryption), by the alias ARN, which is known at synth
 * time and follows the key even when it is replaced.
 */
import { EnvironmentConfig } from './environment/types';
import { PARTITION } from './arns';

export const KEY_PURPOSES = ['rds', 'elasticache', 's3', 'efs', 'secrets', 'logs'] as const;
export type KeyPurpose = (typeof KEY_PURPOSES)[number];

type Scope = Pick<EnvironmentConfig, 'name' | 'aws'>;

/** `alias/mycomputer/<env>/<purpose>`. */
export function kmsAliasName(env: Pick<EnvironmentConfig, 'name'>, purpose: KeyPurpose): string {
  return `alias/mycomputer/${env.name}/${purpose}`;
}

/** ARN of a key's alias, accepted wherever KMS takes a key id (e.g. S3 `kmsMasterKeyID`). */
export function kmsAliasArn(env: Scope, purpose: KeyPurpose): string {
  return `arn:${PARTITION}:kms:${env.aws.region}:${env.aws.accountId}:${kmsAliasName(env, purpose)}`;
}
