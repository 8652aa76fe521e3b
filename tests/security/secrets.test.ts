import { App, Chart } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { Secret } from '../../charts/constructs/secret';
import { environmentSecretsArnPattern, secretArnPattern, secretName } from '../../charts/lib/arns';
import { ENVIRONMENT_NAMES, kindsOf, loadEnv, manifestValidator, readTags, synthesized } from '../support/estate';

/** Catalogue key → [AWS name suffix, Application, Team]. */
const SECRETS: [string, string, string, string][] = [
  ['api-keys', 'api-keys', 'platform', 'backend'],
  ['customers-database', 'database/customers', 'customer-base', 'backend'],
  ['inventory-database', 'database/inventory', 'inventory', 'backend'],
  ['jwt-signing-key', 'jwt-signing-key', 'customer-base', 'backend'],
  ['locations-database', 'database/locations', 'locations', 'backend'],
  ['payments-database', 'database/payments', 'payments', 'backend'],
  ['stripe-secret-key', 'stripe/secret-key', 'payments', 'backend'],
  ['stripe-webhook-secret', 'stripe/webhook', 'payments', 'backend'],
];

/** The DR region replica follows environments/<env>/environment.yaml secrets.replicateToDrRegion. */
const REPLICAS = { development: undefined, staging: [{ region: 'eu-central-1' }], production: [{ region: 'eu-central-1' }] } as const;

const secrets = (env: string) => kindsOf(env, 'Secret', 'secretsmanager.services.k8s.aws');

describe('Secrets Manager secrets (database credentials, API keys, Stripe, JWT)', () => {
  it.each(ENVIRONMENT_NAMES)('%s: one secret per catalogue entry, named mycomputer/<env>/<name>', (env) => {
    expect(secrets(env).map((s) => [s.metadata.name, s.spec.name])).toEqual(SECRETS.map(([key, name]) => [`secret-${key}`, `mycomputer/${env}/${name}`]));
  });

  it.each(ENVIRONMENT_NAMES)('%s: no value in git, encrypted with the secrets key, described', (env) => {
    for (const secret of secrets(env)) {
      // THEN the spec holds nothing but identity, description, key, tags (and replicas)
      expect(Object.keys(secret.spec).sort(), secret.spec.name).toEqual(
        ['description', 'kmsKeyRef', 'name', 'tags', ...(REPLICAS[env] ? ['replicaRegions'] : [])].sort(),
      );
      expect(secret.spec.secretString, secret.spec.name).toBeUndefined();
      expect(secret.spec.kmsKeyRef, secret.spec.name).toEqual({ from: { name: 'kms-secrets' } });
      expect(secret.spec.description, secret.spec.name).toBe(loadEnv(env).catalogue.secrets[secret.metadata.name.replace('secret-', '')].description);
    }
  });

  it.each(ENVIRONMENT_NAMES)('%s: replicated to the DR region exactly where the environment asks for it', (env) => {
    expect(loadEnv(env).secrets.replicateToDrRegion).toBe(REPLICAS[env] !== undefined);
    for (const secret of secrets(env)) expect(secret.spec.replicaRegions, secret.spec.name).toEqual(REPLICAS[env]);
  });

  it.each(ENVIRONMENT_NAMES)('%s: the 90-day rotation is recorded on every secret (ACK has no rotation field)', (env) => {
    expect(loadEnv(env).secrets.rotationDays).toBe(90);
    for (const secret of secrets(env)) expect(secret.metadata.annotations?.['platform.mycomputer.com/rotation-days'], secret.spec.name).toBe('90');
  });

  it.each(ENVIRONMENT_NAMES)('%s: owned by the secret\'s application and team, retained on deletion', (env) => {
    for (const secret of secrets(env)) {
      const [, , application, team] = SECRETS.find(([key]) => `secret-${key}` === secret.metadata.name)!;
      expect([readTags(secret).Application, readTags(secret).Team], secret.spec.name).toEqual([application, team]);
      expect(secret.metadata.annotations?.['services.k8s.aws/deletion-policy'], secret.spec.name).toBe('retain');
    }
  });

  it.each(ENVIRONMENT_NAMES)('%s: every object of secrets.yaml validates against its CRD', (env) => {
    const objects = synthesized(env).filter((s) => s.file === 'secrets.yaml');
    expect(objects).toHaveLength(SECRETS.length);
    expect(objects.flatMap((s) => manifestValidator().validate(s.object))).toEqual([]);
  });
});

describe('secret names and ARNs shared with IAM and ECS (charts/lib/arns.ts)', () => {
  it('builds the name and the ARN pattern matching exactly one secret\'s random suffix', () => {
    const production = loadEnv('production');
    expect(secretName(production, 'stripe-secret-key')).toBe('mycomputer/production/stripe/secret-key');
    expect(secretArnPattern(production, 'stripe-secret-key')).toBe('arn:aws:secretsmanager:eu-west-1:111111111111:secret:mycomputer/production/stripe/secret-key-??????');
    expect(environmentSecretsArnPattern(loadEnv('staging'))).toBe('arn:aws:secretsmanager:eu-west-1:222222222222:secret:mycomputer/staging/*');
  });

  it('names the unknown catalogue key', () => {
    expect(() => secretName(loadEnv('development'), 'nope')).toThrow(/secretName: no secret "nope" in environments\/catalogue.yaml/);
  });
});

describe('Secret construct', () => {
  const build = (props: Partial<ConstructorParameters<typeof Secret>[2]>) =>
    new Secret(new Chart(new App(), 'c'), 's', { name: 's', secretName: 'mycomputer/x/y', description: 'd', kmsKeyName: 'kms-secrets', rotationDays: 90, ...props });

  it('rejects a name ending like the ARN suffix ("-" and six characters)', () => {
    expect(() => build({ secretName: 'mycomputer/x/webhook-secret' })).toThrow('Secret s: secretName must not end with "-" and six characters (read as the ARN suffix), got "mycomputer/x/webhook-secret"');
  });

  it('rejects a rotation period Secrets Manager does not accept', () => {
    expect(() => build({ rotationDays: 0 })).toThrow('Secret s: rotationDays must be an integer 1-1000 (Secrets Manager\'s range), got 0');
  });
});
