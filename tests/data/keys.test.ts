import { describe, expect, it } from 'vitest';
import { ENVIRONMENT_NAMES, findObject, loadEnv, Obj, synthesized } from '../support/estate';

const PURPOSES = ['rds', 'elasticache', 's3', 'efs', 'secrets', 'logs'];
/** Keys whose data is copied to the DR region; multiRegion is immutable, so it is on everywhere. */
const MULTI_REGION = ['rds', 's3', 'secrets'];
/** Objects of one kind in the keys chart (the DR chart adds the DR region's keys elsewhere). */
const inKeysChart = (env: string, kind: string) => synthesized(env).filter((o) => o.file === 'keys.yaml' && o.object.kind === kind).map((o) => o.object as unknown as Obj);

describe('KMS keys (the seed\'s "Key Management: AWS KMS")', () => {
  it.each(ENVIRONMENT_NAMES)('%s: one rotated symmetric key per purpose, each with its alias', (name) => {
    // GIVEN the environment WHEN its KMS keys and aliases are read
    const keys = inKeysChart(name, 'Key');
    const aliases = inKeysChart(name, 'Alias');

    // THEN there is exactly one key and one alias per purpose
    expect(aliases.map((a) => a.metadata.name).sort()).toEqual(PURPOSES.map((p) => `kms-alias-${p}`).sort());
    expect(keys.map((k) => k.metadata.name).sort()).toEqual(PURPOSES.map((p) => `kms-${p}`).sort());
    for (const purpose of PURPOSES) {
      const key = findObject(name, 'Key', `kms-${purpose}`);
      expect(key.spec.enableKeyRotation, purpose).toBe(true);
      expect(key.spec.keySpec).toBe('SYMMETRIC_DEFAULT');
      expect(key.spec.keyUsage).toBe('ENCRYPT_DECRYPT');
      expect(key.spec.multiRegion, purpose).toBe(MULTI_REGION.includes(purpose));
      expect(key.metadata.annotations!['kms.services.k8s.aws/pending-window-in-days']).toBe('30');
      expect(key.metadata.annotations!['services.k8s.aws/deletion-policy']).toBe('retain');
      const alias = aliases.find((a) => a.metadata.name === `kms-alias-${purpose}`)!;
      expect(alias.spec).toEqual({ name: `alias/mycomputer/${name}/${purpose}`, targetKeyRef: { from: { name: `kms-${purpose}` } } });
    }
  });

  it.each(ENVIRONMENT_NAMES)('%s: every key policy lets the account root administer the key', (name) => {
    // GIVEN the environment's account WHEN each key policy is parsed
    const { accountId } = loadEnv(name).aws;
    for (const purpose of PURPOSES) {
      const policy = JSON.parse(findObject(name, 'Key', `kms-${purpose}`).spec.policy);
      // THEN its first statement is the root administration statement of that account
      expect(policy.Version).toBe('2012-10-17');
      expect(policy.Statement[0]).toEqual({
        Sid: 'EnableRootAccountAdministration',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${accountId}:root` },
        Action: 'kms:*',
        Resource: '*',
      });
    }
  });

  it('production: only the logs key lets CloudWatch Logs use it, for this account\'s log groups', () => {
    // GIVEN production's key policies
    const statements = (purpose: string) => JSON.parse(findObject('production', 'Key', `kms-${purpose}`).spec.policy).Statement;

    // THEN the logs key has the CloudWatch Logs statement of eu-west-1 and account 111111111111
    expect(statements('logs')[1]).toEqual({
      Sid: 'AllowCloudWatchLogs',
      Effect: 'Allow',
      Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
      // the guide's Encrypt*, Decrypt*, ReEncrypt*, GenerateDataKey* spelled out; no Describe* (never granted under the context condition)
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncryptFrom', 'kms:ReEncryptTo', 'kms:GenerateDataKey', 'kms:GenerateDataKeyWithoutPlaintext', 'kms:GenerateDataKeyPair', 'kms:GenerateDataKeyPairWithoutPlaintext'],
      Resource: '*',
      Condition: { StringLike: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:eu-west-1:111111111111:log-group:*' } },
    });
    // AND no other key grants anything beyond the root statement
    for (const purpose of PURPOSES.filter((p) => p !== 'logs')) expect(statements(purpose), purpose).toHaveLength(1);
  });

  it('development keys name the development account, not production\'s', () => {
    const policy = findObject('development', 'Key', 'kms-rds').spec.policy as string;
    expect(policy).toContain('arn:aws:iam::333333333333:root');
    expect(policy).not.toContain('111111111111');
  });
});
