import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENVIRONMENT_NAMES, ENVIRONMENTS_DIR, synthesized } from '../support/estate';

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
