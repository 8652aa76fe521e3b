import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { findSecretValues as findByMaintainedRules } from '../../charts/lib/secret-values';
import { SECRET_VALUES_CHECK } from '../../charts/pipeline/checks/secret-values';
import { ENVIRONMENT_NAMES, ENVIRONMENTS_DIR, loadEnv, manifestValidator, synthesized } from '../support/estate';

/** What a secret value looks like; none may appear in git. */
const SECRET_VALUE_PATTERNS: Record<string, RegExp> = {
  'AWS access key id': /\b(?:AKIA|ASIA|AGPA|AIDA|AROA|ANPA)[0-9A-Z]{16}\b/,
  'AWS secret access key': /aws_?secret_?access_?key["']?\s*[:=]\s*["']?[A-Za-z0-9/+=]{40}/i,
  'private key': /-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----/,
  'password value': /\b(?:password|passwd|pwd)["']?\s*[:=]\s*["']?[^\s"'{}[\],]{3,}/i,
  'Stripe secret key': /\b(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{8,}/,
  'Stripe webhook secret': /\bwhsec_[0-9A-Za-z]{8,}/,
  'JSON web token': /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]+/,
};

/** Object keys whose string value would be a secret itself (a reference object is fine). */
const SECRET_FIELDS = /^(?:password|secretString|secretKey|secretAccessKey|.*Password)$/i;

/** Every problem found in a value: a string matching a pattern, or a secret field set to a string. */
function findSecretValues(value: unknown, where = ''): string[] {
  if (typeof value === 'string') {
    return Object.entries(SECRET_VALUE_PATTERNS)
      .filter(([, pattern]) => pattern.test(value))
      .map(([what]) => `${where}: looks like a ${what}`);
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => findSecretValues(item, `${where}[${index}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, child]) => [
      ...findSecretValues(key, `${where}/${key} (key)`),
      ...(SECRET_FIELDS.test(key) && typeof child === 'string' ? [`${where}/${key}: a secret field holds a literal string`] : []),
      ...findSecretValues(child, `${where}/${key}`),
    ]);
  }
  return [];
}

describe('no secret value anywhere in git', () => {
  it.each(ENVIRONMENT_NAMES)('%s: no synthesized string looks like a secret value', (env) => {
    // GIVEN every synthesized object of the environment
    const objects = synthesized(env);
    expect(objects.length).toBeGreaterThan(0);

    // WHEN every string (keys, values, embedded JSON documents) is scanned
    const found = objects.flatMap(({ file, object }) => findSecretValues(object, `${env}/${file}`));

    // THEN nothing looks like a key, password, token or Stripe secret
    expect(found).toEqual([]);
  });

  it('no environment data file holds a secret value', () => {
    const files = fs.readdirSync(ENVIRONMENTS_DIR, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(3);
    const found = files.flatMap((file) => findSecretValues(fs.readFileSync(path.join(ENVIRONMENTS_DIR, file), 'utf8'), file));
    expect(found).toEqual([]);
  });
});

describe("secretlint's recommended rules, as synth and the environment checks run them", () => {
  it.each(ENVIRONMENT_NAMES)('%s: find nothing in the estate (no false positive on ARNs, placeholder ids, hostnames)', (env) => {
    const objects = synthesized(env);
    expect(objects.length).toBeGreaterThan(0);
    expect(objects.flatMap(({ file, object }) => findByMaintainedRules(object, `${env}/${file}`))).toEqual([]);
  });

  it('find nothing in the environment files', () => {
    const files = fs.readdirSync(ENVIRONMENTS_DIR, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(3);
    expect(files.flatMap((file) => findByMaintainedRules(parse(fs.readFileSync(path.join(ENVIRONMENTS_DIR, file), 'utf8')), file))).toEqual([]);
  });

  const fake = (...parts: string[]) => parts.join('');
  it.each([
    ['a Stripe live key', fake('sk_', 'live_', '51HxYzAbCdEfGhIjKlMnOpQr'), 'STRIPE_SECRET_KEY_LIVE (stripe)'],
    ['an AWS access key id', fake('AKIA', 'QWERTYUIOPASDFGH'), 'AWSAccessKeyID (aws)'],
    ['a PostgreSQL URL with a password', fake('postgres://app:', 'S3cr3tPassw0rd', '@db.internal:5432/app'), 'PostgreSQLConnection (database-connection-string)'],
    ['a URL with a short placeholder password', fake('postgres://u', ':p@h'), 'a password in a URL'],
    ['a GitHub token', fake('ghp_', 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'), 'GITHUB_TOKEN (github)'],
    ['a private key', fake('-----BEGIN RSA ', 'PRIVATE KEY-----\n', 'MIIEpAIBAAKCAQEA'.repeat(8), '\n-----END RSA ', 'PRIVATE KEY-----'), 'PrivateKey (privatekey)'],
  ])('flag %s under a harmless key, naming its path', (_, value, what) => {
    expect(findByMaintainedRules({ spec: { env: [{ name: 'HARMLESS', value }] } })).toContainEqual({ keyPath: 'spec.env[0].value', what });
  });

  it('are what the synth checks run on every synthesized object, naming environment, file, object and path', () => {
    // GIVEN a synthesized object that carries a secret value under a harmless name
    const env = loadEnv('staging');
    const [first] = synthesized('staging');
    const leaked = { ...first, object: { ...first.object, metadata: { ...(first.object.metadata as object), annotations: { note: fake('sk_', 'live_', '51HxYzAbCdEfGhIjKlMnOpQr') } } } };
    const name = (first.object.metadata as { name: string }).name;

    // WHEN the synth checks run, THEN they name where it is
    expect(SECRET_VALUES_CHECK.run({ env, objects: [leaked], validator: manifestValidator() })).toContainEqual(
      `staging/${first.file}: ${String(first.object.kind)} ${name}: metadata.annotations.note: looks like a secret value (STRIPE_SECRET_KEY_LIVE (stripe)); no secret may be in git`,
    );
    expect(SECRET_VALUES_CHECK.run({ env, objects: [first], validator: manifestValidator() }).filter((line) => line.includes('secret value'))).toEqual([]);
  });
});

describe('the detector itself (so the scan can fail)', () => {
  // Fake values assembled at run time, so that this file does not itself look like a leak.
  const fake = (...parts: string[]) => parts.join('');
  it.each([
    ['AWS access key id', fake('AKIA', 'ABCDEFGHIJKLMNOP')],
    ['private key', fake('-----BEGIN RSA ', 'PRIVATE KEY-----')],
    ['password value', fake('password', ': hunter22')],
    ['Stripe secret key', fake('sk_', 'live_', '51HxYzAbCdEf')],
    ['Stripe webhook secret', fake('whsec_', 'AbCdEf123456')],
    ['JSON web token', fake('eyJhbGciOiJIUzI1NiJ9', '.', 'eyJzdWIiOiIxMjM0NTYifQ', '.', 'c2lnbmF0dXJl')],
  ])('flags a %s', (what, value) => {
    expect(findSecretValues({ spec: { env: [{ value }] } }, 'x')).toEqual([`x/spec/env[0]/value: looks like a ${what}`]);
  });

  it('flags a secret field set to a literal, not a reference to one', () => {
    expect(findSecretValues({ secretString: 'x' }, 'o')).toEqual(['o/secretString: a secret field holds a literal string']);
    expect(findSecretValues({ masterUserPassword: { name: 'db', key: 'password' } }, 'o')).toEqual([]);
  });

  it('does not flag secret names, ARN patterns or references', () => {
    const harmless = {
      name: 'mycomputer/production/stripe/secret-key',
      arn: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:mycomputer/production/stripe/webhook-??????',
      manageMasterUserPassword: true,
      description: 'Stripe webhook endpoint signing secret of the payments service',
    };
    expect(findSecretValues(harmless, 'o')).toEqual([]);
  });
});
